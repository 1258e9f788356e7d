/** The executor: runs a plan node by node, through a table of runners keyed by node kind. Each operator lives in ./operators/. */
import { diag } from '../diagnostics/catalog.js';
import { KqlError } from '../diagnostics/diagnostic.js';
import type { PlanNode } from '../plan/nodes.js';
import { Table } from '../table/table.js';
import { runExternal } from './operators/external.js';
import { runFilter, runProject, runSample, runTake } from './operators/basic.js';
import { runGraphMatch, runGraphToTable } from './operators/graph.js';
import { runJoin } from './operators/join.js';
import { runMakeSeries } from './operators/make-series.js';
import { runMvApply } from './operators/mv-apply.js';
import { runMvExpand } from './operators/mv-expand.js';
import { runParse } from './operators/parse.js';
import { runPartition } from './operators/partition.js';
import { runParseKv } from './operators/parse-kv.js';
import { runBagUnpack, runIpLookup, runPivot, runSequenceDetect } from './operators/plugins.js';
import { runRange } from './operators/range.js';
import { runScan } from './operators/scan.js';
import { runSort } from './operators/sort.js';
import { runWindow } from './operators/window.js';
import { runSummarize } from './operators/summarize.js';
import { runTopNested } from './operators/top-nested.js';
import { runUnion } from './operators/union.js';
import type { RunState } from './state.js';

type NodeOf<K extends PlanNode['kind']> = Extract<PlanNode, { kind: K }>;

/** Node kinds whose table comes from running the node below them (`input`; a join's left side). */
type StageKind =
  | 'Filter' | 'Project' | 'Take' | 'Sample' | 'Sort' | 'Window' | 'Summarize' | 'TopNested' | 'Partition' | 'MvExpand' | 'MvApply' | 'Parse'
  | 'ParseKv' | 'ScanSteps' | 'MakeSeries' | 'Pivot' | 'SequenceDetect' | 'BagUnpack' | 'IpLookup' | 'Join' | 'Cache';
type SourceKind = Exclude<PlanNode['kind'], StageKind>;

/** How one source kind runs, given the run state; a new node kind does not compile until it has one. */
type Runner<K extends PlanNode['kind']> = (node: NodeOf<K>, state: RunState) => Table;
/** How one stage kind runs over the table its input produced. */
type StageRunner<K extends StageKind> = (node: NodeOf<K>, input: Table, state: RunState) => Table;

const SOURCES: { readonly [K in SourceKind]: Runner<K> } = {
  Scan: (node, state) => {
    const t = state.tables(node.table);
    if (t) return t.withStringNulls(state.stringNulls);
    if (node.optional) return Table.empty(node.schema);
    throw new KqlError(diag.missingTable(node.table, node.span));
  },
  External: runExternal,
  Input: (node, state) => {
    const t = state.inputs?.get(node.id);
    if (!t) throw new Error(`no input table for subquery ${node.id}`);
    // The plan's schema names the columns; the supplied table holds them in order.
    return new Table(node.schema, t.columns, t.rowCount);
  },
  Values: (node, state) => node.table.withStringNulls(state.stringNulls),
  Range: runRange,
  // Only a plan's root: as one table it is its first result (the engine runs them all).
  Results: (node, state) => (node.results[0] ? runPlan(node.results[0].plan, state) : Table.empty(node.schema)),
  Union: (node, state) => runUnion(node, node.inputs.map((i) => runPlan(i, state)), state),
  GraphMatch: (node, state) => runGraphMatch(node, state, runPlan),
  GraphToTable: (node, state) => runGraphToTable(node, state, runPlan),
  MakeGraph: () => {
    // The binder lets a graph reach only graph-match and graph-to-table, which build it themselves.
    throw new Error('a make-graph plan is not a table');
  },
};

const STAGES: { readonly [K in StageKind]: StageRunner<K> } = {
  Cache: (node, input, state) => {
    state.cache.set(node.id, input);
    return input;
  },
  Filter: (node, input, state) => runFilter(node, input, state, runPlan),
  Project: (node, input, state) => runProject(node, input, state, runPlan),
  Take: (node, input, state) => runTake(node, input, state, runPlan),
  Sample: (node, input, state) => runSample(node, input, state, runPlan),
  Sort: (node, input, state) => runSort(node, input, state, runPlan),
  Window: (node, input, state) => runWindow(node, input, state, runPlan),
  Summarize: (node, input, state) => runSummarize(node, input, state, runPlan),
  TopNested: (node, input, state) => runTopNested(node, input, state, runPlan),
  Partition: (node, input, state) => runPartition(node, input, state, runPlan),
  MvExpand: (node, input, state) => runMvExpand(node, input, state, runPlan),
  MvApply: (node, input, state) => runMvApply(node, input, state, runPlan),
  Parse: (node, input, state) => runParse(node, input, state, runPlan),
  ParseKv: (node, input, state) => runParseKv(node, input, state, runPlan),
  ScanSteps: (node, input, state) => runScan(node, input, state, runPlan),
  MakeSeries: (node, input, state) => runMakeSeries(node, input, state, runPlan),
  Pivot: (node, input, state) => runPivot(node, input, state, runPlan),
  SequenceDetect: (node, input, state) => runSequenceDetect(node, input, state, runPlan),
  BagUnpack: (node, input, state) => runBagUnpack(node, input, state),
  IpLookup: (node, input, state) => runIpLookup(node, input, runPlan(node.lookup, state), state),
  Join: (node, input, state) => runJoin(node, input, runPlan(node.right, state), state),
};

function isStage(node: PlanNode): node is NodeOf<StageKind> {
  return node.kind in STAGES;
}

function pipedInput(node: NodeOf<StageKind>): PlanNode {
  return node.kind === 'Join' ? node.left : node.input;
}

/**
 * Runs a plan. A query of many `|` stages is a chain of nodes as long as the query, so the chain is
 * walked with a loop down to its source and run back up stage by stage, never by one recursion per stage.
 */
export function runPlan(node: PlanNode, state: RunState): Table {
  const stages: NodeOf<StageKind>[] = [];
  let source = node;
  let table: Table | undefined;
  while (isStage(source)) {
    if (source.kind === 'Cache' && (table = state.cache.get(source.id)) !== undefined) break;
    stages.push(source);
    source = pipedInput(source);
  }
  table ??= (SOURCES[source.kind as SourceKind] as (n: PlanNode, s: RunState) => Table)(source, state);
  for (let i = stages.length - 1; i >= 0; i--) {
    const stage = stages[i]!;
    table = (STAGES[stage.kind] as (n: PlanNode, t: Table, s: RunState) => Table)(stage, table, state);
  }
  return table;
}

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
import { runSummarize } from './operators/summarize.js';
import { runTopNested } from './operators/top-nested.js';
import { runUnion } from './operators/union.js';
import type { RunState } from './state.js';

type NodeOf<K extends PlanNode['kind']> = Extract<PlanNode, { kind: K }>;
/** How one node kind runs, given the run state; a new node kind does not compile until it has one. */
type Runner<K extends PlanNode['kind']> = (node: NodeOf<K>, state: RunState) => Table;

const RUNNERS: { readonly [K in PlanNode['kind']]: Runner<K> } = {
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
  Cache: (node, state) => {
    let t = state.cache.get(node.id);
    if (!t) {
      t = runPlan(node.input, state);
      state.cache.set(node.id, t);
    }
    return t;
  },
  // Only a plan's root: as one table it is its first result (the engine runs them all).
  Results: (node, state) => (node.results[0] ? runPlan(node.results[0].plan, state) : Table.empty(node.schema)),
  Filter: (node, state) => runFilter(node, runPlan(node.input, state), state, runPlan),
  Project: (node, state) => runProject(node, runPlan(node.input, state), state, runPlan),
  Take: (node, state) => runTake(node, runPlan(node.input, state), state, runPlan),
  Sample: (node, state) => runSample(node, runPlan(node.input, state), state, runPlan),
  Sort: (node, state) => runSort(node, runPlan(node.input, state), state, runPlan),
  Summarize: (node, state) => runSummarize(node, runPlan(node.input, state), state, runPlan),
  TopNested: (node, state) => runTopNested(node, runPlan(node.input, state), state, runPlan),
  Partition: (node, state) => runPartition(node, runPlan(node.input, state), state, runPlan),
  MvExpand: (node, state) => runMvExpand(node, runPlan(node.input, state), state, runPlan),
  MvApply: (node, state) => runMvApply(node, runPlan(node.input, state), state, runPlan),
  Parse: (node, state) => runParse(node, runPlan(node.input, state), state, runPlan),
  ParseKv: (node, state) => runParseKv(node, runPlan(node.input, state), state, runPlan),
  ScanSteps: (node, state) => runScan(node, runPlan(node.input, state), state, runPlan),
  MakeSeries: (node, state) => runMakeSeries(node, runPlan(node.input, state), state, runPlan),
  Pivot: (node, state) => runPivot(node, runPlan(node.input, state), state, runPlan),
  SequenceDetect: (node, state) => runSequenceDetect(node, runPlan(node.input, state), state, runPlan),
  BagUnpack: (node, state) => runBagUnpack(node, runPlan(node.input, state), state),
  IpLookup: (node, state) => runIpLookup(node, runPlan(node.input, state), runPlan(node.lookup, state), state),
  Union: (node, state) => runUnion(node, node.inputs.map((i) => runPlan(i, state)), state),
  Join: (node, state) => runJoin(node, runPlan(node.left, state), runPlan(node.right, state), state),
  GraphMatch: (node, state) => runGraphMatch(node, state, runPlan),
  GraphToTable: (node, state) => runGraphToTable(node, state, runPlan),
  MakeGraph: () => {
    // The binder lets a graph reach only graph-match and graph-to-table, which build it themselves.
    throw new Error('a make-graph plan is not a table');
  },
};

export function runPlan(node: PlanNode, state: RunState): Table {
  return (RUNNERS[node.kind] as (n: PlanNode, s: RunState) => Table)(node, state);
}

/** The executor: runs a plan node by node. Each operator lives in ./operators/. */
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

/** A plan node whose table comes from running the node below it (`input`; a join's left side). */
type Stage = Exclude<PlanNode, { kind: 'Scan' | 'External' | 'Input' | 'Values' | 'Range' | 'Results' | 'Union' | 'GraphMatch' | 'GraphToTable' | 'MakeGraph' }>;

function pipedInput(node: PlanNode): PlanNode | undefined {
  if (node.kind === 'Join') return node.left;
  return 'input' in node ? node.input : undefined;
}

/**
 * Runs a plan. A query of many `|` stages is a chain of nodes as long as the query, so the chain is
 * walked with a loop down to its source and run back up stage by stage, never by one recursion per stage.
 */
export function runPlan(node: PlanNode, state: RunState): Table {
  const stages: Stage[] = [];
  let source = node;
  for (let below = pipedInput(source); below !== undefined; below = pipedInput(source)) {
    if (source.kind === 'Cache' && state.cache.has(source.id)) break;
    stages.push(source as Stage);
    source = below;
  }
  let table = runSource(source, state);
  for (let i = stages.length - 1; i >= 0; i--) table = runStage(stages[i]!, table, state);
  return table;
}

/** A node that is not a stage of a chain: a source, or a cached result already computed. */
function runSource(node: PlanNode, state: RunState): Table {
  switch (node.kind) {
    case 'Scan': {
      const t = state.tables(node.table);
      if (t) return t;
      if (node.optional) return Table.empty(node.schema);
      throw new KqlError(diag.missingTable(node.table, node.span));
    }
    case 'External':
      return runExternal(node, state);
    case 'Input': {
      const t = state.inputs?.get(node.id);
      if (!t) throw new Error(`no input table for subquery ${node.id}`);
      // The plan's schema names the columns; the supplied table holds them in order.
      return new Table(node.schema, t.columns, t.rowCount);
    }
    case 'Values':
      return node.table;
    case 'Range':
      return runRange(node, state);
    case 'Results':
      // Only a plan's root: as one table it is its first result (the engine runs them all).
      return node.results[0] ? runPlan(node.results[0].plan, state) : Table.empty(node.schema);
    case 'Union':
      return runUnion(node, node.inputs.map((i) => runPlan(i, state)));
    case 'GraphMatch':
      return runGraphMatch(node, state, runPlan);
    case 'GraphToTable':
      return runGraphToTable(node, state, runPlan);
    case 'MakeGraph':
      // The binder lets a graph reach only graph-match and graph-to-table, which build it themselves.
      throw new Error('a make-graph plan is not a table');
    case 'Cache':
      return state.cache.get(node.id)!;
    default:
      throw new Error(`plan node ${node.kind} has an input`);
  }
}

/** One stage over the table its input produced. */
function runStage(node: Stage, input: Table, state: RunState): Table {
  switch (node.kind) {
    case 'MvApply':
      return runMvApply(node, input, state, runPlan);
    case 'BagUnpack':
      return runBagUnpack(node, input);
    case 'MakeSeries':
      return runMakeSeries(node, input, state, runPlan);
    case 'IpLookup':
      return runIpLookup(node, input, runPlan(node.lookup, state), state);
    case 'Pivot':
      return runPivot(node, input, state, runPlan);
    case 'SequenceDetect':
      return runSequenceDetect(node, input, state, runPlan);
    case 'Filter':
      return runFilter(node, input, state, runPlan);
    case 'Project':
      return runProject(node, input, state, runPlan);
    case 'Take':
      return runTake(node, input, state, runPlan);
    case 'Partition':
      return runPartition(node, input, state, runPlan);
    case 'Sample':
      return runSample(node, input, state, runPlan);
    case 'Sort':
      return runSort(node, input, state, runPlan);
    case 'Summarize':
      return runSummarize(node, input, state, runPlan);
    case 'TopNested':
      return runTopNested(node, input, state, runPlan);
    case 'Join':
      return runJoin(node, input, runPlan(node.right, state), state.limits);
    case 'MvExpand':
      return runMvExpand(node, input, state, runPlan);
    case 'Parse':
      return runParse(node, input, state, runPlan);
    case 'ParseKv':
      return runParseKv(node, input, state, runPlan);
    case 'ScanSteps':
      return runScan(node, input, state, runPlan);
    case 'Cache':
      state.cache.set(node.id, input);
      return input;
  }
}

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
import { runWindow } from './operators/window.js';
import { runSummarize } from './operators/summarize.js';
import { runTopNested } from './operators/top-nested.js';
import { runUnion } from './operators/union.js';
import type { RunState } from './state.js';

export function runPlan(node: PlanNode, state: RunState): Table {
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
    case 'MvApply':
      return runMvApply(node, runPlan(node.input, state), state, runPlan);
    case 'BagUnpack':
      return runBagUnpack(node, runPlan(node.input, state));
    case 'MakeSeries':
      return runMakeSeries(node, runPlan(node.input, state), state, runPlan);
    case 'IpLookup':
      return runIpLookup(node, runPlan(node.input, state), runPlan(node.lookup, state), state);
    case 'Pivot':
      return runPivot(node, runPlan(node.input, state), state, runPlan);
    case 'SequenceDetect':
      return runSequenceDetect(node, runPlan(node.input, state), state, runPlan);
    case 'Values':
      return node.table;
    case 'Range':
      return runRange(node, state);
    case 'Filter':
      return runFilter(node, runPlan(node.input, state), state, runPlan);
    case 'Project':
      return runProject(node, runPlan(node.input, state), state, runPlan);
    case 'Take':
      return runTake(node, runPlan(node.input, state), state, runPlan);
    case 'Partition':
      return runPartition(node, runPlan(node.input, state), state, runPlan);
    case 'Sample':
      return runSample(node, runPlan(node.input, state), state, runPlan);
    case 'Results':
      // Only a plan's root: as one table it is its first result (the engine runs them all).
      return node.results[0] ? runPlan(node.results[0].plan, state) : Table.empty(node.schema);
    case 'Sort':
      return runSort(node, runPlan(node.input, state), state, runPlan);
    case 'Window':
      return runWindow(node, runPlan(node.input, state), state, runPlan);
    case 'Summarize':
      return runSummarize(node, runPlan(node.input, state), state, runPlan);
    case 'TopNested':
      return runTopNested(node, runPlan(node.input, state), state, runPlan);
    case 'Union':
      return runUnion(node, node.inputs.map((i) => runPlan(i, state)));
    case 'Join':
      return runJoin(node, runPlan(node.left, state), runPlan(node.right, state));
    case 'MvExpand':
      return runMvExpand(node, runPlan(node.input, state), state, runPlan);
    case 'Parse':
      return runParse(node, runPlan(node.input, state), state, runPlan);
    case 'ParseKv':
      return runParseKv(node, runPlan(node.input, state), state, runPlan);
    case 'ScanSteps':
      return runScan(node, runPlan(node.input, state), state, runPlan);
    case 'GraphMatch':
      return runGraphMatch(node, state, runPlan);
    case 'GraphToTable':
      return runGraphToTable(node, state, runPlan);
    case 'MakeGraph':
      // The binder lets a graph reach only graph-match and graph-to-table, which build it themselves.
      throw new Error('a make-graph plan is not a table');
    case 'Cache': {
      let t = state.cache.get(node.id);
      if (!t) {
        t = runPlan(node.input, state);
        state.cache.set(node.id, t);
      }
      return t;
    }
  }
}

/** Dispatch: one binder per query operator, each returning the operator's plan node. */
import { diag } from '../../diagnostics/catalog.js';
import type { PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import { Table } from '../../table/table.js';
import { bindExpr, exprEnv } from '../bind-expr.js';
import { bindLambdaScope } from '../bind-expr.js';
import { bindUnion } from '../union.js';
import type { BindContext } from '../context.js';
import type { Scope } from '../scope.js';
import { bindExtend, bindProject, bindProjectAway, bindProjectKeep, bindProjectRename, bindProjectReorder } from './columns.js';
import { bindEvaluate } from './evaluate.js';
import { bindJoin, bindLookup } from './join.js';
import { bindMakeSeries } from './make-series.js';
import { bindMvApply } from './mv-apply.js';
import { bindMvExpand } from './mv-expand.js';
import { bindFacet, bindFork } from './fork.js';
import { bindGraphMatch, bindGraphToTable, bindMakeGraph, GRAPH_READERS } from './graph.js';
import { bindPartition } from './partition.js';
import { bindSample, bindSampleDistinct, bindSort, bindTake, bindTop, bindTopHitters } from './order.js';
import { bindParse } from './parse.js';
import { bindScan } from './scan.js';
import { bindSearch } from './search.js';
import { bindParseKv } from './parse-kv.js';
import { bindCount, bindDistinct, bindSummarize } from './summarize.js';
import { bindTopNested } from './top-nested.js';
import { bindBin } from './bin.js';
import { bindDedup } from './dedup.js';
import { bindFields } from './fields.js';
import { bindReplaceNull } from './replace-null.js';
import { bindTag } from './tag.js';
import { bindWindowComp } from './window-comp.js';
import { bindXqlJoin } from './xql-join.js';
import { bindXqlTop } from './xql-top.js';

export function bindOperator(op: A.Operator, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  if (input.kind === 'MakeGraph' && !GRAPH_READERS.has(op.kind)) {
    ctx.report(diag.misplacedOperator('make-graph', 'before this operator: its graph is read only by graph-match or graph-to-table', op.keywordSpan));
    return ctx.errorPlan();
  }
  switch (op.kind) {
    case 'Where': {
      const predicate = bindExpr(op.predicate, exprEnv(input.schema, scope, ctx));
      if (ctx.isError(predicate)) return input;
      if (predicate.type !== 'bool' && predicate.type !== 'dynamic') {
        ctx.report(diag.typeMismatch(`the where predicate must be bool, not ${predicate.type}`, op.predicate.span));
        return input;
      }
      return { kind: 'Filter', input, predicate, schema: input.schema, span: op.span };
    }
    case 'Extend':
      return bindExtend(op.columns, input, scope, ctx, op.span);
    case 'Serialize':
      return op.columns.length ? bindExtend(op.columns, input, scope, ctx, op.span) : input;
    case 'Project':
      return bindProject(op, input, scope, ctx);
    case 'ProjectAway':
      return bindProjectAway(op, input, ctx);
    case 'ProjectKeep':
      return bindProjectKeep(op, input, ctx);
    case 'ProjectRename':
      return bindProjectRename(op, input, ctx);
    case 'ProjectReorder':
      return bindProjectReorder(op, input, ctx);
    case 'Summarize':
      return bindSummarize(op, input, scope, ctx);
    case 'Count':
      return bindCount(op, input, ctx);
    case 'Distinct':
      return bindDistinct(op, input, scope, ctx);
    case 'Sort':
      return bindSort(op, input, scope, ctx);
    case 'Take':
      return bindTake(op, input, scope, ctx);
    case 'Top':
      return bindTop(op, input, scope, ctx);
    case 'TopNested':
      return bindTopNested(op, input, scope, ctx);
    case 'UnionOp':
      return bindUnion(op.union, [input], scope, ctx);
    case 'SearchOp':
      return bindSearch(op.search, input, scope, ctx);
    case 'Join':
      return bindJoin(op, input, scope, ctx);
    case 'Lookup':
      return bindLookup(op, input, scope, ctx);
    case 'MvExpand':
      return bindMvExpand(op, input, scope, ctx);
    case 'MvApply':
      return bindMvApply(op, input, scope, ctx);
    case 'MakeSeries':
      return bindMakeSeries(op, input, scope, ctx);
    case 'Parse':
      return bindParse(op, input, scope, ctx);
    case 'ParseKv':
      return bindParseKv(op, input, scope, ctx);
    case 'As':
      return input;
    case 'GetSchema': {
      const schema = [
        { name: 'ColumnName', type: 'string' as const },
        { name: 'ColumnOrdinal', type: 'int' as const },
        { name: 'DataType', type: 'string' as const },
        { name: 'ColumnType', type: 'string' as const },
      ];
      const rows = input.schema.map((c, i) => [c.name, i, DOTNET_TYPES[c.type], c.type]);
      return { kind: 'Values', table: Table.fromRows(schema, rows), schema, span: op.span };
    }
    case 'Invoke': {
      const f = scope.lookup(op.call.name);
      if (f?.kind !== 'function') {
        ctx.report(diag.unknownFunction(op.call.name, scope.namesOf('function'), op.call.nameSpan));
        return ctx.errorPlan();
      }
      const first = f.lambda.params[0];
      if (!first) {
        ctx.report(diag.invalidArgument(`function '${op.call.name}' takes no table to invoke on`, op.call.span));
        return ctx.errorPlan();
      }
      // invoke passes the pipe's input as the first (tabular) parameter.
      const innerScope = new (scope.constructor as new (p?: Scope) => Scope)(scope);
      innerScope.define('$invoke_input', { kind: 'tabular', plan: input });
      const call: A.Call = {
        ...op.call,
        args: [{ kind: 'Name', name: '$invoke_input', span: op.call.span }, ...op.call.args],
        argNames: [undefined, ...op.call.argNames],
      };
      const lambdaScope = bindLambdaScope(call, f.lambda, f.scope, exprEnv([], innerScope, ctx));
      if (!lambdaScope) return ctx.errorPlan();
      const last = f.lambda.body.statements[f.lambda.body.statements.length - 1];
      return last?.kind === 'ExprStatement' ? ctx.bindTabular(last.expr, lambdaScope) : ctx.errorPlan();
    }
    case 'Evaluate':
      return bindEvaluate(op, input, scope, ctx);
    case 'Render':
      return bindRender(op, input, ctx);
    case 'Partition':
      return bindPartition(op, input, scope, ctx);
    case 'TopHitters':
      return bindTopHitters(op, input, scope, ctx);
    case 'Sample':
      return bindSample(op, input, scope, ctx);
    case 'SampleDistinct':
      return bindSampleDistinct(op, input, scope, ctx);
    case 'Scan':
      return bindScan(op, input, scope, ctx);
    case 'Fork':
    case 'Facet':
      if (ctx.queryEnd !== op) {
        ctx.report(diag.misplacedOperator(op.kind.toLowerCase(), 'here: its results are several tables, so it must end the query', op.keywordSpan));
        return ctx.errorPlan();
      }
      return op.kind === 'Fork' ? bindFork(op, input, scope, ctx) : bindFacet(op, input, scope, ctx);
    case 'MakeGraph':
      return bindMakeGraph(op, input, scope, ctx);
    case 'GraphMatch':
      return bindGraphMatch(op, input, scope, ctx);
    case 'GraphToTable':
      return bindGraphToTable(op, input, ctx);
    case 'Unsupported':
      ctx.report(diag.unsupportedOperator(op.name, op.keywordSpan));
      return ctx.errorPlan();
    // XQL's own stages (the KQL front end never produces them)
    case 'Fields':
      return bindFields(op, input, ctx);
    case 'Dedup':
      return bindDedup(op, input, scope, ctx);
    case 'XqlJoin':
      return bindXqlJoin(op, input, scope, ctx);
    case 'Bin':
      return bindBin(op, input, ctx);
    case 'ReplaceNull':
      return bindReplaceNull(op, input, scope, ctx);
    case 'WindowComp':
      return bindWindowComp(op, input, scope, ctx);
    case 'XqlTop':
      return bindXqlTop(op, input, ctx);
    case 'Tag':
      return bindTag(op, input);
    case 'Transaction':
      ctx.report(diag.unsupportedStage('transaction', 'does not run it yet', op.keywordSpan));
      return ctx.errorPlan();
  }
}

/** The .NET type names getschema reports in its DataType column. */
const DOTNET_TYPES: Record<string, string> = {
  bool: 'System.SByte', int: 'System.Int32', long: 'System.Int64', real: 'System.Double', decimal: 'System.Data.SqlTypes.SqlDecimal',
  string: 'System.String', datetime: 'System.DateTime', timespan: 'System.TimeSpan', guid: 'System.Guid', dynamic: 'System.Object',
};

/** The visualizations the render page lists. */
const VISUALIZATIONS = new Set([
  'anomalychart', 'areachart', 'barchart', 'card', 'columnchart', 'graph', 'ladderchart', 'linechart', 'piechart',
  'pivotchart', 'plotly', 'scatterchart', 'stackedareachart', 'table', 'timechart', 'timepivot', 'treemap',
]);

/** render changes no data: it must end the query and name a known visualization, and passes its input through. */
function bindRender(op: A.Render, input: PlanNode, ctx: BindContext): PlanNode {
  if (ctx.queryEnd !== op) ctx.report(diag.misplacedOperator('render', 'here: it must be the last operator of the query', op.keywordSpan));
  else if (!VISUALIZATIONS.has(op.visualization)) ctx.report(diag.invalidArgument(`unknown visualization '${op.visualization}'`, op.span));
  return input;
}

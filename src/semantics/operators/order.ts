/**
 * Row choice and order: sort/order, top, top-hitters, take/limit, sample, sample-distinct. Kusto sorts descending by
 * default; nulls go first ascending, last descending.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { PlanNode, SortSpec } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import { bindExpr, convertTo, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import { expressionName } from '../naming.js';
import type { Scope } from '../scope.js';
import { bindDistinct, bindSummarize } from './summarize.js';

function sortSpec(k: A.SortKey, input: PlanNode, scope: Scope, ctx: BindContext): SortSpec {
  const expr = bindExpr(k.expr, exprEnv(input.schema, scope, ctx));
  const nullsFirst = k.nulls === undefined ? !k.descending : k.nulls === 'first';
  return { expr, descending: k.descending, nullsFirst };
}

export function bindSort(op: A.Sort, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const keys = op.keys.map((k) => sortSpec(k, input, scope, ctx));
  return { kind: 'Sort', input, keys, schema: input.schema, span: op.span };
}

function countExpr(e: A.Expr, scope: Scope, ctx: BindContext) {
  const count = bindExpr(e, exprEnv([], scope, ctx));
  if (!ctx.isError(count) && !(count.type === 'int' || count.type === 'long' || count.type === 'real')) {
    ctx.report(diag.typeMismatch(`the row count must be a number, not ${count.type}`, e.span));
  }
  return convertTo(count, 'long');
}

export function bindTake(op: A.Take, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  return { kind: 'Take', input, count: countExpr(op.count, scope, ctx), schema: input.schema, span: op.span };
}

export function bindTop(op: A.Top, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const sorted: PlanNode = { kind: 'Sort', input, keys: [sortSpec(op.key, input, scope, ctx)], schema: input.schema, span: op.span };
  return { kind: 'Take', input: sorted, count: countExpr(op.count, scope, ctx), schema: input.schema, span: op.span };
}

export function bindSample(op: A.Sample, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  return { kind: 'Sample', input, count: countExpr(op.count, scope, ctx), schema: input.schema, span: op.span };
}

/** `sample-distinct N of C` is `distinct C | sample N`. */
export function bindSampleDistinct(op: A.SampleDistinct, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const distinct = bindDistinct({ kind: 'Distinct', columns: [op.column], all: false, span: op.span, keywordSpan: op.keywordSpan }, input, scope, ctx);
  return { kind: 'Sample', input: distinct, count: countExpr(op.count, scope, ctx), schema: distinct.schema, span: op.span };
}

/**
 * top-hitters is, as its page says, `summarize S = sum(by) by of | top N by S desc` (`count()` without
 * `by`), its column named `approximate_sum_<by>` or `approximate_count_<of>`. kqlx counts exactly; the
 * page's Count-Min sketch is an approximation of the same numbers.
 */
export function bindTopHitters(op: A.TopHitters, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const count = bindExpr(op.count, exprEnv([], scope, ctx));
  if (!ctx.isError(count) && count.type !== 'int' && count.type !== 'long') {
    ctx.report(diag.typeMismatch(`the number of values must be an integer, not ${count.type}`, op.count.span));
    return input;
  }
  const span = op.span;
  const call = (name: string, args: A.Expr[]): A.Call => ({ kind: 'Call', name, nameSpan: span, args, argNames: args.map(() => undefined), span });
  // The official binder types the sum as the summed column (int stays int, where sum() gives long).
  const by = op.by ? bindExpr(op.by, exprEnv(input.schema, scope, ctx)) : undefined;
  if (by && ctx.isError(by)) return ctx.errorPlan();
  const byType = by?.type;
  const aggregate = !op.by ? call('count', []) : byType === 'int' ? call('toint', [call('sum', [op.by])]) : call('sum', [op.by]);
  const name = op.by ? `approximate_sum_${expressionName(op.by) ?? ''}` : `approximate_count_${op.of.name}`;
  const summarized = bindSummarize({
    kind: 'Summarize', params: [], aggregates: [{ names: [name], expr: aggregate, span }], by: [{ names: [], expr: op.of, span: op.of.span }],
    span, keywordSpan: op.keywordSpan,
  }, input, scope, ctx);
  const key: A.SortKey = { expr: { kind: 'Name', name, span }, descending: true, span };
  return bindTop({ kind: 'Top', count: op.count, key, span, keywordSpan: op.keywordSpan }, summarized, scope, ctx);
}

/**
 * mv-apply: the subquery sees a table of the row's other columns (repeated), the expanded items and
 * the item index. The output is the row's other columns, in place, each taken from the subquery's
 * result when it has that column, then the subquery's remaining columns: the official binder's shape.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import { bindExpr, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import { expressionName } from '../naming.js';
import type { Scope } from '../scope.js';
import { bindSubquery } from './subquery.js';

export function bindMvApply(op: A.MvApply, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const env = exprEnv(input.schema, scope, ctx);
  const subSchema: ColumnSchema[] = [];
  const expansions: { expr: ReturnType<typeof bindExpr>; toType: ColumnSchema['type'] }[] = [];
  const removed = new Set<number>();
  for (const c of op.columns) {
    const expr = bindExpr(c.assignment.expr, env);
    if (ctx.isError(expr)) return ctx.errorPlan();
    const name = c.assignment.names[0] ?? expressionName(c.assignment.expr);
    if (!name) {
      ctx.report(diag.invalidArgument('mv-apply needs a column name or name = expression', c.assignment.span));
      return ctx.errorPlan();
    }
    if (expr.kind === 'Column' && input.schema[expr.index]!.name === name) removed.add(expr.index);
    const toType = c.toType ?? 'dynamic';
    subSchema.push({ name, type: toType });
    expansions.push({ expr, toType });
  }
  const indexName = op.params.find((p) => p.name === 'with_itemindex')?.value;
  if (typeof indexName === 'string') subSchema.push({ name: indexName, type: 'long' });
  let limit: number | undefined;
  if (op.limit) {
    const l = bindExpr(op.limit, exprEnv([], scope, ctx));
    if (l.kind === 'Const' && typeof l.value === 'number') limit = l.value;
    else ctx.report(diag.constantRequired('the mv-apply limit', op.limit.span));
  }
  const keep = input.schema.map((_, i) => i).filter((i) => !removed.has(i) && !subSchema.some((c) => c.name === input.schema[i]!.name));
  const inputId = ctx.nextCacheId();
  const items: PlanNode = { kind: 'Input', id: inputId, schema: [...keep.map((i) => input.schema[i]!), ...subSchema], span: op.span };
  const subquery = bindSubquery(op.subquery, items, scope, ctx);
  const fromSubquery = keep.map((i) => subquery.schema.findIndex((c) => c.name === input.schema[i]!.name));
  const rest = subquery.schema.map((_, j) => j).filter((j) => !fromSubquery.includes(j));
  const schema = [
    ...keep.map((i, k) => (fromSubquery[k]! >= 0 ? subquery.schema[fromSubquery[k]!]! : input.schema[i]!)),
    ...rest.map((j) => subquery.schema[j]!),
  ];
  return {
    kind: 'MvApply', input, expansions, itemIndex: typeof indexName === 'string', limit, inputId, subquery, keep, fromSubquery, rest,
    schema, span: op.span,
  };
}

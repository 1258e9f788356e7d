/**
 * mv-apply: the subquery sees a table of the expanded items (and the item index); its result is
 * joined back to the row's other columns. An expanded column reference leaves the output, and a
 * name the subquery produces replaces the input column of that name, as the official binder has it.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import { bindExpr } from '../bind-expr.js';
import { errorPlan, exprEnv } from '../bind-tabular.js';
import type { BindContext } from '../context.js';
import { expressionName } from '../naming.js';
import type { Scope } from '../scope.js';
import { bindOperator } from './index.js';

export function bindMvApply(op: A.MvApply, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const env = exprEnv(input.schema, scope, ctx);
  const subSchema: ColumnSchema[] = [];
  const expansions: { expr: ReturnType<typeof bindExpr>; toType: ColumnSchema['type'] }[] = [];
  const removed = new Set<number>();
  for (const c of op.columns) {
    const expr = bindExpr(c.assignment.expr, env);
    if (ctx.isError(expr)) return errorPlan();
    const name = c.assignment.names[0] ?? expressionName(c.assignment.expr);
    if (!name) {
      ctx.report(diag.invalidArgument('mv-apply needs a column name or name = expression', c.assignment.span));
      return errorPlan();
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
  const inputId = ctx.nextCacheId();
  let subquery: PlanNode = { kind: 'Input', id: inputId, schema: subSchema, span: op.span };
  for (const sub of op.subquery) subquery = bindOperator(sub, subquery, scope, ctx);
  const produced = new Set(subquery.schema.map((c) => c.name));
  const keep = input.schema.map((_, i) => i).filter((i) => !removed.has(i) && !produced.has(input.schema[i]!.name));
  const schema = [...keep.map((i) => input.schema[i]!), ...subquery.schema];
  return { kind: 'MvApply', input, expansions, itemIndex: typeof indexName === 'string', limit, inputId, subquery, keep, schema, span: op.span };
}

/**
 * mv-expand: one output row per element of a dynamic array (or per property of a bag). Several
 * columns expand in step; the shorter ones are padded with null. `to typeof(T)` converts the elements.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { MvExpandNode, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import { bindExpr, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import { expressionName } from '../naming.js';
import type { Scope } from '../scope.js';

export function bindMvExpand(op: A.MvExpand, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const env = exprEnv(input.schema, scope, ctx);
  const schema: ColumnSchema[] = [...input.schema];
  const expansions: MvExpandNode['expansions'][number][] = [];
  for (const c of op.columns) {
    const expr = bindExpr(c.assignment.expr, env);
    if (ctx.isError(expr)) return ctx.errorPlan();
    const name = c.assignment.names[0] ?? expressionName(c.assignment.expr);
    if (!name) {
      ctx.report(diag.invalidArgument('mv-expand needs a column name or name = expression', c.assignment.span));
      return ctx.errorPlan();
    }
    const toType = c.toType ?? 'dynamic';
    let outIndex = schema.findIndex((s) => s.name === name);
    if (outIndex < 0) {
      outIndex = schema.length;
      schema.push({ name, type: toType });
    } else schema[outIndex] = { name, type: toType };
    expansions.push({ expr, outIndex, toType });
  }
  const bagParam = op.params.find((p) => p.name === 'bagexpansion' || p.name === 'kind')?.value;
  const bagExpansion = bagParam === 'array' ? 'array' : 'bag';
  const indexName = op.params.find((p) => p.name === 'with_itemindex')?.value;
  let itemIndex: number | undefined;
  if (typeof indexName === 'string') {
    itemIndex = schema.length;
    schema.push({ name: indexName, type: 'long' });
  }
  let limit: number | undefined = op.legacy ? 128 : undefined;
  if (op.limit) {
    const l = bindExpr(op.limit, exprEnv([], scope, ctx));
    if (l.kind !== 'Const' || typeof l.value !== 'number') ctx.report(diag.constantRequired('the mv-expand limit', op.limit.span));
    else limit = l.value;
  }
  const expanded = new Set(expansions.map((x) => x.outIndex));
  const passThrough = input.schema.flatMap((_, i) => (expanded.has(i) ? [] : [{ outIndex: i, inIndex: i }]));
  return { kind: 'MvExpand', input, expansions, bagExpansion, itemIndex, limit, passThrough, schema, span: op.span };
}

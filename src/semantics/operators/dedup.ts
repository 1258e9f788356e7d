/**
 * XQL's dedup: one row per distinct combination of the listed fields (numbers or strings, as its page
 * says); with `by asc f` the row with the smallest f, with `by desc f` the largest, else the first row.
 * Rows keep their fields and order: a group's row stands where the group first appeared.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { NamedExpr, PlanExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import { isNumeric } from '../../types/scalar-type.js';
import { bindExpr, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import type { Scope } from '../scope.js';

export function bindDedup(op: A.Dedup, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const schema = input.schema;
  const env = exprEnv(schema, scope, ctx);
  const keyIndexes: number[] = [];
  for (const c of op.columns) {
    const i = schema.findIndex((s) => s.name === c.name);
    if (i < 0) {
      ctx.report(diag.unknownColumn(c.name, schema.map((s) => s.name), c.span));
      return ctx.errorPlan();
    }
    const t = schema[i]!.type;
    if (t !== 'string' && !isNumeric(t)) {
      ctx.report(diag.typeMismatch(`dedup compares numbers or strings; '${c.name}' is ${t}`, c.span));
      return ctx.errorPlan();
    }
    keyIndexes.push(i);
  }
  const by: PlanExpr = op.by ? bindExpr(op.by.expr, env) : { kind: 'Const', value: true, type: 'bool' };
  if (ctx.isError(by)) return ctx.errorPlan();
  const column = (index: number): PlanExpr => ({ kind: 'Column', index, type: schema[index]!.type });
  const others = schema.map((_, i) => i).filter((i) => !keyIndexes.includes(i));
  const keys: NamedExpr[] = keyIndexes.map((i) => ({ name: schema[i]!.name, expr: column(i) }));
  const picked: NamedExpr[] = others.map((i) => ({ name: schema[i]!.name, expr: column(i) }));
  // The group row is [keys..., the picked row's other fields...]; the output restores the input's order.
  const groupIndex = (i: number) => (keyIndexes.includes(i) ? keyIndexes.indexOf(i) : keyIndexes.length + others.indexOf(i));
  const outputs: NamedExpr[] = schema.map((c, i) => ({ name: c.name, expr: { kind: 'Column', index: groupIndex(i), type: c.type } }));
  return {
    kind: 'Summarize', input, keys, aggregates: [],
    extremes: [{ which: op.by ? (op.by.descending ? 'max' : 'min') : 'any', by, columns: picked }],
    outputs, schema, span: op.span,
  };
}

/** XQL's replacenull: `replacenull f = "text"` puts the text where f is null (converted to f's type when f is not text). */
import { diag } from '../../diagnostics/catalog.js';
import type { NamedExpr, PlanExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import { bindExpr, convertTo, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import type { Scope } from '../scope.js';

export function bindReplaceNull(op: A.ReplaceNull, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const schema = input.schema;
  const index = schema.findIndex((c) => c.name === op.column.name);
  if (index < 0) {
    ctx.report(diag.unknownColumn(op.column.name, schema.map((c) => c.name), op.column.span));
    return ctx.errorPlan();
  }
  const value = bindExpr(op.value, exprEnv(schema, scope, ctx));
  if (ctx.isError(value)) return ctx.errorPlan();
  const type = schema[index]!.type;
  const replacement = convertTo(value, type);
  const columns: NamedExpr[] = schema.map((c, i) => {
    const col: PlanExpr = { kind: 'Column', index: i, type: c.type };
    if (i !== index) return { name: c.name, expr: col };
    return { name: c.name, expr: { kind: 'Apply', name: 'replacenull', notation: 'function', impl: (a) => a[0] ?? a[1] ?? null, args: [col, replacement], type } };
  });
  return { kind: 'Project', input, columns, schema, span: op.span };
}

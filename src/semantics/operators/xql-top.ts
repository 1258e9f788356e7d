/**
 * XQL's top: `top [n] f, g [top_count as c] [top_percent as p]` — the most frequent combinations of
 * the fields, most frequent first, with how many rows have each (`top_count`) and their share of all
 * rows in percent (`top_percent`); n defaults to 10. Its `by` form is refused: how it groups the
 * counts is not documented where kqlx could read it.
 */
import { diag } from '../../diagnostics/catalog.js';
import { isBindError } from '../../functions/types.js';
import type { NamedExpr, PlanExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { BindContext } from '../context.js';

const DEFAULT_COUNT = 10;

function countOf(input: PlanNode, keys: NamedExpr[], name: string, span: A.XqlTop['span'], ctx: BindContext): PlanNode {
  const binding = ctx.dialect.functions.aggregate('count')!.bind([]);
  if (isBindError(binding)) throw new Error(binding.error);
  const outputs: NamedExpr[] = [
    ...keys.map((k, index): NamedExpr => ({ name: k.name, expr: { kind: 'Column', index, type: k.expr.type } })),
    { name, expr: { kind: 'Column', index: keys.length, type: 'long' } },
  ];
  return {
    kind: 'Summarize', input, keys, aggregates: [{ name, fn: 'count', binding, args: [] }], extremes: [], outputs,
    schema: outputs.map((o) => ({ name: o.name, type: o.expr.type })), span,
  };
}

export function bindXqlTop(op: A.XqlTop, input: PlanNode, ctx: BindContext): PlanNode {
  if (op.by.length > 0) {
    ctx.report(diag.unsupportedFeature("top ... by: how it groups the counts is not documented", op.by[0]!.span));
    return ctx.errorPlan();
  }
  const schema = input.schema;
  const keys: NamedExpr[] = [];
  for (const f of op.fields) {
    const index = schema.findIndex((c) => c.name === f.name);
    if (index < 0) {
      ctx.report(diag.unknownColumn(f.name, schema.map((c) => c.name), f.span));
      return ctx.errorPlan();
    }
    keys.push({ name: f.name, expr: { kind: 'Column', index, type: schema[index]!.type } });
  }
  const countName = op.countAlias ?? 'top_count';
  const percentName = op.percentAlias ?? 'top_percent';
  const counted = countOf(input, keys, countName, op.span, ctx);
  const countColumn: PlanExpr = { kind: 'Column', index: keys.length, type: 'long' };
  const sorted: PlanNode = { kind: 'Sort', input: counted, keys: [{ expr: countColumn, descending: true, nullsFirst: false }], schema: counted.schema, span: op.span };
  const taken: PlanNode = { kind: 'Take', input: sorted, count: { kind: 'Const', value: op.count ?? DEFAULT_COUNT, type: 'long' }, schema: counted.schema, span: op.span };
  const total: PlanExpr = { kind: 'Scalar', plan: countOf(input, [], 'total', op.span, ctx), type: 'long' };
  const columns: NamedExpr[] = [
    ...counted.schema.map((c, index): NamedExpr => ({ name: c.name, expr: { kind: 'Column', index, type: c.type } })),
    {
      name: percentName,
      expr: { kind: 'Apply', name: 'top_percent', notation: 'function', impl: (a) => (typeof a[0] === 'number' && typeof a[1] === 'number' && a[1] > 0 ? (a[0] * 100) / a[1] : null), args: [countColumn, total], type: 'real' },
    },
  ];
  return { kind: 'Project', input: taken, columns, schema: columns.map((c) => ({ name: c.name, type: c.expr.type })), span: op.span };
}

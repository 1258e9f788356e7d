/** mv-apply: per input row, a table of its expanded items, the subquery over it, and the row's kept columns beside each result. */
import type { MvApplyNode, PlanNode } from '../../plan/nodes.js';
import { ColumnBuilder, columnFromValues } from '../../table/column.js';
import { Table } from '../../table/table.js';
import { castDynamic, convert } from '../../types/convert.js';
import { type Dynamic, isPlainObject, type Value } from '../../types/value.js';
import { compileExpr, type PlanRunner } from '../compile.js';
import type { RunState } from '../state.js';

function items(v: Value): Dynamic[] {
  if (Array.isArray(v)) return v as Dynamic[];
  if (isPlainObject(v)) return Object.entries(v).map(([k, x]) => ({ [k]: x }));
  return [v as Dynamic];
}

export function runMvApply(node: MvApplyNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const fns = node.expansions.map((x) => compileExpr(x.expr, input, state, runPlan));
  const out = node.schema.map((c) => new ColumnBuilder(c.type));
  const subSchema = (node.subquery as PlanNode).schema;
  const keepCount = node.keep.length;
  for (let r = 0; r < input.rowCount; r++) {
    const lists = fns.map((f, i) => items(convert(f(r), node.expansions[i]!.expr.type, 'dynamic')));
    let count = Math.max(0, ...lists.map((l) => l.length));
    if (node.limit !== undefined) count = Math.min(count, node.limit);
    const columns = lists.map((l, i) =>
      columnFromValues(node.expansions[i]!.toType, Array.from({ length: count }, (_, k) => castDynamic((l[k] ?? null) as Value, node.expansions[i]!.toType))),
    );
    if (node.itemIndex) columns.push(columnFromValues('long', Array.from({ length: count }, (_, k) => k)));
    const sub = new Table(inputSchema(node), columns, count);
    const inputs = new Map(state.inputs ?? []);
    inputs.set(node.inputId, sub);
    // Subquery results (toscalar inside the subquery) depend on the row: a fresh map per row.
    const result = runPlan(node.subquery, { ...state, inputs, subqueries: new Map() });
    for (let k = 0; k < result.rowCount; k++) {
      node.keep.forEach((c, i) => out[i]!.push(input.columns[c]!.get(r)));
      subSchema.forEach((_, j) => out[keepCount + j]!.push(result.columns[j]!.get(k)));
    }
  }
  return new Table(node.schema, out.map((b) => b.finish()));
}

function inputSchema(node: MvApplyNode) {
  const schema = node.expansions.map((x, i) => ({ name: `#${i}`, type: x.toType }));
  return node.itemIndex ? [...schema, { name: '#index', type: 'long' as const }] : schema;
}

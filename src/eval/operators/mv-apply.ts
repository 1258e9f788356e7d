/** mv-apply: per input row, a table of its expanded items, the subquery over it, and the row's kept columns beside each result. */
import type { MvApplyNode } from '../../plan/nodes.js';
import { type Column, ColumnBuilder, columnFromValues, ConstColumn } from '../../table/column.js';
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
  const out = node.schema.map((c) => new ColumnBuilder(c.type, state.stringNulls));
  const keepCount = node.keep.length;
  for (let r = 0; r < input.rowCount; r++) {
    const lists = fns.map((f, i) => items(convert(f(r), node.expansions[i]!.expr.type, 'dynamic')));
    let count = Math.max(0, ...lists.map((l) => l.length));
    if (node.limit !== undefined) count = Math.min(count, node.limit);
    // The subquery's input: the row's other columns, repeated, then the items (and their index).
    const columns = node.keep.map((c) => new ConstColumn(input.schema[c]!.type, input.columns[c]!.get(r), count) as Column);
    lists.forEach((l, i) => {
      const t = node.expansions[i]!.toType;
      columns.push(columnFromValues(t, Array.from({ length: count }, (_, k) => castDynamic((l[k] ?? null) as Value, t)), state.stringNulls));
    });
    if (node.itemIndex) columns.push(columnFromValues('long', Array.from({ length: count }, (_, k) => k), state.stringNulls));
    const inputs = new Map(state.inputs ?? []);
    inputs.set(node.inputId, new Table(columns.map((c, i) => ({ name: `#${i}`, type: c.type })), columns, count));
    // Subquery results (toscalar inside the subquery) depend on the row: a fresh map per row.
    const result = runPlan(node.subquery, { ...state, inputs, subqueries: new Map() });
    for (let k = 0; k < result.rowCount; k++) {
      node.keep.forEach((c, i) => {
        const j = node.fromSubquery[i]!;
        out[i]!.push(j >= 0 ? result.columns[j]!.get(k) : input.columns[c]!.get(r));
      });
      node.rest.forEach((j, i) => out[keepCount + i]!.push(result.columns[j]!.get(k)));
    }
  }
  return new Table(node.schema, out.map((b) => b.finish()));
}

/**
 * mv-expand: each input row becomes as many rows as its longest expanded array (bags expand to one
 * row per property: `{key: value}` by default, `[key, value]` with bagexpansion=array). As documented,
 * an empty array or bag yields no rows, a null yields one row holding null, and any other value
 * expands to itself. `to typeof(T)` casts: elements that are not of type T become null.
 */
import type { MvExpandNode } from '../../plan/nodes.js';
import { type Column, columnFromValues, gather } from '../../table/column.js';
import { Table } from '../../table/table.js';
import { castDynamic, convert } from '../../types/convert.js';
import { type Dynamic, isPlainObject, type Value } from '../../types/value.js';
import { compileExpr, type PlanRunner } from '../compile.js';
import { RowBudget } from '../limits.js';
import type { RunState } from '../state.js';

function elements(v: Value, bagExpansion: 'bag' | 'array'): Dynamic[] {
  if (Array.isArray(v)) return v as Dynamic[];
  if (isPlainObject(v)) return Object.entries(v).map(([k, x]) => (bagExpansion === 'bag' ? { [k]: x } : [k, x]));
  return [v as Dynamic];
}

export function runMvExpand(node: MvExpandNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const fns = node.expansions.map((x) => compileExpr(x.expr, input, state, runPlan));
  const rows: number[] = [];
  const expanded: Value[][] = node.expansions.map(() => []);
  const itemIndexes: number[] = [];
  const budget = new RowBudget(state.limits, 'mv-expand', node.schema.length, node.span);
  for (let r = 0; r < input.rowCount; r++) {
    const lists = fns.map((f, i) => elements(convert(f(r), node.expansions[i]!.expr.type, 'dynamic'), node.bagExpansion));
    let count = Math.max(0, ...lists.map((l) => l.length));
    if (node.limit !== undefined) count = Math.min(count, node.limit);
    budget.check(rows.length + count);
    for (let k = 0; k < count; k++) {
      rows.push(r);
      itemIndexes.push(k);
      lists.forEach((l, i) => {
        const toType = node.expansions[i]!.toType;
        const v = (l[k] ?? null) as Value;
        expanded[i]!.push(castDynamic(v, toType));
      });
    }
  }
  const idx = Uint32Array.from(rows);
  const columns: Column[] = new Array(node.schema.length);
  const composed = new Map<Uint32Array, Uint32Array>();
  for (const p of node.passThrough) columns[p.outIndex] = gather(input.columns[p.inIndex]!, idx, composed);
  node.expansions.forEach((x, i) => (columns[x.outIndex] = columnFromValues(x.toType, expanded[i]!, state.stringNulls)));
  if (node.itemIndex !== undefined) columns[node.itemIndex] = columnFromValues('long', itemIndexes, state.stringNulls);
  return new Table(node.schema, columns, rows.length);
}

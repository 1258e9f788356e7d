/** sort: a stable sort of row indexes over precomputed key values. */
import type { SortNode } from '../../plan/nodes.js';
import type { Table } from '../../table/table.js';
import { compareValues } from '../../types/compare.js';
import type { Value } from '../../types/value.js';
import { compileExpr, type PlanRunner } from '../compile.js';
import type { RunState } from '../state.js';

export function runSort(node: SortNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const n = input.rowCount;
  const keys = node.keys.map((k) => {
    const f = compileExpr(k.expr, input, state, runPlan);
    const values = new Array<Value>(n);
    for (let i = 0; i < n; i++) values[i] = f(i);
    return { values, type: k.expr.type, dir: k.descending ? -1 : 1, nullsFirst: k.nullsFirst };
  });
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    for (const k of keys) {
      const x = k.values[a]!;
      const y = k.values[b]!;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === k.nullsFirst ? -1 : 1;
      }
      const c = compareValues(x, y, k.type);
      if (c !== 0) return c * k.dir;
    }
    return a - b;
  });
  return input.take(Uint32Array.from(order));
}

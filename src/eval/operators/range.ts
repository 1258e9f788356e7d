/** range x from a to b step s: inclusive of both ends, for numbers, datetimes and timespans. */
import type { RangeNode } from '../../plan/nodes.js';
import { columnFromValues } from '../../table/column.js';
import { Table } from '../../table/table.js';
import type { Value } from '../../types/value.js';
import { diag } from '../../diagnostics/catalog.js';
import { KqlError } from '../../diagnostics/diagnostic.js';
import { compileExpr } from '../compile.js';
import { RowBudget } from '../limits.js';
import type { RunState } from '../state.js';

export function runRange(node: RangeNode, state: RunState): Table {
  const none = new Table([], [], 1);
  const value = (e: RangeNode['from']) => compileExpr(e, none, state, () => none)(0);
  const from = value(node.from);
  const to = value(node.to);
  const step = value(node.step);
  const values: Value[] = [];
  const budget = new RowBudget(state.limits, 'range', 1, node.span);
  if (from !== null && to !== null && step !== null) {
    if (typeof from === 'bigint') {
      const s = step as bigint;
      if (s === 0n) throw new KqlError(diag.runtime('range step must not be zero', node.span));
      for (let v = from; s > 0n ? v <= (to as bigint) : v >= (to as bigint); v += s) {
        values.push(v);
        budget.check(values.length);
      }
    } else {
      const s = step as number;
      if (s === 0) throw new KqlError(diag.runtime('range step must not be zero', node.span));
      for (let v = from as number; s > 0 ? v <= (to as number) : v >= (to as number); v += s) {
        values.push(v);
        budget.check(values.length);
      }
    }
  }
  return new Table(node.schema, [columnFromValues(node.schema[0]!.type, values, state.stringNulls)], values.length);
}

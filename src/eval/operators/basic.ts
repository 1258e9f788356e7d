/** where, project/extend (both are a Project node), take. */
import { buildColumn } from '../../table/column.js';
import type { FilterNode, ProjectNode, TakeNode } from '../../plan/nodes.js';
import { Table } from '../../table/table.js';
import { compileExpr, type PlanRunner } from '../compile.js';
import type { RunState } from '../state.js';

export function runFilter(node: FilterNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const test = compileExpr(node.predicate, input, state, runPlan);
  const n = input.rowCount;
  const picked = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (test(i) === true) picked[k++] = i;
  if (k === n) return input;
  return input.take(picked.subarray(0, k));
}

export function runProject(node: ProjectNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const n = input.rowCount;
  const columns = node.columns.map((c) => {
    // A plain column reference reuses the column: no copy.
    if (c.expr.kind === 'Column') return input.columns[c.expr.index]!;
    const f = compileExpr(c.expr, input, state, runPlan);
    return buildColumn(c.expr.type, n, f);
  });
  return new Table(node.schema, columns, n);
}

export function runTake(node: TakeNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const count = compileExpr(node.count, input, state, runPlan)(0);
  const n = Math.max(0, Math.min(input.rowCount, typeof count === 'number' ? count : 0));
  if (n === input.rowCount) return input;
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return input.take(rows);
}

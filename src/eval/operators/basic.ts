/** where, project/extend (both are a Project node), take, sample. */
import { buildColumn } from '../../table/column.js';
import type { FilterNode, ProjectNode, SampleNode, TakeNode } from '../../plan/nodes.js';
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
    return buildColumn(c.expr.type, n, f, state.stringNulls);
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

/** Up to `count` rows, each subset of that size equally likely (Floyd's algorithm), kept in input order. */
export function runSample(node: SampleNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const count = compileExpr(node.count, input, state, runPlan)(0);
  const n = input.rowCount;
  const k = Math.max(0, Math.min(n, typeof count === 'number' ? count : 0));
  if (k === n) return input;
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = Math.floor(state.ctx.random() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return input.take(Uint32Array.from([...chosen].sort((a, b) => a - b)));
}

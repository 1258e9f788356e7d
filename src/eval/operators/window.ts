/**
 * windowcomp (XQL): each row gets a value computed from the rows of its partition, in the partition's
 * order. Rows stay where they are. Frames: `between a and b` counts rows around the current one
 * (null is unbounded), or with `range` measures a and b on the first order key. Without a frame, an
 * ordered partition's aggregates and first/last_value run from its first row to the current row; an
 * unordered one's over the whole partition.
 */
import type { Accumulator } from '../../functions/types.js';
import type { WindowNode } from '../../plan/nodes.js';
import { buildColumn } from '../../table/column.js';
import { Table } from '../../table/table.js';
import { compareValues } from '../../types/compare.js';
import type { Value } from '../../types/value.js';
import { compileExpr, type PlanRunner, type RowFn } from '../compile.js';
import type { RunState } from '../state.js';

function partitions(n: number, keyFns: readonly RowFn[]): number[][] {
  const groups = new Map<string, number[]>();
  for (let r = 0; r < n; r++) {
    const key = JSON.stringify(keyFns.map((f) => {
      const v = f(r);
      return typeof v === 'bigint' ? `${v}n` : v;
    }));
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(r);
  }
  return [...groups.values()];
}

export function runWindow(node: WindowNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const n = input.rowCount;
  const compile = (e: Parameters<typeof compileExpr>[0]) => compileExpr(e, input, state, runPlan);
  const keyFns = node.partition.map(compile);
  const orderKeys = node.order.map((k) => {
    const f = compile(k.expr);
    const values = Array.from({ length: n }, (_, i) => f(i));
    return { values, type: k.expr.type, dir: k.descending ? -1 : 1, nullsFirst: k.nullsFirst };
  });
  const compareRows = (a: number, b: number): number => {
    for (const k of orderKeys) {
      const x = k.values[a]!;
      const y = k.values[b]!;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === k.nullsFirst ? -1 : 1;
      }
      const c = compareValues(x, y, k.type);
      if (c !== 0) return c * k.dir;
    }
    return 0;
  };
  const out = new Array<Value>(n).fill(null);
  const fn = node.fn;
  const argFns = fn.kind === 'aggregate' ? fn.args.map(compile) : 'arg' in fn ? [compile(fn.arg)] : [];
  const argBuf = new Array<Value>(argFns.length);
  const ordered = orderKeys.length > 0;
  const aggregate = fn.kind === 'aggregate' ? fn.binding : undefined;
  for (const rows of partitions(n, keyFns)) {
    rows.sort((a, b) => compareRows(a, b) || a - b);
    const m = rows.length;
    if (fn.kind === 'row_number') {
      rows.forEach((r, i) => (out[r] = i + 1));
      continue;
    }
    if (fn.kind === 'rank') {
      let rank = 1;
      rows.forEach((r, i) => {
        if (i > 0 && compareRows(rows[i - 1]!, r) !== 0) rank = i + 1;
        out[r] = rank;
      });
      continue;
    }
    if (fn.kind === 'lag' || fn.kind === 'lead') {
      const step = fn.kind === 'lag' ? -fn.offset : fn.offset;
      rows.forEach((r, i) => {
        const j = i + step;
        out[r] = j >= 0 && j < m ? argFns[0]!(rows[j]!) : null;
      });
      continue;
    }
    // first_value, last_value and aggregates: over each row's frame [lo, hi] of partition positions.
    const frameOf = (i: number): [number, number] => {
      const frame = node.frame;
      if (!frame) return ordered ? [0, i] : [0, m - 1];
      if (!frame.range) {
        return [frame.from === null ? 0 : Math.max(0, i + frame.from), frame.to === null ? m - 1 : Math.min(m - 1, i + frame.to)];
      }
      const key = orderKeys[0]!;
      const at = (p: number) => Number(key.values[rows[p]!] as number | bigint);
      const here = at(i);
      let lo = i;
      let hi = i;
      const inRange = (p: number) => {
        const d = (at(p) - here) * key.dir;
        return (frame.from === null || d >= frame.from) && (frame.to === null || d <= frame.to);
      };
      while (lo > 0 && inRange(lo - 1)) lo--;
      while (hi < m - 1 && inRange(hi + 1)) hi++;
      return [lo, hi];
    };
    rows.forEach((r, i) => {
      const [lo, hi] = frameOf(i);
      if (lo > hi) return;
      if (fn.kind === 'first_value') out[r] = argFns[0]!(rows[lo]!);
      else if (fn.kind === 'last_value') out[r] = argFns[0]!(rows[hi]!);
      else if (aggregate) {
        const acc: Accumulator = aggregate.create();
        for (let p = lo; p <= hi; p++) {
          for (let a = 0; a < argFns.length; a++) argBuf[a] = argFns[a]!(rows[p]!);
          acc.add(argBuf);
        }
        out[r] = acc.result();
      }
    });
  }
  const column = buildColumn(node.schema.find((c) => c.name === node.name)!.type, n, (i) => out[i] ?? null, state.stringNulls);
  const at = input.schema.findIndex((c) => c.name === node.name);
  const columns = at >= 0 ? input.columns.map((c, i) => (i === at ? column : c)) : [...input.columns, column];
  return new Table(node.schema, columns, n);
}

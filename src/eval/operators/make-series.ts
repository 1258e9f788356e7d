/**
 * make-series: rows grouped by the by-keys; within a group, each row falls in bin
 * floor((axis - start) / step). Without `from`, a series starts at the bin (aligned as bin() aligns)
 * of its first value; without `to`, it ends with its last bin holding data. `to` itself is excluded;
 * with `in range(start, stop, step)` the bin holding stop is included.
 */
import type { Accumulator } from '../../functions/types.js';
import type { MakeSeriesNode } from '../../plan/nodes.js';
import { buildColumn, type Column, gather } from '../../table/column.js';
import { Table } from '../../table/table.js';
import { toDynamic } from '../../types/convert.js';
import type { Dynamic, Value } from '../../types/value.js';
import { compileExpr, type PlanRunner } from '../compile.js';
import { diag } from '../../diagnostics/catalog.js';
import { RowBudget } from '../limits.js';
import type { RunState } from '../state.js';
import { GroupIndex } from './summarize.js';

/**
 * Axis values are numbers (numeric axes) or bigint ticks (datetime and timespan axes). Arithmetic
 * happens relative to the series start, in the axis's own representation, so ticks stay exact.
 */
type AxisValue = number | bigint;
const less = (a: AxisValue, b: AxisValue) => a < b;
const minus = (a: AxisValue, b: AxisValue): number => (typeof a === 'bigint' ? Number(a - (b as bigint)) : a - (b as number));
const plus = (a: AxisValue, n: number): AxisValue => (typeof a === 'bigint' ? a + BigInt(Math.round(n)) : a + n);
/** floor(v / step) * step, for a bin start aligned as bin() aligns. */
const align = (v: AxisValue, step: number): AxisValue => {
  if (typeof v === 'bigint') {
    const s = BigInt(Math.round(step));
    const r = ((v % s) + s) % s;
    return v - r;
  }
  return Math.floor(v / step) * step;
};

/** The most points kqlx gives one series (as Kusto's series functions cap arrays at 1,048,576 elements). */
export const MAX_BINS = 1 << 20;

export function runMakeSeries(node: MakeSeriesNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const one = new Table([], [], 1);
  const constant = (e: MakeSeriesNode['step'] | undefined) => (e ? (compileExpr(e, one, state, runPlan)(0) as AxisValue | null) : null);
  const stepValue = constant(node.step);
  const step = stepValue === null ? null : Number(stepValue);
  const from = constant(node.from);
  const to = constant(node.to);
  const axis = compileExpr(node.axis, input, state, runPlan);
  const keyFns = node.keys.map((k) => compileExpr(k.expr, input, state, runPlan));
  const argFns = node.aggregates.map((a) => a.args.map((x) => compileExpr(x, input, state, runPlan)));

  const groups: { row: number; rows: number[] }[] = [];
  const index = new GroupIndex(node.keys.map((k) => k.expr.type));
  const keyBuf = new Array<Value>(keyFns.length);
  for (let r = 0; r < input.rowCount; r++) {
    keyFns.forEach((f, k) => (keyBuf[k] = f(r)));
    let g = keyFns.length === 0 ? (groups.length ? 0 : -1) : index.find(keyBuf);
    if (g < 0) {
      g = groups.length;
      groups.push({ row: r, rows: [] });
      if (keyFns.length > 0) index.add(keyBuf, g);
    }
    groups[g]!.rows.push(r);
  }

  const series: Dynamic[][] = node.aggregates.map(() => []);
  const axes: Dynamic[] = [];
  // Each point of each aggregate's series is a value held in memory, as a cell of a table would be.
  const points = new RowBudget(state.limits, 'make-series (points of all series)', Math.max(1, node.aggregates.length), node.span);
  let pointCount = 0;
  let truncated = false;
  const axisType = node.axis.type;
  for (const group of groups) {
    const values = group.rows.map((r) => axis(r) as AxisValue | null);
    const present = values.filter((v): v is AxisValue => v !== null);
    if (step === null || step <= 0 || (present.length === 0 && (from === null || to === null))) {
      node.aggregates.forEach((_, a) => series[a]!.push([]));
      axes.push([]);
      continue;
    }
    const first = present.reduce((m, v) => (less(v, m) ? v : m), present[0]!);
    const last = present.reduce((m, v) => (less(m, v) ? v : m), present[0]!);
    const start = from ?? align(first, step);
    let bins: number;
    if (to !== null) bins = node.inRange ? Math.floor(minus(to, start) / step) + 1 : Math.ceil(minus(to, start) / step);
    else bins = Math.floor(minus(last, start) / step) + 1;
    if (bins > MAX_BINS) truncated = true;
    bins = Math.max(0, Math.min(bins, MAX_BINS));
    points.check((pointCount += bins));
    const accs: (Accumulator | undefined)[][] = node.aggregates.map(() => new Array(bins));
    group.rows.forEach((r, i) => {
      const v = values[i];
      if (v === null || v === undefined) return;
      const b = Math.floor(minus(v, start) / step);
      if (b < 0 || b >= bins) return;
      node.aggregates.forEach((agg, a) => {
        const acc = (accs[a]![b] ??= agg.binding.create());
        acc.add(argFns[a]!.map((f) => f(r)));
      });
    });
    node.aggregates.forEach((agg, a) => {
      const out: Dynamic[] = [];
      for (let b = 0; b < bins; b++) out.push(toDynamic(accs[a]![b] ? accs[a]![b]!.result() : agg.default, agg.binding.type));
      series[a]!.push(out);
    });
    const binStarts: Dynamic[] = [];
    for (let b = 0; b < bins; b++) binStarts.push(toDynamic(plus(start, b * step), axisType));
    axes.push(binStarts);
  }

  const firstRows = Uint32Array.from(groups.map((g) => g.row));
  const columns: Column[] = [
    ...node.keys.map((_, k) => gather(buildColumn(node.keys[k]!.expr.type, input.rowCount, keyFns[k]!, state.stringNulls), firstRows)),
    ...series.map((s) => buildColumn('dynamic', groups.length, (g) => s[g]!, state.stringNulls)),
    buildColumn('dynamic', groups.length, (g) => axes[g]!, state.stringNulls),
  ];
  if (truncated) state.warnings.push(diag.truncated('make-series', `a series longer than ${MAX_BINS.toLocaleString('en-US')} points (the cap)`, node.span));
  return new Table(node.schema, columns, groups.length);
}

/**
 * summarize: rows are grouped by their key values (one hash map lookup per row); each group holds one
 * accumulator per aggregate and, for arg_max/arg_min, the index of its extreme row. The group row
 * [keys..., aggregates..., extreme outputs...] is then built column by column and the output
 * expressions are evaluated over it.
 */
import { buildColumn } from '../../table/column.js';
import type { Accumulator } from '../../functions/types.js';
import type { AggregateSpec, SummarizeNode } from '../../plan/nodes.js';
import type { Column, StringNulls } from '../../table/column.js';
import { Table } from '../../table/table.js';
import { compareValues } from '../../types/compare.js';
import type { ScalarType } from '../../types/scalar-type.js';
import type { Value } from '../../types/value.js';
import { compileExpr, type PlanRunner, type RowFn } from '../compile.js';
import type { RunState } from '../state.js';
import { dynamicToJson } from '../../types/json-text.js';

/** A Map key for one key value: primitives as themselves, dynamic objects and arrays by their JSON text. */
function mapKey(v: Value): unknown {
  return typeof v === 'object' && v !== null ? `\u0002${dynamicToJson(v)}` : v;
}

/** Likely few distinct values first: bins of time and numbers before free text. */
const CARDINALITY_RANK: Record<ScalarType, number> = {
  bool: 0, datetime: 1, timespan: 1, int: 2, long: 2, real: 3, decimal: 3, guid: 4, string: 4, dynamic: 5,
};

/**
 * Groups by one or more key values through nested Maps (one level per key), so a lookup allocates
 * nothing per row; the innermost level holds the group's index. Keys whose types usually have few
 * distinct values (a time bin) form the outer levels, so the inner Maps stay few.
 */
export class GroupIndex {
  private readonly root = new Map<unknown, unknown>();
  private readonly order: number[];

  constructor(types: readonly ScalarType[]) {
    this.order = types.map((_, i) => i).sort((a, b) => CARDINALITY_RANK[types[a]!] - CARDINALITY_RANK[types[b]!] || a - b);
  }

  /** The group of `keys`, or -1 when the combination is new (then `add` records it). */
  find(keys: Value[]): number {
    let level: Map<unknown, unknown> | undefined = this.root;
    for (let k = 0; k < this.order.length - 1 && level; k++) level = level.get(mapKey(keys[this.order[k]!]!)) as Map<unknown, unknown> | undefined;
    const found = level?.get(mapKey(keys[this.order[this.order.length - 1]!]!)) as number | undefined;
    return found ?? -1;
  }

  add(keys: Value[], group: number): void {
    let level = this.root;
    for (let k = 0; k < this.order.length - 1; k++) {
      const key = mapKey(keys[this.order[k]!]!);
      let next = level.get(key) as Map<unknown, unknown> | undefined;
      if (next === undefined) level.set(key, (next = new Map()));
      level = next;
    }
    level.set(mapKey(keys[this.order[this.order.length - 1]!]!), group);
  }
}

/** An operator's aggregates over one input: arguments compiled once, one set of accumulators per group. */
export class AggregateSet {
  private readonly argFns: RowFn[][];
  private readonly argBuffers: Value[][];

  constructor(private readonly specs: readonly AggregateSpec[], input: Table, state: RunState, runPlan: PlanRunner) {
    this.argFns = specs.map((a) => a.args.map((x) => compileExpr(x, input, state, runPlan)));
    this.argBuffers = specs.map((a) => new Array<Value>(a.args.length));
  }

  /** Empty accumulators for a new group. */
  create(): Accumulator[] {
    return this.specs.map((a) => a.binding.create());
  }

  /** Adds input row `row` to one group's accumulators. */
  add(accs: readonly Accumulator[], row: number): void {
    for (let a = 0; a < accs.length; a++) {
      const fns = this.argFns[a]!;
      const buf = this.argBuffers[a]!;
      for (let i = 0; i < fns.length; i++) buf[i] = fns[i]!(row);
      accs[a]!.add(buf);
    }
  }

  /** One column per aggregate: each group's result. */
  results(groups: readonly (readonly Accumulator[])[], strings: StringNulls): Column[] {
    return this.specs.map((a, i) => buildColumn(a.binding.type, groups.length, (g) => groups[g]![i]!.result(), strings));
  }
}

export function runSummarize(node: SummarizeNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const n = input.rowCount;
  const keyFns = node.keys.map((k) => compileExpr(k.expr, input, state, runPlan));
  const aggregates = new AggregateSet(node.aggregates, input, state, runPlan);
  const extremeFns = node.extremes.map((x) => compileExpr(x.by, input, state, runPlan));

  const groupIndex = new GroupIndex(node.keys.map((k) => k.expr.type));
  const firstRow: number[] = [];
  const accs: Accumulator[][] = [];
  const best: number[][] = []; // per extreme: the row index chosen for each group
  const bestValue: Value[][] = [];
  node.extremes.forEach(() => {
    best.push([]);
    bestValue.push([]);
  });

  const keyBuf = new Array<Value>(keyFns.length);
  const newGroup = (row: number): number => {
    const g = firstRow.length;
    firstRow.push(row);
    accs.push(aggregates.create());
    node.extremes.forEach((_, x) => {
      best[x]!.push(-1);
      bestValue[x]!.push(null);
    });
    return g;
  };
  // summarize without by-keys has exactly one group, even over no rows.
  if (keyFns.length === 0) newGroup(-1);

  for (let r = 0; r < n; r++) {
    let g = 0;
    if (keyFns.length > 0) {
      for (let k = 0; k < keyFns.length; k++) keyBuf[k] = keyFns[k]!(r);
      g = groupIndex.find(keyBuf);
      if (g < 0) groupIndex.add(keyBuf, (g = newGroup(r)));
    } else if (firstRow[0] === -1) firstRow[0] = r;
    aggregates.add(accs[g]!, r);
    for (let x = 0; x < extremeFns.length; x++) {
      const v = extremeFns[x]!(r);
      if (v === null) continue;
      const cur = bestValue[x]![g]!;
      const spec = node.extremes[x]!;
      const first = best[x]![g] === -1;
      const better =
        first || (spec.which === 'max' ? compareValues(v, cur, spec.by.type) > 0 : spec.which === 'min' && compareValues(v, cur, spec.by.type) < 0);
      if (better) {
        best[x]![g] = r;
        bestValue[x]![g] = v;
      }
    }
  }

  const groups = firstRow.length;
  const groupColumns: Column[] = [];
  node.keys.forEach((k, i) => {
    const f = keyFns[i]!;
    groupColumns.push(buildColumn(k.expr.type, groups, (g) => (firstRow[g]! < 0 ? null : f(firstRow[g]!)), state.stringNulls));
  });
  groupColumns.push(...aggregates.results(accs, state.stringNulls));
  node.extremes.forEach((x, xi) => {
    const rowOf = (g: number) => best[xi]![g]!;
    const columnFns = x.columns.map((c) => compileExpr(c.expr, input, state, runPlan));
    const fns: RowFn[] = x.byName === undefined ? columnFns : [extremeFns[xi]!, ...columnFns];
    const types = [...(x.byName === undefined ? [] : [x.by.type]), ...x.columns.map((c) => c.expr.type)];
    fns.forEach((f, j) => groupColumns.push(buildColumn(types[j]!, groups, (g) => (rowOf(g) < 0 ? null : f(rowOf(g))), state.stringNulls)));
  });

  const groupSchema = groupColumns.map((c, i) => ({ name: `#${i}`, type: c.type }));
  const groupTable = new Table(groupSchema, groupColumns, groups);
  const columns = node.outputs.map((o) =>
    o.expr.kind === 'Column' ? groupColumns[o.expr.index]! : buildColumn(o.expr.type, groups, compileExpr(o.expr, groupTable, state, runPlan), state.stringNulls),
  );
  return new Table(node.schema, columns, groups);
}

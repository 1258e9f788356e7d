/**
 * summarize: rows are grouped by their key values (one hash map lookup per row); each group holds one
 * accumulator per aggregate and, for arg_max/arg_min, the index of its extreme row. The group row
 * [keys..., aggregates..., extreme outputs...] is then built column by column and the output
 * expressions are evaluated over it.
 */
import type { Accumulator } from '../../functions/types.js';
import type { SummarizeNode } from '../../plan/nodes.js';
import type { Column } from '../../table/column.js';
import { Table } from '../../table/table.js';
import { compareValues } from '../../types/compare.js';
import type { Value } from '../../types/value.js';
import { buildColumn } from '../build.js';
import { compileExpr, type PlanRunner, type RowFn } from '../compile.js';
import type { RunState } from '../state.js';

/** A map key for one or more key values: primitives as themselves, composites as tagged text. */
function keyOf(values: Value[]): unknown {
  if (values.length === 1) {
    const v = values[0]!;
    return typeof v === 'object' && v !== null ? `\u0002${JSON.stringify(v)}` : v;
  }
  let s = '';
  for (const v of values) {
    s += v === null ? '\u0000' : typeof v === 'object' ? `\u0002${JSON.stringify(v)}` : `${typeof v}:${String(v)}`;
    s += '\u0001';
  }
  return s;
}

export function runSummarize(node: SummarizeNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const n = input.rowCount;
  const keyFns = node.keys.map((k) => compileExpr(k.expr, input, state, runPlan));
  const aggArgFns = node.aggregates.map((a) => a.args.map((x) => compileExpr(x, input, state, runPlan)));
  const argBuffers = node.aggregates.map((a) => new Array<Value>(a.args.length));
  const extremeFns = node.extremes.map((x) => compileExpr(x.by, input, state, runPlan));

  const groupIndex = new Map<unknown, number>();
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
    accs.push(node.aggregates.map((a) => a.binding.create()));
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
      const key = keyOf(keyBuf);
      const found = groupIndex.get(key);
      if (found === undefined) {
        g = newGroup(r);
        groupIndex.set(key, g);
      } else g = found;
    } else if (firstRow[0] === -1) firstRow[0] = r;
    const groupAccs = accs[g]!;
    for (let a = 0; a < groupAccs.length; a++) {
      const fns = aggArgFns[a]!;
      const buf = argBuffers[a]!;
      for (let i = 0; i < fns.length; i++) buf[i] = fns[i]!(r);
      groupAccs[a]!.add(buf);
    }
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
    groupColumns.push(buildColumn(k.expr.type, groups, (g) => (firstRow[g]! < 0 ? null : f(firstRow[g]!))));
  });
  node.aggregates.forEach((a, i) => {
    groupColumns.push(buildColumn(a.binding.type, groups, (g) => accs[g]![i]!.result()));
  });
  node.extremes.forEach((x, xi) => {
    const rowOf = (g: number) => best[xi]![g]!;
    const columnFns = x.columns.map((c) => compileExpr(c.expr, input, state, runPlan));
    const fns: RowFn[] = x.byName === undefined ? columnFns : [extremeFns[xi]!, ...columnFns];
    const types = [...(x.byName === undefined ? [] : [x.by.type]), ...x.columns.map((c) => c.expr.type)];
    fns.forEach((f, j) => groupColumns.push(buildColumn(types[j]!, groups, (g) => (rowOf(g) < 0 ? null : f(rowOf(g))))));
  });

  const groupSchema = groupColumns.map((c, i) => ({ name: `#${i}`, type: c.type }));
  const groupTable = new Table(groupSchema, groupColumns, groups);
  const columns = node.outputs.map((o) =>
    o.expr.kind === 'Column' ? groupColumns[o.expr.index]! : buildColumn(o.expr.type, groups, compileExpr(o.expr, groupTable, state, runPlan)),
  );
  return new Table(node.schema, columns, groups);
}

/** The evaluate plugins: bag_unpack and pivot (columns fixed at bind time by probing the data), ipv4_lookup, sequence_detect. */
import type { BagUnpackNode, IpLookupNode, PivotNode, SequenceDetectNode } from '../../plan/nodes.js';
import type { Accumulator } from '../../functions/types.js';
import { buildColumn, type Column, ColumnBuilder, gather } from '../../table/column.js';
import { Table } from '../../table/table.js';
import { castDynamic, toKqlString } from '../../types/convert.js';
import { isPlainObject, type Value } from '../../types/value.js';
import { compileExpr, type PlanRunner } from '../compile.js';
import type { RunState } from '../state.js';
import { diag } from '../../diagnostics/catalog.js';
import { KqlError } from '../../diagnostics/diagnostic.js';

export function runBagUnpack(node: BagUnpackNode, input: Table, state: RunState): Table {
  const n = input.rowCount;
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const bag = input.columns[node.column]!;
  const columns: Column[] = node.keep.map((i) => gather(input.columns[i]!, all));
  for (const s of node.slots) {
    columns.push(
      buildColumn(s.type, n, (r) => {
        const b = bag.get(r);
        const v = isPlainObject(b) && Object.hasOwn(b, s.key) ? (b[s.key] as Value) : null;
        return castDynamic(v, s.type);
      }, state.stringNulls),
    );
  }
  return new Table(node.schema, columns, n);
}

export function runPivot(node: PivotNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const pivot = compileExpr(node.pivot, input, state, runPlan);
  const args = node.aggregate.args.map((a) => compileExpr(a, input, state, runPlan));
  const valueIndex = new Map(node.values.map((v, i) => [v, i]));
  const groups = new Map<string, { row: number; accs: (Accumulator | undefined)[] }>();
  const buf = new Array<Value>(args.length);
  for (let r = 0; r < input.rowCount; r++) {
    const key = JSON.stringify(node.keys.map((k) => String(input.columns[k]!.get(r))));
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { row: r, accs: node.values.map(() => undefined) }));
    const v = valueIndex.get(toKqlString(pivot(r), node.pivot.type));
    if (v === undefined) continue;
    const acc = (g.accs[v] ??= node.aggregate.binding.create());
    for (let i = 0; i < args.length; i++) buf[i] = args[i]!(r);
    acc.add(buf);
  }
  const list = [...groups.values()];
  const columns: Column[] = node.keys.map((k) => gather(input.columns[k]!, Uint32Array.from(list.map((g) => g.row))));
  node.values.forEach((_, v) => {
    // A group with no row for a value gets the aggregate of no rows (count() is 0).
    columns.push(buildColumn(node.aggregate.binding.type, list.length, (i) => (list[i]!.accs[v] ?? node.aggregate.binding.create()).result(), state.stringNulls));
  });
  return new Table(node.schema, columns, list.length);
}

export function runIpLookup(node: IpLookupNode, input: Table, lookup: Table, state: RunState): Table {
  const out = node.schema.map((c) => new ColumnBuilder(c.type, state.stringNulls));
  const width = input.columns.length;
  const args: Value[] = [null, null];
  for (let r = 0; r < input.rowCount; r++) {
    args[0] = input.columns[node.sourceKey]!.get(r);
    let matched = false;
    for (let l = 0; l < lookup.rowCount; l++) {
      if (node.extraKeys.some(([a, b]) => input.columns[a]!.get(r) !== lookup.columns[b]!.get(l))) continue;
      args[1] = lookup.columns[node.lookupKey]!.get(l);
      if (node.inRange(args, state.ctx) !== true) continue;
      matched = true;
      for (let c = 0; c < width; c++) out[c]!.push(input.columns[c]!.get(r));
      node.lookupColumns.forEach((c, i) => out[width + i]!.push(lookup.columns[c]!.get(l)));
    }
    if (!matched && node.returnUnmatched) {
      for (let c = 0; c < width; c++) out[c]!.push(input.columns[c]!.get(r));
      node.lookupColumns.forEach((_, i) => out[width + i]!.push(null));
    }
  }
  return new Table(node.schema, out.map((b) => b.finish()));
}

/** Output rows sequence_detect may produce before the run is stopped: chains can multiply. */
const MAX_SEQUENCES = 1_000_000;

/**
 * Per dimension group (in order of first appearance), rows in time order (ties in input order, null
 * times left out); every chain of distinct rows, one per step in step order, each later in that order
 * than the one before and at most stepWindow after it, the last at most maxSpan after the first.
 */
export function runSequenceDetect(node: SequenceDetectNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const steps = node.steps.map((e) => compileExpr(e, input, state, runPlan));
  const dims = node.dims.map((d) => compileExpr(d.expr, input, state, runPlan));
  const time = input.columns[node.timeline]!;
  const groups = new Map<string, number[]>();
  for (let r = 0; r < input.rowCount; r++) {
    if (time.get(r) === null) continue;
    const key = JSON.stringify(dims.map((d, i) => toKqlString(d(r), node.dims[i]!.expr.type)));
    let rows = groups.get(key);
    if (!rows) groups.set(key, (rows = []));
    rows.push(r);
  }
  const out = node.schema.map((c) => new ColumnBuilder(c.type, state.stringNulls));
  const at = (r: number) => time.get(r) as bigint;
  const chain: number[] = [];
  const extend = (rows: readonly number[], from: number): void => {
    const k = chain.length;
    if (k === steps.length) {
      if (out[0]!.length >= MAX_SEQUENCES) throw new KqlError(diag.resultTooLarge(`sequence_detect output (${MAX_SEQUENCES} sequences)`, node.span));
      const first = chain[0]!;
      dims.forEach((d, i) => out[i]!.push(d(first)));
      chain.forEach((r, i) => out[dims.length + i]!.push(at(r)));
      out[dims.length + steps.length]!.push(at(chain[k - 1]!) - at(first));
      return;
    }
    for (let j = from; j < rows.length; j++) {
      const r = rows[j]!;
      if (k > 0) {
        if (at(r) - at(chain[k - 1]!) > node.stepWindow) break;
        if (at(r) - at(chain[0]!) > node.maxSpan) break;
      }
      if (steps[k]!(r) !== true) continue;
      chain.push(r);
      extend(rows, j + 1);
      chain.pop();
    }
  };
  for (const rows of groups.values()) {
    rows.sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : a - b));
    extend(rows, 0);
  }
  return new Table(node.schema, out.map((b) => b.finish()));
}

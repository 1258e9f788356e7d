/**
 * A rule's query window: a SIEM confines each run of a rule to a time column within [start, end]
 * (Sentinel: TimeGenerated within [now − queryPeriod, now]), on top of any time filter the query
 * writes itself. kqlx does the same by narrowing every table the query reads that has that column as
 * a datetime; datatable and let values never pass through here. Both bounds are inclusive (Sentinel
 * does not document them; its stored alerts show a closed range). Rows whose time is null fall outside
 * every window. Rows keep their order in the file.
 */
import type { TableProvider } from '../eval/state.js';
import { TicksColumn } from '../table/column.js';
import type { Table } from '../table/table.js';

export interface QueryWindow {
  /** The datetime column that places a row in time. */
  readonly column: string;
  readonly start: bigint;
  readonly end: bigint;
}

/**
 * For schedules: each table's rows sorted by the time column once, so every run finds its window by
 * binary search instead of scanning the whole table (a 14-day simulation at 5 minutes is 4032 runs).
 */
export class TimeIndex {
  private readonly sorted = new Map<Table, { order: Uint32Array; times: BigInt64Array } | null>();

  constructor(readonly column: string) {}

  rows(t: Table, start: bigint, end: bigint): Uint32Array | undefined {
    if (!this.sorted.has(t)) this.sorted.set(t, buildIndex(t, this.column));
    const idx = this.sorted.get(t);
    if (!idx) return undefined;
    const lo = lowerBound(idx.times, start);
    const hi = lowerBound(idx.times, end + 1n);
    // Back to file order, so a window's rows come out as a scan would give them.
    return idx.order.slice(lo, hi).sort();
  }
}

/** The time column as raw ticks and nulls (copied out when it is stored another way). */
function timeColumn(t: Table, name: string): TicksColumn | undefined {
  const i = t.schema.findIndex((c) => c.name === name && c.type === 'datetime');
  if (i < 0) return undefined;
  const col = t.columns[i]!;
  if (col instanceof TicksColumn) return col;
  const data = new BigInt64Array(t.rowCount);
  const nulls = new Uint8Array(t.rowCount);
  for (let r = 0; r < t.rowCount; r++) {
    const v = col.get(r) as bigint | null;
    if (v === null) nulls[r] = 1;
    else data[r] = v;
  }
  return new TicksColumn('datetime', data, nulls);
}

function buildIndex(t: Table, column: string): { order: Uint32Array; times: BigInt64Array } | null {
  const col = timeColumn(t, column);
  if (!col) return null;
  const rows: number[] = [];
  for (let r = 0; r < t.rowCount; r++) if (col.nulls === null || !col.nulls[r]) rows.push(r);
  rows.sort((a, b) => (col.data[a]! < col.data[b]! ? -1 : col.data[a]! > col.data[b]! ? 1 : a - b));
  const order = Uint32Array.from(rows);
  const times = BigInt64Array.from(rows, (r) => col.data[r]!);
  return { order, times };
}

function lowerBound(times: BigInt64Array, value: bigint): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `index` (over the window's column) lets a schedule of many runs find each window without scanning every table. */
export function windowedTables(tables: ReadonlyMap<string, Table>, window: QueryWindow, index?: TimeIndex): TableProvider {
  const narrowed = new Map<string, Table | undefined>();
  return (name) => {
    if (!narrowed.has(name)) {
      const t = tables.get(name);
      narrowed.set(name, t && restrictToWindow(t, window, index));
    }
    return narrowed.get(name);
  };
}

export function restrictToWindow(t: Table, window: QueryWindow, index?: TimeIndex): Table {
  const { column, start, end } = window;
  if (index) {
    if (index.column !== column) throw new Error(`a time index over ${index.column} cannot narrow on ${column}`);
    const rows = index.rows(t, start, end);
    return rows === undefined || rows.length === t.rowCount ? t : t.take(rows);
  }
  const col = timeColumn(t, column);
  if (!col) return t;
  const keep = new Uint32Array(t.rowCount);
  let n = 0;
  const { data, nulls } = col;
  for (let r = 0; r < t.rowCount; r++) {
    const v = data[r]!;
    if (v >= start && v <= end && (nulls === null || !nulls[r])) keep[n++] = r;
  }
  return n === t.rowCount ? t : t.take(keep.slice(0, n));
}

/** The earliest and latest time of a table's rows and how many have one; undefined without that datetime column or values. */
export function timeRange(t: Table, column: string): { min: bigint; max: bigint; rows: number } | undefined {
  const col = timeColumn(t, column);
  if (!col) return undefined;
  let min: bigint | undefined;
  let max: bigint | undefined;
  let rows = 0;
  for (let r = 0; r < t.rowCount; r++) {
    if (col.nulls !== null && col.nulls[r]) continue;
    const v = col.data[r]!;
    rows++;
    if (min === undefined || v < min) min = v;
    if (max === undefined || v > max) max = v;
  }
  return min === undefined || max === undefined ? undefined : { min, max, rows };
}

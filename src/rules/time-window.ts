/**
 * Sentinel confines each run of a rule to TimeGenerated within [now − queryPeriod, now], on top of
 * any time filter the query writes itself. kqlx does the same by narrowing every table the query
 * reads that has a datetime TimeGenerated column; datatable and let values never pass through here.
 * Both bounds are inclusive (Sentinel does not document them; its stored alerts show a closed range).
 * Rows whose TimeGenerated is null fall outside every window.
 */
import type { TableProvider } from '../eval/state.js';
import { TicksColumn } from '../table/column.js';
import type { Table } from '../table/table.js';

export function windowedTables(tables: ReadonlyMap<string, Table>, start: bigint, end: bigint): TableProvider {
  const narrowed = new Map<string, Table | undefined>();
  return (name) => {
    if (!narrowed.has(name)) {
      const t = tables.get(name);
      narrowed.set(name, t && restrictToWindow(t, start, end));
    }
    return narrowed.get(name);
  };
}

export function restrictToWindow(t: Table, start: bigint, end: bigint): Table {
  const i = t.schema.findIndex((c) => c.name === 'TimeGenerated' && c.type === 'datetime');
  if (i < 0) return t;
  const col = t.columns[i]!;
  const keep = new Uint32Array(t.rowCount);
  let n = 0;
  if (col instanceof TicksColumn) {
    const { data, nulls } = col;
    for (let r = 0; r < t.rowCount; r++) {
      const v = data[r]!;
      if (v >= start && v <= end && (nulls === null || !nulls[r])) keep[n++] = r;
    }
  } else {
    for (let r = 0; r < t.rowCount; r++) {
      const v = col.get(r) as bigint | null;
      if (v !== null && v >= start && v <= end) keep[n++] = r;
    }
  }
  return n === t.rowCount ? t : t.take(keep.slice(0, n));
}

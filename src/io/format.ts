/**
 * Writing result tables: JSON (`{columns, rows}`), JSON lines, CSV, and a readable text table.
 * Datetimes print as ISO 8601 UTC (fraction only when non-zero), timespans as `[d.]hh:mm:ss[.fffffff]`,
 * dynamic values as JSON, nulls as null (or an empty cell). Text tables for terminals are in text-table.ts.
 */
import type { Table } from '../table/table.js';
import { formatDatetime } from '../types/datetime.js';
import type { ScalarType } from '../types/scalar-type.js';
import { formatTimespan } from '../types/timespan.js';
import type { Dynamic, Value } from '../types/value.js';
import { dynamicToJson } from '../types/json-text.js';

/** A value as it appears in JSON output. */
export function jsonValue(v: Value, type: ScalarType): Dynamic {
  if (v === null || v === undefined) return null;
  if (type === 'datetime') return formatDatetime(v as bigint);
  if (type === 'timespan') return formatTimespan(v as bigint);
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v as Dynamic;
}

export interface JsonTable {
  columns: { name: string; type: ScalarType }[];
  rows: Dynamic[][];
}

export function toJsonTable(t: Table): JsonTable {
  const rows: Dynamic[][] = [];
  for (let r = 0; r < t.rowCount; r++) rows.push(t.columns.map((c, i) => jsonValue(c.get(r), t.schema[i]!.type)));
  return { columns: t.schema.map((c) => ({ name: c.name, type: c.type })), rows };
}

/** One JSON object per row, keyed by column name, after the `leading` fields when given. */
export function toJsonLines(t: Table, leading: Record<string, Dynamic> = {}): string {
  const lines: string[] = [];
  for (let r = 0; r < t.rowCount; r++) {
    const o: Record<string, Dynamic> = { ...leading };
    t.schema.forEach((c, i) => (o[c.name] = jsonValue(t.columns[i]!.get(r), c.type)));
    lines.push(dynamicToJson(o));
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

/** A cell's text: strings as they are, dynamic as JSON, nulls empty. */
export function cellText(v: Value, type: ScalarType): string {
  const j = jsonValue(v, type);
  if (j === null) return '';
  return typeof j === 'string' ? j : dynamicToJson(j);
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(t: Table): string {
  const lines = [t.schema.map((c) => csvField(c.name)).join(',')];
  for (let r = 0; r < t.rowCount; r++) {
    lines.push(t.columns.map((c, i) => csvField(cellText(c.get(r), t.schema[i]!.type))).join(','));
  }
  return lines.join('\n') + '\n';
}

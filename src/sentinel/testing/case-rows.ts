/**
 * Inline test rows → a typed table. Each row is a mapping of column → value, laid over the table's
 * defaults. Two directives make hand-written rows short:
 *   `$repeat: N`  the row stands for N rows;
 *   `$step: {Column: amount}`  copy k (from 0) adds k × amount to that column: a number for number
 *                  columns, a timespan such as `1s` or `5m` for datetime and timespan columns.
 * Datetime values are ISO 8601 text or relative to the case's now: `now`, `now-10m`, `now+30s`.
 * Columns come from the Sentinel schema of the table when kqlx knows it (every other column is null
 * or empty), from the suite's `schemas:`, or else are inferred from the values.
 */
import { Table, type ColumnSchema } from '../../table/table.js';
import { convert } from '../../types/convert.js';
import { parseDatetime } from '../../types/datetime.js';
import { isNumeric, parseTypeName, type ScalarType } from '../../types/scalar-type.js';
import { parseTimespanText } from '../../types/timespan.js';
import type { Dynamic, Value } from '../../types/value.js';

export type JsRow = Record<string, unknown>;

export class RowError extends Error {}

const MAX_REPEAT = 1_000_000;

/** `now`, `now-10m`, `now + 1.5h` → ticks; undefined when the text is not relative to now. */
export function relativeTime(text: string, now: bigint | undefined): bigint | undefined {
  const m = /^\s*now\s*(?:([+-])\s*(\S+))?\s*$/i.exec(text);
  if (!m) return undefined;
  if (now === undefined) throw new RowError(`'${text}' is relative to now, but the case has no 'now'`);
  if (!m[1]) return now;
  const offset = parseTimespanText(m[2]!);
  if (offset === undefined) throw new RowError(`'${m[2]}' in '${text}' is not a timespan (e.g. 10m, 1h, 30s)`);
  return m[1] === '-' ? now - offset : now + offset;
}

/** A YAML value as a value of the column's type; throws RowError when it does not fit. */
export function toColumnValue(v: unknown, type: ScalarType, now: bigint | undefined): Value {
  if (v === null || v === undefined) return type === 'string' ? '' : null;
  if (type === 'dynamic') return v as Dynamic;
  if (type === 'datetime' && typeof v === 'string') {
    const t = relativeTime(v, now) ?? parseDatetime(v);
    if (t === undefined) throw new RowError(`'${v}' is not a datetime (ISO 8601, or now, now-10m, ...)`);
    return t;
  }
  if (type === 'datetime' && v instanceof Date) return BigInt(v.getTime()) * 10_000n;
  if (type === 'timespan' && typeof v === 'string') {
    const t = parseTimespanText(v);
    if (t === undefined) throw new RowError(`'${v}' is not a timespan (e.g. 5m, 01:00:00)`);
    return t;
  }
  if (type === 'string') return typeof v === 'object' ? JSON.stringify(v) : String(v);
  const from: ScalarType = typeof v === 'number' ? (Number.isInteger(v) ? 'long' : 'real') : typeof v === 'boolean' ? 'bool' : 'string';
  if (typeof v === 'object') throw new RowError(`a list or mapping cannot go in a ${type} column`);
  const out = convert(v as Value, from, type);
  if (out === null) throw new RowError(`'${String(v)}' is not a ${type}`);
  return out;
}

/** Columns for a table kqlx knows nothing about, from the values its rows hold. */
export function inferSchema(rows: readonly JsRow[]): ColumnSchema[] {
  const types = new Map<string, ScalarType | undefined>();
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if (k.startsWith('$')) continue;
      const t = valueType(k, v);
      const before = types.get(k);
      if (!types.has(k) || before === undefined) types.set(k, t);
      else if (t !== undefined && t !== before) types.set(k, isNumeric(t) && isNumeric(before) ? 'real' : 'string');
    }
  }
  return [...types].map(([name, type]) => ({ name, type: type ?? 'string' }));
}

function valueType(name: string, v: unknown): ScalarType | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'real';
  if (typeof v === 'object') return 'dynamic';
  // Only TimeGenerated-like names become datetimes: a log's text fields often hold dates as text.
  if (typeof v === 'string' && /time|date/i.test(name) && (relativeTime(v, 0n) !== undefined || parseDatetime(v) !== undefined)) return 'datetime';
  return 'string';
}

/** `{Name: type}` from a suite's `schemas:` entry. */
export function schemaFromTypes(types: Record<string, unknown>): ColumnSchema[] {
  return Object.entries(types).map(([name, t]) => {
    const type = typeof t === 'string' ? parseTypeName(t.trim()) : undefined;
    if (!type) throw new RowError(`column ${name}: '${String(t)}' is not a KQL type (string, int, long, real, bool, datetime, timespan, guid, dynamic)`);
    return { name, type };
  });
}

/** The rows a spec stands for, with $repeat and $step applied, as typed values in schema order. */
export function expandRow(row: JsRow, schema: readonly ColumnSchema[], now: bigint | undefined): Value[][] {
  const known = new Set(schema.map((c) => c.name));
  for (const k of Object.keys(row)) {
    if (k === '$repeat' || k === '$step') continue;
    if (k.startsWith('$')) throw new RowError(`'${k}' is not a row directive (use $repeat or $step)`);
    if (!known.has(k)) throw new RowError(`the table has no column '${k}'`);
  }
  const repeat = row.$repeat ?? 1;
  if (typeof repeat !== 'number' || !Number.isInteger(repeat) || repeat < 1 || repeat > MAX_REPEAT) {
    throw new RowError(`$repeat must be a whole number from 1 to ${MAX_REPEAT}`);
  }
  const step = (row.$step ?? {}) as Record<string, unknown>;
  if (typeof step !== 'object' || Array.isArray(step)) throw new RowError('$step must be a mapping of column to amount');
  const base = schema.map((c) => {
    try {
      return toColumnValue(row[c.name], c.type, now);
    } catch (e) {
      throw e instanceof RowError ? new RowError(`${c.name}: ${e.message}`) : e;
    }
  });
  const steps = schema.map((c) => (c.name in step ? stepAmount(c, step[c.name]) : undefined));
  for (const k of Object.keys(step)) if (!known.has(k)) throw new RowError(`$step: the table has no column '${k}'`);
  const out: Value[][] = [];
  for (let k = 0; k < repeat; k++) {
    out.push(base.map((v, i) => addStep(v, steps[i], k)));
  }
  return out;
}

function stepAmount(c: ColumnSchema, amount: unknown): number | bigint {
  if (isNumeric(c.type) && typeof amount === 'number') return amount;
  if ((c.type === 'datetime' || c.type === 'timespan') && typeof amount === 'string') {
    const t = parseTimespanText(amount);
    if (t !== undefined) return t;
  }
  throw new RowError(`$step.${c.name}: '${String(amount)}' does not fit a ${c.type} column (a number for numbers, a timespan like 1s for datetimes)`);
}

function addStep(v: Value, step: number | bigint | undefined, k: number): Value {
  if (step === undefined || v === null || k === 0) return v;
  if (typeof v === 'number' && typeof step === 'number') return v + step * k;
  if (typeof v === 'bigint' && typeof step === 'bigint') return v + step * BigInt(k);
  return v;
}

export function buildTable(rows: readonly JsRow[], schema: readonly ColumnSchema[], now: bigint | undefined, onError: (index: number, message: string) => void): Table {
  const values: Value[][] = [];
  rows.forEach((row, i) => {
    try {
      values.push(...expandRow(row, schema, now));
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      onError(i, e.message);
    }
  });
  return Table.fromRows(schema, values);
}

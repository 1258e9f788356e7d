/**
 * Kusto's conversion rules between representations (see value.ts). Every function and operator that
 * converts goes through here, so `tostring`, string concatenation, comparisons and output agree.
 * Conversions that fail give null (never an error), as Kusto's to*() functions do.
 */
import { formatDatetime, parseDatetime } from './datetime.js';
import { dynamicToJson } from './json-text.js';
import type { ScalarType } from './scalar-type.js';
import { formatTimespan, parseTimespanText } from './timespan.js';
import type { Dynamic, Value } from './value.js';

export { dynamicToJson };

/** Kusto's text for a real: integral values print without a fraction, others in shortest round-trip form. */
export function formatReal(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  const s = String(n);
  return s.includes('e') ? s.replace(/e\+?/, 'E+').replace('E+-', 'E-') : s;
}

/** tostring(): the text of any value given its type. Null becomes the empty string. */
export function toKqlString(v: Value, type: ScalarType): string {
  if (v === null || v === undefined) return '';
  switch (type) {
    case 'string':
    case 'guid':
      return v as string;
    case 'bool':
      return v ? 'true' : 'false';
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return formatReal(v as number);
    case 'datetime':
      return formatDatetime(v as bigint);
    case 'timespan':
      return formatTimespan(v as bigint);
    case 'dynamic':
      return typeof v === 'string' ? v : dynamicToJson(v as Dynamic);
  }
}


/** A scalar value as it is held inside a dynamic (datetimes and timespans as their text). */
export function toDynamic(v: Value, type: ScalarType): Dynamic {
  if (v === null || v === undefined) return null;
  if (type === 'datetime') return formatDatetime(v as bigint);
  if (type === 'timespan') return formatTimespan(v as bigint);
  if (type === 'string' && v === '' ) return '';
  return v as Dynamic;
}

export function toBool(v: Value, type: ScalarType): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    return null;
  }
  if (type === 'dynamic') return null;
  return null;
}

/** A number (int/long/real) from any value; NaN-free: unparseable text gives null. */
export function toNumber(v: Value, type: ScalarType): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v); // datetime/timespan → ticks
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return null;
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
    if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
    if (/^(nan|NaN)$/.test(t)) return Number.NaN;
    if (/^[+-]?(inf|Infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    return null;
  }
  if (type === 'dynamic') return null;
  return null;
}

/** Truncation toward zero, as toint()/tolong() do with reals. */
export function toInteger(v: Value, type: ScalarType): number | null {
  const n = toNumber(v, type);
  if (n === null || !Number.isFinite(n)) return null;
  return Math.trunc(n);
}

/** int is 32-bit: out-of-range values wrap as a .NET int conversion does. */
export function toInt32(v: Value, type: ScalarType): number | null {
  const n = toInteger(v, type);
  return n === null ? null : n | 0;
}

export function toDatetime(v: Value, type: ScalarType): bigint | null {
  if (v === null || v === undefined) return null;
  if (type === 'datetime') return v as bigint;
  if (typeof v === 'string') return parseDatetime(v) ?? null;
  return null;
}

export function toTimespan(v: Value, type: ScalarType): bigint | null {
  if (v === null || v === undefined) return null;
  if (type === 'timespan') return v as bigint;
  if (typeof v === 'string') return parseTimespanText(v) ?? null;
  if (typeof v === 'number' && Number.isFinite(v)) return BigInt(Math.trunc(v)); // number → ticks
  return null;
}

/** Converts a value of one type into the representation of another, or null. */
export function convert(v: Value, from: ScalarType, to: ScalarType): Value {
  if (from === to) return v;
  switch (to) {
    case 'string':
      return toKqlString(v, from);
    case 'bool':
      return toBool(v, from);
    case 'int':
      return toInt32(v, from);
    case 'long':
      return toInteger(v, from);
    case 'real':
    case 'decimal':
      return toNumber(v, from);
    case 'datetime':
      return toDatetime(v, from);
    case 'timespan':
      return toTimespan(v, from);
    case 'guid':
      return typeof v === 'string' && /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(v) ? v.toLowerCase() : null;
    case 'dynamic':
      return from === 'string' ? (v as string) : toDynamic(v, from);
  }
}

/**
 * A cast of a dynamic element to a scalar type, as `mv-expand ... to typeof(T)` does: no parsing or
 * conversion, so an element that is not already of type T becomes null. Datetimes and timespans held
 * in dynamic values are text (see value.ts), so text in their format is accepted for them.
 */
export function castDynamic(v: Value, to: ScalarType): Value {
  if (v === null || to === 'dynamic') return v;
  switch (to) {
    case 'string':
      return typeof v === 'string' ? v : null;
    case 'bool':
      return typeof v === 'boolean' ? v : null;
    case 'int':
    case 'long':
      return typeof v === 'number' && Number.isInteger(v) ? (to === 'int' ? v | 0 : v) : null;
    case 'real':
    case 'decimal':
      return typeof v === 'number' ? v : null;
    case 'datetime':
      return typeof v === 'string' ? toDatetime(v, 'string') : null;
    case 'timespan':
      return typeof v === 'string' ? toTimespan(v, 'string') : null;
    case 'guid':
      return typeof v === 'string' ? convert(v, 'string', 'guid') : null;
  }
}

/**
 * The text of one cell read as a typed value: what a loader accepts in a column of each type, and
 * what type inference takes a column of text to be. Stricter than todatetime()/tolong() on purpose:
 * a loader that guesses wrongly hides data, so a cell that is not plainly a value of its column's
 * type is reported instead.
 */
import { type Dynamic, isPlainObject } from '../types/value.js';

/** Text that stands for a missing value in a typed column (some exports write `null`). */
export function isNullText(t: string): boolean {
  return t === '' || t === 'null' || t === 'NULL';
}

/**
 * A plain decimal integer in bytes [start, end): optional `-`, 1 to 15 digits, nothing else.
 * NaN otherwise, so the caller can fall back to the slower text path. 15 digits stay exact in a double.
 */
export function parseIntBytes(buf: Buffer, start: number, end: number): number {
  let i = start;
  const neg = buf[i] === 45;
  if (neg) i++;
  if (i === end || end - i > 15) return NaN;
  let v = 0;
  for (; i < end; i++) {
    const c = buf[i]! - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return neg ? -v : v;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number in decimal or exponent form, or NaN/Infinity as .NET writes them; undefined otherwise. */
export function parseNumberText(text: string): number | undefined {
  const t = text.trim();
  if (DECIMAL.test(t)) return Number(t);
  if (t === 'NaN') return Number.NaN;
  if (t === 'Infinity' || t === '+Infinity' || t === '∞') return Infinity;
  if (t === '-Infinity' || t === '-∞') return -Infinity;
  return undefined;
}

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;

/** An int (32-bit) or long: any integral number text, in range; a fraction is not silently cut. */
export function parseIntegerText(text: string, type: 'int' | 'long'): number | undefined {
  const n = parseNumberText(text);
  if (n === undefined || !Number.isInteger(n)) return undefined;
  if (type === 'int' ? n < INT_MIN || n > INT_MAX : Math.abs(n) >= 2 ** 63) return undefined;
  return n;
}

export function parseBoolText(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A guid in its usual 8-4-4-4-12 form, optionally in braces; lower-cased, as kqlx holds guids. */
export function parseGuidText(text: string): string | undefined {
  let t = text.trim();
  if (t.startsWith('{') && t.endsWith('}')) t = t.slice(1, -1);
  return GUID.test(t) ? t.toLowerCase() : undefined;
}

/** A dynamic cell: its JSON value, or the text itself when it is not JSON (as parse_json() does). */
export function parseDynamicText(text: string): Dynamic {
  const c = text.charCodeAt(0);
  // Only JSON that starts like a value is worth a parse attempt; anything else is a string.
  if (c === 123 || c === 91 || c === 34 || c === 45 || (c >= 48 && c <= 57) || text === 'true' || text === 'false' || text === 'null') {
    try {
      return JSON.parse(text) as Dynamic;
    } catch {
      return text;
    }
  }
  return text;
}

// ---- inference: what a column of text looks like ----

/** A whole number as a column of counts or ports holds it: no leading zeros (those are codes), ≤ 15 digits. */
export function looksLikeLong(t: string): boolean {
  return /^(0|-?[1-9]\d{0,14})$/.test(t);
}

/**
 * A decimal number with at most 15 integer digits and no leading zeros; longer digit runs are
 * identifiers. Its value must fit a real: `1e400` (Infinity) or `1e-400` (0) would change the value,
 * so such a column stays text.
 */
export function looksLikeReal(t: string): boolean {
  if (!/^-?(0|[1-9]\d{0,14})(\.\d+)?([eE][+-]?\d+)?$/.test(t) && !/^-?\.\d+$/.test(t)) return false;
  const n = Number(t);
  return Number.isFinite(n) && (n !== 0 || !/[1-9]/.test(t.replace(/[eE].*$/, '')));
}

export function looksLikeBool(t: string): boolean {
  const l = t.toLowerCase();
  return l === 'true' || l === 'false';
}

/** A JSON object or array. */
export function looksLikeJsonContainer(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c !== 123 && c !== 91) return false;
  try {
    const v = JSON.parse(t) as unknown;
    return Array.isArray(v) || isPlainObject(v);
  } catch {
    return false;
  }
}

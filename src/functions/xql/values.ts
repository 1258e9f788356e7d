/**
 * How XQL's functions read their arguments. XQL's values travel in the shared representation
 * (types/value.ts): strings, numbers, datetime ticks for timestamps, dynamic for arrays and JSON.
 * A field read from a file may hold text where XQL documents a number ("int-as-string"), and any
 * value may be null, strings included.
 */
import { KqlError } from '../../diagnostics/diagnostic.js';
import { diag } from '../../diagnostics/catalog.js';
import { dynamicToJson, formatReal } from '../../types/convert.js';
import { formatDatetime } from '../../types/datetime.js';
import type { ScalarType } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import type { ArgSpec } from '../scalar/conversion.js';

export const TEXT: ArgSpec = { test: (t) => t === 'string' || t === 'dynamic', expected: 'a string' };
export const NUMERIC_OR_TEXT: ArgSpec = {
  test: (t) => t === 'int' || t === 'long' || t === 'real' || t === 'decimal' || t === 'string' || t === 'dynamic',
  expected: 'a number or a string holding one',
};
export const TIMESTAMP: ArgSpec = { test: (t) => t === 'datetime', expected: 'a timestamp' };
export const ARRAY: ArgSpec = { test: (t) => t === 'dynamic' || t === 'string', expected: 'an array (or its JSON text)' };
export const ANY: ArgSpec = { test: () => true, expected: 'a value' };

/** A number from a number or from text that holds one; null otherwise. */
export function numberOf(v: Value): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A string argument's text; null stays null. */
export function textOf(v: Value): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : dynamicToJson(v as Dynamic);
}

/** XQL's text of a value: integers without a fraction, timestamps in ISO form, arrays and objects as JSON. */
export function xqlString(v: Value, type: ScalarType): string | null {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'string':
    case 'guid':
      return v as string;
    case 'bool':
      return v ? 'true' : 'false';
    case 'datetime':
      return formatDatetime(v as bigint);
    case 'dynamic':
      return typeof v === 'string' ? v : dynamicToJson(v as Dynamic);
    default:
      return typeof v === 'number' ? formatReal(v) : String(v);
  }
}

/** An array argument: a dynamic array, or the JSON text of one (a CSV cell); anything else is null. */
export function arrayOf(v: Value): Dynamic[] | null {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string' && v.startsWith('[')) {
    try {
      const parsed = JSON.parse(v) as unknown;
      return Array.isArray(parsed) ? (parsed as Dynamic[]) : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** A failure the XQL docs call an error, raised while rows are evaluated. */
export function runtimeError(message: string): never {
  throw new KqlError(diag.xqlRuntime(message));
}

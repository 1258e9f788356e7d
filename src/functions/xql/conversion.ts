/**
 * XQL's conversions (the *to_string*, *to_integer*, *to_number* (alias to_float), *to_boolean* and
 * *to_json_string* pages). Null converts to null. to_integer of text with a fraction is an error, as
 * its page says; text that is no number at all gives null.
 */
import { dynamicToJson } from '../../types/convert.js';
import { formatDatetime } from '../../types/datetime.js';
import type { ScalarType } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import type { ScalarFunction } from '../types.js';
import { runtimeError, xqlString } from './values.js';

function oneArg(name: string, type: ScalarType, impl: (v: Value, from: ScalarType) => Value, aliases?: string[]): ScalarFunction {
  return {
    name,
    ...(aliases ? { aliases } : {}),
    minArgs: 1,
    maxArgs: 1,
    bind: (args) => {
      const from = args[0]!.type;
      return { type, impl: (a) => (a[0] === null || a[0] === undefined ? null : impl(a[0], from)) };
    },
  };
}

function toInteger(v: Value, from: ScalarType): Value {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'string' || from === 'datetime') return null;
  const t = v.trim();
  if (/^[+-]?\d+$/.test(t)) return Number(t);
  if (/^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) runtimeError(`to_integer(): '${v}' is not an integer`);
  return null;
}

function toNumber(v: Value): Value {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function toBoolean(v: Value): Value {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v !== 'string') return null;
  const t = v.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : null;
}

function toJsonString(v: Value, from: ScalarType): Value {
  if (from === 'datetime') return JSON.stringify(formatDatetime(v as bigint));
  if (typeof v === 'bigint') return String(v);
  return dynamicToJson(v as Dynamic);
}

export const xqlConversionFunctions: ScalarFunction[] = [
  oneArg('to_string', 'string', (v, from) => xqlString(v, from)),
  oneArg('to_integer', 'long', toInteger),
  oneArg('to_number', 'real', toNumber, ['to_float']),
  oneArg('to_boolean', 'bool', toBoolean),
  oneArg('to_json_string', 'string', toJsonString),
];

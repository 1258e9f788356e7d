/**
 * Scalar functions: conversion family (tostring, toint, tolong, toreal, todecimal, tobool, todatetime,
 * totimespan, toguid, tohex, gettype, isnull, isnotnull).
 *
 * This module also holds the small argument-checking helpers the other families of this folder
 * (math, datetime, conditional) share, so each bind() states its signature in one line.
 * Conversions that fail give null, never an error (Kusto's to*() contract).
 */
import {
  toBool,
  toDatetime,
  toInt32,
  toInteger,
  toKqlString,
  toNumber,
  toTimespan,
} from '../../types/convert.js';
import { EPOCH_TICKS } from '../../types/datetime.js';
import { isNumeric, type ScalarType } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import type { ArgInfo, BindResult, ScalarBinding, ScalarFunction, ScalarImpl } from '../types.js';

// ── shared binding helpers ────────────────────────────────────────────────

/** A test of an argument's type and the words that describe it in an error. */
export interface ArgSpec {
  readonly test: (t: ScalarType) => boolean;
  readonly expected: string;
}

export const ANY_SCALAR: ArgSpec = { test: () => true, expected: 'a scalar' };
export const NUMBER: ArgSpec = { test: isNumeric, expected: 'a number (int, long, real or decimal)' };
export const INTEGER: ArgSpec = { test: (t) => t === 'int' || t === 'long', expected: 'an integer (int or long)' };
export const STRING: ArgSpec = { test: (t) => t === 'string', expected: 'a string' };
export const BOOL: ArgSpec = { test: (t) => t === 'bool', expected: 'a bool' };
export const DATETIME: ArgSpec = { test: (t) => t === 'datetime', expected: 'a datetime' };
export const TIMESPAN: ArgSpec = { test: (t) => t === 'timespan', expected: 'a timespan' };
export const DYNAMIC: ArgSpec = { test: (t) => t === 'dynamic', expected: 'a dynamic' };
/** A string, or a dynamic holding one (JSON-loaded columns are dynamic). */
export const STRING_OR_DYNAMIC: ArgSpec = { test: (t) => t === 'string' || t === 'dynamic', expected: 'a string or dynamic' };
export const NOT_DYNAMIC: ArgSpec = { test: (t) => t !== 'dynamic', expected: 'a scalar other than dynamic' };

export function bindError(fn: string, message: string): { readonly error: string } {
  return { error: `${fn}(): ${message}` };
}

/**
 * The first argument whose type fails its spec, as a bind error; undefined when all fit. Arguments
 * past `specs` are checked against `rest` (a variadic tail such as strcat's), or not at all.
 */
export function checkArgs(
  fn: string,
  args: readonly ArgInfo[],
  specs: readonly ArgSpec[],
  rest?: ArgSpec,
): { readonly error: string } | undefined {
  for (let i = 0; i < args.length; i++) {
    const spec = specs[i] ?? rest;
    if (spec && !spec.test(args[i]!.type)) {
      return bindError(fn, `argument ${i + 1} must be ${spec.expected}, not ${args[i]!.type}`);
    }
  }
  return undefined;
}

/** A binding with a fixed result type once the argument types check out. */
export function fixed(fn: string, args: readonly ArgInfo[], specs: readonly ArgSpec[], type: ScalarType, impl: ScalarImpl): BindResult<ScalarBinding> {
  return checkArgs(fn, args, specs) ?? { type, impl };
}

/** Floor division of bigints (BigInt `/` truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

// ── conversions ───────────────────────────────────────────────────────────

/**
 * The numeric view of a value: Kusto's numeric conversions of a datetime read its ticks counted
 * from 0001-01-01 (`tolong(datetime(1970-01-01))` is 621355968000000000), not from our epoch.
 */
function numericSource(v: Value, type: ScalarType): [Value, ScalarType] {
  if (type === 'datetime' && typeof v === 'bigint') return [v + EPOCH_TICKS, 'timespan'];
  return [v, type];
}

/** A one-argument converter over any scalar, named after its argument (`tostring(x)` → `x`). */
function converter(name: string, aliases: string[], type: ScalarType, convert: (v: Value, t: ScalarType) => Value): ScalarFunction {
  return {
    name,
    aliases,
    minArgs: 1,
    maxArgs: 1,
    bind(args) {
      const from = args[0]!.type;
      if (from === type && type !== 'dynamic') return { type, impl: (a) => a[0] ?? null };
      return { type, impl: (a) => convert(a[0] ?? null, from) };
    },
  };
}

/**
 * toguid(): the first 32 hex digits of the text, hyphens allowed only where a guid has them;
 * whatever follows is ignored (per the docs). The result is the canonical lower-case form.
 */
const GUID_PREFIX = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})/i;

export function parseGuid(text: string): string | null {
  const m = GUID_PREFIX.exec(text.trim());
  if (!m) return null;
  return `${m[1]}-${m[2]}-${m[3]}-${m[4]}-${m[5]}`.toLowerCase();
}

/** tohex(): two's complement at the value's own width (32 bits for int, 64 for long). */
function toHex(v: number, bits: 32 | 64, minLength: number): string {
  const n = BigInt.asUintN(bits, BigInt(Math.trunc(v)));
  const digits = n.toString(16);
  const width = Math.min(Math.max(minLength, 0), 16);
  return digits.padStart(width, '0');
}

/**
 * gettype() of a dynamic value: its runtime kind. The docs give `gettype(parse_json('1'))` as `int`,
 * so whole numbers that fit 32 bits are `int`, larger ones `long`.
 */
function dynamicTypeName(v: Dynamic): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'dictionary';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return 'real';
    return v >= -2147483648 && v <= 2147483647 ? 'int' : 'long';
  }
  return 'string';
}

const tohex: ScalarFunction = {
  name: 'tohex',
  minArgs: 1,
  maxArgs: 2,
  bind(args) {
    const bad = checkArgs('tohex', args, [INTEGER, INTEGER]);
    if (bad) return bad;
    const bits = args[0]!.type === 'int' ? 32 : 64;
    return {
      type: 'string',
      impl: (a) => {
        const v = a[0] as number | null;
        if (v === null || !Number.isFinite(v)) return '';
        const min = a.length > 1 ? (a[1] as number | null) : 0;
        return toHex(v, bits, min ?? 0);
      },
    };
  },
};

const toguid: ScalarFunction = {
  name: 'toguid',
  minArgs: 1,
  maxArgs: 1,
  bind(args) {
    const t = args[0]!.type;
    if (t === 'guid') return { type: 'guid', impl: (a) => a[0] ?? null };
    if (t !== 'string' && t !== 'dynamic') return bindError('toguid', `argument 1 must be a string or dynamic, not ${t}`);
    return { type: 'guid', impl: (a) => (typeof a[0] === 'string' ? parseGuid(a[0]) : null) };
  },
};

const gettype: ScalarFunction = {
  name: 'gettype',
  minArgs: 1,
  maxArgs: 1,
  bind(args) {
    const t = args[0]!.type;
    if (t === 'dynamic') return { type: 'string', impl: (a) => dynamicTypeName((a[0] ?? null) as Dynamic) };
    return { type: 'string', impl: () => t };
  },
};

/** isnull(): strings are never null; empty arrays and bags are values too. */
function nullTest(name: string, aliases: string[], wantNull: boolean): ScalarFunction {
  return {
    name,
    aliases,
    minArgs: 1,
    maxArgs: 1,
    bind(args) {
      if (args[0]!.type === 'string') return { type: 'bool', impl: () => !wantNull };
      return { type: 'bool', impl: (a) => (a[0] === null || a[0] === undefined) === wantNull };
    },
  };
}

export const conversionFunctions: ScalarFunction[] = [
  converter('tostring', [], 'string', (v, t) => toKqlString(v, t)),
  converter('toint', [], 'int', (v, t) => toInt32(...numericSource(v, t))),
  converter('tolong', [], 'long', (v, t) => toInteger(...numericSource(v, t))),
  converter('toreal', ['todouble'], 'real', (v, t) => toNumber(...numericSource(v, t))),
  converter('todecimal', [], 'decimal', (v, t) => toNumber(...numericSource(v, t))),
  converter('tobool', ['toboolean'], 'bool', (v, t) => toBool(v, t)),
  converter('todatetime', [], 'datetime', (v, t) => toDatetime(v, t)),
  converter('totimespan', ['totime'], 'timespan', (v, t) => toTimespan(v, t)),
  toguid,
  tohex,
  gettype,
  nullTest('isnull', [], true),
  nullTest('isnotnull', ['notnull'], false),
];

/**
 * Scalar functions: math family (bin/floor, bin_at, round, ceiling, abs, exp, exp2, exp10, log, log2,
 * log10, pow, sqrt, sign, max_of, min_of, isnan, isinf, isfinite, pi).
 *
 * Signatures and result types follow Kusto.Language's symbols; behaviour follows the Kusto docs.
 * rand() is left out on purpose: it is nondeterministic.
 */
import { isNumeric, type ScalarType } from '../../types/scalar-type.js';
import type { Value } from '../../types/value.js';
import type { ArgInfo, BindResult, ScalarBinding, ScalarFunction } from '../types.js';
import { commonTypeOf } from './conditional.js';
import { NUMBER, bindError, checkArgs, fixed, floorDiv } from './conversion.js';
import { EPOCH_TICKS } from '../../types/datetime.js';

// ── bin / floor / bin_at ──────────────────────────────────────────────────

/** The wider numeric type, as Kusto.Language's Widest return kind picks it. */
function widest(types: readonly ScalarType[]): ScalarType {
  return commonTypeOf(types) ?? 'real';
}

function binNumber(v: number, size: number): number {
  return Math.floor(v / size) * size;
}

/**
 * bin(value, roundTo): the multiple of roundTo at or below value. A null, zero or negative size
 * gives null.
 *
 * Datetimes are binned on Kusto's own tick origin, 0001-01-01, not on the Unix epoch: the docs
 * define datetime ticks from 0001-01-01, and bin() rounds those ticks down. The two origins are a
 * whole number of days apart, so bins of a day or any divisor of a day agree either way; they differ
 * for sizes such as 7d: bin(x, 7d) starts its bins on Mondays (0001-01-01 was a Monday), where an
 * epoch-aligned bin would start them on Thursdays.
 */
function bindBin(fn: string, args: readonly ArgInfo[]): BindResult<ScalarBinding> {
  const [value, size] = [args[0]!.type, args[1]!.type];
  if (isNumeric(value) && isNumeric(size)) {
    return {
      type: widest([value, size]),
      impl: (a) => {
        const v = a[0] as number | null;
        const s = a[1] as number | null;
        if (v === null || s === null || !(s > 0)) return null;
        return binNumber(v, s);
      },
    };
  }
  if ((value === 'timespan' || value === 'datetime') && size === 'timespan') {
    const origin = value === 'datetime' ? EPOCH_TICKS : 0n;
    return {
      type: value,
      impl: (a) => {
        const v = a[0] as bigint | null;
        const s = a[1] as bigint | null;
        if (v === null || s === null || s <= 0n) return null;
        return floorDiv(v + origin, s) * s - origin;
      },
    };
  }
  return bindError(fn, `cannot bin a ${value} by a ${size}: the value must be a number, timespan or datetime, and the size a number (for numbers) or a timespan`);
}

/** bin_at(value, size, fixed_point): bins of size aligned so that fixed_point starts one of them. */
function bindBinAt(args: readonly ArgInfo[]): BindResult<ScalarBinding> {
  const [value, size, point] = [args[0]!.type, args[1]!.type, args[2]!.type];
  if (isNumeric(value) && isNumeric(size) && isNumeric(point)) {
    return {
      type: widest([value, size, point]),
      impl: (a) => {
        const [v, s, p] = [a[0] as number | null, a[1] as number | null, a[2] as number | null];
        if (v === null || s === null || p === null || !(s > 0)) return null;
        return p + binNumber(v - p, s);
      },
    };
  }
  if ((value === 'timespan' || value === 'datetime') && size === 'timespan' && point === value) {
    return {
      type: value,
      impl: (a) => {
        const [v, s, p] = [a[0] as bigint | null, a[1] as bigint | null, a[2] as bigint | null];
        if (v === null || s === null || p === null || s <= 0n) return null;
        return p + floorDiv(v - p, s) * s;
      },
    };
  }
  return bindError('bin_at', `expects (number, number, number), (timespan, timespan, timespan) or (datetime, timespan, datetime), not (${value}, ${size}, ${point})`);
}

// ── rounding ──────────────────────────────────────────────────────────────

/** Half away from zero: round(2.5) is 3 and round(-2.5) is -3. */
function roundHalfAway(x: number): number {
  const r = Math.round(Math.abs(x));
  return x < 0 ? -r : r;
}

/**
 * round(x, precision): precision may be negative (round(-50.55, -2) is -100). Scaling by a power of
 * ten before rounding is how .NET's Math.Round(double, digits) works too, so decimal-looking halves
 * such as 2.15 behave alike (round(2.15, 1) is 2.2, as documented).
 */
export function roundTo(x: number, precision: number): number {
  if (!Number.isFinite(x)) return x;
  if (precision > 15) return x;
  if (precision >= 0) {
    const scale = 10 ** precision;
    return roundHalfAway(x * scale) / scale;
  }
  const scale = 10 ** -precision;
  return roundHalfAway(x / scale) * scale;
}

const round: ScalarFunction = {
  name: 'round',
  minArgs: 1,
  maxArgs: 2,
  bind(args) {
    const bad = checkArgs('round', args, [NUMBER, { test: (t) => t === 'int' || t === 'long', expected: 'an integer (int or long)' }]);
    if (bad) return bad;
    const constant = args.length > 1 ? args[1]!.constant : { value: 0 };
    if (constant !== undefined) {
      const p = constant.value as number | null;
      return { type: args[0]!.type, impl: (a) => (a[0] === null || p === null ? null : roundTo(a[0] as number, p)) };
    }
    return {
      type: args[0]!.type,
      impl: (a) => (a[0] === null || a[1] === null ? null : roundTo(a[0] as number, a[1] as number)),
    };
  },
};

// ── one-number functions ──────────────────────────────────────────────────

/** A function of one number, null in null out. */
export function unary(name: string, result: ScalarType | 'same', f: (x: number) => number | null): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args) {
      const type = result === 'same' ? args[0]!.type : result;
      return fixed(name, args, [NUMBER], type, (a) => (a[0] === null ? null : f(a[0] as number)));
    },
  };
}

/** The docs: the logarithms and sqrt are null for negative arguments. */
const nonNegative = (f: (x: number) => number) => (x: number) => (x < 0 ? null : f(x));

/** IEEE pow, which .NET follows and JavaScript does not for a base of 1: pow(1, NaN) is 1. */
export function pow(base: number, exponent: number): number {
  if (base === 1) return 1;
  return Math.pow(base, exponent);
}

const abs: ScalarFunction = {
  name: 'abs',
  minArgs: 1,
  maxArgs: 1,
  bind(args) {
    const t = args[0]!.type;
    if (t === 'timespan') return { type: t, impl: (a) => (a[0] === null ? null : (a[0] as bigint) < 0n ? -(a[0] as bigint) : a[0]!) };
    if (!isNumeric(t)) return bindError('abs', `argument 1 must be a number or timespan, not ${t}`);
    // Integers widen to long (Kusto.Language's first signature of abs).
    const type = t === 'int' || t === 'long' ? 'long' : t;
    return { type, impl: (a) => (a[0] === null ? null : Math.abs(a[0] as number)) };
  },
};

const powFn: ScalarFunction = {
  name: 'pow',
  minArgs: 2,
  maxArgs: 2,
  bind(args) {
    return fixed('pow', args, [NUMBER, NUMBER], 'real', (a) =>
      a[0] === null || a[1] === null ? null : pow(a[0] as number, a[1] as number));
  },
};

/** sign(): -1, 0 or 1 as a real; NaN has no sign (null). */
function sign(x: number): number | null {
  if (Number.isNaN(x)) return null;
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/** isnan() and friends: "true if x is NaN and false otherwise", so null is false. */
function predicate(name: string, test: (x: number) => boolean): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args) {
      return fixed(name, args, [NUMBER], 'bool', (a) => (a[0] === null ? false : test(a[0] as number)));
    },
  };
}

// ── max_of / min_of ───────────────────────────────────────────────────────

function compare(a: Value, b: Value): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

const ORDERABLE = new Set<ScalarType>(['int', 'long', 'real', 'decimal', 'datetime', 'timespan', 'string', 'bool']);

/** max_of()/min_of(): all arguments of one type; nulls are skipped unless all are null. */
function extremum(name: string, sign: 1 | -1): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 64,
    bind(args) {
      const types = args.map((x) => x.type);
      const type = commonTypeOf(types);
      if (type === undefined || !ORDERABLE.has(type)) {
        return bindError(name, `all arguments must have one orderable type, not ${types.join(', ')}`);
      }
      return {
        type,
        impl: (a) => {
          let best: Value = null;
          for (const v of a) {
            if (v === null || v === undefined) continue;
            if (best === null || compare(v, best) * sign > 0) best = v;
          }
          return best;
        },
      };
    },
  };
}

const pi: ScalarFunction = {
  name: 'pi',
  minArgs: 0,
  maxArgs: 0,
  bind: () => ({ type: 'real', impl: () => Math.PI }),
};

export const mathFunctions: ScalarFunction[] = [
  { name: 'bin', aliases: ['floor'], minArgs: 2, maxArgs: 2, bind: (args) => bindBin('bin', args) },
  { name: 'bin_at', minArgs: 3, maxArgs: 3, bind: bindBinAt },
  round,
  unary('ceiling', 'same', Math.ceil),
  abs,
  unary('exp', 'real', Math.exp),
  unary('exp2', 'real', (x) => pow(2, x)),
  unary('exp10', 'real', (x) => pow(10, x)),
  unary('log', 'real', nonNegative(Math.log)),
  unary('log2', 'real', nonNegative(Math.log2)),
  unary('log10', 'real', nonNegative(Math.log10)),
  unary('sqrt', 'real', nonNegative(Math.sqrt)),
  powFn,
  unary('sign', 'real', sign),
  extremum('max_of', 1),
  extremum('min_of', -1),
  predicate('isnan', Number.isNaN),
  predicate('isinf', (x) => x === Infinity || x === -Infinity),
  predicate('isfinite', Number.isFinite),
  pi,
];

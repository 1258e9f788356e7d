/**
 * Element-wise series functions: the math of one series (series_abs, series_exp, series_sin, ...)
 * and the arithmetic and comparisons of two (series_add, series_divide, series_greater, ...). Each
 * function is one row of a table below: its operation on one element, or on a pair of elements.
 *
 * The pages' rules: an element that is not a number gives a null element, and so does an element
 * one of two arrays of different lengths lacks (the result is as long as the longer array). A
 * dynamic argument that is not an array gives a null result. As Kusto.Language's signatures have it,
 * either argument of a two-series function may be a number instead, which stands for every element
 * (series_multiply(s, 100)).
 *
 * Result elements keep the numbers' own values (kqlx holds every number in a dynamic as a double),
 * so series_divide's "always real" is plain double division: series_divide([1], [4]) is 0.25 and
 * series_divide([2], [0]) is +∞.
 */
import { isNumeric } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import { type ArgInfo, type BindResult, isBindError, type ScalarFunction } from '../types.js';
import { bindError } from './conversion.js';
import { pow } from './math.js';

/** One element of a result: a number, a comparison's bool, or null. */
type Element = number | boolean | null;

// ── one series ────────────────────────────────────────────────────────────

/**
 * A NaN result element is null: the scalar functions give null outside their domain (acos(2),
 * log(-1)), and so do their series forms, element by element.
 */
const definedOrNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** -1, 0 or 1; NaN has no sign. */
const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : Number.NaN);

const UNARY: readonly (readonly [string, (x: number) => number])[] = [
  ['series_abs', Math.abs],
  ['series_acos', Math.acos],
  ['series_asin', Math.asin],
  ['series_atan', Math.atan],
  ['series_ceiling', Math.ceil],
  ['series_cos', Math.cos],
  ['series_exp', Math.exp],
  ['series_floor', Math.floor],
  ['series_log', Math.log],
  ['series_sign', sign],
  ['series_sin', Math.sin],
  ['series_tan', Math.tan],
];

function unarySeries(name: string, op: (x: number) => number): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args) {
      if (args[0]!.type !== 'dynamic') return bindError(name, `argument 1 must be a dynamic array of numbers, not ${args[0]!.type}`);
      return {
        type: 'dynamic',
        impl: (a) => {
          const series = a[0];
          if (!Array.isArray(series)) return null;
          return series.map((x) => (typeof x === 'number' ? definedOrNull(op(x)) : null));
        },
      };
    },
  };
}

// ── two series ────────────────────────────────────────────────────────────

/** The two arguments of one row as arrays, a number given for a series repeated to the other's length; null when a series is not an array. */
export type SeriesPair = (args: readonly Value[]) => readonly [readonly Dynamic[], readonly Dynamic[]] | null;

/**
 * Binds the (series, series), (series, number) or (number, series) arguments of a two-series
 * function, as Kusto.Language's three signatures of series_add and series_dot_product allow.
 */
export function bindSeriesPair(name: string, args: readonly ArgInfo[]): BindResult<SeriesPair> {
  const isSeries: boolean[] = [];
  for (let i = 0; i < 2; i++) {
    const t = args[i]!.type;
    if (t !== 'dynamic' && !isNumeric(t)) return bindError(name, `argument ${i + 1} must be a dynamic array of numbers or a number, not ${t}`);
    isSeries.push(t === 'dynamic');
  }
  const [xSeries, ySeries] = isSeries as [boolean, boolean];
  if (!xSeries && !ySeries) return bindError(name, 'at least one argument must be a dynamic array');
  const repeated = (v: Value, length: number): Dynamic[] => new Array<Dynamic>(length).fill(v as number | null);
  return (a) => {
    const [x, y] = [a[0]!, a[1]!];
    if ((xSeries && !Array.isArray(x)) || (ySeries && !Array.isArray(y))) return null;
    if (!xSeries) return [repeated(x, (y as Dynamic[]).length), y as Dynamic[]];
    if (!ySeries) return [x as Dynamic[], repeated(y, (x as Dynamic[]).length)];
    return [x as Dynamic[], y as Dynamic[]];
  };
}

const BINARY: readonly (readonly [string, (x: number, y: number) => Element])[] = [
  ['series_add', (x, y) => x + y],
  ['series_subtract', (x, y) => x - y],
  ['series_multiply', (x, y) => x * y],
  ['series_divide', (x, y) => x / y],
  ['series_pow', pow],
  ['series_equals', (x, y) => x === y],
  ['series_not_equals', (x, y) => x !== y],
  ['series_greater', (x, y) => x > y],
  ['series_greater_equals', (x, y) => x >= y],
  ['series_less', (x, y) => x < y],
  ['series_less_equals', (x, y) => x <= y],
];

function binarySeries(name: string, op: (x: number, y: number) => Element): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args) {
      const pair = bindSeriesPair(name, args);
      if (isBindError(pair)) return pair;
      return {
        type: 'dynamic',
        impl: (a) => {
          const both = pair(a);
          if (!both) return null;
          const [xs, ys] = both;
          const out: Element[] = new Array<Element>(Math.max(xs.length, ys.length));
          for (let i = 0; i < out.length; i++) {
            const [x, y] = [xs[i], ys[i]];
            out[i] = typeof x === 'number' && typeof y === 'number' ? op(x, y) : null;
          }
          return out;
        },
      };
    },
  };
}

export const seriesElementwiseFunctions: ScalarFunction[] = [
  ...UNARY.map(([name, op]) => unarySeries(name, op)),
  ...BINARY.map(([name, op]) => binarySeries(name, op)),
];

/**
 * Filling the missing values of a series: series_fill_backward, series_fill_forward,
 * series_fill_const and series_fill_linear.
 *
 * An element is missing when it equals missing_value_placeholder, a number, or null by default
 * (double(null), long(null) and int(null) all mean a null element). Other elements are kept as they
 * are. A series that is not an array gives null.
 *
 * series_fill_linear interpolates between the numbers around a gap, so it takes every element that
 * is not a number as missing too. The page says a series of only int or long elements gets "rounded"
 * values, and its example shows them cut toward zero (73.5 → 73, 32.667 → 32). kqlx holds every
 * number of a dynamic as a double, so it cannot tell 36.0 from 36: a series whose known elements are
 * all whole numbers is taken as a series of longs (docs/semantics.md).
 */
import { isNumeric, type ScalarType } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import type { ArgInfo, ScalarFunction } from '../types.js';
import { bindError } from './conversion.js';

type Missing = (v: Dynamic) => boolean;

function missingTest(placeholder: Value | undefined): Missing {
  if (placeholder === null || placeholder === undefined) return (v) => v === null;
  return (v) => v === placeholder;
}

/** Each parameter's accepted types, by position: the series, then numbers or a bool. */
type Param = 'series' | 'number' | 'bool';

const ACCEPTS: Record<Param, (t: ScalarType) => boolean> = {
  series: (t) => t === 'dynamic',
  number: isNumeric,
  bool: (t) => t === 'bool',
};
const DESCRIBE: Record<Param, string> = { series: 'a dynamic array of numbers', number: 'a number', bool: 'a bool' };

/** A fill function: `fill` gets the series and the row's other arguments (undefined where not given). */
function fillFunction(
  name: string,
  params: readonly Param[],
  minArgs: number,
  fill: (series: readonly Dynamic[], rest: readonly (Value | undefined)[]) => Dynamic[],
): ScalarFunction {
  return {
    name,
    minArgs,
    maxArgs: params.length,
    bind(args: readonly ArgInfo[]) {
      for (let i = 0; i < args.length; i++) {
        const param = params[i]!;
        if (!ACCEPTS[param](args[i]!.type)) return bindError(name, `argument ${i + 1} must be ${DESCRIBE[param]}, not ${args[i]!.type}`);
      }
      return {
        type: 'dynamic',
        impl: (a) => {
          const series = a[0];
          if (!Array.isArray(series)) return null;
          return fill(series, params.slice(1).map((_, i) => a[i + 1]));
        },
      };
    },
  };
}

/** Each missing element takes the nearest kept element before it (`step` 1) or after it (`step` -1). */
function fillFromNeighbour(series: readonly Dynamic[], missing: Missing, step: 1 | -1): Dynamic[] {
  const out = series.slice();
  let last: Dynamic | undefined;
  for (let i = step === 1 ? 0 : out.length - 1; i >= 0 && i < out.length; i += step) {
    const v = out[i] as Dynamic;
    if (!missing(v)) last = v;
    else if (last !== undefined) out[i] = last;
  }
  return out;
}

function fillLinear(series: readonly Dynamic[], missing: Missing, fillEdges: boolean, constant: Dynamic): Dynamic[] {
  const known: number[] = [];
  series.forEach((v, i) => {
    if (typeof v === 'number' && !missing(v)) known.push(i);
  });
  if (known.length === 0) return series.map(() => constant);
  const at = (i: number) => series[i] as number;
  const integral = known.every((i) => Number.isInteger(at(i)));
  const out = series.slice();
  const [first, last] = [known[0]!, known[known.length - 1]!];
  if (fillEdges) {
    for (let i = 0; i < first; i++) out[i] = at(first);
    for (let i = last + 1; i < out.length; i++) out[i] = at(last);
  }
  for (let k = 1; k < known.length; k++) {
    const [left, right] = [known[k - 1]!, known[k]!];
    for (let i = left + 1; i < right; i++) {
      const value = at(left) + ((at(right) - at(left)) * (i - left)) / (right - left);
      out[i] = integral ? Math.trunc(value) : value;
    }
  }
  return out;
}

export const seriesFillFunctions: ScalarFunction[] = [
  fillFunction('series_fill_backward', ['series', 'number'], 1, (series, [placeholder]) =>
    fillFromNeighbour(series, missingTest(placeholder), -1)),
  fillFunction('series_fill_forward', ['series', 'number'], 1, (series, [placeholder]) =>
    fillFromNeighbour(series, missingTest(placeholder), 1)),
  fillFunction('series_fill_const', ['series', 'number', 'number'], 2, (series, [constant, placeholder]) => {
    const missing = missingTest(placeholder);
    return series.map((v) => (missing(v) ? (constant as number | null) : v));
  }),
  // fill_edges defaults to true, constant_value to 0; a null constant_value keeps an all-missing series' nulls.
  fillFunction('series_fill_linear', ['series', 'number', 'bool', 'number'], 1, (series, [placeholder, fillEdges, constant]) =>
    fillLinear(series, missingTest(placeholder), fillEdges !== false, constant === undefined ? 0 : (constant as number | null))),
];

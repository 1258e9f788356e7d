/**
 * Series functions that reduce one or two series to a real: series_sum, series_product,
 * series_magnitude, series_dot_product, series_cosine_similarity and series_pearson_correlation.
 *
 * The vector pages (series_dot_product, series_cosine_similarity) say how series are read: a longer
 * series is cut to the shorter one's length, an element that is not a number is ignored (it adds
 * nothing to a sum), and an empty series gives null. series_magnitude is documented as the square
 * root of a series' dot product with itself, so it reads its series the same way. series_sum and
 * series_product say nothing of non-numbers or empty series; they ignore non-numbers too, and an
 * empty series is their sum's and product's neutral value, 0 and 1. series_pearson_correlation's own
 * page differs: a non-number, or series of different lengths, make its result null.
 */
import { isNumeric } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import { type ArgInfo, isBindError, type ScalarFunction } from '../types.js';
import { bindError } from './conversion.js';
import { bindSeriesPair } from './series-elementwise.js';

const asArray = (v: Value): readonly Dynamic[] | null => (Array.isArray(v) ? v : null);

function checkSeries(name: string, args: readonly ArgInfo[], count: number): { readonly error: string } | undefined {
  for (let i = 0; i < count; i++) {
    if (args[i]!.type !== 'dynamic') return bindError(name, `argument ${i + 1} must be a dynamic array of numbers, not ${args[i]!.type}`);
  }
  return undefined;
}

/** Σ f(x) over the numbers among the first `length` elements. */
function sumOf(xs: readonly Dynamic[], f: (x: number) => number, length = xs.length): number {
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const x = xs[i];
    if (typeof x === 'number') sum += f(x);
  }
  return sum;
}

/** Σ x·y over the first `length` pairs where both are numbers. */
function dot(xs: readonly Dynamic[], ys: readonly Dynamic[], length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const [x, y] = [xs[i], ys[i]];
    if (typeof x === 'number' && typeof y === 'number') sum += x * y;
  }
  return sum;
}

function ofOneSeries(name: string, reduce: (xs: readonly Dynamic[]) => number | null): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args) {
      return checkSeries(name, args, 1) ?? {
        type: 'real',
        impl: (a) => {
          const xs = asArray(a[0]!);
          return xs ? reduce(xs) : null;
        },
      };
    },
  };
}

const seriesSum = ofOneSeries('series_sum', (xs) => sumOf(xs, (x) => x));

const seriesProduct = ofOneSeries('series_product', (xs) => {
  let product = 1;
  for (const x of xs) if (typeof x === 'number') product *= x;
  return product;
});

const seriesMagnitude = ofOneSeries('series_magnitude', (xs) => (xs.length === 0 ? null : Math.sqrt(sumOf(xs, (x) => x * x))));

/** series_dot_product(s1, s2): either side may be a number, repeated to the other's length (the page's alternate syntax). */
const seriesDotProduct: ScalarFunction = {
  name: 'series_dot_product',
  minArgs: 2,
  maxArgs: 2,
  bind(args) {
    const pair = bindSeriesPair('series_dot_product', args);
    if (isBindError(pair)) return pair;
    return {
      type: 'real',
      impl: (a) => {
        const both = pair(a);
        if (!both) return null;
        const length = Math.min(both[0].length, both[1].length);
        return length === 0 ? null : dot(both[0], both[1], length);
      },
    };
  },
};

/**
 * series_cosine_similarity(s1, s2 [, magnitude1 [, magnitude2]]): a magnitude not given (or null) is
 * computed from its series as cut to the common length.
 */
const seriesCosineSimilarity: ScalarFunction = {
  name: 'series_cosine_similarity',
  minArgs: 2,
  maxArgs: 4,
  bind(args) {
    const bad = checkSeries('series_cosine_similarity', args, 2);
    if (bad) return bad;
    for (let i = 2; i < args.length; i++) {
      if (!isNumeric(args[i]!.type)) return bindError('series_cosine_similarity', `argument ${i + 1} (a magnitude) must be a number, not ${args[i]!.type}`);
    }
    return {
      type: 'real',
      impl: (a) => {
        const [xs, ys] = [asArray(a[0]!), asArray(a[1]!)];
        if (!xs || !ys) return null;
        const length = Math.min(xs.length, ys.length);
        if (length === 0) return null;
        const magnitude = (given: Value | undefined, s: readonly Dynamic[]) =>
          typeof given === 'number' ? given : Math.sqrt(sumOf(s, (x) => x * x, length));
        return dot(xs, ys, length) / (magnitude(a[2], xs) * magnitude(a[3], ys));
      },
    };
  },
};

/** The Pearson correlation coefficient; null unless both series are all numbers and equally long (and not empty). */
const seriesPearsonCorrelation: ScalarFunction = {
  name: 'series_pearson_correlation',
  minArgs: 2,
  maxArgs: 2,
  bind(args) {
    return checkSeries('series_pearson_correlation', args, 2) ?? {
      type: 'real',
      impl: (a) => {
        const [xs, ys] = [asArray(a[0]!), asArray(a[1]!)];
        if (!xs || !ys || xs.length !== ys.length || xs.length === 0) return null;
        if (!xs.every((x) => typeof x === 'number') || !ys.every((y) => typeof y === 'number')) return null;
        const [x, y] = [xs as readonly number[], ys as readonly number[]];
        const mean = (v: readonly number[]) => v.reduce((s, e) => s + e, 0) / v.length;
        const [mx, my] = [mean(x), mean(y)];
        let [sxy, sxx, syy] = [0, 0, 0];
        for (let i = 0; i < x.length; i++) {
          const [dx, dy] = [x[i]! - mx, y[i]! - my];
          sxy += dx * dy;
          sxx += dx * dx;
          syy += dy * dy;
        }
        return sxy / Math.sqrt(sxx * syy);
      },
    };
  },
};

export const seriesVectorFunctions: ScalarFunction[] = [
  seriesSum,
  seriesProduct,
  seriesMagnitude,
  seriesDotProduct,
  seriesCosineSimilarity,
  seriesPearsonCorrelation,
];

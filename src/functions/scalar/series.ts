/**
 * Series functions over numeric arrays (make-series output). series_fit_line and series_stats return
 * several columns; here they are their `_dynamic` forms, which return one bag, and the binder spreads
 * the bag into columns (see MULTI_COLUMN_FUNCTIONS).
 *
 * series_fit_line: least squares over x = 1..n, as the documented example's values show (interception
 * -1.666 for its series), with variance and residual variance divided by n - 1 (98.628 and 1.686).
 */
import type { ScalarType } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import type { ScalarFunction } from '../types.js';

function numbers(v: Value): number[] | null {
  if (!Array.isArray(v)) return null;
  return v.map((x) => (typeof x === 'number' ? x : Number.NaN));
}

function fitLine(y: number[]): Record<string, Dynamic> | null {
  const n = y.length;
  if (n === 0) return null;
  const mx = (n + 1) / 2;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let sst = 0;
  y.forEach((v, i) => {
    const dx = i + 1 - mx;
    sxy += dx * (v - my);
    sxx += dx * dx;
    sst += (v - my) ** 2;
  });
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const interception = my - slope * mx;
  const lineFit = y.map((_, i) => interception + slope * (i + 1));
  const ssr = y.reduce((s, v, i) => s + (v - lineFit[i]!) ** 2, 0);
  const denominator = Math.max(1, n - 1);
  return {
    rsquare: sst === 0 ? 1 : 1 - ssr / sst,
    slope,
    variance: sst / denominator,
    rvariance: ssr / denominator,
    interception,
    line_fit: lineFit,
  };
}

/** series_stats: min, min_idx, max, max_idx, avg, stdev and variance (sample) of the finite values. */
function stats(y: number[]): Record<string, Dynamic> | null {
  const values = y.map((v, i) => [v, i] as const).filter(([v]) => Number.isFinite(v));
  if (values.length === 0) return null;
  let min = values[0]!;
  let max = values[0]!;
  for (const p of values) {
    if (p[0] < min[0]) min = p;
    if (p[0] > max[0]) max = p;
  }
  const n = values.length;
  const avg = values.reduce((s, [v]) => s + v, 0) / n;
  const variance = n > 1 ? values.reduce((s, [v]) => s + (v - avg) ** 2, 0) / (n - 1) : 0;
  return { min: min[0], min_idx: min[1], max: max[0], max_idx: max[1], avg, stdev: Math.sqrt(variance), variance };
}

function bagFunction(name: string, compute: (y: number[]) => Record<string, Dynamic> | null): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args) {
      if (args[0]!.type !== 'dynamic') return { error: `${name}() takes a dynamic array of numbers` };
      return {
        type: 'dynamic',
        impl: (a) => {
          const y = numbers(a[0]!);
          return y ? compute(y) : null;
        },
      };
    },
  };
}

export const seriesFunctions: ScalarFunction[] = [
  bagFunction('series_fit_line_dynamic', fitLine),
  bagFunction('series_stats_dynamic', stats),
];

/**
 * Functions that return several columns, each as a bag function and its outputs in order:
 * `extend (a, b) = f(x)` names them, otherwise they are `f_x_output`; in any other place the call
 * is its first output.
 */
export const MULTI_COLUMN_FUNCTIONS: ReadonlyMap<string, { bag: string; outputs: readonly { name: string; type: ScalarType }[] }> = new Map([
  ['series_fit_line', {
    bag: 'series_fit_line_dynamic',
    outputs: [
      { name: 'rsquare', type: 'real' }, { name: 'slope', type: 'real' }, { name: 'variance', type: 'real' },
      { name: 'rvariance', type: 'real' }, { name: 'interception', type: 'real' }, { name: 'line_fit', type: 'dynamic' },
    ],
  }],
  ['series_stats', {
    bag: 'series_stats_dynamic',
    outputs: [
      { name: 'min', type: 'real' }, { name: 'min_idx', type: 'long' }, { name: 'max', type: 'real' }, { name: 'max_idx', type: 'long' },
      { name: 'avg', type: 'real' }, { name: 'stdev', type: 'real' }, { name: 'variance', type: 'real' },
    ],
  }],
]);

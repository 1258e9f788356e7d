/** make-series and the series functions, from their documentation pages' examples and rules. */
import { describe, expect, it } from 'vitest';
import { rows, schemaOf } from '../helpers/run.js';

const T = `datatable(a:string, n:long, t:datetime)['x', 1, datetime(2024-01-01 01:10), 'x', 3, datetime(2024-01-01 03:00), 'y', 2, datetime(2024-01-01 02:59)]`;

describe('make-series', () => {
  it('one array per aggregate and the axis bins, per group (the official shape)', () => {
    const q = `${T} | make-series c = count(), s = sum(n) default = -1 on t from datetime(2024-01-01) to datetime(2024-01-01 04:00) step 1h by a | sort by a asc`;
    expect(schemaOf(q)).toEqual(['a:string', 'c:dynamic', 's:dynamic', 't:dynamic']);
    expect(rows(q)).toEqual([
      ['x', [0, 1, 0, 1], [-1, 1, -1, 3], ['2024-01-01T00:00:00Z', '2024-01-01T01:00:00Z', '2024-01-01T02:00:00Z', '2024-01-01T03:00:00Z']],
      ['y', [0, 0, 1, 0], [-1, -1, 2, -1], ['2024-01-01T00:00:00Z', '2024-01-01T01:00:00Z', '2024-01-01T02:00:00Z', '2024-01-01T03:00:00Z']],
    ]);
  });
  it('to is exclusive; in range(start, stop, step) includes the stop bin', () => {
    expect(rows(`${T} | make-series count() on t from datetime(2024-01-01) to datetime(2024-01-01 03:00) step 1h`)[0]![0]).toEqual([0, 1, 1]);
    expect(rows(`${T} | make-series count() on t in range(datetime(2024-01-01), datetime(2024-01-01 03:00), 1h)`)[0]![0]).toEqual([0, 1, 1, 1]);
  });
  it('without from and to, a series spans the bins that hold its data', () => {
    expect(rows(`${T} | make-series count() on t step 1h by a | sort by a asc | project count_`)).toEqual([[[1, 0, 1]], [[1]]]);
  });
  it('refuses aggregates that do not give numbers', () => {
    expect(() => rows(`${T} | make-series make_set(a) on t step 1h`)).toThrow(/numeric/);
  });
});

describe('series functions', () => {
  const y = 'dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30])';
  it('series_fit_line: the documented example (RSquare 0.982, Slope 2.730, Variance 98.628, RVariance 1.686, Interception -1.666)', () => {
    const [r] = rows(`print y = ${y} | extend (RSquare, Slope, Variance, RVariance, Interception, LineFit) = series_fit_line(y) | project-away y`);
    const [rsquare, slope, variance, rvariance, interception, lineFit] = r as [number, number, number, number, number, number[]];
    // The page prints three decimals, cut rather than rounded.
    const cut = (v: number) => Math.trunc(v * 1000) / 1000;
    expect([rsquare, slope, variance, rvariance, interception].map(cut)).toEqual([0.982, 2.73, 98.628, 1.686, -1.666]);
    expect([lineFit[0]!, lineFit[11]!].map(cut)).toEqual([1.064, 31.102]);
  });
  it('unnamed multi-column results are named function_argument_output; elsewhere the first output', () => {
    expect(schemaOf(`print y = ${y} | extend series_stats(y) | project-away y`)).toEqual([
      'series_stats_y_min:real', 'series_stats_y_min_idx:long', 'series_stats_y_max:real', 'series_stats_y_max_idx:long',
      'series_stats_y_avg:real', 'series_stats_y_stdev:real', 'series_stats_y_variance:real',
    ]);
    expect(Math.trunc((rows(`print r = series_fit_line(${y})`)[0]![0] as number) * 1000)).toBe(982);
  });
});

/** Series functions that reduce series to a real, checked against the examples of their pages in the Kusto docs. */
import { describe, expect, it } from 'vitest';
import { errors, rows, schemaOf } from '../helpers/run.js';

const value = (query: string) => rows(query)[0]![0];

describe('series_sum, series_product, series_magnitude', () => {
  it('match the docs examples', () => {
    expect(rows('print arr=dynamic([1,2,3,4]) | extend series_sum=series_sum(arr)')).toEqual([[[1, 2, 3, 4], 10]]);
    expect(rows('print arr=dynamic([1,2,3,4]) | extend series_product=series_product(arr)')).toEqual([[[1, 2, 3, 4], 24]]);
    expect(rows('print arr=dynamic([1,2,3,4]) | extend series_magnitude=series_magnitude(arr)')).toEqual([[[1, 2, 3, 4], 5.4772255750516612]]);
  });

  it('are reals', () => {
    expect(schemaOf('print a = dynamic([1]) | project series_sum(a), series_product(a), series_magnitude(a)')).toEqual([
      'Column1:real', 'Column2:real', 'Column3:real',
    ]);
  });

  it('ignore elements that are not numbers (docs/semantics.md)', () => {
    expect(value('print r = series_sum(dynamic([1, null, "x", 2.5]))')).toBe(3.5);
    expect(value('print r = series_product(dynamic([2, null, "x", 3]))')).toBe(6);
    expect(value('print r = series_magnitude(dynamic([3, null, 4]))')).toBe(5);
  });

  it('of an empty series: 0, 1 and null (the magnitude as the dot product page says of empty series)', () => {
    expect(rows('print a = dynamic([]) | project series_sum(a), series_product(a), series_magnitude(a)')).toEqual([[0, 1, null]]);
  });

  it('are null for a value that is not an array', () => {
    expect(rows('print a = dynamic({"k": 1}) | project series_sum(a), series_product(a), series_magnitude(a)')).toEqual([[null, null, null]]);
  });
});

describe('series_dot_product', () => {
  const pairs = 'range x from 1 to 3 step 1 | extend y = x * 2 | extend z = y * 2 | project s1 = pack_array(x,y,z)';

  it('matches the docs examples, two series and a series with a number', () => {
    expect(rows(`${pairs}, s2 = pack_array(z, y, x) | extend s1_dot_product_s2 = series_dot_product(s1, s2)`)).toEqual([
      [[1, 2, 4], [4, 2, 1], 12],
      [[2, 4, 8], [8, 4, 2], 48],
      [[3, 6, 12], [12, 6, 3], 108],
    ]);
    expect(rows(`${pairs}, s2 = x | extend s1_dot_product_s2 = series_dot_product(s1, s2)`)).toEqual([
      [[1, 2, 4], 1, 7],
      [[2, 4, 8], 2, 28],
      [[3, 6, 12], 3, 63],
    ]);
  });

  it('treats [1, 2, 3] · 10 as [1, 2, 3] · [10, 10, 10], either way round', () => {
    expect(rows('print a = series_dot_product(dynamic([1, 2, 3]), 10), b = series_dot_product(10, dynamic([1, 2, 3]))')).toEqual([[60, 60]]);
  });

  it('cuts the longer series, ignores non-numbers, and is null when a series is empty', () => {
    expect(value('print r = series_dot_product(dynamic([1, 2, 3, 4]), dynamic([1, 1]))')).toBe(3);
    expect(value('print r = series_dot_product(dynamic([1, "x", 3]), dynamic([2, 5, null]))')).toBe(2);
    expect(value('print r = series_dot_product(dynamic([]), dynamic([1, 2]))')).toBeNull();
  });
});

describe('series_cosine_similarity', () => {
  it('matches the docs example', () => {
    const result = rows(`datatable(s1:dynamic, s2:dynamic)
      [
        dynamic([0.1,0.2,0.1,0.2]), dynamic([0.11,0.2,0.11,0.21]),
        dynamic([0.1,0.2,0.1,0.2]), dynamic([1,2,3,4]),
      ]
      | extend cosine_similarity=series_cosine_similarity(s1, s2)`);
    expect(result.map((r) => r.slice(0, 2))).toEqual([
      [[0.1, 0.2, 0.1, 0.2], [0.11, 0.2, 0.11, 0.21]],
      [[0.1, 0.2, 0.1, 0.2], [1, 2, 3, 4]],
    ]);
    expect(result[0]![2]).toBeCloseTo(0.99935343825504, 14);
    expect(result[1]![2]).toBeCloseTo(0.923760430703401, 15);
  });

  it('uses the magnitudes it is given (the page\'s optional magnitude1 and magnitude2)', () => {
    expect(value('print r = series_cosine_similarity(dynamic([1, 2]), dynamic([3, 4]), 1.0, 2.0)')).toBe(5.5);
    expect(value('print r = series_cosine_similarity(dynamic([3, 4]), dynamic([3, 4]), real(null))')).toBeCloseTo(1, 15);
  });

  it('cuts the longer series, ignores non-numbers, and is null when a series is empty', () => {
    expect(value('print r = series_cosine_similarity(dynamic([1, 0, 7]), dynamic([1, 0]))')).toBe(1);
    expect(value('print r = series_cosine_similarity(dynamic([1, "x"]), dynamic([1, 1]))')).toBeCloseTo(Math.SQRT1_2, 15);
    expect(value('print r = series_cosine_similarity(dynamic([1]), dynamic([]))')).toBeNull();
  });

  it('takes no number for a series', () => {
    expect(errors('print r = series_cosine_similarity(dynamic([1]), 2)')[0]!.message).toContain('argument 2 must be a dynamic array of numbers, not long');
  });
});

describe('series_pearson_correlation', () => {
  it('matches the docs example (a perfect correlation)', () => {
    expect(rows(`range s1 from 1 to 5 step 1
      | extend s2 = 2 * s1
      | summarize s1 = make_list(s1), s2 = make_list(s2)
      | extend correlation_coefficient = series_pearson_correlation(s1, s2)`)).toEqual([[[1, 2, 3, 4, 5], [2, 4, 6, 8, 10], 1]]);
  });

  it('is negative for series that move apart', () => {
    expect(value('print r = series_pearson_correlation(dynamic([1, 2, 3]), dynamic([3, 2, 1]))')).toBe(-1);
  });

  it('is null for a non-numeric element or series of different sizes, as the page says', () => {
    expect(value('print r = series_pearson_correlation(dynamic([1, 2, null]), dynamic([1, 2, 3]))')).toBeNull();
    expect(value('print r = series_pearson_correlation(dynamic([1, 2]), dynamic([1, 2, 3]))')).toBeNull();
  });
});

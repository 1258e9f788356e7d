/** Filling missing values of a series, checked against the examples of the Kusto docs pages. */
import { describe, expect, it } from 'vitest';
import { errors, rows, schemaOf } from '../helpers/run.js';

const value = (query: string) => rows(query)[0]![0];

describe('series_fill_backward and series_fill_forward', () => {
  it('series_fill_backward: the docs example (the rightmost missing values stay)', () => {
    expect(rows(`let data = datatable(arr: dynamic)
        [ dynamic([111, null, 36, 41, null, null, 16, 61, 33, null, null]) ];
      data | project arr, fill_backward = series_fill_backward(arr)`)).toEqual([[
      [111, null, 36, 41, null, null, 16, 61, 33, null, null],
      [111, 36, 36, 41, 16, 16, 16, 61, 33, null, null],
    ]]);
  });

  it('series_fill_forward: the docs example (the leftmost missing values stay)', () => {
    expect(rows(`let data = datatable(arr: dynamic)
        [ dynamic([null, null, 36, 41, null, null, 16, 61, 33, null, null]) ];
      data | project arr, fill_forward = series_fill_forward(arr)`)).toEqual([[
      [null, null, 36, 41, null, null, 16, 61, 33, null, null],
      [null, null, 36, 41, 41, 41, 16, 61, 33, 33, 33],
    ]]);
  });

  it('fill what equals missing_value_placeholder; long(null) means null too', () => {
    expect(value('print r = series_fill_forward(dynamic([1, 0, 0, 4, 0]), 0)')).toEqual([1, 1, 1, 4, 4]);
    expect(value('print r = series_fill_backward(dynamic([0, 2, 0, 4, null]), 0)')).toEqual([2, 2, 4, 4, null]);
    expect(value('print r = series_fill_forward(dynamic([5, null]), long(null))')).toEqual([5, 5]);
  });

  it('are null for a value that is not an array, and keep the name of their series', () => {
    expect(value('print r = series_fill_forward(dynamic({"a": null}))')).toBeNull();
    expect(schemaOf('print s = dynamic([1, null]) | project series_fill_forward(s)')).toEqual(['s:dynamic']);
  });
});

describe('series_fill_const', () => {
  it('matches the docs example', () => {
    expect(rows(`let data = datatable(arr: dynamic)
        [ dynamic([111, null, 36, 41, 23, null, 16, 61, 33, null, null]) ];
      data | project arr, fill_const1 = series_fill_const(arr, 0.0), fill_const2 = series_fill_const(arr, -1)`)).toEqual([[
      [111, null, 36, 41, 23, null, 16, 61, 33, null, null],
      [111, 0.0, 36, 41, 23, 0.0, 16, 61, 33, 0.0, 0.0],
      [111, -1, 36, 41, 23, -1, 16, 61, 33, -1, -1],
    ]]);
  });

  it('replaces what equals missing_value_placeholder', () => {
    expect(value('print r = series_fill_const(dynamic([1, -1, null, -1]), 0, -1)')).toEqual([1, 0, null, 0]);
  });

  it('needs its constant', () => {
    expect(errors('print r = series_fill_const(dynamic([1]))')[0]!.code).toBe('KX204');
  });
});

describe('series_fill_linear', () => {
  const example = `let data = datatable(arr: dynamic)
      [
        dynamic([null, 111, null, 36, 41, null, null, 16, 61, 33, null, null]),
        dynamic([null, null, null, null])
      ];
    data | project arr,
      without_args = series_fill_linear(arr),
      with_edges = series_fill_linear(arr, double(null), true),
      wo_edges = series_fill_linear(arr, double(null), false),
      with_const = series_fill_linear(arr, double(null), true, 3.14159)`;

  it('matches the docs example for a series of integers (values cut toward zero) and one of nulls only', () => {
    // The page prints with_const of the integer row as [111,111,74,38,41,...], unlike its with_edges
    // row for the same call without a constant (which only matters for an all-null series):
    // kqlx gives both the same (docs/semantics.md).
    const filled = [111, 111, 73, 36, 41, 32, 24, 16, 61, 33, 33, 33];
    expect(rows(example)).toEqual([
      [[null, 111, null, 36, 41, null, null, 16, 61, 33, null, null], filled, filled, [null, 111, 73, 36, 41, 32, 24, 16, 61, 33, null, null], filled],
      [[null, null, null, null], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [3.14159, 3.14159, 3.14159, 3.14159]],
    ]);
  });

  it('interpolates exactly in a series with a fractional element, as the page\'s series of doubles', () => {
    const result = value('print r = series_fill_linear(dynamic([null, 111.5, null, 36.0, 41.0, null, null, 16.0, null]))') as number[];
    expect(result.map((x) => Number(x.toFixed(3)))).toEqual([111.5, 111.5, 73.75, 36, 41, 32.667, 24.333, 16, 16]);
  });

  it('takes a series whose known elements are all whole numbers as integers, so 36.0 is 36 (docs/semantics.md)', () => {
    expect(value('print r = series_fill_linear(dynamic([111.0, null, 36.0]))')).toEqual([111, 73, 36]);
    expect(value('print r = series_fill_linear(dynamic([-1, null, -4]))')).toEqual([-1, -2, -4]);
  });

  it('fills what equals missing_value_placeholder, and a null constant keeps an all-missing series', () => {
    expect(value('print r = series_fill_linear(dynamic([0, 2, 0, 0, 8]), 0, false)')).toEqual([0, 2, 4, 6, 8]);
    expect(value('print r = series_fill_linear(dynamic([null, null]), double(null), true, double(null))')).toEqual([null, null]);
    expect(value('print r = series_fill_linear(dynamic([]))')).toEqual([]);
  });

  it('refuses a fill_edges that is not a bool', () => {
    expect(errors('print r = series_fill_linear(dynamic([1]), 0, 1)')[0]!.message).toContain('argument 3 must be a bool, not long');
  });
});

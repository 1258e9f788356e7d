/** Element-wise series functions, checked against the example of each function's page in the Kusto docs. */
import { describe, expect, it } from 'vitest';
import { errors, rows, schemaOf } from '../helpers/run.js';

/** The docs print reals to 17 significant digits; compare every element to 15. */
const digits = (xs: unknown) => (xs as (number | null)[]).map((x) => (typeof x === 'number' ? Number(x.toPrecision(15)) : x));

/** The single value of a one-row, one-column query. */
const value = (query: string) => rows(query)[0]![0];

describe('one series: the docs examples', () => {
  it.each([
    ['series_abs', '[-6.5,0,8.2]', [6.5, 0, 8.2]],
    ['series_acos', '[-1,0,1]', [3.1415926535897931, 1.5707963267948966, 0.0]],
    ['series_asin', '[-1,0,1]', [-1.5707963267948966, 0, 1.5707963267948966]],
    ['series_atan', '[-1,0,1]', [-0.78539816339744828, 0.0, 0.78539816339744828]],
    ['series_ceiling', '[-1.5,1,2.5]', [-1.0, 1.0, 3.0]],
    ['series_cos', '[-1,0,1]', [0.54030230586813976, 1.0, 0.54030230586813976]],
    ['series_exp', '[1,2,3]', [2.7182818284590451, 7.38905609893065, 20.085536923187668]],
    ['series_floor', '[-1.5,1,2.5]', [-2.0, 1.0, 2.0]],
    ['series_log', '[1,2,3]', [0.0, 0.69314718055994529, 1.0986122886681098]],
    ['series_sign', '[-6, 0, 8]', [-1, 0, 1]],
    ['series_sin', '[-1, 0, 1]', [-0.8414709848078965, 0.0, 0.8414709848078965]],
    ['series_tan', '[-1, 0, 1]', [-1.5574077246549023, 0.0, 1.5574077246549023]],
  ])('%s(dynamic(%s))', (fn, input, expected) => {
    expect(digits(value(`print arr = dynamic(${input}) | project r = ${fn}(arr)`))).toEqual(digits(expected));
  });
});

describe('one series: elements and arguments', () => {
  it('gives a null element for an element that is not a number', () => {
    expect(value('print r = series_abs(dynamic([-1, "2", null, true, [3]]))')).toEqual([1, null, null, null, null]);
  });

  it('gives null elements outside a function\'s domain, as the scalar functions give null', () => {
    expect(value('print r = series_acos(dynamic([2, -1.5, 1]))')).toEqual([null, null, 0]);
    expect(value('print r = series_log(dynamic([-1, 0, 1]))')).toEqual([null, -Infinity, 0]);
  });

  it('is null for a dynamic value that is not an array', () => {
    expect(value('print r = series_exp(dynamic({"a": 1}))')).toBeNull();
    expect(value('print r = series_exp(dynamic(null))')).toBeNull();
  });

  it('refuses a non-dynamic argument at bind time', () => {
    expect(errors('print r = series_abs(1)')[0]!.message).toContain('series_abs(): argument 1 must be a dynamic array of numbers, not long');
  });
});

describe('two series: the docs examples', () => {
  const pairs = 'range x from 1 to 3 step 1 | extend y = x * 2 | extend z = y * 2 | project s1 = pack_array(x,y,z), s2 = pack_array(z, y, x)';
  it.each([
    ['series_add', [[5, 4, 5], [10, 8, 10], [15, 12, 15]]],
    ['series_subtract', [[-3, 0, 3], [-6, 0, 6], [-9, 0, 9]]],
    ['series_multiply', [[4, 4, 4], [16, 16, 16], [36, 36, 36]]],
    ['series_divide', [[0.25, 1.0, 4.0], [0.25, 1.0, 4.0], [0.25, 1.0, 4.0]]],
  ])('%s(s1, s2) over range 1..3', (fn, expected) => {
    expect(rows(`${pairs} | extend r = ${fn}(s1, s2)`)).toEqual([
      [[1, 2, 4], [4, 2, 1], expected[0]],
      [[2, 4, 8], [8, 4, 2], expected[1]],
      [[3, 6, 12], [12, 6, 3], expected[2]],
    ]);
  });

  it('series_pow', () => {
    expect(rows('print x = dynamic([1, 2, 3, 4]), y = dynamic([1, 2, 3, 0.5]) | extend x_pow_y = series_pow(x, y)')).toEqual([
      [[1, 2, 3, 4], [1, 2, 3, 0.5], [1.0, 4.0, 27.0, 2.0]],
    ]);
  });

  it.each([
    ['series_equals', [false, true, false]],
    ['series_not_equals', [true, false, true]],
    ['series_greater', [false, false, true]],
    ['series_greater_equals', [false, true, true]],
    ['series_less', [true, false, false]],
    ['series_less_equals', [true, true, false]],
  ])('%s([1,2,4], [4,2,1])', (fn, expected) => {
    expect(rows(`print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1]) | extend r = ${fn}(s1, s2)`)).toEqual([[[1, 2, 4], [4, 2, 1], expected]]);
  });
});

describe('two series: elements and arguments', () => {
  it('gives null for a non-numeric element and for one the shorter array lacks', () => {
    expect(value('print r = series_add(dynamic([1, "a", null, 4]), dynamic([10, 20, 30]))')).toEqual([11, null, null, null]);
    expect(value('print r = series_greater(dynamic([1]), dynamic([0, 5]))')).toEqual([true, null]);
  });

  it('takes a number for either side, standing for every element (the official binder\'s signatures)', () => {
    expect(value('print r = series_multiply(dynamic([1, 2, 3]), 10)')).toEqual([10, 20, 30]);
    expect(value('print r = series_subtract(10, dynamic([1, 2, 3]))')).toEqual([9, 8, 7]);
    expect(value('print r = series_less_equals(2, dynamic([1, 2, 3]))')).toEqual([false, true, true]);
    expect(value('print r = series_add(dynamic([1, 2]), real(null))')).toEqual([null, null]);
  });

  it('divides as doubles: integers give fractions, division by zero gives infinity or NaN', () => {
    expect(value('print r = series_divide(dynamic([1, 2, -2, 0]), dynamic([4, 0, 0, 0]))')).toEqual([0.25, Infinity, -Infinity, NaN]);
  });

  it('is null when a series is not an array', () => {
    expect(value('print r = series_add(dynamic({"a": 1}), dynamic([1]))')).toBeNull();
    expect(value('print r = series_add(dynamic([1]), dynamic("x"))')).toBeNull();
  });

  it('refuses two numbers, or a string, at bind time', () => {
    expect(errors('print r = series_add(1, 2)')[0]!.message).toContain('series_add(): at least one argument must be a dynamic array');
    expect(errors('print r = series_equals(dynamic([1]), "1")')[0]!.message).toContain('argument 2 must be a dynamic array of numbers or a number, not string');
  });

  it('results are dynamic, unnamed results are ColumnN', () => {
    expect(schemaOf('print s = dynamic([1]) | extend series_divide(s, 2), series_sign(s)')).toEqual(['s:dynamic', 'Column1:dynamic', 'Column2:dynamic']);
  });
});

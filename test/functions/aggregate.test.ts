/**
 * Aggregate functions. Examples come from the Kusto documentation pages of each function (the
 * expected outputs are the documented ones); default column names were checked against
 * Kusto.Language's own result naming.
 */
import { describe, expect, it } from 'vitest';
import { aggregates } from '../../src/functions/index.js';
import { hllCardinality } from '../../src/functions/aggregate/hll.js';
import { isBindError, type ArgInfo } from '../../src/functions/types.js';
import { formatDatetime, parseDatetime } from '../../src/types/datetime.js';
import { formatTimespan } from '../../src/types/timespan.js';
import type { ScalarType } from '../../src/types/scalar-type.js';
import type { Value } from '../../src/types/value.js';
import { callAggregate } from '../helpers/functions.js';
import { rows, schemaOf, table } from '../helpers/run.js';

const dt = (s: string): bigint => parseDatetime(s)!;

/** Like callAggregate, but with full ArgInfo (constants) for bind. */
function run(name: string, infos: ArgInfo[], rows: Value[][]): { type: ScalarType; value: Value } {
  const fn = aggregates.get(name)!;
  const bound = fn.bind(infos);
  if (isBindError(bound)) throw new Error(bound.error);
  const acc = bound.create();
  for (const r of rows) acc.add(r);
  return { type: bound.type, value: acc.result() };
}

function bindError(name: string, infos: ArgInfo[]): string | undefined {
  const r = aggregates.get(name)!.bind(infos);
  return isBindError(r) ? r.error : undefined;
}

const col = (...values: Value[]): Value[][] => values.map((v) => [v]);

describe('registry', () => {
  it('registers every function and deprecated spelling', () => {
    for (const n of [
      'count', 'countif', 'dcount', 'dcountif', 'count_distinct', 'count_distinctif',
      'sum', 'sumif', 'avg', 'avgif', 'min', 'max', 'minif', 'maxif',
      'make_set', 'makeset', 'make_set_if', 'make_list', 'makelist', 'make_list_if', 'make_list_with_nulls',
      'make_bag', 'make_bag_if', 'make_dictionary', 'take_any', 'any', 'take_anyif', 'anyif',
      'stdev', 'stdevif', 'stdevp', 'variance', 'varianceif', 'variancep', 'variancepif', 'percentile',
      'hll', 'hll_if', 'hll_merge', 'binary_all_and', 'binary_all_or', 'binary_all_xor',
      'percentilew', 'percentiles', 'percentilesw', 'percentiles_array', 'percentilesw_array',
      'tdigest', 'tdigest_merge', 'merge_tdigest', 'covariance', 'covarianceif', 'covariancep', 'covariancepif',
    ]) {
      expect(aggregates.has(n), n).toBe(true);
    }
    for (const n of ['arg_max', 'arg_min', 'argmax', 'argmin', 'dcount_hll']) expect(aggregates.has(n), n).toBe(false);
  });
});

describe('default column names (as Kusto.Language names them)', () => {
  const name = (fn: string, ...args: (string | undefined)[]): string => aggregates.get(fn)!.defaultName(args);
  it('prefix_column for most functions, prefix_ for expressions', () => {
    expect(name('count')).toBe('count_');
    expect(name('count', 'B')).toBe('count_B');
    expect(name('countif', undefined)).toBe('countif_');
    expect(name('countif', 'B')).toBe('countif_B');
    expect(name('dcount', 'X', undefined)).toBe('dcount_X');
    expect(name('dcountif', 'X', undefined)).toBe('dcountif_X');
    expect(name('count_distinct', 'X')).toBe('count_distinct_X');
    expect(name('count_distinctif', 'X', 'B')).toBe('count_distinctif_X');
    expect(name('sum', 'X')).toBe('sum_X');
    expect(name('sum', undefined)).toBe('sum_');
    expect(name('sumif', 'X', 'B')).toBe('sumif_X');
    expect(name('avg', 'X')).toBe('avg_X');
    expect(name('avgif', 'X', 'B')).toBe('avgif_X');
    expect(name('min', 'X')).toBe('min_X');
    expect(name('max', 'Ts')).toBe('max_Ts');
    expect(name('minif', 'X', 'B')).toBe('minif_X');
    expect(name('maxif', 'X', 'B')).toBe('maxif_X');
    expect(name('stdev', 'X')).toBe('stdev_X');
    expect(name('stdev', undefined)).toBe('stdev_');
    expect(name('stdevif', 'X', 'B')).toBe('stdevif_X');
    expect(name('stdevp', 'X')).toBe('stdevp_X');
    expect(name('variance', 'X')).toBe('variance_X');
    expect(name('varianceif', 'X', 'B')).toBe('varianceif_X');
    expect(name('variancep', 'X')).toBe('variancep_X');
    expect(name('variancepif', 'X', 'B')).toBe('variancepif_X');
    expect(name('hll', 'X')).toBe('hll_X');
    expect(name('hll', undefined)).toBe('hll_');
    expect(name('hll_if', 'X', 'B')).toBe('hll_if_X');
    expect(name('hll_merge', 'D')).toBe('hll_merge_D');
  });
  it('collections are named set_, list_, bag_, dictionary_', () => {
    expect(name('make_set', 'X')).toBe('set_X');
    expect(name('makeset', 'X')).toBe('set_X');
    expect(name('make_set', 'X', undefined)).toBe('set_X');
    expect(name('make_set_if', 'X', 'B')).toBe('set_X');
    expect(name('make_set', undefined)).toBe('set_');
    expect(name('make_list', 'X')).toBe('list_X');
    expect(name('makelist', 'X')).toBe('list_X');
    expect(name('make_list_if', 'X', 'B')).toBe('list_X');
    expect(name('make_list_with_nulls', 'X')).toBe('list_X');
    expect(name('make_list_with_nulls', undefined)).toBe('list_');
    expect(name('make_bag', 'D')).toBe('bag_D');
    expect(name('make_bag', undefined)).toBe('bag_');
    expect(name('make_bag_if', 'D', 'B')).toBe('bag_D');
    expect(name('make_dictionary', 'D')).toBe('dictionary_D');
  });
  it('take_any keeps the column name; the deprecated any() prefixes any_', () => {
    expect(name('take_any', 'X')).toBe('X');
    expect(name('take_any', undefined)).toBe('any_arg0');
    expect(name('any', 'X')).toBe('any_X');
    expect(name('any', undefined)).toBe('any_');
    expect(name('take_anyif', 'X', 'B')).toBe('X');
    expect(name('take_anyif', undefined, 'B')).toBe('Column1');
    expect(name('anyif', 'X', 'B')).toBe('anyif_X');
    expect(name('anyif', undefined, 'B')).toBe('anyif_');
  });
  it('binary_all_* keep the column name', () => {
    expect(name('binary_all_and', 'X')).toBe('X');
    expect(name('binary_all_or', 'I')).toBe('I');
    expect(name('binary_all_xor', undefined)).toBe('Column1');
  });
  it('percentile appends the percentile with . as _', () => {
    expect(name('percentile', 'DamageProperty', '95')).toBe('percentile_DamageProperty_95');
    expect(name('percentile', 'X', '99.5')).toBe('percentile_X_99_5');
    expect(name('percentile', 'X', '50.0')).toBe('percentile_X_50');
    expect(name('percentile', 'X', '1e1')).toBe('percentile_X_10');
    expect(name('percentile', 'X', '0.001')).toBe('percentile_X_0_001');
    expect(name('percentile', undefined, '50')).toBe('percentile__50');
    expect(name('percentile', 'X', undefined)).toBe('percentile_X_');
    expect(name('percentile', 'X', 'R')).toBe('percentile_X_');
  });
});

describe('count, countif', () => {
  it('counts rows, nulls included (summarize docs: count(y) over [null, 5] is 2)', () => {
    expect(callAggregate('count', [], [[], [], []])).toEqual({ type: 'long', value: 3 });
    expect(callAggregate('count', ['real'], col(null, 5))).toEqual({ type: 'long', value: 2 });
  });
  it('countif counts true predicates only', () => {
    expect(callAggregate('countif', ['bool'], col(true, false, null, true))).toEqual({ type: 'long', value: 2 });
  });
  it('refuses a non-bool predicate', () => {
    expect(bindError('countif', [{ type: 'long' }])).toMatch(/bool/);
  });
});

describe('dcount, dcountif, count_distinct, count_distinctif (exact)', () => {
  it('counts distinct non-null values', () => {
    expect(callAggregate('dcount', ['string'], col('a', 'b', 'a', 'c'))).toEqual({ type: 'long', value: 3 });
    expect(callAggregate('dcount', ['long'], col(1, null, 1, 2, null))).toEqual({ type: 'long', value: 2 });
    expect(callAggregate('dcount', ['datetime'], col(dt('2024-01-01'), dt('2024-01-01'), dt('2024-01-02')))).toEqual({
      type: 'long',
      value: 2,
    });
    expect(callAggregate('count_distinct', ['long'], col(5, 5, 5))).toEqual({ type: 'long', value: 1 });
  });
  it('compares dynamic values by their JSON text', () => {
    expect(callAggregate('dcount', ['dynamic'], col(1, '1', [1, 2], [1, 2], { a: 1 }, { a: 1 }, null)).value).toBe(4);
  });
  it('accepts an accuracy level 0..4 and refuses others', () => {
    expect(run('dcount', [{ type: 'long' }, { type: 'int', constant: { value: 4 } }], [[1, 4], [2, 4], [1, 4]]).value).toBe(2);
    expect(bindError('dcount', [{ type: 'long' }, { type: 'int', constant: { value: 5 } }])).toMatch(/0\.\.4/);
    expect(bindError('dcount', [{ type: 'long' }, { type: 'real' }])).toMatch(/integer/);
  });
  it('the if forms count rows whose predicate is true', () => {
    const rows = [['TX', true], ['TX', true], ['CA', false], ['OK', true], ['CA', null]];
    expect(callAggregate('dcountif', ['string', 'bool'], rows).value).toBe(2);
    expect(callAggregate('count_distinctif', ['string', 'bool'], rows).value).toBe(2);
  });
  it('count_distinct refuses dynamic', () => {
    expect(bindError('count_distinct', [{ type: 'dynamic' }])).toMatch(/dynamic/);
    expect(bindError('dcount', [{ type: 'dynamic' }])).toBeUndefined();
  });
});

describe('sum, sumif, avg, avgif', () => {
  it('summarize docs: sum and avg ignore nulls (y = null, 5, 5, 5)', () => {
    const y = col(null, 5, 5, 5);
    expect(callAggregate('sum', ['real'], y)).toEqual({ type: 'real', value: 15 });
    expect(callAggregate('avg', ['real'], y)).toEqual({ type: 'real', value: 5 });
  });
  it('types the result as Kusto does', () => {
    expect(callAggregate('sum', ['int'], col(1, 2)).type).toBe('long');
    expect(callAggregate('sum', ['long'], col(1, 2))).toEqual({ type: 'long', value: 3 });
    expect(callAggregate('sum', ['decimal'], col(1.5)).type).toBe('decimal');
    expect(callAggregate('avg', ['long'], col(1, 2))).toEqual({ type: 'real', value: 1.5 });
    expect(callAggregate('avg', ['int'], col(1)).type).toBe('real');
  });
  it('sums and averages timespans as timespans', () => {
    expect(callAggregate('sum', ['timespan'], col(10n, null, 20n))).toEqual({ type: 'timespan', value: 30n });
    expect(callAggregate('avg', ['timespan'], col(10n, 21n))).toEqual({ type: 'timespan', value: 15n });
    expect(callAggregate('avg', ['timespan'], col(-10n, -21n)).value).toBe(-15n);
  });
  it('averages datetimes', () => {
    expect(callAggregate('avg', ['datetime'], col(dt('2024-01-01'), dt('2024-01-03')))).toEqual({
      type: 'datetime',
      value: dt('2024-01-02'),
    });
    expect(callAggregate('avg', ['datetime'], col(-1n, -2n)).value).toBe(-2n);
    expect(callAggregate('avg', ['datetime'], col(null)).value).toBeNull();
  });
  it('sums datetimes as Kusto adds their ticks from 0001-01-01', () => {
    expect(callAggregate('sum', ['datetime'], col(dt('2024-01-01'))).value).toBe(dt('2024-01-01'));
    expect(callAggregate('sum', ['datetime'], col(dt('9000-01-01'), dt('9000-01-01'))).value).toBeNull();
  });
  it('empty input: sum is 0 and avg is NaN (summarize docs: default values of aggregations)', () => {
    expect(callAggregate('sum', ['long'], []).value).toBe(0);
    expect(callAggregate('sumif', ['long', 'bool'], []).value).toBe(0);
    expect(callAggregate('sum', ['timespan'], []).value).toBe(0n);
    expect(callAggregate('avg', ['long'], []).value).toBeNaN();
    expect(callAggregate('avg', ['long'], col(null, null)).value).toBeNaN();
  });
  it('the if forms filter by the predicate', () => {
    const rows = [[1, true], [10, false], [3, true], [100, null]];
    expect(callAggregate('sumif', ['long', 'bool'], rows)).toEqual({ type: 'long', value: 4 });
    expect(callAggregate('avgif', ['long', 'bool'], rows)).toEqual({ type: 'real', value: 2 });
  });
  it('refuses values that cannot be summed', () => {
    expect(bindError('sum', [{ type: 'string' }])).toMatch(/number, timespan or datetime/);
    expect(bindError('sum', [{ type: 'bool' }])).toBeDefined();
    expect(bindError('avg', [{ type: 'dynamic' }])).toBeDefined();
    expect(bindError('sumif', [{ type: 'long' }, { type: 'string' }])).toMatch(/bool/);
  });
});

describe('min, max, minif, maxif', () => {
  it('keep the argument type and ignore nulls', () => {
    expect(callAggregate('min', ['long'], col(3, null, 1, 2))).toEqual({ type: 'long', value: 1 });
    expect(callAggregate('max', ['int'], col(3, null, 1, 2))).toEqual({ type: 'int', value: 3 });
    expect(callAggregate('max', ['real'], col(-1.5, -0.5))).toEqual({ type: 'real', value: -0.5 });
    expect(callAggregate('min', ['string'], col('b', 'a', 'c'))).toEqual({ type: 'string', value: 'a' });
    expect(callAggregate('max', ['bool'], col(false, true, null))).toEqual({ type: 'bool', value: true });
  });
  it('min docs: the first StartTime; summarize docs: min and max of durations', () => {
    expect(callAggregate('min', ['datetime'], col(dt('2007-02-01'), dt('2007-01-01'), null)).value).toBe(dt('2007-01-01'));
    const hour = 36_000_000_000n;
    expect(callAggregate('max', ['timespan'], col(hour, 11n * hour, 2n * hour))).toEqual({ type: 'timespan', value: 11n * hour });
  });
  it('give null (empty string for strings) when there is nothing', () => {
    expect(callAggregate('min', ['long'], []).value).toBeNull();
    expect(callAggregate('max', ['long'], col(null)).value).toBeNull();
    expect(callAggregate('max', ['string'], []).value).toBe('');
  });
  it('the if forms filter by the predicate', () => {
    const rows = [[5, true], [1, false], [7, true], [9, null]];
    expect(callAggregate('minif', ['long', 'bool'], rows).value).toBe(5);
    expect(callAggregate('maxif', ['long', 'bool'], rows).value).toBe(7);
  });
  it('refuse values that cannot be ordered', () => {
    expect(bindError('min', [{ type: 'dynamic' }])).toMatch(/orderable/);
    expect(bindError('max', [{ type: 'guid' }])).toBeDefined();
  });
});

describe('stdev, stdevp, variance, variancep and their if forms', () => {
  const x = col(1, 2, 3, 4, 5); // docs: range x from 1 to 5 step 1
  it('docs examples', () => {
    expect(callAggregate('stdev', ['long'], x).type).toBe('real');
    expect(callAggregate('stdev', ['long'], x).value).toBeCloseTo(1.58113883008419, 12);
    expect(callAggregate('stdevp', ['long'], x).value).toBeCloseTo(1.4142135623731, 12);
    expect(callAggregate('variance', ['long'], x).value).toBeCloseTo(2.5, 12);
    expect(callAggregate('variancep', ['long'], x).value).toBeCloseTo(2, 12);
  });
  it('ignore nulls; the if forms filter', () => {
    expect(callAggregate('variance', ['real'], col(1, null, 2, 3, 4, 5)).value).toBeCloseTo(2.5, 12);
    const rows = [[1, true], [100, false], [3, true], [5, true]];
    expect(callAggregate('varianceif', ['long', 'bool'], rows).value).toBeCloseTo(4, 12);
    expect(callAggregate('stdevif', ['long', 'bool'], rows).value).toBeCloseTo(2, 12);
    expect(callAggregate('variancepif', ['long', 'bool'], rows).value).toBeCloseTo(8 / 3, 12);
  });
  it('empty and single values', () => {
    expect(callAggregate('stdev', ['long'], []).value).toBe(0);
    expect(callAggregate('variance', ['long'], []).value).toBe(0);
    expect(callAggregate('stdevif', ['long', 'bool'], []).value).toBe(0);
    expect(callAggregate('stdev', ['long'], col(7)).value).toBe(0);
    expect(callAggregate('variancep', ['long'], []).value).toBeNull();
    expect(callAggregate('stdevp', ['long'], col(7)).value).toBe(0);
  });
  it('keeps precision for datetimes (ticks) and timespans', () => {
    const day = 864_000_000_000;
    const r = callAggregate('stdev', ['datetime'], col(dt('2024-01-01'), dt('2024-01-02'), dt('2024-01-03')));
    expect(r).toEqual({ type: 'real', value: day });
    expect(callAggregate('variancep', ['timespan'], col(0n, 2n)).value).toBe(1);
  });
});

describe('percentile (nearest rank)', () => {
  const p = (values: Value[], pct: number, type: ScalarType = 'long'): Value =>
    run('percentile', [{ type }, { type: 'long', constant: { value: pct } }], values.map((v) => [v, pct])).value;
  it('is the smallest value with P percent of the data less or equal to it', () => {
    const v = [15, 20, 35, 40, 50];
    expect(p(v, 5)).toBe(15);
    expect(p(v, 30)).toBe(20);
    expect(p(v, 40)).toBe(20);
    expect(p(v, 50)).toBe(35);
    expect(p(v, 100)).toBe(50);
  });
  it('the 0-th percentile is the smallest member', () => {
    expect(p([3, 1, 2], 0)).toBe(1);
  });
  it('is not the interpolated median', () => {
    expect(p([1, 2, 3, 4], 50)).toBe(2);
    expect(p([4, 3, 2, 1, 10, 9, 8, 7, 6, 5], 95)).toBe(10);
    expect(p([4, 3, 2, 1, 10, 9, 8, 7, 6, 5], 90)).toBe(9);
  });
  it('avoids floating-point rank errors (7·100/100 is rank 7)', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(p(v, 7)).toBe(7);
    expect(p(v, 29)).toBe(29);
    expect(p(v, 99.5)).toBe(100);
  });
  it('ignores nulls; null for no values', () => {
    expect(p([null, 5, null], 50)).toBe(5);
    expect(p([], 50)).toBeNull();
    expect(p([null], 50)).toBeNull();
  });
  it('types the result: long for int/long, real for real, ticks types as themselves', () => {
    expect(run('percentile', [{ type: 'int' }, { type: 'int', constant: { value: 50 } }], [[1, 50]]).type).toBe('long');
    expect(run('percentile', [{ type: 'real' }, { type: 'int', constant: { value: 50 } }], [[1.5, 50]]).type).toBe('real');
    expect(p([dt('2024-01-03'), dt('2024-01-01'), dt('2024-01-02')], 50, 'datetime')).toBe(dt('2024-01-02'));
    expect(run('percentile', [{ type: 'timespan' }, { type: 'int' }], [[5n, 50]])).toEqual({ type: 'timespan', value: 5n });
  });
  it('reads a non-constant percentile from the rows', () => {
    expect(callAggregate('percentile', ['long', 'long'], [[1, 50], [2, 50], [3, 50]]).value).toBe(2);
  });
  it('refuses strings and non-numeric percentiles', () => {
    expect(bindError('percentile', [{ type: 'string' }, { type: 'long' }])).toBeDefined();
    expect(bindError('percentile', [{ type: 'long' }, { type: 'string' }])).toMatch(/percentile/);
  });
});

describe('make_set, makeset, make_set_if', () => {
  it('docs: set from a scalar column and from an array column', () => {
    const rows: Value[][] = [
      [1, ['A1', 'A2', 'A3']],
      [5, ['A2', 'C1']],
      [7, ['C2', 'A3']],
      [5, ['C2', 'A1']],
    ];
    expect(callAggregate('make_set', ['int'], rows.map((r) => [r[0]!]))).toEqual({ type: 'dynamic', value: [1, 5, 7] });
    expect(callAggregate('make_set', ['dynamic'], rows.map((r) => [r[1]!])).value).toEqual(['A1', 'A2', 'A3', 'C1', 'C2']);
  });
  it('keeps first-seen order and drops repeats in large sets as in small ones', () => {
    const values = [...Array.from({ length: 30 }, (_, i) => i % 12), NaN, NaN, 'x', 'x'];
    expect(callAggregate('make_set', ['dynamic'], col(...values)).value).toEqual([...Array.from({ length: 12 }, (_, i) => i), NaN, 'x']);
    const objects = Array.from({ length: 20 }, (_, i) => ({ k: i % 10 }));
    expect(callAggregate('make_set', ['dynamic'], col(...objects)).value).toEqual(Array.from({ length: 10 }, (_, i) => ({ k: i })));
  });
  it('summarize docs: nulls are skipped (make_set(y) over [null, 5] is [5])', () => {
    expect(callAggregate('make_set', ['real'], col(null, 5)).value).toEqual([5]);
  });
  it('keeps the first-seen order, compares dynamic values by JSON text, converts datetimes to text', () => {
    expect(callAggregate('make_set', ['string'], col('b', 'a', 'b', '', 'a')).value).toEqual(['b', 'a', '']);
    expect(callAggregate('make_set', ['dynamic'], col(1, '1', { a: 1 }, { a: 1 }, [[1]], [[1]])).value).toEqual([1, '1', { a: 1 }, [1]]);
    // datetimes become their text, as convert.ts toDynamic writes it
    expect(callAggregate('make_set', ['datetime'], col(dt('2024-05-01'), dt('2024-05-01'))).value).toEqual([
      formatDatetime(dt('2024-05-01')),
    ]);
  });
  it('stops adding at the maximum size', () => {
    const rows = [[1, 2], [2, 2], [1, 2], [3, 2]];
    expect(callAggregate('make_set', ['long', 'int'], rows).value).toEqual([1, 2]);
    expect(run('make_set', [{ type: 'long' }, { type: 'int', constant: { value: 1 } }], rows).value).toEqual([1]);
  });
  it('the deprecated makeset() defaults to 128 elements, make_set() to 1048576', () => {
    const rows = col(...Array.from({ length: 200 }, (_, i) => i));
    expect((callAggregate('makeset', ['long'], rows).value as Value[]).length).toBe(128);
    expect((callAggregate('make_set', ['long'], rows).value as Value[]).length).toBe(200);
  });
  it('refuses a constant maximum size outside [1..1048576]', () => {
    expect(bindError('make_set', [{ type: 'long' }, { type: 'int', constant: { value: 0 } }])).toMatch(/1\.\.1048576/);
    expect(bindError('make_set', [{ type: 'long' }, { type: 'long', constant: { value: 1048577 } }])).toBeDefined();
    expect(bindError('make_set', [{ type: 'long' }, { type: 'real' }])).toMatch(/integer/);
  });
  it('make_set_if keeps rows whose predicate is true', () => {
    const rows = [['a', true], ['b', false], ['a', true], ['c', null], ['d', true]];
    expect(callAggregate('make_set_if', ['string', 'bool'], rows).value).toEqual(['a', 'd']);
    expect(callAggregate('make_set_if', ['string', 'bool', 'int'], [['a', true, 1], ['d', true, 1]]).value).toEqual(['a']);
  });
  it('is [] with no values (summarize docs: default values)', () => {
    expect(callAggregate('make_set', ['long'], []).value).toEqual([]);
    expect(callAggregate('make_set_if', ['long', 'bool'], [[1, false]]).value).toEqual([]);
  });
});

describe('make_list, makelist, make_list_if, make_list_with_nulls', () => {
  const shapes: [string, number][] = [
    ['triangle', 3], ['square', 4], ['rectangle', 4], ['pentagon', 5], ['hexagon', 6],
    ['heptagon', 7], ['octagon', 8], ['nonagon', 9], ['decagon', 10],
  ];
  it('docs: one column', () => {
    expect(callAggregate('make_list', ['string'], shapes.map(([n]) => [n]))).toEqual({
      type: 'dynamic',
      value: ['triangle', 'square', 'rectangle', 'pentagon', 'hexagon', 'heptagon', 'octagon', 'nonagon', 'decagon'],
    });
  });
  it('docs: by clause (each group accumulates separately)', () => {
    const odd = shapes.filter(([, c]) => c % 2 !== 0).map(([n]) => [n]);
    expect(callAggregate('make_list', ['string'], odd).value).toEqual(['triangle', 'pentagon', 'heptagon', 'nonagon']);
  });
  it('docs: packing a dynamic object keeps each bag as one element', () => {
    const even = shapes.filter(([, c]) => c % 2 === 0).slice(0, 2).map(([name, sideCount]) => [{ name, sideCount }]);
    expect(callAggregate('make_list', ['dynamic'], even).value).toEqual([
      { name: 'square', sideCount: 4 },
      { name: 'rectangle', sideCount: 4 },
    ]);
  });
  it('keeps duplicates and arrays as elements, skips nulls', () => {
    expect(callAggregate('make_list', ['dynamic'], col([1, 2], null, [1, 2], 3)).value).toEqual([[1, 2], [1, 2], 3]);
    expect(callAggregate('make_list', ['timespan'], col(10_000_000n)).value).toEqual([formatTimespan(10_000_000n)]);
  });
  it('docs: make_list_with_nulls keeps nulls', () => {
    const sides = [null, 4, 4, 5, 6, 7, 8, 9, 10];
    expect(callAggregate('make_list_with_nulls', ['int'], col(...sides))).toEqual({ type: 'dynamic', value: sides });
  });
  it('limits: explicit, and 128 for the deprecated makelist()', () => {
    expect(callAggregate('make_list', ['long', 'long'], [[1, 2], [1, 2], [1, 2]]).value).toEqual([1, 1]);
    const rows = col(...Array.from({ length: 130 }, () => 1));
    expect((callAggregate('makelist', ['long'], rows).value as Value[]).length).toBe(128);
  });
  it('make_list_if filters; empty is []', () => {
    expect(callAggregate('make_list_if', ['long', 'bool'], [[1, true], [2, false], [3, true]]).value).toEqual([1, 3]);
    expect(callAggregate('make_list', ['long'], []).value).toEqual([]);
  });
  it('copies values out of the reused argument array', () => {
    const fn = aggregates.get('make_list')!;
    const bound = fn.bind([{ type: 'long' }]);
    if (isBindError(bound)) throw new Error(bound.error);
    const acc = bound.create();
    const args: Value[] = [0];
    for (const v of [1, 2, 3]) {
      args[0] = v;
      acc.add(args);
    }
    args[0] = 99;
    expect(acc.result()).toEqual([1, 2, 3]);
  });
});

describe('make_bag, make_bag_if, make_dictionary', () => {
  it('docs: a packed property bag', () => {
    const rows = col({ prop01: 'val_a' }, { prop02: 'val_b' }, { prop03: 'val_c' });
    expect(callAggregate('make_bag', ['dynamic'], rows)).toEqual({
      type: 'dynamic',
      value: { prop01: 'val_a', prop02: 'val_b', prop03: 'val_c' },
    });
  });
  it('docs: make_bag_if keeps bags whose predicate is true', () => {
    const rows = [[{ prop01: 'val_a' }, true], [{ prop02: 'val_b' }, false], [{ prop03: 'val_c' }, true]];
    expect(callAggregate('make_bag_if', ['dynamic', 'bool'], rows).value).toEqual({ prop01: 'val_a', prop03: 'val_c' });
  });
  it('skips non-bags, keeps the first value of a repeated key, honours the size limit', () => {
    expect(callAggregate('make_bag', ['dynamic'], col({ a: 1, foo: 42 }, 'x', [1], null, { b: 2, foo: 17 }, { c: 3 })).value).toEqual({
      a: 1,
      foo: 42,
      b: 2,
      c: 3,
    });
    expect(callAggregate('make_bag', ['dynamic', 'int'], [[{ a: 1, b: 2 }, 3], [{ c: 3, d: 4 }, 3]]).value).toEqual({ a: 1, b: 2, c: 3 });
    expect(callAggregate('make_bag', ['dynamic'], col('x', null)).value).toEqual({});
  });
  it('is [] over no rows (summarize docs: default values)', () => {
    expect(callAggregate('make_bag', ['dynamic'], []).value).toEqual([]);
  });
  it('the deprecated make_dictionary() defaults to 128 keys', () => {
    const bag = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(callAggregate('make_dictionary', ['dynamic'], [[bag]]).value as object).length).toBe(128);
  });
  it('refuses non-dynamic input', () => {
    expect(bindError('make_bag', [{ type: 'string' }])).toMatch(/property bag/);
  });
});

describe('take_any, any, take_anyif, anyif', () => {
  it('returns a value of the group, preferring non-null, non-empty ones', () => {
    expect(callAggregate('take_any', ['string'], col('ATLANTIC SOUTH', 'TEXAS'))).toEqual({ type: 'string', value: 'ATLANTIC SOUTH' });
    expect(callAggregate('take_any', ['string'], col('', '', 'x')).value).toBe('x');
    expect(callAggregate('take_any', ['long'], col(null, 3, 4))).toEqual({ type: 'long', value: 3 });
    expect(callAggregate('take_any', ['dynamic'], col(null, [], { a: 1 })).value).toEqual({ a: 1 });
    expect(callAggregate('any', ['int'], col(null, 7)).value).toBe(7);
  });
  it('falls back to the first value when all are empty; null for no rows', () => {
    expect(callAggregate('take_any', ['string'], col('', '')).value).toBe('');
    expect(callAggregate('take_any', ['long'], col(null)).value).toBeNull();
    expect(callAggregate('take_any', ['long'], []).value).toBeNull();
    expect(callAggregate('take_any', ['string'], []).value).toBe('');
  });
  it('docs: take_anyif picks among rows whose predicate is true, else null', () => {
    const rows = [['Hail', false], ['Strong Wind', true], ['Flood', false]];
    expect(callAggregate('take_anyif', ['string', 'bool'], rows)).toEqual({ type: 'string', value: 'Strong Wind' });
    expect(callAggregate('anyif', ['string', 'bool'], rows).value).toBe('Strong Wind');
    expect(callAggregate('take_anyif', ['long', 'bool'], [[1, false], [2, null]]).value).toBeNull();
  });
  it('keeps the argument type', () => {
    expect(callAggregate('take_any', ['datetime'], col(dt('2007-09-29T08:11:00Z')))).toEqual({
      type: 'datetime',
      value: dt('2007-09-29T08:11:00Z'),
    });
  });
});

describe('hll, hll_if, hll_merge', () => {
  it('docs shape [[1024, 14], [...], []] with one key per distinct value', () => {
    const r = callAggregate('hll', ['long'], col(5, 5, null, 7));
    expect(r).toEqual({ type: 'dynamic', value: [[1024, 14], ['5', '7'], []] });
    expect(hllCardinality(r.value as never)).toBe(2);
  });
  it('records the accuracy level as register bits (0 → 12 … 4 → 18)', () => {
    const h = run('hll', [{ type: 'string' }, { type: 'int', constant: { value: 0 } }], [['a', 0]]).value;
    expect(h).toEqual([[1024, 12], ['"a"'], []]);
    expect(callAggregate('hll', ['string', 'int'], [['a', 4]]).value).toEqual([[1024, 18], ['"a"'], []]);
    expect(bindError('hll', [{ type: 'long' }, { type: 'int', constant: { value: 9 } }])).toBeDefined();
  });
  it('is null over no rows (summarize docs: default values)', () => {
    expect(callAggregate('hll', ['long'], []).value).toBeNull();
    expect(callAggregate('hll', ['long'], col(null)).value).toEqual([[1024, 14], [], []]);
  });
  it('merges to the union: dcount_hll(hll_merge(...)) equals dcount over all rows', () => {
    const a = callAggregate('hll', ['string'], col('x', 'y')).value;
    const b = callAggregate('hll', ['string'], col('y', 'z')).value;
    const merged = callAggregate('hll_merge', ['dynamic'], col(a, b, null, 'not a sketch'));
    expect(merged).toEqual({ type: 'dynamic', value: [[1024, 14], ['"x"', '"y"', '"z"'], []] });
    expect(hllCardinality(merged.value as never)).toBe(callAggregate('dcount', ['string'], col('x', 'y', 'y', 'z')).value);
    expect(callAggregate('hll_merge', ['dynamic'], col(null)).value).toBeNull();
  });
  it('merges sketches exported from Kusto (sparse form) by their hashes', () => {
    const k1 = [[1024, 14], ['3803688792395291579'], []];
    const k2 = [[1024, 14], ['7755241107725382121', '3803688792395291579'], []];
    expect(hllCardinality(callAggregate('hll_merge', ['dynamic'], col(k1, k2)).value as never)).toBe(2);
  });
  it('dcount_hll counts a sketch: the page example, per bin then merged', () => {
    const T = table('t:datetime, v:long', [[0n, 1], [1n, 2], [7_000_000_000n, 2], [7_000_000_001n, 3], [7_000_000_002n, null]]);
    const q = 'T | summarize hllRes = hll(v) by bin(t, 10m) | summarize hllMerged = hll_merge(hllRes) | project dcount_hll(hllMerged)';
    expect(rows(q, { T })).toEqual([[3]]);
    expect(schemaOf(q, { T })).toEqual(['dcount_hll_hllMerged:long']);
    expect(rows('print dcount_hll(dynamic(null)), dcount_hll(dynamic([1, 2]))')).toEqual([[null, null]]);
  });
  it('hll_if filters by the predicate', () => {
    expect(callAggregate('hll_if', ['long', 'bool'], [[1, true], [2, false], [3, true]]).value).toEqual([[1024, 14], ['1', '3'], []]);
  });
});

describe('binary_all_and, binary_all_or, binary_all_xor', () => {
  it('docs examples produce CAFEF00D', () => {
    const cafef00d = 0xcafef00d;
    expect(callAggregate('binary_all_and', ['long'], col(0xffffffff, 0xfffff00f, 0xcffffffd, 0xfafeffff))).toEqual({
      type: 'long',
      value: cafef00d,
    });
    expect(callAggregate('binary_all_or', ['long'], col(0x88888008, 0x42000000, 0x00767000, 0x00000005)).value).toBe(cafef00d);
    expect(callAggregate('binary_all_xor', ['long'], col(0x44404440, 0x1e1e1e1e, 0x90abba09, 0x000b105a)).value).toBe(cafef00d);
  });
  it('works in 64 bits for long and 32 bits for int; ignores nulls; null when empty', () => {
    expect(callAggregate('binary_all_and', ['long'], col(-1, 2 ** 40 + 3)).value).toBe(2 ** 40 + 3);
    expect(callAggregate('binary_all_xor', ['int'], col(-1, 1))).toEqual({ type: 'int', value: -2 });
    expect(callAggregate('binary_all_or', ['long'], col(null, 4, null, 1)).value).toBe(5);
    expect(callAggregate('binary_all_or', ['long'], []).value).toBeNull();
  });
  it('refuses non-integers', () => {
    expect(bindError('binary_all_and', [{ type: 'real' }])).toMatch(/int or long/);
  });
});

describe('summarize docs: default values over an empty input', () => {
  const empty = (name: string, types: ScalarType[]): Value => callAggregate(name, types, []).value;
  it('0 for the counts, sums and spreads; [] for sets and lists; NaN for avg; null for the rest', () => {
    expect(empty('count', [])).toBe(0);
    expect(empty('countif', ['bool'])).toBe(0);
    expect(empty('dcount', ['long'])).toBe(0);
    expect(empty('dcountif', ['long', 'bool'])).toBe(0);
    expect(empty('count_distinct', ['long'])).toBe(0);
    expect(empty('sum', ['long'])).toBe(0);
    expect(empty('sumif', ['long', 'bool'])).toBe(0);
    expect(empty('variance', ['long'])).toBe(0);
    expect(empty('varianceif', ['long', 'bool'])).toBe(0);
    expect(empty('stdev', ['long'])).toBe(0);
    expect(empty('stdevif', ['long', 'bool'])).toBe(0);
    expect(empty('make_set', ['long'])).toEqual([]);
    expect(empty('make_list', ['long'])).toEqual([]);
    expect(empty('make_bag', ['dynamic'])).toEqual([]);
    expect(empty('make_bag_if', ['dynamic', 'bool'])).toEqual([]);
    expect(empty('make_list_if', ['long', 'bool'])).toEqual([]);
    expect(empty('make_set_if', ['long', 'bool'])).toEqual([]);
    expect(empty('avg', ['long'])).toBeNaN();
    expect(empty('take_any', ['long'])).toBeNull();
    expect(empty('max', ['long'])).toBeNull();
    expect(empty('min', ['long'])).toBeNull();
    expect(empty('percentile', ['long', 'long'])).toBeNull();
    expect(empty('hll', ['long'])).toBeNull();
  });
});

describe('argmax, argmin: deprecated aliases of arg_max, arg_min (docs)', () => {
  const Supplies = table('Product:string, Supplier:string, Price:real', [
    ['bolt', 'Acme', 2.5], ['bolt', 'Bolts Inc', 1.75], ['nut', 'Acme', 0.5], ['nut', 'Nuts Ltd', 0.75],
  ]);
  it('docs: the cheapest supplier of each product; the columns are named after the extremum (min_Price_Supplier)', () => {
    const q = 'Supplies | summarize argmin(Price, Supplier) by Product';
    expect(schemaOf(q, { Supplies })).toEqual(['Product:string', 'min_Price:real', 'min_Price_Supplier:string']);
    expect(rows(q, { Supplies })).toEqual([['bolt', 1.75, 'Bolts Inc'], ['nut', 0.5, 'Acme']]);
  });
  it('docs: * gives every other column, the same row as arg_min', () => {
    const q = 'Supplies | summarize argmin(Price, *) by Product';
    expect(schemaOf(q, { Supplies })).toEqual(['Product:string', 'min_Price:real', 'min_Price_Supplier:string']);
    expect(rows(q, { Supplies })).toEqual(rows('Supplies | summarize arg_min(Price, *) by Product', { Supplies }));
  });
  it('docs: names may be given for every column', () => {
    const q = 'Supplies | summarize (price, who) = argmax(Price, Supplier) by Product';
    expect(schemaOf(q, { Supplies })).toEqual(['Product:string', 'price:real', 'who:string']);
    expect(rows(q, { Supplies })).toEqual([['bolt', 2.5, 'Acme'], ['nut', 0.75, 'Nuts Ltd']]);
  });
  it('an expression is named by its argument index, as the official binder names it', () => {
    expect(schemaOf('Supplies | summarize argmax(Price, Supplier, tolower(Supplier))', { Supplies })).toEqual([
      'max_Price:real',
      'max_Price_Supplier:string',
      'max_Price_arg2:string',
    ]);
    expect(schemaOf('Supplies | summarize argmax(Price * 2, Product)', { Supplies })).toEqual(['max_:real', 'max__Product:string']);
  });
});

/**
 * The percentile family beyond percentile() (percentilew, percentiles, percentilesw, percentiles_array,
 * percentilesw_array) and the tdigest family (tdigest, tdigest_merge/merge_tdigest, percentile_tdigest,
 * percentiles_array_tdigest, rank_tdigest, percentrank_tdigest). Examples follow the docs pages, with
 * small tables of our own where a page runs over StormEvents.
 */
import { describe, expect, it } from 'vitest';
import { callAggregate } from '../helpers/functions.js';
import { errors, rows, schemaOf, table } from '../helpers/run.js';

/** The weighted-percentiles page's pre-aggregated latencies: 8 events in the 10 ms bucket, 6 in 20, 3 in 30, 1 in 40. */
const LATENCY = 'datatable (ReqCount:long, LatencyBucket:long) [8, 10, 6, 20, 3, 30, 1, 40]';
/** The same 18 events, one row each. */
const EXPANDED = 'range i from 1 to 18 step 1 | extend LatencyBucket = case(i <= 8, 10, i <= 14, 20, i <= 17, 30, 40)';

describe('percentilew, percentilesw (docs: weighted percentiles)', () => {
  it('count each value weight times: the docs example gives 20, 20, 40 for the 50th, 75th and 99.9th', () => {
    const q = `${LATENCY} | summarize percentilesw(LatencyBucket, ReqCount, 50, 75, 99.9)`;
    expect(schemaOf(q)).toEqual(['percentile_LatencyBucket_50:long', 'percentile_LatencyBucket_75:long', 'percentile_LatencyBucket_99_9:long']);
    expect(rows(q)).toEqual([[20, 20, 40]]);
  });
  it('equal the plain percentiles over the values repeated', () => {
    expect(rows(`${EXPANDED} | summarize percentiles(LatencyBucket, 50, 75, 99.9)`)).toEqual([[20, 20, 40]]);
    for (const p of [0, 10, 44.4, 45, 77.8, 78, 95, 100]) {
      const weighted = rows(`${LATENCY} | summarize percentilew(LatencyBucket, ReqCount, ${p})`);
      expect(weighted, `P=${p}`).toEqual(rows(`${EXPANDED} | summarize percentile(LatencyBucket, ${p})`));
    }
  });
  it('percentilew is one column, named as percentile names it, typed as percentile types it', () => {
    const T = table('r:real, d:datetime, w:int', [[1.5, 0n, 1], [2.5, 10n, 3]]);
    expect(schemaOf('T | summarize percentilew(r, w, 50), percentilew(d, w, 50)', { T })).toEqual([
      'percentile_r_50:real',
      'percentile_d_50:datetime',
    ]);
    expect(rows('T | summarize percentilew(r, w, 50), percentilew(d, w, 10)', { T })).toEqual([[2.5, '1970-01-01T00:00:00Z']]);
  });
  it('rows with a null, zero or negative weight count nothing (docs/semantics.md)', () => {
    expect(callAggregate('percentilew', ['long', 'long', 'long'], [[1, 5, 50], [2, null, 50], [3, 0, 50], [4, -2, 50]]).value).toBe(1);
    expect(callAggregate('percentilew', ['long', 'long', 'long'], [[1, 0, 50]]).value).toBeNull();
  });
  it('the weight must be an integer; the value a number, datetime or timespan', () => {
    const T = table('n:long, r:real, s:string', []);
    expect(errors('T | summarize percentilew(n, r, 50)', { T })[0]?.message).toMatch(/weight .* must be an integer/);
    expect(errors('T | summarize percentilesw(s, n, 50, 90)', { T })[0]?.message).toMatch(/percentilesw\(\): the value/);
  });
});

describe('percentiles: one column per percentile', () => {
  const T = table('g:string, n:long', [['a', 4], ['a', 1], ['a', 3], ['a', 2], ['b', 7]]);
  it('docs: percentiles(X, 5, 50, 95) gives percentile_X_5, percentile_X_50, percentile_X_95', () => {
    const q = 'T | summarize percentiles(n, 5, 50, 95) by g';
    expect(schemaOf(q, { T })).toEqual(['g:string', 'percentile_n_5:long', 'percentile_n_50:long', 'percentile_n_95:long']);
    expect(rows(q, { T })).toEqual([['a', 1, 2, 4], ['b', 7, 7, 7]]);
  });
  it('columns take the names written, then their own; clashes get a number', () => {
    expect(schemaOf('T | summarize (lo, hi) = percentiles(n, 10, 90)', { T })).toEqual(['lo:long', 'hi:long']);
    expect(schemaOf('T | summarize x = percentiles(n, 10, 90)', { T })).toEqual(['x:long', 'percentile_n_90:long']);
    expect(schemaOf('T | summarize percentiles(n, 50, 50.5), percentile(n, 50)', { T })).toEqual([
      'percentile_n_50:long',
      'percentile_n_50_5:long',
      'percentile_n_501:long',
    ]);
  });
  it('keeps the written order among other aggregates', () => {
    expect(rows('T | summarize count(), percentiles(n, 0, 100), max(n)', { T })).toEqual([[5, 1, 7, 7]]);
  });
  it('keeps datetimes as datetimes', () => {
    const D = table('t:datetime', [[20n], [10n], [30n]]);
    expect(rows('D | summarize percentiles(t, 0, 50)', { D })).toEqual([['1970-01-01T00:00:00.000001Z', '1970-01-01T00:00:00.000002Z']]);
  });
  it('with one percentile it is percentile(), also inside an expression; with several it must stand alone', () => {
    expect(rows('T | summarize percentiles(n, 50) + 1', { T })).toEqual([[4]]);
    expect(errors('T | summarize percentiles(n, 50, 90) + 1', { T })[0]?.message).toMatch(/one column per percentile/);
  });
});

describe('percentiles_array, percentilesw_array (docs)', () => {
  const T = table('Value:real', [[0.5], [0.1], [0.9], [0.3], [0.7]]);
  it('one dynamic array column, named percentiles_X; the list may be written out or given as a dynamic array', () => {
    const q = 'T | summarize percentiles_array(Value, 5, 50, 95), avg(Value)';
    expect(schemaOf(q, { T })).toEqual(['percentiles_Value:dynamic', 'avg_Value:real']);
    expect(rows(q, { T })).toEqual([[[0.1, 0.5, 0.9], 0.5]]);
    expect(rows('T | summarize percentiles_array(Value, dynamic([5, 50, 95]))', { T })).toEqual([[[0.1, 0.5, 0.9]]]);
    expect(rows('let ps = dynamic([25, 75]); T | summarize percentiles_array(Value, ps)', { T })).toEqual([[[0.3, 0.7]]]);
  });
  it('docs: percentilesw_array over the latency buckets is [20, 20, 40]', () => {
    const q = `${LATENCY} | summarize percentilesw_array(LatencyBucket, ReqCount, 50, 75, 99.9)`;
    expect(schemaOf(q)).toEqual(['percentiles_LatencyBucket:dynamic']);
    expect(rows(q)).toEqual([[[20, 20, 40]]]);
  });
  it('datetimes are their text; an element that is not a number gives null; no values give null', () => {
    expect(callAggregate('percentiles_array', ['datetime', 'dynamic'], [[10n, [0, 'x']]]).value).toEqual(['1970-01-01T00:00:00.000001Z', null]);
    expect(callAggregate('percentiles_array', ['long', 'long', 'long'], [[null, 10, 90]]).value).toBeNull();
  });
});

describe('tdigest, tdigest_merge (docs)', () => {
  const T = table('State:string, Damage:long', [
    ['KS', 0], ['KS', 5000], ['KS', 0], ['OR', 100], ['OR', null], ['KS', 250], ['OR', 100],
  ]);
  it('holds each distinct value with its count, ascending (the docs shape [[7], values, weights], typed)', () => {
    const q = 'T | summarize tdigest(Damage) by State';
    expect(schemaOf(q, { T })).toEqual(['State:string', 'tdigest_Damage:dynamic']);
    expect(rows(q, { T })).toEqual([
      ['KS', [[7, 'long'], [0, 250, 5000], [2, 1, 1]]],
      ['OR', [[7, 'long'], [100], [2]]],
    ]);
  });
  it('weighted: each value counts its weight', () => {
    expect(callAggregate('tdigest', ['real', 'long'], [[1.5, 3], [0.5, 1], [1.5, 2], [9, 0]]).value).toEqual([[7, 'real'], [0.5, 1.5], [1, 5]]);
  });
  it('null over no rows; an empty digest when every value is null', () => {
    expect(callAggregate('tdigest', ['long'], []).value).toBeNull();
    expect(callAggregate('tdigest', ['long'], [[null]]).value).toEqual([[7, 'long'], [], []]);
  });
  it('docs: merged across groups, named merge_tdigests_X; the percentiles are those over all rows', () => {
    const q = 'T | summarize PreAgg = tdigest(Damage) by State | summarize tdigest_merge(PreAgg)';
    expect(schemaOf(q, { T })).toEqual(['merge_tdigests_PreAgg:dynamic']);
    expect(rows(q, { T })).toEqual([[[[7, 'long'], [0, 100, 250, 5000], [2, 2, 1, 1]]]]);
    const viaDigest = 'T | summarize d = tdigest(Damage) by State | summarize m = merge_tdigest(d) | project percentile_tdigest(m, 50, typeof(long))';
    expect(rows(viaDigest, { T })).toEqual(rows('T | summarize percentile(Damage, 50)', { T }));
  });
  it('tdigest_merge skips nulls, non-digests and digests of another type; null when it saw none', () => {
    const longs = [[7, 'long'], [1, 2], [1, 1]];
    const reals = [[7, 'real'], [0.5], [4]];
    const times = [[7, 'datetime'], ['2024-01-01T00:00:00Z'], [1]];
    expect(callAggregate('tdigest_merge', ['dynamic'], [[null], ['text'], [longs], [times], [reals]]).value).toEqual([[7, 'real'], [0.5, 1, 2], [4, 1, 1]]);
    expect(callAggregate('merge_tdigest', ['dynamic'], [[null]]).value).toBeNull();
  });
  it('accepts numbers, datetimes and timespans only', () => {
    const S = table('s:string, n:long', []);
    expect(errors('S | summarize tdigest(s)', { S })[0]?.message).toMatch(/tdigest\(\): the value/);
    expect(errors('S | summarize tdigest(n, 1.5)', { S })[0]?.message).toMatch(/weight/);
    expect(errors('S | summarize tdigest_merge(n)', { S })[0]?.message).toMatch(/dynamic/);
  });
});

describe('percentile_tdigest (docs)', () => {
  const T = table('State:string, Damage:long, EndTime:datetime', [
    ['KS', 10, 30n], ['KS', 62, 10n], ['OR', 0, 20n], ['OR', 0, 40n], ['OR', 7, 50n],
  ]);
  it('docs: percentile 100 of each group digest, named percentile_tdigest_<digest>, dynamic without a type', () => {
    const q = 'T | summarize tdigestRes = tdigest(Damage) by State | project percentile_tdigest(tdigestRes, 100)';
    expect(schemaOf(q, { T })).toEqual(['percentile_tdigest_tdigestRes:dynamic']);
    expect(rows(q, { T })).toEqual([[62], [7]]);
  });
  it('docs: digests of different types in one column give their own values (datetimes as text)', () => {
    const q = `T | summarize tdigestRes = tdigest(Damage) by State
      | union (T | summarize tdigestRes = tdigest(EndTime) by State)
      | project percentile_tdigest(tdigestRes, 100)`;
    expect(rows(q, { T })).toEqual([[62], [7], ['1970-01-01T00:00:00.000003Z'], ['1970-01-01T00:00:00.000005Z']]);
  });
  it('with a type literal, the result is of that type; a value not of that type is null', () => {
    const q = `T | summarize d = tdigest(Damage), e = tdigest(EndTime)
      | project a = percentile_tdigest(d, 50, typeof(long)), b = percentile_tdigest(e, 50, typeof(datetime)),
                c = percentile_tdigest(d, 50, typeof(real)), x = percentile_tdigest(e, 50, typeof(long))`;
    expect(schemaOf(q, { T })).toEqual(['a:long', 'b:datetime', 'c:real', 'x:long']);
    expect(rows(q, { T })).toEqual([[7, '1970-01-01T00:00:00.000003Z', 7, null]]);
  });
  it('equals percentile() over the same rows, at every percentile, weighted or not', () => {
    const values = [5, 3, 9, 1, 1, 7, 12, 3, 8, 2, 10, 4];
    const V = table('x:long, w:long', values.map((x, i) => [x, (i % 3) + 1]));
    for (const p of [0, 1, 8.3, 8.4, 25, 33.3, 50, 66.7, 75, 91.6, 91.7, 99, 100]) {
      expect(rows(`V | summarize d = tdigest(x) | project percentile_tdigest(d, ${p}, typeof(long))`, { V }), `P=${p}`).toEqual(
        rows(`V | summarize percentile(x, ${p})`, { V }),
      );
      expect(rows(`V | summarize d = tdigest(x, w) | project percentile_tdigest(d, ${p}, typeof(long))`, { V }), `P=${p} weighted`).toEqual(
        rows(`V | summarize percentilew(x, w, ${p})`, { V }),
      );
    }
  });
  it('null for what is not a digest; the digest must be dynamic', () => {
    expect(rows('print percentile_tdigest(dynamic(null), 5), percentile_tdigest(dynamic([1, 2]), 5)')).toEqual([[null, null]]);
    expect(errors("print percentile_tdigest('x', 5)")[0]?.message).toMatch(/dynamic tdigest\(\) result/);
  });
});

describe('merge_tdigest, the scalar (docs)', () => {
  it('docs: tdigests of x and x + 10 merged; their 100th percentile is 20', () => {
    const q = `range x from 1 to 10 step 1
      | extend y = x + 10
      | summarize tdigestX = tdigest(x), tdigestY = tdigest(y)
      | project merged = merge_tdigest(tdigestX, tdigestY)
      | project percentile_tdigest(merged, 100, typeof(long))`;
    expect(schemaOf(q)).toEqual(['percentile_tdigest_merged:long']);
    expect(rows(q)).toEqual([[20]]);
  });
  it('named tdigests_merge_result; tdigest_merge is the same scalar outside summarize', () => {
    const q = 'range x from 1 to 3 step 1 | summarize a = tdigest(x), b = tdigest(x * 2) | project tdigest_merge(a, b)';
    expect(schemaOf(q)).toEqual(['tdigests_merge_result:dynamic']);
    expect(rows(q)).toEqual([[[[7, 'long'], [1, 2, 3, 4, 6], [1, 2, 1, 1, 1]]]]);
  });
});

describe('percentiles_array_tdigest (docs)', () => {
  const T = table('State:string, Damage:long', [['KS', 0], ['KS', 40], ['KS', 0], ['OR', 5]]);
  it('docs: range(0, 100, 50) with typeof(int) gives [min, median, max] per digest', () => {
    const q = 'T | summarize tdigestRes = tdigest(Damage) by State | project percentiles_array_tdigest(tdigestRes, range(0, 100, 50), typeof(int))';
    expect(schemaOf(q, { T })).toEqual(['percentile_tdigest_tdigestRes:dynamic']);
    expect(rows(q, { T })).toEqual([[[0, 0, 40]], [[5, 5, 5]]]);
  });
  it('takes the percentiles written out too, and gives datetimes as text', () => {
    const D = table('t:datetime', [[10n], [20n]]);
    expect(rows('D | summarize d = tdigest(t) | project p = percentiles_array_tdigest(d, 0, 100)', { D })).toEqual([
      [['1970-01-01T00:00:00.000001Z', '1970-01-01T00:00:00.000002Z']],
    ]);
  });
});

describe('rank_tdigest, percentrank_tdigest (docs)', () => {
  it('docs: in 1..1000 the rank of 685 is 685', () => {
    const q = 'range x from 1 to 1000 step 1 | summarize t_x = tdigest(x) | project rank_of_685 = rank_tdigest(t_x, 685)';
    expect(schemaOf(q)).toEqual(['rank_of_685:real']);
    expect(rows(q)).toEqual([[685]]);
  });
  it('docs: percentrank_tdigest is the rank as a percentage of the count, the inverse of the percentile', () => {
    // 20 values, the 16th and 17th 4490: 17 of 20 (85%) are less or equal to it.
    const damages = [0, 0, 0, 0, 0, 10, 20, 20, 35, 50, 80, 100, 200, 300, 400, 4490, 4490, 9000, 12000, 50000];
    const T = table('Damage:long', damages.map((v) => [v]));
    const q = `T | summarize tdigestRes = tdigest(Damage), count()
      | project percentrank_tdigest(tdigestRes, 4490), rank_tdigest(tdigestRes, 4490) * 100.0 / count_,
                percentile_tdigest(tdigestRes, 85, typeof(long))`;
    expect(schemaOf(q, { T })).toEqual(['Column1:real', 'Column2:real', 'percentile_tdigest_tdigestRes:long']);
    expect(rows(q, { T })).toEqual([[85, 85, 4490]]);
  });
  it('weighs, ranks datetimes against a datetime digest, and gives null for a value of another kind', () => {
    const q = `range x from 1 to 4 step 1 | extend t = datetime(2024-01-01) + x * 1d
      | summarize w = tdigest(x, x), d = tdigest(t)
      | project a = rank_tdigest(w, 3), b = rank_tdigest(d, datetime(2024-01-03)), c = rank_tdigest(d, 3), e = percentrank_tdigest(d, '2024-01-04')`;
    expect(rows(q)).toEqual([[6, 2, null, 75]]);
  });
});

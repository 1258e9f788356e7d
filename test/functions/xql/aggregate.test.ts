/** XQL's aggregates, fed rows directly; each test names the Cortex XQL reference page it checks. */
import { describe, expect, it } from 'vitest';
import { xqlCallAggregate as agg } from '../../helpers/functions.js';
import { parseDatetime } from '../../../src/types/datetime.js';

const t = (text: string) => parseDatetime(text)!;

describe('XQL aggregates', () => {
  it('count() counts rows, count(f) the non-null values (the count page)', () => {
    expect(agg('count', [], [[], [], []]).value).toBe(3);
    expect(agg('count', ['string'], [['a'], [null], ['b']]).value).toBe(2);
  });
  it('count_distinct counts distinct non-null values exactly, case included', () => {
    expect(agg('count_distinct', ['string'], [['Scan'], ['scan'], ['Scan'], [null]]).value).toBe(2);
    expect(agg('approx_count', ['long'], [[1], [2], [2]]).value).toBe(2);
  });
  it('sum, avg, median of nothing are null; sum of integers is an integer', () => {
    expect(agg('sum', ['long'], [[1], [null], [2]])).toEqual({ type: 'long', value: 3 });
    expect(agg('sum', ['long'], [[null]]).value).toBeNull();
    expect(agg('avg', ['long'], [[1], [2]]).value).toBe(1.5);
    expect(agg('median', ['long'], [[3], [1], [2], [10]]).value).toBe(2.5);
  });
  it('min and max skip nulls; of only nulls they are null (the min and max pages)', () => {
    expect(agg('min', ['long'], [[5], [null], [2]]).value).toBe(2);
    expect(agg('max', ['long'], [[5], [null], [2]]).value).toBe(5);
    expect(agg('max', ['long'], [[null]]).value).toBeNull();
    expect(agg('min', ['string'], [['b'], ['a']]).value).toBe('a');
  });
  it('values: distinct non-null values, each once; sorted; [] when none (the values page)', () => {
    expect(agg('values', ['string'], [['b'], ['a'], ['b'], [null], ['B']]).value).toEqual(['B', 'a', 'b']);
    expect(agg('values', ['long'], [[10], [9], [100]]).value).toEqual([9, 10, 100]);
    expect(agg('values', ['long'], [[null]]).value).toEqual([]);
  });
  it('list keeps duplicates in row order, at most 100 (the list page)', () => {
    expect(agg('list', ['long'], [[2], [1], [2], [null]]).value).toEqual([2, 1, 2]);
    expect((agg('list', ['long'], Array.from({ length: 150 }, (_, i) => [i])).value as unknown[]).length).toBe(100);
  });
  it('first and last follow row order', () => {
    expect(agg('first', ['string'], [['a'], ['b'], ['c']]).value).toBe('a');
    expect(agg('last', ['string'], [['a'], ['b'], ['c']]).value).toBe('c');
  });
  it('earliest and latest take the value at the earliest / latest _time (the earliest and latest pages)', () => {
    const rows = [['mid', t('2024-05-01T00:00:02Z')], ['first', t('2024-05-01T00:00:01Z')], ['last', t('2024-05-01T00:00:03Z')]];
    expect(agg('earliest', ['string', 'datetime'], rows).value).toBe('first');
    expect(agg('latest', ['string', 'datetime'], rows).value).toBe('last');
  });
  it('var and the standard deviations', () => {
    expect(agg('var', ['long'], [[1], [2], [3], [4]]).value).toBeCloseTo(5 / 3);
    expect(agg('stddev_population', ['long'], [[2], [4], [4], [4], [5], [5], [7], [9]]).value).toBe(2);
    expect(agg('stddev_sample', ['long'], [[1]]).value).toBeNull();
  });
});

/**
 * The aggregation functions of aggregation and outlier rules ("Write an Aggregation Rule": avg, count,
 * count_distinct, first, last, max, min, sum) over a list of records. `count` counts the records whose
 * argument is true (`count(true)` counts them all; any other non-null value counts too); the others
 * skip nulls. With nothing to aggregate, count and count_distinct are 0 and the rest are null.
 */
import type { Value } from '../../types/value.js';
import { type RecordValue, valueKey } from './records.js';

export type AggregateFunction = 'avg' | 'count' | 'count_distinct' | 'first' | 'last' | 'max' | 'min' | 'sum';

export function aggregate(fn: AggregateFunction, value: RecordValue, records: readonly number[]): Value {
  switch (fn) {
    case 'count':
      return records.reduce((n, r) => {
        const v = value(r);
        return v === null || v === false ? n : n + 1;
      }, 0);
    case 'count_distinct':
      return new Set(records.map((r) => valueKey(value(r))).filter((k) => k !== undefined)).size;
    case 'first':
    case 'last': {
      const ordered = fn === 'first' ? records : [...records].reverse();
      for (const r of ordered) {
        const v = value(r);
        if (v !== null) return v;
      }
      return null;
    }
    default: {
      const numbers = records.map((r) => value(r)).filter((v): v is number => typeof v === 'number');
      if (numbers.length === 0) return null;
      if (fn === 'sum') return numbers.reduce((a, b) => a + b, 0);
      if (fn === 'avg') return numbers.reduce((a, b) => a + b, 0) / numbers.length;
      return fn === 'max' ? Math.max(...numbers) : Math.min(...numbers);
    }
  }
}

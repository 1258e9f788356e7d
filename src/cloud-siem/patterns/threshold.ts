/**
 * Threshold: the window's count of records, or of distinct values of a field, reaches the limit
 * ("fires when its rule expression is matched at least a certain number of times"; Terraform's
 * `limit`: "a Signal will be fired when this many records/distinct field values are matched").
 * A null value of the counted field is not a value: it adds nothing to a distinct count.
 */
import type { Value } from '../../types/value.js';
import type { Firing, PartitionOf, RecordValue, TimedRecords } from './records.js';
import { valueKey } from './records.js';
import { slidingWindowFirings, type WindowState } from './sliding-window.js';

export interface ThresholdSpec {
  readonly windowMs: number;
  readonly limit: number;
  /** Count distinct values of this instead of records. */
  readonly distinctOf?: RecordValue;
}

export interface ThresholdDetail {
  readonly count: number;
  /** The distinct values counted, when counting distinct values. */
  readonly distinctValues?: readonly Value[];
}

export function thresholdFirings(records: TimedRecords, partitionOf: PartitionOf, spec: ThresholdSpec): Firing<ThresholdDetail>[] {
  const { distinctOf, limit } = spec;
  if (!distinctOf) {
    return slidingWindowFirings(records, partitionOf, spec.windowMs, (): WindowState<ThresholdDetail> => ({
      add: () => undefined,
      remove: () => undefined,
      fires: (window) => (window.length >= limit ? { count: window.length } : undefined),
    }));
  }
  return slidingWindowFirings(records, partitionOf, spec.windowMs, () => {
    const counts = new Map<string, { value: Value; n: number }>();
    return {
      add(record) {
        const value = distinctOf(record);
        const key = valueKey(value);
        if (key === undefined) return;
        const c = counts.get(key);
        if (c) c.n++;
        else counts.set(key, { value, n: 1 });
      },
      remove(record) {
        const key = valueKey(distinctOf(record));
        if (key === undefined) return;
        const c = counts.get(key)!;
        if (--c.n === 0) counts.delete(key);
      },
      fires: () => (counts.size >= limit ? { count: counts.size, distinctValues: [...counts.values()].map((c) => c.value) } : undefined),
    };
  });
}

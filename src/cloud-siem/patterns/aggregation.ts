/**
 * Aggregation: named aggregations over the sliding window, per partition; the rule fires when its
 * trigger condition over their values is true ("Write an Aggregation Rule"). The aggregations are
 * recomputed over the window's records each time one enters.
 */
import type { Value } from '../../types/value.js';
import { aggregate, type AggregateFunction } from './aggregate.js';
import type { Firing, PartitionOf, RecordValue, TimedRecords } from './records.js';
import { slidingWindowFirings } from './sliding-window.js';

export interface AggregationSpec {
  readonly windowMs: number;
  readonly aggregations: readonly { readonly fn: AggregateFunction; readonly value: RecordValue }[];
  /** The trigger condition over the aggregations' values, in their order. */
  readonly trigger: (values: readonly Value[]) => boolean;
}

export interface AggregationDetail {
  readonly values: readonly Value[];
}

export function aggregationFirings(records: TimedRecords, partitionOf: PartitionOf, spec: AggregationSpec): Firing<AggregationDetail>[] {
  return slidingWindowFirings(records, partitionOf, spec.windowMs, () => ({
    add: () => undefined,
    remove: () => undefined,
    fires(window) {
      const values = spec.aggregations.map((a) => aggregate(a.fn, a.value, window));
      return spec.trigger(values) ? { values } : undefined;
    },
  }));
}

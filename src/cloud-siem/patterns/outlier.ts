/**
 * Outlier ("Write an Outlier Rule"): per partition, an aggregate over each hourly or daily window
 * (aligned to UTC) is compared with the baseline of the partition's earlier windows: it fires when
 * the learning period is over, the value is at least the floor ("the absolute minimum value below
 * which an Outlier Signal will not be generated") and above mean + threshold × standard deviation
 * ("the number of standard deviations from the mean"). Each window then joins the baseline. Our
 * readings: the baseline holds the windows since the partition's first record that started within
 * the retention period before the current one, empty windows included as 0 for count, count_distinct
 * and sum (and left out for the others); the standard deviation is the population one; learning is
 * over for a window starting at or after first window + learning period; the window is judged when
 * it is complete, and the signal is at its last record.
 */
import type { Value } from '../../types/value.js';
import { aggregate, type AggregateFunction } from './aggregate.js';
import type { Firing, PartitionOf, RecordValue, TimedRecords } from './records.js';

export interface OutlierSpec {
  readonly windowMs: number;
  readonly learningMs: number;
  readonly retentionMs: number;
  readonly fn: AggregateFunction;
  readonly value: RecordValue;
  readonly deviationThreshold: number;
  readonly floorValue: number;
}

export interface OutlierDetail {
  readonly value: number;
  readonly mean: number;
  readonly stdDev: number;
  readonly windowStart: number;
  readonly windowEnd: number;
}

const ZERO_WHEN_EMPTY = new Set<AggregateFunction>(['count', 'count_distinct', 'sum']);

export function outlierFirings(records: TimedRecords, partitionOf: PartitionOf, spec: OutlierSpec): Firing<OutlierDetail>[] {
  const windows = new Map<string, Map<number, number[]>>();
  for (const record of records.order) {
    const key = partitionOf(record);
    if (key === undefined) continue;
    const index = Math.floor(records.timestamp(record) / spec.windowMs);
    let byIndex = windows.get(key);
    if (!byIndex) windows.set(key, (byIndex = new Map()));
    const list = byIndex.get(index);
    if (list) list.push(record);
    else byIndex.set(index, [record]);
  }
  const firings: Firing<OutlierDetail>[] = [];
  for (const [key, byIndex] of windows) {
    const indices = [...byIndex.keys()];
    const first = indices[0]!;
    const last = indices[indices.length - 1]!;
    const baseline: { start: number; value: number }[] = [];
    for (let index = first; index <= last; index++) {
      const start = index * spec.windowMs;
      const inWindow = byIndex.get(index) ?? [];
      const value = numeric(inWindow.length > 0 || ZERO_WHEN_EMPTY.has(spec.fn) ? aggregate(spec.fn, spec.value, inWindow) : null);
      while (baseline.length > 0 && baseline[0]!.start < start - spec.retentionMs) baseline.shift();
      if (value === undefined) continue;
      const learned = start >= first * spec.windowMs + spec.learningMs;
      if (learned && inWindow.length > 0 && baseline.length > 0 && value >= spec.floorValue) {
        const mean = baseline.reduce((a, b) => a + b.value, 0) / baseline.length;
        const stdDev = Math.sqrt(baseline.reduce((a, b) => a + (b.value - mean) ** 2, 0) / baseline.length);
        if (value > mean + spec.deviationThreshold * stdDev) {
          firings.push({
            partition: key,
            record: inWindow[inWindow.length - 1]!,
            records: inWindow,
            detail: { value, mean, stdDev, windowStart: start, windowEnd: start + spec.windowMs },
          });
        }
      }
      baseline.push({ start, value });
    }
  }
  return firings.sort((a, b) => records.timestamp(a.record) - records.timestamp(b.record));
}

function numeric(v: Value): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

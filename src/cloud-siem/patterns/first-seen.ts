/**
 * First seen ("Write a First Seen Rule"): per baseline (one for the whole rule, or one per entity
 * partition), values seen during the learning period build the baseline without signals; after it,
 * a value not in the baseline fires, and joins the baseline. The learning period starts at the
 * baseline's first record (a new entity's baseline "will begin building" at its first record) and
 * covers [start, start + learning); a record at exactly start + learning is past it. A value leaves
 * the baseline when it has not been seen for longer than the retention period ("data points in the
 * baseline will expire"). Records whose value is null are not looked up.
 */
import type { Firing, PartitionOf, TimedRecords } from './records.js';

export interface FirstSeenSpec {
  readonly learningMs: number;
  readonly retentionMs: number;
  /** The record's value as a baseline key, undefined when null. */
  readonly valueOf: (record: number) => string | undefined;
}

export interface FirstSeenDetail {
  readonly value: string;
  /** When the baseline started learning. */
  readonly baselineStart: number;
}

export function firstSeenFirings(records: TimedRecords, baselineOf: PartitionOf, spec: FirstSeenSpec): Firing<FirstSeenDetail>[] {
  const baselines = new Map<string, { start: number; lastSeen: Map<string, number> }>();
  const firings: Firing<FirstSeenDetail>[] = [];
  for (const record of records.order) {
    const key = baselineOf(record);
    const value = key === undefined ? undefined : spec.valueOf(record);
    if (key === undefined || value === undefined) continue;
    const t = records.timestamp(record);
    let b = baselines.get(key);
    if (!b) baselines.set(key, (b = { start: t, lastSeen: new Map() }));
    const last = b.lastSeen.get(value);
    const known = last !== undefined && t - last <= spec.retentionMs;
    if (!known && t >= b.start + spec.learningMs) firings.push({ partition: key, record, records: [record], detail: { value, baselineStart: b.start } });
    b.lastSeen.set(value, t);
  }
  return firings;
}

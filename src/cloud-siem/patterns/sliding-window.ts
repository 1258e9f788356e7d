/**
 * The sliding window shared by threshold, chain and aggregation rules. Per partition, the window of a
 * record at t holds the partition's records with timestamps in (t − window, t] ("Write a Threshold
 * Rule": Cloud SIEM "evaluates Records across overlapping time spans", so a burst that straddles a
 * clock boundary still counts). After a firing at f the partition cannot fire again for records
 * before f + window: the overlapping evaluations that would repeat it are the duplicates Cloud SIEM
 * suppresses.
 */
import type { Firing, PartitionOf, TimedRecords } from './records.js';

/** A pattern's view of one partition's window as records enter and leave it. */
export interface WindowState<D> {
  add(record: number): void;
  remove(record: number): void;
  /** After a record enters: what the window measured when the pattern fires now, else undefined. */
  fires(window: readonly number[]): D | undefined;
}

interface Partition<D> {
  readonly state: WindowState<D>;
  readonly window: number[];
  head: number;
  suppressedUntil: number;
}

export function slidingWindowFirings<D>(
  records: TimedRecords,
  partitionOf: PartitionOf,
  windowMs: number,
  makeState: () => WindowState<D>,
): Firing<D>[] {
  const partitions = new Map<string, Partition<D>>();
  const firings: Firing<D>[] = [];
  for (const record of records.order) {
    const key = partitionOf(record);
    if (key === undefined) continue;
    let p = partitions.get(key);
    if (!p) partitions.set(key, (p = { state: makeState(), window: [], head: 0, suppressedUntil: -Infinity }));
    const t = records.timestamp(record);
    while (p.head < p.window.length && records.timestamp(p.window[p.head]!) <= t - windowMs) p.state.remove(p.window[p.head++]!);
    if (p.head > 1024 && p.head * 2 > p.window.length) {
      p.window.splice(0, p.head);
      p.head = 0;
    }
    p.window.push(record);
    p.state.add(record);
    if (t < p.suppressedUntil) continue;
    const inWindow = p.window.slice(p.head);
    const detail = p.state.fires(inWindow);
    if (detail === undefined) continue;
    firings.push({ partition: key, record, records: inWindow, detail });
    p.suppressedUntil = t + windowMs;
  }
  return firings;
}

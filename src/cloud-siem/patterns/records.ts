/**
 * What the signal patterns read: records in time order, each with a timestamp and the values the rule's
 * expressions gave it. Nothing here knows about Cloud SIEM's JSON; the rule layer builds these closures.
 */
import type { Value } from '../../types/value.js';

export interface TimedRecords {
  /** Record indices in timestamp order (ties keep input order). */
  readonly order: readonly number[];
  /** Milliseconds since the epoch. */
  timestamp(record: number): number;
}

/** A per-record value: an expression's result or a field. */
export type RecordValue = (record: number) => Value;

/** The key of a record's partition (group), or undefined when the record belongs to none. */
export type PartitionOf = (record: number) => string | undefined;

/** A pattern's firing: the record it fired at, the records behind it, and what the pattern measured. */
export interface Firing<D> {
  readonly partition: string;
  readonly record: number;
  readonly records: readonly number[];
  readonly detail: D;
}

/** Indices 0..n-1 sorted by their timestamps, stable. */
export function timeOrder(count: number, timestamp: (record: number) => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  return order.sort((a, b) => timestamp(a) - timestamp(b) || a - b);
}

/** A value as a map key; null and undefined give undefined (no key). */
export function valueKey(v: Value): string | undefined {
  if (v === null || v === undefined) return undefined;
  return typeof v === 'object' ? JSON.stringify(v) : `${typeof v}:${String(v)}`;
}

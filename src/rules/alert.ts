/**
 * One alert as kqlx raises it: the fields of an alert (a Sentinel SecurityAlert, a Cloud SIEM signal)
 * that a rule decides.
 */
import type { Dynamic } from '../types/value.js';

export interface Entity {
  /** The alert's entity Type string: `ip`, `account`, `host`, ... */
  readonly type: string;
  /** Identifier → value, in mapping order; values are the column's text. */
  readonly identifiers: Readonly<Record<string, string>>;
}

export interface Alert {
  readonly displayName: string;
  readonly description: string;
  /** The product's severity name (Sentinel: Informational, Low, Medium, High). */
  readonly severity: string;
  readonly tactics: readonly string[];
  readonly techniques: readonly string[];
  /** Ticks. */
  readonly startTime: bigint;
  readonly endTime: bigint;
  readonly entities: readonly Entity[];
  /** Detail name → values (JSON values: numbers stay numbers, datetimes become ISO text). */
  readonly customDetails: Readonly<Record<string, readonly Dynamic[]>>;
  /** How many result rows the alert stands for. */
  readonly resultRows: number;
}

/** A stable text for an entity, for de-duplication and comparisons. */
export function entityKey(e: Entity): string {
  return `${e.type}|${Object.keys(e.identifiers)
    .sort()
    .map((k) => `${k}=${e.identifiers[k]}`)
    .join('|')}`;
}

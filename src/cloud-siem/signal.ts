/** One Cloud SIEM signal as kqlx raises it: what a rule decides about it, and the records behind it. */
import type { Value } from '../types/value.js';

export interface SignalEntity {
  readonly entity_type: string;
  /** The record field the On Entity selector reads. */
  readonly expression: string;
  readonly value: string;
}

export interface Signal {
  readonly ruleId: string;
  readonly ruleName: string;
  /** The rule name, or its name_expression rendered from the firing record. */
  readonly name: string;
  readonly summary?: string;
  readonly description?: string;
  readonly score: number;
  readonly tags: readonly string[];
  readonly isPrototype: boolean;
  /** The On Entity this signal is on; absent for a rule with no entity selectors. */
  readonly entity?: SignalEntity;
  /** The group-by fields' values. */
  readonly groupBy: Readonly<Record<string, Value>>;
  /** Milliseconds: the record at which the rule fired. */
  readonly timestamp: number;
  readonly firstRecordTime: number;
  readonly lastRecordTime: number;
  /** What the rule type measured: the count or distinct values, aggregation values, the outlier's statistics. */
  readonly details: Readonly<Record<string, unknown>>;
  /** The records that contributed, each as its non-null fields. */
  readonly records: readonly Readonly<Record<string, Value>>[];
}

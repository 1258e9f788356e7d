/** One run of a rule at an instant, whatever the product: its window, result, trigger and alerts. */
import type { Table } from '../table/table.js';
import type { Alert } from './alert.js';

export interface RuleRun {
  readonly now: bigint;
  readonly windowStart: bigint;
  readonly windowEnd: bigint;
  readonly result: Table;
  readonly resultCount: number;
  readonly triggered: boolean;
  readonly alerts: readonly Alert[];
}

/** Runs one rule at an instant (over data fixed when the runner was made). */
export type RuleRunner = (now: bigint) => RuleRun;

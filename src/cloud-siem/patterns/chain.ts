/**
 * Chain: each expression matched at least its own number of times within the window, per partition
 * ("Write a Chain Rule"). A record counts for every expression it matches. In exact order (two
 * expressions), the second expression's matches must come after the first expression's limit-th
 * match in the window; the earliest such match is taken, since it leaves the most room after it.
 */
import type { Firing, PartitionOf, TimedRecords } from './records.js';
import { slidingWindowFirings } from './sliding-window.js';

export interface ChainSpec {
  readonly windowMs: number;
  /** Per expression: whether a record matches it, and how many matches it needs. */
  readonly steps: readonly { readonly matches: (record: number) => boolean; readonly limit: number }[];
  readonly ordered: boolean;
}

export interface ChainDetail {
  /** Matches of each expression in the window when it fired. */
  readonly counts: readonly number[];
}

export function chainFirings(records: TimedRecords, partitionOf: PartitionOf, spec: ChainSpec): Firing<ChainDetail>[] {
  const { steps } = spec;
  return slidingWindowFirings(records, partitionOf, spec.windowMs, () => {
    const counts = steps.map(() => 0);
    const change = (record: number, by: number) => steps.forEach((s, k) => s.matches(record) && (counts[k]! += by));
    return {
      add: (record) => change(record, 1),
      remove: (record) => change(record, -1),
      fires(window) {
        if (!steps.every((s, k) => counts[k]! >= s.limit)) return undefined;
        if (!spec.ordered) return { counts: [...counts] };
        const [first, second] = steps as [ChainSpec['steps'][number], ChainSpec['steps'][number]];
        let seen = 0;
        let after = -1;
        for (let k = 0; k < window.length && after < 0; k++) if (first.matches(window[k]!) && ++seen === first.limit) after = k;
        const later = window.slice(after + 1).filter((r) => second.matches(r)).length;
        return later >= second.limit ? { counts: [...counts] } : undefined;
      },
    };
  });
}

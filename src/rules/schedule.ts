/**
 * Simulating a rule's schedule between two instants. The rule is taken as enabled at `from`, and
 * kqlx's choice for the first run is `from + queryFrequency` (not `from` itself), so that with
 * queryPeriod = queryFrequency the windows tile [from, to] exactly; runs follow every
 * queryFrequency while `now <= to`. After a run that raises an alert, suppression (when enabled)
 * skips every later run whose time is before alert time + suppressionDuration; a run exactly at the
 * end of the suppression runs. An alert is a duplicate when an earlier run whose window overlaps
 * this run's window (by more than an instant) raised an alert with the same name, entities and
 * custom details: Sentinel does not de-duplicate across runs, so these are the repeats that
 * queryPeriod > queryFrequency causes.
 */
import { type Alert, entityKey } from './alert.js';
import type { RuleRun, RuleRunner } from './run.js';

export const MAX_SIMULATED_RUNS = 100_000;

export interface SuppressedRun {
  readonly now: bigint;
  /** The run whose alert started the suppression. */
  readonly after: bigint;
}

export interface DuplicateAlert {
  readonly now: bigint;
  readonly alertIndex: number;
  readonly firstNow: bigint;
  readonly displayName: string;
}

export interface Simulation {
  readonly from: bigint;
  readonly to: bigint;
  readonly runs: readonly RuleRun[];
  readonly suppressed: readonly SuppressedRun[];
  readonly duplicates: readonly DuplicateAlert[];
}

export function runTimes(frequency: bigint, from: bigint, to: bigint): bigint[] {
  const times: bigint[] = [];
  for (let t = from + frequency; t <= to; t += frequency) times.push(t);
  return times;
}

export function alertFingerprint(a: Alert): string {
  return JSON.stringify([a.displayName, a.entities.map(entityKey).sort(), Object.entries(a.customDetails).sort(([x], [y]) => (x < y ? -1 : 1))]);
}

/** What a schedule needs to know of a rule: how often it runs, and its suppression after an alert. */
export interface RuleSchedule {
  readonly queryFrequency: bigint;
  readonly suppressionEnabled: boolean;
  readonly suppressionDuration: bigint;
}

export function simulateSchedule(
  rule: RuleSchedule,
  runAt: RuleRunner,
  from: bigint,
  to: bigint,
  onRun?: (done: number, total: number) => void,
): Simulation {
  const times = runTimes(rule.queryFrequency, from, to);
  const runs: RuleRun[] = [];
  const seen: { run: RuleRun; prints: Set<string> }[] = [];
  const suppressed: SuppressedRun[] = [];
  const duplicates: DuplicateAlert[] = [];
  let suppressedUntil: bigint | undefined;
  let suppressedBy = 0n;
  times.forEach((now, i) => {
    onRun?.(i, times.length);
    if (suppressedUntil !== undefined && now < suppressedUntil) {
      suppressed.push({ now, after: suppressedBy });
      return;
    }
    const run = runAt(now);
    runs.push(run);
    const prints = new Set<string>();
    run.alerts.forEach((alert, alertIndex) => {
      const print = alertFingerprint(alert);
      prints.add(print);
      for (let j = seen.length - 1; j >= 0; j--) {
        const earlier = seen[j]!;
        if (earlier.run.windowEnd <= run.windowStart) break;
        if (earlier.prints.has(print)) {
          // Keep going back to the first run that raised it, while windows still overlap.
          let first = earlier.run.now;
          for (let k = j - 1; k >= 0 && seen[k]!.run.windowEnd > run.windowStart; k--) if (seen[k]!.prints.has(print)) first = seen[k]!.run.now;
          duplicates.push({ now, alertIndex, firstNow: first, displayName: alert.displayName });
          break;
        }
      }
    });
    seen.push({ run, prints });
    if (rule.suppressionEnabled && run.alerts.length > 0) {
      suppressedUntil = now + rule.suppressionDuration;
      suppressedBy = now;
    }
  });
  onRun?.(times.length, times.length);
  return { from, to, runs, suppressed, duplicates };
}

/**
 * `kqlx diff OLD.yaml NEW.yaml`: run two versions of a rule over the same data, at one instant or on
 * a schedule, and print the alerts and result rows the edit adds and removes.
 */
import { diffJson, diffRunLists, diffText, hasChanges } from '../rules/diff.js';
import { RuleRunError, runRule, scheduledRunner } from '../sentinel/run-rule.js';
import { MAX_SIMULATED_RUNS, runTimes, simulateSchedule } from '../rules/schedule.js';
import { EXIT, UserError } from './exit-codes.js';
import { loadRulesForRun, runTimesFrom } from './rule-command.js';
import type { TableOptions } from './tables.js';

export interface DiffOptions extends TableOptions {
  now?: string;
  from?: string;
  to?: string;
  output: 'text' | 'json';
  exitCode?: boolean;
}

export async function diffCommand(oldFile: string, newFile: string, options: DiffOptions): Promise<number> {
  const when = runTimesFrom(options);
  const loaded = await loadRulesForRun([oldFile, newFile], options);
  if (!loaded) return EXIT.queryError;
  const [oldRule, newRule] = loaded.prepared as [typeof loaded.prepared[0], typeof loaded.prepared[0]];
  let diffs;
  try {
    if (when.kind === 'once') {
      diffs = diffRunLists([runRule(oldRule, loaded.tables, when.now)], [runRule(newRule, loaded.tables, when.now)]);
    } else {
      for (const p of [oldRule, newRule]) {
        const n = runTimes(p.rule.queryFrequency, when.from, when.to).length;
        if (n > MAX_SIMULATED_RUNS) throw new UserError(`--from/--to span ${n} runs of ${p.rule.file}; at most ${MAX_SIMULATED_RUNS} can be simulated`);
      }
      const a = simulateSchedule(oldRule.rule, scheduledRunner(oldRule, loaded.tables), when.from, when.to);
      const b = simulateSchedule(newRule.rule, scheduledRunner(newRule, loaded.tables), when.from, when.to);
      diffs = diffRunLists(a.runs, b.runs);
    }
  } catch (e) {
    if (!(e instanceof RuleRunError)) throw e;
    for (const d of e.diagnostics) process.stderr.write(`${e.rule.file}:${d.line ?? '?'}:${d.col ?? '?'}: error ${d.code}: ${d.message}\n`);
    return EXIT.queryError;
  }
  if (options.output === 'json') process.stdout.write(`${JSON.stringify(diffJson(diffs))}\n`);
  else process.stdout.write(`${oldRule.rule.file} → ${newRule.rule.file}\n${diffText(diffs)}\n`);
  // Like `git diff --exit-code`: a CI step can fail when an edit changes what a rule raises.
  return options.exitCode && (diffs.runs.some(hasChanges) || diffs.addedColumns.length + diffs.removedColumns.length > 0) ? EXIT.queryError : EXIT.ok;
}

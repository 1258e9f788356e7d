/** What an edit changes: alerts and rows added and removed, run by run, as multisets. */
import { describe, expect, it } from 'vitest';
import { diffJson, diffRunLists, diffText, multisetDiff, stableJson } from '../../src/rules/diff.js';
import type { RuleRun } from '../../src/rules/run.js';
import { prepareRule, runRule, scheduledRunner } from '../../src/sentinel/run-rule.js';
import { simulateSchedule } from '../../src/rules/schedule.js';
import { rule, ruleYaml, t, table } from './helpers.js';

const T = table('TimeGenerated:datetime, Src:string, Port:long', [
  [t('2024-05-01T11:10:00Z'), '10.0.0.1', 22],
  [t('2024-05-01T11:20:00Z'), '10.0.0.2', 443],
  [t('2024-05-01T11:30:00Z'), '10.0.0.3', 3389],
]);
const tables = new Map([['T', T]]);
const ENTITY = 'entityMappings:\n  - entityType: IP\n    fieldMappings:\n      - identifier: Address\n        columnName: Src\neventGroupingSettings:\n  aggregationKind: AlertPerResult';

function runAt(query: string, now = t('2024-05-01T12:00:00Z')): RuleRun {
  const { prepared } = prepareRule(rule(ruleYaml(query, ENTITY)), tables);
  return runRule(prepared!, tables, now);
}

describe('diff', () => {
  it('multisets: repeats count', () => {
    expect(multisetDiff([1, 1, 2], [1, 2, 2, 3], String)).toEqual({ added: [2, 3], removed: [1] });
    expect(stableJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });

  it('a narrower filter removes alerts and rows; nothing is added', () => {
    const [d] = diffRunLists([runAt('T')], [runAt('T | where Port != 443')]).runs;
    expect(d!.addedAlerts).toEqual([]);
    expect(d!.removedAlerts.map((a) => a.entities[0]!.identifiers.Address)).toEqual(['10.0.0.2']);
    expect(d!.removedRows).toEqual([{ TimeGenerated: '2024-05-01T11:20:00Z', Src: '10.0.0.2', Port: 443 }]);
    expect(d!.old).toEqual({ resultCount: 3, triggered: true, alerts: 3 });
    expect(d!.new).toEqual({ resultCount: 2, triggered: true, alerts: 2 });
  });

  it('reordering columns changes nothing; a new column is reported once and rows are compared on the shared ones', () => {
    expect(diffJson(diffRunLists([runAt('T')], [runAt('T | project Port, Src, TimeGenerated')])).totals).toMatchObject({ changedRuns: 0 });
    const d = diffRunLists([runAt('T')], [runAt('T | extend Seen = 1 | where Port > 22')]);
    expect([d.addedColumns, d.removedColumns]).toEqual([['Seen'], []]);
    expect(d.runs[0]!.removedRows).toEqual([{ TimeGenerated: '2024-05-01T11:10:00Z', Src: '10.0.0.1', Port: 22 }]);
    expect(d.runs[0]!.addedRows).toEqual([]);
    expect(diffText(d)).toMatch(/^result columns added: Seen\n/);
  });

  it('an alert that keeps its name and entities but changes is one changed alert, with the fields that differ', () => {
    const d = diffRunLists([runAt('T')], [runAt('T | extend TimeGenerated = TimeGenerated + 1m')]);
    expect(d.runs[0]!.changedAlerts.map((c) => c.fields)).toEqual([['startTime', 'endTime'], ['startTime', 'endTime'], ['startTime', 'endTime']]);
    expect([d.runs[0]!.addedAlerts, d.runs[0]!.removedAlerts]).toEqual([[], []]);
    expect(diffText(d)).toContain('      startTime: "2024-05-01T11:10:00Z"\n               → "2024-05-01T11:11:00Z"');
  });

  it('matches schedule runs by instant; a run only one side has counts as empty for the other', () => {
    const a = prepareRule(rule(ruleYaml('T', ENTITY, { queryFrequency: '30m', queryPeriod: '30m' })), tables).prepared!;
    const b = prepareRule(rule(ruleYaml('T', ENTITY, { queryFrequency: '1h', queryPeriod: '1h' })), tables).prepared!;
    const from = t('2024-05-01T11:00:00Z');
    const to = t('2024-05-01T12:00:00Z');
    const diffs = diffRunLists(simulateSchedule(a.rule, scheduledRunner(a, tables), from, to).runs, simulateSchedule(b.rule, scheduledRunner(b, tables), from, to).runs);
    expect(diffs.runs.map((d) => [d.now, d.old?.alerts, d.new?.alerts])).toEqual([
      [t('2024-05-01T11:30:00Z'), 3, undefined], // 11:00–11:30 holds all three events (11:30 included)
      [t('2024-05-01T12:00:00Z'), 1, 3],
    ]);
    const text = diffText(diffs);
    expect(text).toContain('run at 2024-05-01T11:30:00Z: 3 rows, 3 alerts → no run');
    expect(text).toContain('2 of 2 runs changed: alerts +2 −3 ~0, result rows +2 −3');
  });

  it('says so when nothing changed', () => {
    expect(diffText(diffRunLists([runAt('T')], [runAt('T | where true')]))).toBe('no changes: the same alerts and result rows in all 1 run');
  });
});

/**
 * One run of a rule over in-memory tables: the time window, now(), the trigger, event grouping,
 * and every part of an alert (details and their overrides, times, entities, custom details).
 */
import { describe, expect, it } from 'vitest';
import { alertJson, runJson } from '../../src/rules/alert-json.js';
import type { RuleRun } from '../../src/rules/run.js';
import { prepareRule, runRule } from '../../src/sentinel/run-rule.js';
import type { Table } from '../../src/table/table.js';
import { rule, ruleYaml, sentinelTable, t, table } from './helpers.js';

const NOW = t('2024-05-01T12:00:00Z');

function run(yaml: string, tables: Record<string, Table>, now = NOW): RuleRun {
  const map = new Map(Object.entries(tables));
  const { prepared, problems } = prepareRule(rule(yaml), map);
  if (!prepared) throw new Error(problems.map((p) => p.message).join('\n'));
  return runRule(prepared, map, now);
}

/** A table T of (TimeGenerated, Src, User, N) rows. */
const events = (...rows: [string, string, string, number][]) =>
  table('TimeGenerated:datetime, Src:string, User:string, N:long', rows.map(([time, src, user, n]) => [t(time), src, user, n]));

const ENTITIES = `entityMappings:
  - entityType: IP
    fieldMappings:
      - identifier: Address
        columnName: Src
  - entityType: Account
    fieldMappings:
      - identifier: Name
        columnName: User`;

describe('the run window', () => {
  it('keeps rows with TimeGenerated in [now - queryPeriod, now], both ends included', () => {
    const T = events(
      ['2024-05-01T10:59:59.999Z', 'before', '', 1],
      ['2024-05-01T11:00:00Z', 'start', '', 1],
      ['2024-05-01T11:30:00Z', 'inside', '', 1],
      ['2024-05-01T12:00:00Z', 'end', '', 1],
      ['2024-05-01T12:00:00.001Z', 'after', '', 1],
    );
    const r = run(ruleYaml('T | project Src'), { T });
    expect(r.result.rows().map((row) => row[0])).toEqual(['start', 'inside', 'end']);
    expect([r.windowStart, r.windowEnd, r.now]).toEqual([t('2024-05-01T11:00:00Z'), NOW, NOW]);
  });

  it('a query that forks raises its alerts from the first table', () => {
    const T = events(['2024-05-01T11:30:00Z', 'a', '', 1], ['2024-05-01T11:40:00Z', 'b', '', 2]);
    const r = run(ruleYaml('T | fork (where N > 1 | project Src) (project N)'), { T });
    expect(r.result.rows()).toEqual([['b']]);
  });

  it('drops rows whose TimeGenerated is null', () => {
    const T = table('TimeGenerated:datetime, Src:string', [[null, 'no time'], [t('2024-05-01T11:30:00Z'), 'timed']]);
    expect(run(ruleYaml('T | project Src'), { T }).result.rows()).toEqual([['timed']]);
  });

  it('leaves tables without a TimeGenerated column, and datatable values, whole', () => {
    const W = table('Src:string', [['a'], ['b']]);
    const q = 'let D = datatable(TimeGenerated:datetime, Src:string)[datetime(2020-01-01), "old"];\nunion W, (D | project Src)\n| project Src';
    expect(run(ruleYaml(q), { W }).result.rows().map((x) => x[0]).sort()).toEqual(['a', 'b', 'old']);
  });

  it('intersects with the query own time filter, and ago() and now() resolve against the run instant', () => {
    const T = events(['2024-05-01T09:00:00Z', 'a', '', 1], ['2024-05-01T11:10:00Z', 'b', '', 1], ['2024-05-01T11:50:00Z', 'c', '', 1]);
    // ago(14d) still sees only the last hour; ago(20m) narrows it further.
    expect(run(ruleYaml('T | where TimeGenerated > ago(14d) | project Src'), { T }).result.rows()).toEqual([['b'], ['c']]);
    expect(run(ruleYaml('T | where TimeGenerated > ago(20m) | project Src'), { T }).result.rows()).toEqual([['c']]);
    expect(run(ruleYaml('print Now = now()'), {}).result.rows()).toEqual([[NOW]]);
  });

  it('a longer queryPeriod sees further back', () => {
    const T = events(['2024-05-01T09:00:00Z', 'a', '', 1]);
    expect(run(ruleYaml('T', '', { queryPeriod: '2h' }), { T }).resultCount).toBe(0);
    expect(run(ruleYaml('T', '', { queryPeriod: '3h' }), { T }).resultCount).toBe(1);
  });
});

describe('the trigger', () => {
  const T = events(['2024-05-01T11:30:00Z', 'a', '', 1], ['2024-05-01T11:31:00Z', 'b', '', 1]);
  it.each([
    ['gt', '1', true], ['gt', '2', false],
    ['lt', '3', true], ['lt', '2', false],
    ['eq', '2', true], ['eq', '1', false],
    ['ne', '1', true], ['ne', '2', false],
    ['GreaterThan', '0', true], ['Equal', '2', true],
  ])('%s %s on 2 rows → %s', (op, threshold, fires) => {
    const r = run(ruleYaml('T', '', { triggerOperator: op, triggerThreshold: threshold }), { T });
    expect(r.triggered).toBe(fires);
    expect(r.alerts.length).toBe(fires ? 1 : 0);
  });

  it('can fire on zero rows (eq 0): one alert spanning the window, with no entities', () => {
    const empty = events();
    for (const grouping of ['SingleAlert', 'AlertPerResult']) {
      const r = run(ruleYaml('T', `${ENTITIES}\neventGroupingSettings:\n  aggregationKind: ${grouping}`, { triggerOperator: 'eq', triggerThreshold: '0' }), { T: empty });
      expect(r.triggered).toBe(true);
      expect(r.alerts.map(alertJson)).toEqual([
        expect.objectContaining({ displayName: 'Test rule', entities: [], customDetails: {}, resultRows: 0, startTime: '2024-05-01T11:00:00Z', endTime: '2024-05-01T12:00:00Z' }),
      ]);
    }
  });
});

describe('event grouping', () => {
  const many = (n: number) => events(...Array.from({ length: n }, (_, i) => [`2024-05-01T11:30:00Z`, `10.0.${Math.floor(i / 250)}.${i % 250}`, '', i] as [string, string, string, number]));
  const perResult = `${ENTITIES}\neventGroupingSettings:\n  aggregationKind: AlertPerResult`;

  it('SingleAlert: one alert for all rows', () => {
    const r = run(ruleYaml('T', ENTITIES), { T: many(5) });
    expect(r.alerts).toHaveLength(1);
    expect(r.alerts[0]!.resultRows).toBe(5);
    expect(r.alerts[0]!.entities).toHaveLength(5);
  });

  it('AlertPerResult: one alert per row, in the query output order', () => {
    const r = run(ruleYaml('T | sort by N desc', perResult), { T: many(3) });
    expect(r.alerts.map((a) => [a.resultRows, a.entities.map((e) => e.identifiers.Address)])).toEqual([
      [1, ['10.0.0.2']], [1, ['10.0.0.1']], [1, ['10.0.0.0']],
    ]);
  });

  it('AlertPerResult: exactly 150 rows make 150 alerts', () => {
    const r = run(ruleYaml('T', perResult), { T: many(150) });
    expect(r.alerts).toHaveLength(150);
    expect(r.alerts.every((a) => a.resultRows === 1)).toBe(true);
  });

  it('AlertPerResult: over 150 rows make 149 alerts and a 150th that summarises all rows', () => {
    const r = run(ruleYaml('T', perResult), { T: many(200) });
    expect(r.alerts).toHaveLength(150);
    expect(r.alerts.slice(0, 149).every((a) => a.resultRows === 1)).toBe(true);
    expect(r.alerts[148]!.entities[0]!.identifiers.Address).toBe('10.0.0.148');
    expect(r.alerts[149]!.resultRows).toBe(200);
    expect(r.alerts[149]!.entities).toHaveLength(200);
  });

  it('NRT rules cap at 30: 29 alerts and a summary', () => {
    const yaml = ruleYaml('T', perResult).replace('kind: Scheduled', 'kind: NRT');
    const T = many(40);
    const r = run(yaml, { T }, t('2024-05-01T11:30:30Z'));
    expect(r.windowStart).toBe(t('2024-05-01T11:29:30Z'));
    expect(r.alerts).toHaveLength(30);
    expect(r.alerts[29]!.resultRows).toBe(40);
  });
});

describe('alert details', () => {
  const T = events(['2024-05-01T11:10:00Z', '10.0.0.1', 'alice', 7], ['2024-05-01T11:40:00Z', '10.0.0.2', 'bob', 9]);

  it('come from the rule by default; start and end are the rows earliest and latest TimeGenerated', () => {
    const a = alertJson(run(ruleYaml('T'), { T }).alerts[0]!);
    expect(a).toMatchObject({
      displayName: 'Test rule', description: 'A rule for tests.', severity: 'Medium', tactics: ['Discovery'], techniques: ['T1046'],
      startTime: '2024-05-01T11:10:00Z', endTime: '2024-05-01T11:40:00Z', resultRows: 2,
    });
  });

  it('without TimeGenerated in the result, the alert spans the window', () => {
    const a = alertJson(run(ruleYaml('T | summarize count() by Src'), { T }).alerts[0]!);
    expect([a.startTime, a.endTime]).toEqual(['2024-05-01T11:00:00Z', '2024-05-01T12:00:00Z']);
  });

  it('name and description formats render {{Column}} from the first row (SingleAlert)', () => {
    const yaml = ruleYaml('T', 'alertDetailsOverride:\n  alertDisplayNameFormat: Scan from {{Src}} by {{ User }}\n  alertDescriptionFormat: "{{N}} ports"');
    const a = run(yaml, { T }).alerts[0]!;
    expect([a.displayName, a.description]).toEqual(['Scan from 10.0.0.1 by alice', '7 ports']);
  });

  it('each AlertPerResult alert renders its own row', () => {
    const yaml = ruleYaml('T', 'alertDetailsOverride:\n  alertDisplayNameFormat: Scan from {{Src}}\neventGroupingSettings:\n  aggregationKind: AlertPerResult');
    expect(run(yaml, { T }).alerts.map((a) => a.displayName)).toEqual(['Scan from 10.0.0.1', 'Scan from 10.0.0.2']);
  });

  it('a placeholder with an empty value makes the property fall back to the rule value', () => {
    const E = events(['2024-05-01T11:10:00Z', '10.0.0.1', '', 7]);
    const yaml = ruleYaml('T', 'alertDetailsOverride:\n  alertDisplayNameFormat: Scan by {{User}}\n  alertDescriptionFormat: From {{Src}}');
    const a = run(yaml, { T: E }).alerts[0]!;
    expect([a.displayName, a.description]).toEqual(['Test rule', 'From 10.0.0.1']);
  });

  it('a placeholder that names no column stays as written', () => {
    const yaml = ruleYaml('let threshold = 5;\nT', 'alertDetailsOverride:\n  alertDescriptionFormat: More than {{threshold}} from {{Src}}');
    expect(run(yaml, { T }).alerts[0]!.description).toBe('More than {{threshold}} from 10.0.0.1');
  });

  it('a rendered name over 256 bytes falls back to the rule name', () => {
    const L = table('TimeGenerated:datetime, Long:string', [[t('2024-05-01T11:10:00Z'), 'x'.repeat(300)]]);
    expect(run(ruleYaml('T', 'alertDetailsOverride:\n  alertDisplayNameFormat: "{{Long}}"'), { T: L }).alerts[0]!.displayName).toBe('Test rule');
  });

  it('severity, tactics and techniques from columns, when their values are valid', () => {
    const q = 'T | extend Sev = iff(N > 8, "high", "Urgent"), Tac = "Execution, Persistence", Tech = dynamic(["T1059"])';
    const extra = `alertDetailsOverride:
  alertSeverityColumnName: Sev
  alertTacticsColumnName: Tac
  alertDynamicProperties:
    - alertProperty: Techniques
      value: Tech
eventGroupingSettings:
  aggregationKind: AlertPerResult`;
    const [a, b] = run(ruleYaml(q, extra), { T }).alerts;
    // Row 1's severity "Urgent" is not a severity: the rule's Medium stays; row 2's "high" becomes High.
    expect([a!.severity, b!.severity]).toEqual(['Medium', 'High']);
    expect(a!.tactics).toEqual(['Execution', 'Persistence']);
    expect(a!.techniques).toEqual(['T1059']);
    const bad = run(ruleYaml('T | extend Tac = "Execution, Sneaking"', 'alertDetailsOverride:\n  alertTacticsColumnName: Tac'), { T }).alerts[0]!;
    expect(bad.tactics).toEqual(['Discovery']);
  });

  it('more than 50 distinct override values in one run revert that property everywhere', () => {
    const rows = Array.from({ length: 51 }, (_, i) => [`2024-05-01T11:10:00Z`, `10.0.0.${i}`, 'u', i] as [string, string, string, number]);
    const yaml = ruleYaml('T', 'alertDetailsOverride:\n  alertDisplayNameFormat: Scan from {{Src}}\n  alertDescriptionFormat: Scan by {{User}}\neventGroupingSettings:\n  aggregationKind: AlertPerResult');
    const alerts = run(yaml, { T: events(...rows) }).alerts;
    expect(new Set(alerts.map((a) => a.displayName))).toEqual(new Set(['Test rule']));
    // The description has one distinct value, so it keeps its override.
    expect(new Set(alerts.map((a) => a.description))).toEqual(new Set(['Scan by u']));
    expect(run(yaml, { T: events(...rows.slice(0, 50)) }).alerts.map((a) => a.displayName)).toContain('Scan from 10.0.0.49');
  });
});

describe('entities', () => {
  it('are de-duplicated in mapping order, and empty ones dropped', () => {
    const T = events(['2024-05-01T11:10:00Z', '10.0.0.1', 'alice', 1], ['2024-05-01T11:20:00Z', '10.0.0.1', '', 1], ['2024-05-01T11:30:00Z', '', 'bob', 1]);
    expect(alertJson(run(ruleYaml('T', ENTITIES), { T }).alerts[0]!).entities).toEqual([
      { type: 'ip', identifiers: { Address: '10.0.0.1' } },
      { type: 'account', identifiers: { Name: 'alice' } },
      { type: 'account', identifiers: { Name: 'bob' } },
    ]);
  });

  it('drop accounts named by a reserved word, in any case, when mapped by Name only', () => {
    const T = events(...['SYSTEM', 'Administrator', 'local system', 'network service', 'carol'].map((u) => ['2024-05-01T11:10:00Z', '', u, 1] as [string, string, string, number]));
    expect(run(ruleYaml('T', ENTITIES), { T }).alerts[0]!.entities.map((e) => e.identifiers.Name)).toEqual(['carol']);
    const full = ENTITIES.replace('identifier: Name', 'identifier: FullName');
    expect(run(ruleYaml('T', full), { T }).alerts[0]!.entities).toHaveLength(5);
  });

  it('need one required identifier set filled; optional identifiers alone are not enough', () => {
    const T = table('TimeGenerated:datetime, Host:string, Domain:string', [[t('2024-05-01T11:10:00Z'), '', 'corp'], [t('2024-05-01T11:10:00Z'), 'pc1', 'corp']]);
    const map = `entityMappings:
  - entityType: Host
    fieldMappings:
      - identifier: HostName
        columnName: Host
      - identifier: DnsDomain
        columnName: Domain`;
    expect(alertJson(run(ruleYaml('T', map), { T }).alerts[0]!).entities).toEqual([{ type: 'host', identifiers: { HostName: 'pc1', DnsDomain: 'corp' } }]);
  });

  it('take numbers and datetimes as their text', () => {
    const T = table('TimeGenerated:datetime, Pid:long', [[t('2024-05-01T11:10:00Z'), 4242]]);
    const map = 'entityMappings:\n  - entityType: Process\n    fieldMappings:\n      - identifier: ProcessId\n        columnName: Pid';
    expect(run(ruleYaml('T', map), { T }).alerts[0]!.entities).toEqual([{ type: 'process', identifiers: { ProcessId: '4242' } }]);
  });

  it('are at most 500 per alert, shared equally among the mappings', () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`2024-05-01T11:10:00Z`, `10.1.${Math.floor(i / 200)}.${i % 200}`, `user${i}`, i] as [string, string, string, number]);
    const es = run(ruleYaml('T', ENTITIES), { T: events(...rows) }).alerts[0]!.entities;
    expect(es.filter((e) => e.type === 'ip')).toHaveLength(250);
    expect(es.filter((e) => e.type === 'account')).toHaveLength(250);
  });
});

describe('custom details', () => {
  const details = 'customDetails:\n  Count: N\n  Source: Src';

  it('gather each column values over the alert rows, in row order, nulls and empties skipped', () => {
    const T = events(['2024-05-01T11:10:00Z', '10.0.0.1', '', 7], ['2024-05-01T11:20:00Z', '', '', 7], ['2024-05-01T11:30:00Z', '10.0.0.3', '', 9]);
    expect(run(ruleYaml('T', details), { T }).alerts[0]!.customDetails).toEqual({ Count: [7, 7, 9], Source: ['10.0.0.1', '10.0.0.3'] });
    const perRow = run(ruleYaml('T', `${details}\neventGroupingSettings:\n  aggregationKind: AlertPerResult`), { T }).alerts;
    expect(perRow.map((a) => a.customDetails)).toEqual([{ Count: [7], Source: ['10.0.0.1'] }, { Count: [7] }, { Count: [9], Source: ['10.0.0.3'] }]);
  });

  it('keep at most 50 values a key', () => {
    const rows = Array.from({ length: 60 }, (_, i) => [`2024-05-01T11:10:00Z`, '', '', i] as [string, string, string, number]);
    expect(run(ruleYaml('T', 'customDetails:\n  Count: N'), { T: events(...rows) }).alerts[0]!.customDetails.Count).toHaveLength(50);
  });

  it('stop at 2 KB in all', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [`2024-05-01T11:10:00Z`, `${'x'.repeat(60)}${i}`, '', i] as [string, string, string, number]);
    const cd = run(ruleYaml('T', 'customDetails:\n  Source: Src\n  Count: N'), { T: events(...rows) }).alerts[0]!.customDetails;
    expect(JSON.stringify(cd).length).toBeLessThanOrEqual(2048);
    expect(cd.Source!.length).toBeLessThan(50);
    expect(cd.Count).toBeUndefined();
  });

  it('keep datetimes as ISO text and dynamic values as they are', () => {
    const q = 'T | summarize Ports = make_set(N), First = min(TimeGenerated) by Src';
    const T = events(['2024-05-01T11:10:00Z', 'a', '', 22], ['2024-05-01T11:20:00Z', 'a', '', 23]);
    expect(run(ruleYaml(q, 'customDetails:\n  Ports: Ports\n  First: First'), { T }).alerts[0]!.customDetails).toEqual({ Ports: [[22, 23]], First: ['2024-05-01T11:10:00Z'] });
  });
});

describe('the JSON of a run', () => {
  it('has exactly the documented keys, with ISO datetimes', () => {
    const T = sentinelTable('CommonSecurityLog', [{ TimeGenerated: t('2024-05-01T11:10:00Z'), SourceIP: '10.0.0.1' }]);
    const j = runJson(run(ruleYaml('CommonSecurityLog | project TimeGenerated, SourceIP', 'entityMappings:\n  - entityType: IP\n    fieldMappings:\n      - identifier: Address\n        columnName: SourceIP'), { CommonSecurityLog: T }));
    expect(j).toEqual({
      now: '2024-05-01T12:00:00Z',
      windowStart: '2024-05-01T11:00:00Z',
      windowEnd: '2024-05-01T12:00:00Z',
      resultCount: 1,
      triggered: true,
      alerts: [{
        displayName: 'Test rule', description: 'A rule for tests.', severity: 'Medium', tactics: ['Discovery'], techniques: ['T1046'],
        startTime: '2024-05-01T11:10:00Z', endTime: '2024-05-01T11:10:00Z',
        entities: [{ type: 'ip', identifiers: { Address: '10.0.0.1' } }], customDetails: {}, resultRows: 1,
      }],
    });
  });
});

/** `kqlx rule` end to end: alert cards, JSON, schedules, and its messages for bad rules and missing data. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { kqlx, ruleYaml } from '../rules/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlx-rulecli-'));
const fixture = (f: string) => join(ROOT, 'fixtures/rules', f);

// Twelve incomplete sessions from one source to port 22 (the good fixture needs 10), and one to 443.
const header = 'TimeGenerated,SourceIP,DeviceName,DestinationPort,ApplicationProtocol';
const rows = Array.from({ length: 12 }, (_, i) => `2024-05-01T11:${String(10 + i).padStart(2, '0')}:00Z,10.0.0.5,fw1,22,incomplete`);
writeFileSync(join(dir, 'CommonSecurityLog.csv'), [header, ...rows, '2024-05-01T11:30:00Z,10.0.0.6,fw1,443,incomplete', ''].join('\n'));
const DATA = ['--data', dir];

function expectNoStackTrace(text: string) {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('kqlx rule', () => {
  it('prints alert cards', () => {
    const r = kqlx(['rule', fixture('good-port-scan.yaml'), ...DATA, '--now', '2024-05-01T12:00:00Z']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Port scan from one source');
    expect(r.out).toContain('run at 2024-05-01T12:00:00Z over 2024-05-01T11:00:00Z .. 2024-05-01T12:00:00Z (queryPeriod 1h)');
    expect(r.out).toContain('1 result row; trigger: rows > 0 → fired, 1 alert (SingleAlert)');
    expect(r.out).toMatch(/entities\s+ip\s+Address=10\.0\.0\.5\n\s+host\s+HostName=fw1/);
    expect(r.out).toMatch(/details\s+Attempts: 12/);
  });

  it('prints the documented JSON with -o json, loading a table with -t', () => {
    const r = kqlx(['rule', fixture('good-port-scan.yaml'), '-t', `CommonSecurityLog=${join(dir, 'CommonSecurityLog.csv')}`, '--now', '2024-05-01T12:00:00Z', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      runs: [{
        now: '2024-05-01T12:00:00Z', windowStart: '2024-05-01T11:00:00Z', windowEnd: '2024-05-01T12:00:00Z', resultCount: 1, triggered: true,
        alerts: [{
          displayName: 'Port scan from one source',
          description: 'Ten or more connection attempts from one source to one external port.',
          severity: 'Low', tactics: ['Discovery'], techniques: ['T1046'],
          startTime: '2024-05-01T11:00:00Z', endTime: '2024-05-01T12:00:00Z',
          entities: [{ type: 'ip', identifiers: { Address: '10.0.0.5' } }, { type: 'host', identifiers: { HostName: 'fw1' } }],
          customDetails: { Attempts: [12] },
          resultRows: 1,
        }],
      }],
    });
  });

  it('a run that does not fire says so', () => {
    const r = kqlx(['rule', fixture('good-port-scan.yaml'), ...DATA, '--now', '2024-05-03T00:00:00Z']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('0 result rows; trigger: rows > 0 → did not fire');
  });

  it('simulates a schedule with --from and --to', () => {
    const r = kqlx(['rule', fixture('good-port-scan.yaml'), ...DATA, '--from', '2024-05-01T09:00:00Z', '--to', '2024-05-01T13:00:00Z']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('schedule: every 1h, look-back 1h; 4 runs from 2024-05-01T09:00:00Z to 2024-05-01T13:00:00Z (the first at from + 1h)');
    expect(r.out).toMatch(/2024-05-01T12:00:00Z\s+1 row\s+fired: 1 alert/);
    expect(r.out).toContain('totals: 4 runs (4 ran, 0 suppressed), 1 fired, 1 alert, 0 duplicates');
    expect(r.err).toBe(''); // progress only on a terminal
  });

  it('runs several rules, one output each', () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, ruleYaml('CommonSecurityLog | where DestinationPort == 443'));
    const r = kqlx(['rule', fixture('good-port-scan.yaml'), other, ...DATA, '--now', '2024-05-01T12:00:00Z', '-o', 'json']);
    expect(r.code).toBe(0);
    const outs = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(outs.map((o) => o.runs[0].resultCount)).toEqual([1, 1]);
  });

  it('names the missing tables and how to provide them (exit 2)', () => {
    const empty = mkdtempSync(join(tmpdir(), 'kqlx-empty-'));
    const r = kqlx(['rule', join(ROOT, 'queries/sentinel/PortScan-ASimNetworkSession.yaml'), '--data', empty, '--now', '2024-05-01T12:00:00Z']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('the query reads table _Im_NetworkSession, but no data was given for it.');
    expect(r.err).toContain('-t _Im_NetworkSession=FILE (CSV, JSON or JSONL), or --data DIR holding _Im_NetworkSession.csv or _Im_NetworkSession.jsonl');
    expectNoStackTrace(r.err);
  });

  it('checks a table kqlx has no schema for once its data is loaded', () => {
    writeFileSync(join(dir, 'Custom_CL.csv'), 'TimeGenerated,User\n2024-05-01T11:30:00Z,alice\n');
    const map = 'entityMappings:\n  - entityType: Account\n    fieldMappings:\n      - identifier: Name\n        columnName: User';
    writeFileSync(join(dir, 'custom.yaml'), ruleYaml('Custom_CL', map));
    const ok = kqlx(['rule', join(dir, 'custom.yaml'), ...DATA, '--now', '2024-05-01T12:00:00Z', '-o', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).runs[0].alerts[0].entities).toEqual([{ type: 'account', identifiers: { Name: 'alice' } }]);
    writeFileSync(join(dir, 'custom-bad.yaml'), ruleYaml('Custom_CL', map.replace('columnName: User', 'columnName: UserName')));
    const bad = kqlx(['rule', join(dir, 'custom-bad.yaml'), ...DATA, '--now', '2024-05-01T12:00:00Z']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/custom-bad\.yaml:\d+:\d+: error: entityMappings\[0\]\.fieldMappings\[0\]\.columnName: column 'UserName' is not produced by the query/);
  });

  it('rejects --now with --from, --from without --to, and bad datetimes (exit 2)', () => {
    const rule = fixture('good-port-scan.yaml');
    expect(kqlx(['rule', rule, ...DATA, '--now', '2024-05-01T12:00:00Z', '--from', '2024-05-01T00:00:00Z', '--to', '2024-05-02T00:00:00Z'])).toMatchObject({ code: 2, err: expect.stringContaining('either --now (one run) or --from and --to') });
    expect(kqlx(['rule', rule, ...DATA, '--from', '2024-05-01T00:00:00Z'])).toMatchObject({ code: 2, err: expect.stringContaining('--from and --to go together') });
    expect(kqlx(['rule', rule, ...DATA, '--now', 'noon'])).toMatchObject({ code: 2, err: expect.stringContaining("--now: 'noon' is not a datetime") });
    expect(kqlx(['rule', rule, ...DATA, '--from', '2024-05-02T00:00:00Z', '--to', '2024-05-01T00:00:00Z'])).toMatchObject({ code: 2, err: expect.stringContaining('must be after --from') });
  });
});

describe('kqlx rule on the bad rule files: one clear error each, with file and line (exit 1)', () => {
  it.each([
    ['bad-yaml-syntax.yaml', /^\S*bad-yaml-syntax\.yaml:13:1: error: YAML syntax error: /],
    ['bad-entity-type.yaml', /^\S*bad-entity-type\.yaml:25:17: error: entityMappings\[1\]\.entityType: 'Hostname' is not an entity type; use one of /],
    ['bad-mapping-column.yaml', /^\S*bad-mapping-column\.yaml:28:21: error: entityMappings\[1\]\.fieldMappings\[0\]\.columnName: column 'DeviceHostName' is not produced by the query \(its columns: SourceIP, DeviceName, DestinationPort, Attempts\)$/],
    ['bad-frequency.yaml', /^\S*bad-frequency\.yaml:7:17: error: queryFrequency: '15d' is longer than 14 days, the most Sentinel allows$/],
  ])('%s', (file, message) => {
    const r = kqlx(['rule', fixture(file), ...DATA, '--now', '2024-05-01T12:00:00Z']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expectNoStackTrace(r.err);
  });

  it('a rule with a bad query shows the KQL error in the rule file', () => {
    const bad = join(dir, 'badquery.yaml');
    writeFileSync(bad, ruleYaml('CommonSecurityLog\n| where DestinationPrt == 22'));
    const r = kqlx(['rule', bad, ...DATA, '--now', '2024-05-01T12:00:00Z']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/badquery\.yaml:14:11: error: query: KX201: unknown column or name 'DestinationPrt' \(did you mean 'DestinationPort'\?\)/);
  });
});

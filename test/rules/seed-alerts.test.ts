/**
 * The seed rules through `kqlx rule` over generated logs: the alerts Sentinel would raise, checked
 * against the generator's truth file, and the Palo Alto rule's hourly schedule over the generated
 * day, checked against a hand calculation of which planted scans each hourly window holds.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AlertJson, RunJson } from '../../src/rules/alert-json.js';
import { SEED_RULES } from '../helpers/paths.js';
import { generate, kqlx } from './helpers.js';

interface Truth {
  window: { start: string; end: string };
  expected: { columns: string[]; rows: unknown[][] };
}

const dir = mkdtempSync(join(tmpdir(), 'kqlx-rule-'));
let csl: { truth: Truth; dataDir: string };
let ns: { truth: Truth; dataDir: string };

/** A copy of a seed rule with some top-level settings replaced or added, written beside the data. */
function ruleCopy(seed: string, name: string, changes: Record<string, string>, append = ''): string {
  let text = readFileSync(seed, 'utf8');
  for (const [key, value] of Object.entries(changes)) {
    const re = new RegExp(`^${key}:.*$`, 'm');
    expect(re.test(text), `${key} is in the seed rule`).toBe(true);
    text = text.replace(re, `${key}: ${value}`);
  }
  const file = join(dir, name);
  writeFileSync(file, `${text.trimEnd()}\n${append}`);
  return file;
}

const PER_RESULT = 'eventGroupingSettings:\n  aggregationKind: AlertPerResult\n';

function runRule(rule: string, data: string, ...when: string[]): { runs: RunJson[]; [k: string]: unknown } {
  const r = kqlx(['rule', rule, '--data', data, ...when, '-o', 'json', '-q']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

const col = (t: Truth, name: string) => t.expected.columns.indexOf(name);
const ids = (a: AlertJson, type: string) => a.entities.filter((e) => e.type === type).map((e) => Object.values(e.identifiers)[0]!);
const sorted = <T>(xs: Iterable<T>) => [...xs].sort();

beforeAll(() => {
  const c = generate('CommonSecurityLog', 20_000, join(dir, 'csl'), 'CommonSecurityLog');
  csl = { truth: JSON.parse(readFileSync(c.truth, 'utf8')), dataDir: join(dir, 'csl') };
  const n = generate('NetworkSession', 20_000, join(dir, 'ns'), '_Im_NetworkSession');
  ns = { truth: JSON.parse(readFileSync(n.truth, 'utf8')), dataDir: join(dir, 'ns') };
});

describe('Palo Alto port scanning over generated CommonSecurityLog', () => {
  it('raises one alert whose entities are the flagged SourceIPs, DeviceNames and SourceUserIDs', () => {
    const rule = ruleCopy(SEED_RULES.paloAlto, 'pa-1d.yaml', { queryPeriod: '1d' });
    const out = runRule(rule, csl.dataDir, '--now', csl.truth.window.end);
    expect(Object.keys(out)).toEqual(['runs']);
    expect(out.runs).toHaveLength(1);
    const run = out.runs[0]!;
    expect(Object.keys(run)).toEqual(['now', 'windowStart', 'windowEnd', 'resultCount', 'triggered', 'alerts']);
    expect(run).toMatchObject({ now: '2024-05-02T00:00:00Z', windowStart: '2024-05-01T00:00:00Z', windowEnd: '2024-05-02T00:00:00Z', triggered: true });
    expect(run.resultCount).toBe(csl.truth.expected.rows.length);
    expect(run.alerts).toHaveLength(1);
    const alert = run.alerts[0]!;
    expect(Object.keys(alert)).toEqual(['displayName', 'description', 'severity', 'tactics', 'techniques', 'startTime', 'endTime', 'entities', 'customDetails', 'resultRows']);
    expect(alert).toMatchObject({ displayName: 'Palo Alto - possible internal to external port scanning', severity: 'Low', tactics: ['Discovery'], techniques: ['T1046'], resultRows: 11 });

    const truthSet = (name: string) => new Set(csl.truth.expected.rows.map((r) => r[col(csl.truth, name)] as string).filter((v) => v !== ''));
    expect(sorted(ids(alert, 'ip'))).toEqual(sorted(truthSet('SourceIP')));
    expect(sorted(ids(alert, 'host'))).toEqual(sorted(truthSet('DeviceName')));
    // Two flagged scanners have no SourceUserID: their empty Account entities are dropped.
    expect(sorted(ids(alert, 'account'))).toEqual(sorted(truthSet('SourceUserID')));
    expect(csl.truth.expected.rows.some((r) => r[col(csl.truth, 'SourceUserID')] === '')).toBe(true);
    expect(alert.entities).toHaveLength(truthSet('SourceIP').size + truthSet('DeviceName').size + truthSet('SourceUserID').size);
    // The result has no TimeGenerated column, so the alert spans the run's window.
    expect([alert.startTime, alert.endTime]).toEqual(['2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z']);
  });

  it('with AlertPerResult raises one alert per truth row, each with that row entities', () => {
    const rule = ruleCopy(SEED_RULES.paloAlto, 'pa-1d-per-result.yaml', { queryPeriod: '1d' }, PER_RESULT);
    const run = runRule(rule, csl.dataDir, '--now', csl.truth.window.end).runs[0]!;
    expect(run.alerts).toHaveLength(csl.truth.expected.rows.length);
    const key = (ip: string, host: string, user: string | undefined) => `${ip}|${host}|${user ?? ''}`;
    const fromAlerts = run.alerts.map((a) => {
      expect(a.resultRows).toBe(1);
      return key(ids(a, 'ip')[0]!, ids(a, 'host')[0]!, ids(a, 'account')[0]);
    });
    const fromTruth = csl.truth.expected.rows.map((r) =>
      key(r[col(csl.truth, 'SourceIP')] as string, r[col(csl.truth, 'DeviceName')] as string, r[col(csl.truth, 'SourceUserID')] as string),
    );
    expect(sorted(fromAlerts)).toEqual(sorted(fromTruth));
  });

  /**
   * The hand calculation. The seed rule runs hourly over the last hour. Each planted scan of the
   * truth file is a burst of 10–36 events inside one clock hour (times from the truth rows'
   * StartTimeUtc..EndTimeUtc), so it is counted in full by exactly one run: the one at the end of
   * that hour. Background traffic never passes the filters (the generator's guard), so:
   *   05:00  P01 10.99.1.23 tcp/22    04:48–04:59
   *   06:00  P01 10.99.1.23 tcp/3389  05:02–05:16
   *   08:00  P02 10.99.2.45 tcp/445   07:12–07:24  (no user)
   *   09:00  P03 10.99.3.7  tcp/1433  08:23–08:37
   *   10:00  P04 10.99.4.9  tcp/5900  09:36–09:46  (PA-VM-AZ-EUS-01)
   *   11:00  P05 10.99.5.5  tcp/49511 10:48–10:57
   *   13:00  P06 10.99.6.6  three ports, 12:00–12:11  (three result rows, one alert)
   *   14:00  P07 192.168.50.77 tcp/25 13:12–13:24  (PA-5250-DC1-01, no user)
   *   15:00  P08 10.99.8.8  tcp/21    14:24–14:35
   * Every other hour: no rows, no alert. 24 runs, 9 alerts, no duplicates (the windows only touch).
   */
  const HAND: Record<string, { rows: number; ip: string; host: string; user?: string }> = {
    '2024-05-01T05:00:00Z': { rows: 1, ip: '10.99.1.23', host: 'PA-3220-HQ-01', user: 'corp\\svc_backup' },
    '2024-05-01T06:00:00Z': { rows: 1, ip: '10.99.1.23', host: 'PA-3220-HQ-01', user: 'corp\\svc_backup' },
    '2024-05-01T08:00:00Z': { rows: 1, ip: '10.99.2.45', host: 'PA-3220-HQ-01' },
    '2024-05-01T09:00:00Z': { rows: 1, ip: '10.99.3.7', host: 'PA-3220-HQ-01', user: 'corp\\lmoore' },
    '2024-05-01T10:00:00Z': { rows: 1, ip: '10.99.4.9', host: 'PA-VM-AZ-EUS-01', user: 'corp\\kwhite' },
    '2024-05-01T11:00:00Z': { rows: 1, ip: '10.99.5.5', host: 'PA-3220-HQ-01', user: 'corp\\dlee' },
    '2024-05-01T13:00:00Z': { rows: 3, ip: '10.99.6.6', host: 'PA-3220-HQ-01', user: 'corp\\ascott' },
    '2024-05-01T14:00:00Z': { rows: 1, ip: '192.168.50.77', host: 'PA-5250-DC1-01' },
    '2024-05-01T15:00:00Z': { rows: 1, ip: '10.99.8.8', host: 'PA-3220-HQ-01', user: 'corp\\mking' },
  };

  it('the hand calculation agrees with the truth file (each planted scan sits inside one clock hour)', () => {
    const hourAfter = (iso: string) => {
      const d = new Date(iso);
      d.setUTCMinutes(0, 0, 0);
      d.setUTCHours(d.getUTCHours() + 1);
      return d.toISOString().replace('.000Z', 'Z');
    };
    const perRun = new Map<string, number>();
    for (const r of csl.truth.expected.rows) {
      const start = r[col(csl.truth, 'StartTimeUtc')] as string;
      const end = r[col(csl.truth, 'EndTimeUtc')] as string;
      expect(hourAfter(start)).toBe(hourAfter(end));
      const run = hourAfter(end);
      expect(HAND[run], `a run at ${run}`).toBeDefined();
      expect(r[col(csl.truth, 'SourceIP')]).toBe(HAND[run]!.ip);
      perRun.set(run, (perRun.get(run) ?? 0) + 1);
    }
    expect(Object.fromEntries(perRun)).toEqual(Object.fromEntries(Object.entries(HAND).map(([k, v]) => [k, v.rows])));
  });

  it('the hourly schedule over the generated day raises, run by run, the alerts the hand calculation expects', () => {
    const out = runRule(SEED_RULES.paloAlto, csl.dataDir, '--from', csl.truth.window.start, '--to', csl.truth.window.end) as unknown as {
      runs: RunJson[];
      suppressed: unknown[];
      duplicates: unknown[];
      totals: Record<string, number>;
    };
    expect(out.runs).toHaveLength(24);
    expect(out.runs[0]!.now).toBe('2024-05-01T01:00:00Z');
    expect(out.runs[23]!.now).toBe('2024-05-02T00:00:00Z');
    for (const run of out.runs) {
      const hand = HAND[run.now];
      expect(run.windowStart, run.now).toBe(new Date(Date.parse(run.now) - 3_600_000).toISOString().replace('.000Z', 'Z'));
      if (!hand) {
        expect({ now: run.now, rows: run.resultCount, alerts: run.alerts.length }).toEqual({ now: run.now, rows: 0, alerts: 0 });
        continue;
      }
      expect({ now: run.now, rows: run.resultCount, alerts: run.alerts.length }).toEqual({ now: run.now, rows: hand.rows, alerts: 1 });
      const a = run.alerts[0]!;
      expect(ids(a, 'ip')).toEqual([hand.ip]);
      expect(ids(a, 'host')).toEqual([hand.host]);
      expect(ids(a, 'account')).toEqual(hand.user ? [hand.user] : []);
      expect(a.resultRows).toBe(hand.rows);
    }
    expect(out.totals).toEqual({ runs: 24, ran: 24, suppressed: 0, triggered: 9, alerts: 9, duplicates: 0 });
  });

  it('with a 2h look-back and AlertPerResult every scan alerts in two runs; the repeats are duplicates', () => {
    const rule = ruleCopy(SEED_RULES.paloAlto, 'pa-2h-per-result.yaml', { queryPeriod: '2h' }, PER_RESULT);
    const out = runRule(rule, csl.dataDir, '--from', csl.truth.window.start, '--to', csl.truth.window.end) as unknown as {
      runs: RunJson[];
      duplicates: { now: string; firstNow: string }[];
    };
    const next = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString().replace('.000Z', 'Z');
    // Each scan's rows alert in the hand-calculated run and in the run an hour later.
    const want = new Map<string, number>();
    for (const [now, h] of Object.entries(HAND)) for (const at of [now, next(now)]) want.set(at, (want.get(at) ?? 0) + h.rows);
    const got = new Map(out.runs.filter((r) => r.alerts.length).map((r) => [r.now, r.alerts.length]));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries([...want].sort()));
    // A second sighting repeats the earlier alert; so does P01's tcp/3389 row at 06:00, whose
    // entities (host, user, source) are those of its tcp/22 row alerted at 05:00.
    const dups = new Map<string, number>();
    for (const d of out.duplicates) dups.set(d.now, (dups.get(d.now) ?? 0) + 1);
    expect(Object.fromEntries(dups)).toEqual({
      '2024-05-01T06:00:00Z': 2, '2024-05-01T07:00:00Z': 1, '2024-05-01T09:00:00Z': 1, '2024-05-01T10:00:00Z': 1,
      '2024-05-01T11:00:00Z': 1, '2024-05-01T12:00:00Z': 1, '2024-05-01T14:00:00Z': 3, '2024-05-01T15:00:00Z': 1,
      '2024-05-01T16:00:00Z': 1,
    });
  });

  it('with a 2h look-back and SingleAlert only identical alerts count as duplicates', () => {
    const rule = ruleCopy(SEED_RULES.paloAlto, 'pa-2h.yaml', { queryPeriod: '2h' });
    const out = runRule(rule, csl.dataDir, '--from', csl.truth.window.start, '--to', csl.truth.window.end) as unknown as {
      duplicates: { now: string; firstNow: string }[];
    };
    // 05:00, 06:00 and 07:00 all alert on 10.99.1.23 alone; later runs mix two scans into one alert.
    expect(out.duplicates.map((d) => [d.now, d.firstNow])).toEqual([
      ['2024-05-01T06:00:00Z', '2024-05-01T05:00:00Z'],
      ['2024-05-01T07:00:00Z', '2024-05-01T06:00:00Z'],
    ]);
  });
});

describe('ASIM port scan over generated NetworkSession data (as table _Im_NetworkSession)', () => {
  const counts = () => ns.truth.expected.rows.map((r) => [r[col(ns.truth, 'SrcIpAddr')] as string, r[col(ns.truth, 'AttemptedPortsCount')] as number] as const);

  it('raises an alert named "Potential port scan from <SrcIpAddr>" carrying AttemptedPortsCount', () => {
    const rule = ruleCopy(SEED_RULES.asim, 'asim-1d.yaml', { queryPeriod: '1d' });
    const run = runRule(rule, ns.dataDir, '--now', ns.truth.window.end).runs[0]!;
    expect(run.resultCount).toBe(ns.truth.expected.rows.length);
    expect(run.alerts).toHaveLength(1);
    const a = run.alerts[0]!;
    // SingleAlert: the first result row names the alert.
    expect(a.displayName).toMatch(/^Potential port scan from \d+\.\d+\.\d+\.\d+$/);
    expect(counts().map(([ip]) => ip)).toContain(a.displayName.replace('Potential port scan from ', ''));
    expect(sorted(a.customDetails.AttemptedPortsCount as number[])).toEqual(sorted(counts().map(([, n]) => n)));
    expect(sorted(ids(a, 'ip'))).toEqual(sorted(new Set(counts().map(([ip]) => ip))));
  });

  it('with AlertPerResult each alert is named after its source and carries its own count', () => {
    const rule = ruleCopy(SEED_RULES.asim, 'asim-1d-per-result.yaml', { queryPeriod: '1d' }, PER_RESULT);
    const run = runRule(rule, ns.dataDir, '--now', ns.truth.window.end).runs[0]!;
    expect(run.alerts).toHaveLength(ns.truth.expected.rows.length);
    const got = run.alerts.map((a) => {
      expect(a.description).toContain(`over ${a.customDetails.AttemptedPortsCount![0]} ports`);
      expect(ids(a, 'ip')).toEqual([a.displayName.replace('Potential port scan from ', '')]);
      return `${a.displayName} ${JSON.stringify(a.customDetails)}`;
    });
    const want = counts().map(([ip, n]) => `Potential port scan from ${ip} ${JSON.stringify({ AttemptedPortsCount: [n] })}`);
    expect(sorted(got)).toEqual(sorted(want));
  });

  it('the seed rule as written (hourly, 1h look-back) alerts in the hour of each scan, with that hour scanners', () => {
    // Each truth row is one 5-minute bin; all of a bin's events fall in the clock hour it starts in,
    // so the row is counted by the run at the end of that hour.
    const perRun = new Map<string, [string, number][]>();
    for (const r of ns.truth.expected.rows) {
      const bin = new Date(r[col(ns.truth, 'TimeGenerated')] as string);
      bin.setUTCMinutes(60, 0, 0);
      const at = bin.toISOString().replace('.000Z', 'Z');
      perRun.set(at, [...(perRun.get(at) ?? []), [r[col(ns.truth, 'SrcIpAddr')] as string, r[col(ns.truth, 'AttemptedPortsCount')] as number]]);
    }
    const out = runRule(SEED_RULES.asim, ns.dataDir, '--from', ns.truth.window.start, '--to', ns.truth.window.end);
    expect(out.runs).toHaveLength(24);
    for (const run of out.runs) {
      const want = perRun.get(run.now);
      expect(run.alerts.length, run.now).toBe(want ? 1 : 0);
      if (!want) continue;
      const a = run.alerts[0]!;
      expect(want.map(([ip]) => `Potential port scan from ${ip}`)).toContain(a.displayName);
      expect(sorted(ids(a, 'ip'))).toEqual(sorted(new Set(want.map(([ip]) => ip))));
      expect(sorted(a.customDetails.AttemptedPortsCount as number[])).toEqual(sorted(want.map(([, n]) => n)));
    }
  });
});

/**
 * `kqlx diff` end to end, on a real edit: Palo Alto port scanning 1.0.2 → 1.0.8 replaced
 * `DestinationIP !startswith "10."` by `ipv4_is_private(DestinationIP) == false`, so scans of
 * 172.16/12, 192.168/16 and IPv6 destinations (the generator's decoy D06 and D14) stop alerting.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { generate, kqlx } from '../rules/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlx-diffcli-'));
const OLD = join(ROOT, 'queries/sentinel/upstream/PaloAlto-PortScanning-1.0.2.yaml');
const NEW = join(ROOT, 'queries/sentinel/PaloAlto-PortScanning.yaml');
let data: string;

beforeAll(() => {
  data = join(dir, 'data');
  generate('CommonSecurityLog', 5_000, data, 'CommonSecurityLog');
});

describe('kqlx diff', () => {
  it('lists the rows and alerts the edit removes, one run', () => {
    // Widen both versions' look-back to the generated day.
    const widen = (src: string, name: string) => {
      const f = join(dir, name);
      writeFileSync(f, readFileSync(src, 'utf8').replace(/^queryPeriod: 1h$/m, 'queryPeriod: 1d'));
      return f;
    };
    const r = kqlx(['diff', widen(OLD, 'old.yaml'), widen(NEW, 'new.yaml'), '--data', data, '--now', '2024-05-02T00:00:00Z', '-o', 'json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.removedColumns).toEqual(['timestamp', 'IPCustomEntity', 'AccountCustomEntity', 'HostCustomEntity']);
    expect(j.runs).toHaveLength(1);
    const run = j.runs[0];
    expect([run.old.resultCount, run.new.resultCount]).toEqual([13, 11]);
    expect(run.addedRows).toEqual([]);
    expect(run.removedRows.map((x: { SourceIP: string; set_DestinationIP: string[] }) => [x.SourceIP, x.set_DestinationIP])).toEqual([
      ['10.99.9.6', ['172.16.0.9', '172.31.255.250', '192.168.1.10']],
      ['10.99.9.14', ['2001:db8::25']],
    ]);
    // SingleAlert: the one alert loses the decoys' entities, so it is removed and a new one added.
    expect(run.removedAlerts).toHaveLength(1);
    expect(run.addedAlerts).toHaveLength(1);
    const ips = (a: { entities: { type: string; identifiers: { Address?: string } }[] }) => a.entities.filter((e) => e.type === 'ip').map((e) => e.identifiers.Address);
    expect(ips(run.removedAlerts[0]).filter((ip) => !ips(run.addedAlerts[0]).includes(ip))).toEqual(['10.99.9.6', '10.99.9.14']);
    expect(j.totals).toMatchObject({ runs: 1, changedRuns: 1, removedRows: 2, addedRows: 0 });
  });

  it('compares schedules run by run, and --exit-code fails when anything changed', () => {
    const r = kqlx(['diff', OLD, NEW, '--data', data, '--from', '2024-05-01T00:00:00Z', '--to', '2024-05-02T00:00:00Z', '--exit-code']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('result columns removed: timestamp, IPCustomEntity, AccountCustomEntity, HostCustomEntity');
    // The decoy scans end at 07:45 and 10:01 (10.99.9.14 straddles 10:00, so its 10:00 run sees 10 of its events).
    expect(r.out).toMatch(/run at 2024-05-01T08:00:00Z: 2 rows, 1 alert → 1 row, 1 alert\n {2}- alert .*ip 10\.99\.9\.6/);
    expect(r.out).toMatch(/run at 2024-05-01T10:00:00Z: 2 rows, 1 alert → 1 row, 1 alert\n {2}- alert .*ip 10\.99\.9\.14/);
    // Where the same scan alerts in both versions, only the description (reformatted upstream) differs.
    expect(r.out).toMatch(/~ alert Palo Alto - possible internal to external port scanning \[Low; account corp\\svc_backup, host PA-3220-HQ-01, ip 10\.99\.1\.23; 1 row\]\n {6}description: /);
    expect(r.out).toMatch(/\n9 of 24 runs changed: alerts \+2 −2 ~7, result rows \+0 −2\n$/);
  });

  it('a rule against itself: no changes, exit 0 even with --exit-code', () => {
    const r = kqlx(['diff', NEW, NEW, '--data', data, '--now', '2024-05-02T00:00:00Z', '--exit-code']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('no changes: the same alerts and result rows in all 1 run');
  });
});

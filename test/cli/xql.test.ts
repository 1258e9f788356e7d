/**
 * XQL on the command line: `.xql` files and `--lang xql` in kqlx query and kqlx check, the same output
 * formats, `--now`, `--batch`, and diagnostics with line:col and a caret. The hand-made fixture
 * (fixtures/xql, its answer worked out in its README) runs through it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KQLX, ROOT } from '../helpers/paths.js';

const fixture = (f: string) => join(ROOT, 'fixtures/xql', f);
const THREAT = `panw_ngfw_threat_raw=${fixture('panw_ngfw_threat_raw.csv')}`;

function kqlx(...args: string[]) {
  const r = spawnSync('node', [KQLX, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('kqlx with XQL', () => {
  it('runs a .xql file: the hand-made fixture gives its hand-worked answer', () => {
    const r = kqlx('query', '-f', fixture('threat-summary.xql'), '-t', THREAT, '-o', 'json', '-q');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const got = JSON.parse(r.out) as { columns: { name: string }[]; rows: unknown[][] };
    const want = JSON.parse(readFileSync(fixture('threat-summary.expected.json'), 'utf8')) as { columns: string[]; rows: unknown[][] };
    expect(got.columns.map((c) => c.name)).toEqual(want.columns);
    expect(got.rows).toEqual(want.rows);
  });

  it('--lang xql for query text; csv and jsonl output', () => {
    const q = 'dataset = panw_ngfw_threat_raw | filter source_ip = "8.8.8.8" | fields source_ip, dest_port';
    expect(kqlx('query', q, '--lang', 'xql', '-t', THREAT, '-o', 'csv', '-q').out).toBe('source_ip,dest_port,_time\n8.8.8.8,443,2024-05-01T10:06:00Z\n');
    expect(kqlx('query', q, '--lang', 'xql', '-t', THREAT, '-o', 'jsonl', '-q').out).toBe('{"source_ip":"8.8.8.8","dest_port":443,"_time":"2024-05-01T10:06:00Z"}\n');
  });

  it('--now pins current_time()', () => {
    const q = 'dataset = panw_ngfw_threat_raw | limit 1 | alter now = current_time() | fields now | fields - _time';
    const r = kqlx('query', q, '--lang', 'xql', '-t', THREAT, '--now', '2024-05-02T00:00:00Z', '-o', 'json', '-q');
    expect(JSON.parse(r.out).rows).toEqual([['2024-05-02T00:00:00Z']]);
  });

  it('--batch runs each line as XQL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kqlx-xql-batch-'));
    const batch = join(dir, 'b.jsonl');
    writeFileSync(batch, [
      JSON.stringify({ id: 'n', query: 'dataset = panw_ngfw_threat_raw | comp count() as n' }),
      JSON.stringify({ id: 'bad', query: 'dataset = panw_ngfw_threat_raw | fitler x = 1' }),
    ].join('\n'));
    const r = kqlx('query', '--lang', 'xql', '--batch', batch, '-t', THREAT, '-q');
    const [ok, bad] = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(ok).toMatchObject({ id: 'n', rows: [[10]] });
    expect(bad).toMatchObject({ id: 'bad', error: { code: 'KX120', line: 1, col: 34 } });
    expect(r.code).toBe(1);
  });

  it('diagnostics: line:col and a caret, exit 1, no stack trace', () => {
    const r = kqlx('query', 'dataset = panw_ngfw_threat_raw\n| comp count() as n by source_ip\n| filter dest_port > 1', '--lang', 'xql', '-t', THREAT, '-q');
    expect(r.code).toBe(1);
    expect(r.err).toContain("<query>:3:10: error KX201: unknown column or name 'dest_port'");
    expect(r.err).toContain('3 | | filter dest_port > 1');
    expect(r.err).toContain('  |          ^^^^^^^^^');
    expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('kqlx check reads .xql files as XQL, and reports malformed ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kqlx-xql-check-'));
    const good = join(dir, 'good.xql');
    const bad = join(dir, 'bad.xql');
    writeFileSync(good, 'dataset = xdr_data | filter event_type = ENUM.NETWORK | comp count() by agent_id');
    writeFileSync(bad, 'config case_sensitive = true\n| dataset = xdr_data\n| iploc action_remote_ip');
    const r = kqlx('check', good, bad, '--json');
    const [g, b] = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(g).toMatchObject({ ok: true, diagnostics: [] });
    expect(b).toMatchObject({ ok: false, diagnostics: [{ code: 'KX310', line: 3, col: 3 }] });
    expect(kqlx('check', good, '--lang', 'kql').code).toBe(1);
    expect(kqlx('check', join(ROOT, 'queries/xql/endpoint-inbound-port-scan.xql')).code).toBe(0);
  });
});

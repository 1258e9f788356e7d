/**
 * An empty result is never silent about its likely cause (issue 15, item 3): historical files read
 * against the present, a watchlist alias not given, a 0-byte file, files --data cannot load.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { kqlx, scratchDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/paths.js';

const SAMPLE_SPAN = 'CommonSecurityLog: 3000 row(s), TimeGenerated from 2024-05-01T00:00:08.973Z to 2024-05-01T23:59:44.394Z';
const RULE = 'queries/sentinel/PaloAlto-PortScanning.yaml';

describe('every row outside the time window', () => {
  it('a query with ago() over last year\'s file says so, with the data\'s span and the --now that finds rows', () => {
    const r = kqlx(['query', 'CommonSecurityLog | where TimeGenerated > ago(1h) | project SourceIP', '--data', 'fixtures/sample', '-o', 'csv', '-q']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('SourceIP\n');
    expect(r.err).toMatch(/^kqlx: warning KX430: the result is empty because now\(\) is \S+ and every row lies outside the query's time window/);
    expect(r.err).toContain(`(${SAMPLE_SPAN}); with --now 2024-05-01T23:59:44.394Z the query returns `);
    // The suggestion is right: at that instant the query finds the rows the note counts.
    const count = /the query returns (\d+) row/.exec(r.err)![1];
    const again = kqlx(['query', 'CommonSecurityLog | where TimeGenerated > ago(1h) | project SourceIP', '--data', 'fixtures/sample', '-o', 'csv', '-q', '--now', '2024-05-01T23:59:44.394Z']);
    expect(again.out.trim().split('\n').length - 1).toBe(Number(count));
    expect(again.err).toBe('');
  });
  it('no note when the query does not read the clock, or when moving now() would not help', () => {
    expect(kqlx(['query', 'CommonSecurityLog | where DeviceAction == "none"', '--data', 'fixtures/sample', '-q']).err).toBe('');
    expect(kqlx(['query', 'CommonSecurityLog | where TimeGenerated > ago(1h) and DeviceAction == "none"', '--data', 'fixtures/sample', '-q']).err).toBe('');
  });
  it('a rule run at the present over historical data says every row lies outside its window', () => {
    const r = kqlx(['rule', RULE, '--data', 'fixtures/sample', '-q']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('0 result rows');
    expect(r.err).toMatch(/kqlx: warning KX430: every row of CommonSecurityLog lies outside the run's window \S+ to \S+ /);
    expect(r.err).toContain(`(${SAMPLE_SPAN}); run at the data's time with --now 2024-05-01T23:59:44.394Z, or --from/--to around it`);
  });
  it('a schedule none of whose windows holds a row says so too', () => {
    const r = kqlx(['rule', RULE, '--data', 'fixtures/sample', '--from', '2025-01-01T00:00:00Z', '--to', '2025-01-01T02:00:00Z', '-q']);
    expect(r.err).toContain("every row of CommonSecurityLog lies outside the run's window 2025-01-01T00:00:00Z to 2025-01-01T02:00:00Z");
  });
  it('a run whose window holds rows says nothing', () => {
    expect(kqlx(['rule', RULE, '--data', 'fixtures/sample', '--now', '2024-05-01T12:00:00Z', '-q']).err).toBe('');
  });
});

describe('other silences', () => {
  const dir = scratchDir('silent');
  writeFileSync(join(dir, 'vips.csv'), 'SearchKey,Name\nalice,Alice\n');

  it("_GetWatchlist('vip') when only vips was given: a warning with the alias that was", () => {
    const r = kqlx(['query', "_GetWatchlist('vip') | count", '--watchlist', `vips=${join(dir, 'vips.csv')}`, '-o', 'csv']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('Count\n0\n');
    expect(r.err).toBe("kqlx: warning KX431: _GetWatchlist('vip') reads an empty watchlist: none was given as --watchlist vip=FILE (did you mean 'vips'?)\n");
    expect(kqlx(['query', "_GetWatchlist('vips') | count", '--watchlist', `vips=${join(dir, 'vips.csv')}`, '-o', 'csv'])).toMatchObject({ out: 'Count\n1\n', err: '' });
  });
  it('a 0-byte file is named', () => {
    const data = scratchDir('zero');
    writeFileSync(join(data, 'Empty.csv'), '');
    const r = kqlx(['query', 'Empty | count', '--data', data, '-o', 'csv']);
    expect(r.out).toBe('Count\n0\n');
    expect(r.err).toBe(`kqlx: warning KX432: ${join(data, 'Empty.csv')} is empty (0 bytes): it adds no rows to table Empty\n`);
  });
  it('.gz tables in --data load; files --data cannot load are named, not skipped silently', () => {
    const data = scratchDir('gz-data');
    copyFileSync(join(ROOT, 'fixtures/sample/CommonSecurityLog.csv'), join(data, 'Plain.csv'));
    writeFileSync(join(data, 'Zipped.jsonl.gz'), gzipSync('{"a":1}\n{"a":2}\n'));
    writeFileSync(join(data, 'archive.tar.gz'), gzipSync('not a table'));
    writeFileSync(join(data, 'README.txt'), 'notes');
    const r = kqlx(['query', 'Zipped | summarize sum(a)', '--data', data, '-o', 'csv']);
    expect(r.out).toBe('sum_a\n3\n');
    expect(r.err).toBe(`kqlx: warning KX433: --data ${data}: skipped 2 file(s) kqlx cannot load as a table (.csv, .json, .jsonl, .ndjson, .parquet, or .gz of the text formats): README.txt, archive.tar.gz\n`);
  });
});

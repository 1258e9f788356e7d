/**
 * Inputs as they come (issue 15, items 6 to 9): gzip and Parquet files, one table from several files,
 * queries from standard input, and a query parsed and bound before any data is loaded, with only the
 * tables it reads loaded.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { kqlx, scratchDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/paths.js';

const SAMPLE = join(ROOT, 'fixtures/sample/CommonSecurityLog.csv');
const json = (r: { out: string }) => JSON.parse(r.out);

describe('gzip input', () => {
  const dir = scratchDir('gzip');
  const csv = 'TimeGenerated,User,Port\n2024-05-01T10:00:00Z,alice,22\n2024-05-01T11:00:00Z,bob,443\n';
  const rows = [{ TimeGenerated: '2024-05-01T10:00:00Z', User: 'alice', Port: 22 }, { TimeGenerated: '2024-05-01T11:00:00Z', User: 'bob', Port: 443 }];
  writeFileSync(join(dir, 'a.csv.gz'), gzipSync(csv));
  writeFileSync(join(dir, 'a.json.gz'), gzipSync(JSON.stringify(rows)));
  writeFileSync(join(dir, 'a.jsonl.gz'), gzipSync(rows.map((r) => JSON.stringify(r)).join('\n')));
  const expected = {
    columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'User', type: 'string' }, { name: 'Port', type: 'long' }],
    rows: [['2024-05-01T10:00:00Z', 'alice', 22], ['2024-05-01T11:00:00Z', 'bob', 443]],
  };

  it.each(['a.csv.gz', 'a.json.gz', 'a.jsonl.gz'])('%s loads as its uncompressed form does', (file) => {
    const r = kqlx(['query', 'T', '-t', `T=${join(dir, file)}`, '-o', 'json']);
    expect(r.err).toBe('');
    expect(json(r)).toEqual(expected);
  });
  it('a 3000-row Log Analytics export, gzipped, in --data: the same rows as the plain file', () => {
    const data = scratchDir('gzip-data');
    writeFileSync(join(data, 'CommonSecurityLog.csv.gz'), gzipSync(readFileSync(SAMPLE), { level: 1 }));
    const query = 'CommonSecurityLog | summarize n = count(), ips = dcount(SourceIP), last = max(TimeGenerated) by DeviceAction | order by DeviceAction asc';
    const gz = kqlx(['query', query, '--data', data, '-o', 'json', '-q']);
    const plain = kqlx(['query', query, '-t', `CommonSecurityLog=${SAMPLE}`, '-o', 'json', '-q']);
    expect(gz.code).toBe(0);
    expect(json(gz)).toEqual(json(plain));
    expect(json(gz).rows.reduce((n: number, r: number[]) => n + r[1]!, 0)).toBe(3000);
  });
  it('concatenated gzip members (cat a.gz b.gz) are read as one stream', () => {
    const f = join(dir, 'two.csv.gz');
    writeFileSync(f, Buffer.concat([gzipSync('x,y\n1,a\n'), gzipSync('2,b\n')]));
    expect(json(kqlx(['query', 'T', '-t', `T=${f}`, '-o', 'json'])).rows).toEqual([[1, 'a'], [2, 'b']]);
  });
  it('a damaged gzip file is an input error naming it; exit 2', () => {
    const f = join(dir, 'cut.csv.gz');
    writeFileSync(f, gzipSync(csv.repeat(200)).subarray(0, 60));
    const r = kqlx(['query', 'T', '-t', `T=${f}`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`table T: cannot read ${f}: not a valid gzip file`);
  });
});

describe('Parquet input', () => {
  // fixtures/io/events.parquet: written by DuckDB (zstd pages), 3 rows with nulls in every column but Account.
  it('types come from the Parquet schema; nulls, 64-bit integers and fractions of a second survive', () => {
    const r = kqlx(['query', 'T', '-t', 'T=fixtures/io/events.parquet', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(json(r)).toEqual({
      columns: [
        { name: 'TimeGenerated', type: 'datetime' }, { name: 'Account', type: 'string' }, { name: 'Port', type: 'int' },
        { name: 'Score', type: 'real' }, { name: 'Bytes', type: 'long' }, { name: 'Allowed', type: 'bool' }, { name: 'Extra', type: 'string' },
      ],
      rows: [
        ['2024-05-01T10:00:00Z', 'alice', 22, 1.5, 100000000000, true, '{"a":1}'],
        ['2024-05-01T11:30:00.5Z', 'bob', null, 2.25, 7, false, ''],
        [null, '', 443, null, null, null, '[1,2]'],
      ],
    });
  });
  it('timestamps keep their microseconds; a DATE is midnight UTC (fixtures/io/timestamps.parquet, from DuckDB)', () => {
    expect(json(kqlx(['query', 'T', '-t', 'T=fixtures/io/timestamps.parquet', '-o', 'json']))).toEqual({
      columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Day', type: 'datetime' }],
      rows: [['2024-05-01T10:00:00.123456Z', '2024-05-02T00:00:00Z']],
    });
  });
  it('a query over it filters and aggregates like any table', () => {
    const r = kqlx(['query', 'T | where isnotnull(Port) | summarize total = sum(Port), who = make_list(Account)', '-t', 'T=fixtures/io/events.parquet', '-o', 'json']);
    expect(json(r).rows).toEqual([[465, ['alice', '']]]);
  });
  it('a file that is not Parquet is an input error; exit 2', () => {
    const f = join(scratchDir('pq'), 'bad.parquet');
    writeFileSync(f, 'not parquet at all');
    const r = kqlx(['query', 'T', '-t', `T=${f}`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot read ${f}: not a readable Parquet file`);
  });
});

describe('one table from several files', () => {
  const dir = scratchDir('several');
  writeFileSync(join(dir, 'a.csv'), 'User,Port\nalice,22\n');
  writeFileSync(join(dir, 'b.csv'), 'User,Port\nbob,443\ncarol,80\n');
  writeFileSync(join(dir, 'c.jsonl'), '{"User":"dave","Extra":true}\n');
  writeFileSync(join(dir, 'd.csv'), 'User,Port\neve,high\n');

  it('-t T=a -t T=b appends, in the order given', () => {
    const r = kqlx(['query', 'T', '-t', `T=${join(dir, 'a.csv')}`, '-t', `T=${join(dir, 'b.csv')}`, '-o', 'json']);
    expect(json(r)).toEqual({ columns: [{ name: 'User', type: 'string' }, { name: 'Port', type: 'long' }], rows: [['alice', 22], ['bob', 443], ['carol', 80]] });
  });
  it('a column one file lacks is null in its rows; the columns come in first-appearance order (as union)', () => {
    const r = kqlx(['query', 'T', '-t', `T=${join(dir, 'a.csv')}`, '-t', `T=${join(dir, 'c.jsonl')}`, '-o', 'json']);
    expect(json(r)).toEqual({
      columns: [{ name: 'User', type: 'string' }, { name: 'Port', type: 'long' }, { name: 'Extra', type: 'bool' }],
      rows: [['alice', 22, null], ['dave', null, true]],
    });
  });
  it('a column the files give different types splits into name_type columns, as union does', () => {
    const r = kqlx(['query', 'T', '-t', `T=${join(dir, 'a.csv')}`, '-t', `T=${join(dir, 'd.csv')}`, '-o', 'json']);
    expect(json(r)).toEqual({
      columns: [{ name: 'User', type: 'string' }, { name: 'Port_long', type: 'long' }, { name: 'Port_string', type: 'string' }],
      rows: [['alice', 22, ''], ['eve', null, 'high']],
    });
  });
  it('a glob or a directory names a table\'s files (sorted by name)', () => {
    const glob = kqlx(['query', 'T | project User', '-t', `T=${join(dir, '?.csv')}`, '-o', 'csv']);
    expect(glob.out).toBe('User\nalice\nbob\ncarol\neve\n'); // a.csv, b.csv, d.csv; not c.jsonl
    const sub = join(dir, 'logs');
    mkdirSync(sub);
    copyFileSync(join(dir, 'a.csv'), join(sub, '1.csv'));
    copyFileSync(join(dir, 'b.csv'), join(sub, '2.csv'));
    expect(kqlx(['query', 'T | count', '-t', `T=${sub}`, '-o', 'csv']).out).toBe('Count\n3\n');
  });
  it('--data DIR/Name/ holds the files of table Name', () => {
    const data = scratchDir('data-dirs');
    mkdirSync(join(data, 'Logins'));
    copyFileSync(join(dir, 'a.csv'), join(data, 'Logins', 'day1.csv'));
    copyFileSync(join(dir, 'b.csv'), join(data, 'Logins', 'day2.csv'));
    expect(kqlx(['query', 'Logins | summarize count()', '--data', data, '-o', 'csv']).out).toBe('count_\n3\n');
  });
  it('a glob that matches nothing is a usage error; exit 2', () => {
    const r = kqlx(['query', 'T', '-t', `T=${join(dir, 'none*.csv')}`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no file matches');
  });
});

describe('queries from standard input', () => {
  it('piped with no query argument', () => {
    const r = kqlx(['query', '-o', 'csv'], { input: 'print 1' });
    expect(r).toMatchObject({ code: 0, out: 'print_0\n1\n' });
  });
  it('-f - reads standard input; its diagnostics name <stdin>', () => {
    expect(kqlx(['query', '-f', '-', '-o', 'csv'], { input: 'print x = 2\n' }).out).toBe('x\n2\n');
    const r = kqlx(['query', '-f', '-'], { input: 'print\n  x = tostrin(1)' });
    expect(r.code).toBe(1);
    expect(r.err).toContain("<stdin>:2:7: error KX203: unknown function 'tostrin'");
  });
  it('empty standard input is a usage error; exit 2', () => {
    const r = kqlx(['query'], { input: '' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('no query');
  });
});

describe('query binds before loading and loads only the tables it reads', () => {
  // Broken.json cannot be loaded: reading it would end the run with exit 2.
  const data = scratchDir('lazy');
  copyFileSync(SAMPLE, join(data, 'CommonSecurityLog.csv'));
  writeFileSync(join(data, 'Broken.json'), '"not a table"');
  writeFileSync(join(data, 'Custom_CL.csv'), 'User\nalice\n');

  it('a query reading one table leaves the others unread', () => {
    const r = kqlx(['query', 'CommonSecurityLog | count', '--data', data, '-o', 'csv']);
    expect(r).toMatchObject({ code: 0, out: 'Count\n3000\n' });
  });
  it('a table kqlx has no schema for is found among the files and loaded', () => {
    expect(kqlx(['query', 'Custom_CL | project User', '--data', data, '-o', 'csv']).out).toBe('User\nalice\n');
  });
  it('a syntax error or a misspelt table is reported before anything loads; exit 1', () => {
    const typo = kqlx(['query', 'CommonSecurityLg | count', '--data', data]);
    expect(typo.code).toBe(1);
    expect(typo.err).toContain("unknown table or tabular function 'CommonSecurityLg' (did you mean 'CommonSecurityLog'?)");
    const syntax = kqlx(['query', 'CommonSecurityLog | where DeviceAction == "deny', '--data', data]);
    expect(syntax.code).toBe(1);
    expect(syntax.err).toContain('<query>:1:43: error KX101: unterminated string literal');
  });
  it('reading the broken table does load it, and fails as an input error', () => {
    const r = kqlx(['query', 'Broken | count', '--data', data]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Broken.json');
  });
});

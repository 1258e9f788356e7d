import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError, loadTableFile } from '../../src/io/load.js';
import { sentinelSchema } from '../../src/sentinel/schemas/index.js';
import { ConstColumn, columnValues } from '../../src/table/column.js';
import type { ColumnSchema, Table } from '../../src/table/table.js';
import { formatDatetime } from '../../src/types/datetime.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/io');
const fixture = (name: string) => join(FIXTURES, name);

/** A column's values as KQL reads them: a null string is '' (the stored nulls: string-nulls.test.ts). */
function values(stored: Table, name: string) {
  const t = stored.withStringNulls('empty');
  const i = t.columnIndex(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return columnValues(t.columns[i]!).map((v) => (typeof v === 'bigint' && t.schema[i]!.type === 'datetime' ? formatDatetime(v) : v));
}
const typeOf = (t: Table, name: string) => t.schema[t.columnIndex(name)]?.type;

describe('CSV loader', () => {
  it('reports and skips ragged rows, naming their lines (with chunk boundaries everywhere)', async () => {
    for (const chunkBytes of [undefined, 1, 7]) {
      const r = await loadTableFile(fixture('ragged.csv'), { tableName: 'T', chunkBytes });
      expect(values(r.table, 'Name')).toEqual(['alpha', 'gamma', 'epsilon']);
      expect(values(r.table, 'Port')).toEqual([1, 3, 5]);
      expect(values(r.table, 'Note')).toEqual(['first', 'multi\nline note', 'last']);
      expect(r.rowsRead).toBe(5);
      expect(r.problems).toEqual([
        { file: fixture('ragged.csv'), line: 3, message: 'expected 3 fields, found 2; row skipped' },
        { file: fixture('ragged.csv'), line: 6, message: 'expected 3 fields, found 4; row skipped' },
      ]);
    }
  });

  it('converts to the schema types; a bad cell becomes null and a problem naming column, value and type', async () => {
    const schema: ColumnSchema[] = [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'DestinationPort', type: 'int' },
      { name: 'SentBytes', type: 'long' },
      { name: 'Allowed', type: 'bool' },
      { name: 'Id', type: 'guid' },
      { name: 'Duration', type: 'timespan' },
      { name: 'Ratio', type: 'real' },
      { name: 'Missing', type: 'string' },
      { name: 'MissingPort', type: 'int' },
    ];
    const file = fixture('wrong-types.csv');
    const r = await loadTableFile(file, { tableName: 'T', schema });
    const t = r.table;
    expect(t.rowCount).toBe(4);
    expect(values(t, 'TimeGenerated')).toEqual(['2024-05-01T00:00:00Z', '2024-05-01T00:01:00Z', null, null]);
    expect(values(t, 'DestinationPort')).toEqual([443, null, null, null]);
    expect(values(t, 'SentBytes')).toEqual([100, 200, null, null]);
    expect(values(t, 'Allowed')).toEqual([true, false, null, null]);
    expect(values(t, 'Id')).toEqual(['6f9619ff-8b86-d011-b42d-00cf4fc964ff', null, null, null]);
    expect(values(t, 'Duration')).toEqual([15_000_000n, 864_000_000_000n, null, null]);
    expect(values(t, 'Ratio')).toEqual([0.5, 1000, null, null]);
    const p = (line: number, message: string) => ({ file, line, message });
    expect(r.problems).toEqual([
      p(3, 'column DestinationPort: cannot read "http" as int; null used'),
      p(4, 'column TimeGenerated: cannot read "not-a-date" as datetime; null used'),
      p(4, 'column DestinationPort: cannot read "99999999999" as int; null used'),
      p(4, 'column SentBytes: cannot read "3.5" as long; null used'),
      p(4, 'column Allowed: cannot read "maybe" as bool; null used'),
      p(4, 'column Id: cannot read "nope" as guid; null used'),
      p(4, 'column Duration: cannot read "soon" as timespan; null used'),
      p(4, 'column Ratio: cannot read "abc" as real; null used'),
    ]);
    // Schema columns come first, in schema order; missing ones are constant nulls; extras follow, inferred.
    expect(t.schema.map((c) => `${c.name}:${c.type}`)).toEqual([
      'TimeGenerated:datetime', 'DestinationPort:int', 'SentBytes:long', 'Allowed:bool', 'Id:guid', 'Duration:timespan',
      'Ratio:real', 'Missing:string', 'MissingPort:int', 'Extra:long',
    ]);
    expect(t.columns[t.columnIndex('MissingPort')]).toBeInstanceOf(ConstColumn);
    expect(values(t, 'Missing')).toEqual(['', '', '', '']);
    expect(values(t, 'MissingPort')).toEqual([null, null, null, null]);
    expect(values(t, 'Extra')).toEqual([1, 2, 3, null]);
  });

  it('reads a Log Analytics export: BOM, CRLF, [UTC] headers, US dates, quoted JSON', async () => {
    const r = await loadTableFile(fixture('la-export.csv'), { tableName: 'CommonSecurityLog', schema: sentinelSchema('CommonSecurityLog') });
    const t = r.table;
    expect(r.problems).toEqual([]);
    expect(t.rowCount).toBe(3);
    expect(typeOf(t, 'TimeGenerated')).toBe('datetime');
    expect(values(t, 'TimeGenerated')).toEqual(['2023-08-17T06:52:13.123Z', '2023-08-17T18:52:13Z', '2023-12-31T00:00:00Z']);
    expect(values(t, 'TenantId')).toEqual(Array(3).fill('00000000-0000-0000-0000-000000000001'));
    expect(values(t, 'DeviceAction')).toEqual(['allow', 'deny', 'drop']);
    expect(values(t, 'DestinationPort')).toEqual([443, null, 22]);
    expect(typeOf(t, 'AdditionalData')).toBe('dynamic');
    expect(values(t, 'AdditionalData')).toEqual([{ src: '10.0.0.1', ports: [1, 2] }, [1, 'a'], null]);
    expect(values(t, 'Message')).toEqual(['said "hi", left', 'plain', 'line one\r\nline two']);
    // Every CommonSecurityLog column is there, so rules bind; the export's own columns are filled.
    expect(t.schema.length).toBe(sentinelSchema('CommonSecurityLog')!.length + 1);
    expect(values(t, 'SourceIP')).toEqual(['', '', '']);
  });

  it('warns when a datetime column was exported in local time', async () => {
    const r = await loadTableFile(fixture('local-time.csv'), { tableName: 'T' });
    expect(values(r.table, 'TimeGenerated')).toEqual(['2024-05-01T13:00:00Z']);
    expect(r.problems).toEqual([
      { file: fixture('local-time.csv'), line: 1, message: 'column TimeGenerated was exported in "Local Time" time; its values are read as UTC' },
    ]);
  });

  it('infers column types when there is no schema; empty cells do not decide', async () => {
    const r = await loadTableFile(fixture('inference.csv'), { tableName: 'T' });
    const t = r.table;
    expect(r.problems).toEqual([]);
    expect(t.schema.map((c) => `${c.name}:${c.type}`)).toEqual([
      'Count:long', 'Ratio:real', 'Flag:bool', 'When:datetime', 'Json:dynamic', 'Code:string', 'Text:string', 'Empty:string', 'Mixed:string',
    ]);
    expect(values(t, 'Count')).toEqual([1, -2, null, 3]);
    expect(values(t, 'Ratio')).toEqual([1.5, 2, null, 100]);
    expect(values(t, 'Flag')).toEqual([true, false, null, true]);
    expect(values(t, 'When')).toEqual(['2024-05-01T04:48:00.11Z', '2024-05-01T04:48:00Z', null, '2024-05-01T04:48:00Z']);
    expect(values(t, 'Json')).toEqual([{ a: 1 }, [1], null, {}]);
    expect(values(t, 'Code')).toEqual(['007', '010', '', '123']);
    expect(values(t, 'Text')).toEqual(['hello', '', 'world', 'a,b']);
    expect(values(t, 'Empty')).toEqual(['', '', '', '']);
    expect(values(t, 'Mixed')).toEqual(['1', 'x', '2', '']);
  });

  it('reports an unclosed quote and text after a closing quote', async () => {
    const a = await loadTableFile(fixture('unterminated.csv'), { tableName: 'T' });
    expect(values(a.table, 'A')).toEqual([1, 3]);
    expect(a.rowsRead).toBe(3);
    expect(a.problems).toEqual([{
      file: fixture('unterminated.csv'), line: 3,
      message: 'a quoted field is not closed before the end of the file (the lines after it are read as rows); row skipped',
    }]);
    const b = await loadTableFile(fixture('after-quote.csv'), { tableName: 'T' });
    expect(values(b.table, 'B')).toEqual(['fine']);
    expect(b.problems).toEqual([{ file: fixture('after-quote.csv'), line: 2, message: 'text after a closing quote; row skipped' }]);
  });

  it('lists at most maxProblems problems, then one summary', async () => {
    const r = await loadTableFile(fixture('wrong-types.csv'), {
      tableName: 'T', maxProblems: 2, schema: [{ name: 'DestinationPort', type: 'int' }, { name: 'Ratio', type: 'int' }],
    });
    // 1e3 is a whole number, so it is a valid int; 0.5 and abc are not.
    expect(r.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '2: column Ratio: cannot read "0.5" as int; null used',
      '3: column DestinationPort: cannot read "http" as int; null used',
      '4: 2 more problems not listed (the first at line 4)',
    ]);
    expect(values(r.table, 'Ratio')).toEqual([null, 1000, null, null]);
  });

  it('throws LoadError naming a missing file or an unknown format', async () => {
    await expect(loadTableFile('/no/such/dir/x.csv', { tableName: 'T' })).rejects.toThrow(LoadError);
    await expect(loadTableFile('/no/such/dir/x.csv', { tableName: 'T' })).rejects.toThrow('cannot read /no/such/dir/x.csv: no such file');
    await expect(loadTableFile(fixture('ragged.csv').replace('.csv', '.txt'), { tableName: 'T' })).rejects.toThrow(/unsupported file type '\.txt'/);
    await expect(loadTableFile(FIXTURES + '/.csv', { tableName: 'T' })).rejects.toThrow(LoadError);
  });

  it('reports progress up to the file size', async () => {
    const seen: [number, number][] = [];
    await loadTableFile(fixture('ragged.csv'), { tableName: 'T', chunkBytes: 16, onProgress: (a, b) => seen.push([a, b]) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toEqual([93, 93]);
  });
  it('reads null text in typed columns, keeps non-JSON dynamic text as a string, renames a repeated column, fills Type', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kqlx-csv-')), 'cells.csv');
    writeFileSync(file, 'TimeGenerated,Port,Bag,Note,Port\n2024-05-01T00:00:00Z,NULL,not json,null,1\nnull,22,"{""a"":1}",,2\n');
    const schema: ColumnSchema[] = [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'Port', type: 'int' },
      { name: 'Bag', type: 'dynamic' },
      { name: 'Note', type: 'string' },
      { name: 'Type', type: 'string' },
    ];
    const r = await loadTableFile(file, { tableName: 'MyTable_CL', schema });
    expect(values(r.table, 'TimeGenerated')).toEqual(['2024-05-01T00:00:00Z', null]);
    expect(values(r.table, 'Port')).toEqual([null, 22]);
    expect(values(r.table, 'Bag')).toEqual(['not json', { a: 1 }]);
    expect(values(r.table, 'Note')).toEqual(['null', '']);
    expect(values(r.table, 'Port1')).toEqual([1, 2]);
    expect(values(r.table, 'Type')).toEqual(['MyTable_CL', 'MyTable_CL']);
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([[1, expect.stringMatching(/Port.*Port1/)]]);
  });
});

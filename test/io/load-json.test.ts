import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError, loadTableFile } from '../../src/io/load.js';
import { columnValues } from '../../src/table/column.js';
import type { Table } from '../../src/table/table.js';
import { formatDatetime } from '../../src/types/datetime.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/io');
const fixture = (name: string) => join(FIXTURES, name);
const tmp = mkdtempSync(join(tmpdir(), 'kqlx-json-'));

/** A column's values as KQL reads them: a null string is '' (the stored nulls: string-nulls.test.ts). */
function values(stored: Table, name: string) {
  const t = stored.withStringNulls('empty');
  const i = t.columnIndex(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return columnValues(t.columns[i]!).map((v) => (typeof v === 'bigint' && t.schema[i]!.type === 'datetime' ? formatDatetime(v) : v));
}
const shape = (t: Table) => t.schema.map((c) => `${c.name}:${c.type}`);

describe('JSON lines loader', () => {
  it('reports and skips an invalid line and a non-object line, by line number', async () => {
    for (const chunkBytes of [undefined, 1, 5]) {
      const file = fixture('invalid-line.jsonl');
      const r = await loadTableFile(file, { tableName: 'T', chunkBytes });
      expect(shape(r.table)).toEqual(['Name:string', 'Port:long', 'Extra:bool']);
      expect(values(r.table, 'Name')).toEqual(['a', 'c']);
      expect(values(r.table, 'Port')).toEqual([1, 3]);
      expect(values(r.table, 'Extra')).toEqual([null, true]);
      expect(r.rowsRead).toBe(4);
      expect(r.problems.map((p) => [p.file, p.line])).toEqual([[file, 2], [file, 4]]);
      expect(r.problems[0]!.message).toMatch(/^invalid JSON \(.+\); row skipped$/);
      expect(r.problems[1]!.message).toBe('expected a JSON object, found "[1,2]"; row skipped');
    }
  });

  it('converts JSON values to schema types', async () => {
    const file = join(tmp, 'typed.ndjson');
    writeFileSync(file, [
      '{"T":"2024-05-01T00:00:00Z","Port":"443","Big":1e3,"Ok":true,"Bag":"{\\"a\\":1}","Text":5}',
      '{"T":"8/17/2023, 6:52:13 AM","Port":3.5,"Big":null,"Ok":"false","Bag":[1],"Text":{"x":1}}',
      '{"T":12345,"Port":2147483648,"Ok":1}',
    ].join('\r\n'));
    const r = await loadTableFile(file, {
      tableName: 'T',
      schema: [
        { name: 'T', type: 'datetime' }, { name: 'Port', type: 'int' }, { name: 'Big', type: 'long' },
        { name: 'Ok', type: 'bool' }, { name: 'Bag', type: 'dynamic' }, { name: 'Text', type: 'string' },
      ],
    });
    expect(values(r.table, 'T')).toEqual(['2024-05-01T00:00:00Z', '2023-08-17T06:52:13Z', null]);
    expect(values(r.table, 'Port')).toEqual([443, null, null]);
    expect(values(r.table, 'Big')).toEqual([1000, null, null]);
    expect(values(r.table, 'Ok')).toEqual([true, false, true]);
    expect(values(r.table, 'Bag')).toEqual([{ a: 1 }, [1], null]);
    expect(values(r.table, 'Text')).toEqual(['5', '{"x":1}', '']);
    expect(r.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '2: column Port: cannot read "3.5" as int; null used',
      '3: column T: cannot read "12345" as datetime; null used',
      '3: column Port: cannot read "2147483648" as int; null used',
    ]);
  });
});

describe('JSON array loader', () => {
  it('streams an array of objects; keys become columns; a non-object element is reported', async () => {
    for (const chunkBytes of [undefined, 1, 9]) {
      const file = fixture('array.json');
      const r = await loadTableFile(file, { tableName: 'T', chunkBytes });
      expect(shape(r.table)).toEqual(['TimeGenerated:datetime', 'Computer:string', 'Port:real', 'Tags:dynamic']);
      expect(values(r.table, 'TimeGenerated')).toEqual(['2023-08-17T06:52:13Z', '2023-08-17T06:53:00Z', '2023-08-17T06:54:00Z']);
      expect(values(r.table, 'Computer')).toEqual(['h1', 'h2', 'h3, "quoted" ]}']);
      expect(values(r.table, 'Port')).toEqual([22, 23.5, null]);
      expect(values(r.table, 'Tags')).toEqual([null, ['x'], { k: 'v' }]);
      expect(r.rowsRead).toBe(4);
      expect(r.problems).toEqual([{ file, line: 4, message: 'expected a JSON object, found "\\"not an object\\""; row skipped' }]);
    }
  });

  it('reports a cut-short array', async () => {
    const file = join(tmp, 'cut.json');
    writeFileSync(file, '[{"a":1},\n{"a":2},\n{"a":');
    const r = await loadTableFile(file, { tableName: 'T' });
    expect(values(r.table, 'a')).toEqual([1, 2]);
    expect(r.problems).toEqual([{ file, line: 3, message: 'the JSON array is cut short; the last element is skipped' }]);
  });

  it('reads an empty array and an empty file as no rows', async () => {
    const empty = join(tmp, 'empty.json');
    writeFileSync(empty, '  [ ]\n');
    expect((await loadTableFile(empty, { tableName: 'T' })).table.rowCount).toBe(0);
    const nothing = join(tmp, 'nothing.json');
    writeFileSync(nothing, '');
    const r = await loadTableFile(nothing, { tableName: 'T', schema: [{ name: 'A', type: 'int' }] });
    expect(shape(r.table)).toEqual(['A:int']);
    expect(r.table.rowCount).toBe(0);
  });
});

describe('byte-order marks and line ends', () => {
  it('are read the same with any read size', async () => {
    const lines = join(tmp, 'bom.jsonl');
    writeFileSync(lines, '\uFEFF{"a":1}\r\n{"a":2}\r\n');
    const array = join(tmp, 'bom.json');
    writeFileSync(array, '\uFEFF[{"a":1},\r\n{"a":2}]\r\n');
    for (const chunkBytes of [1, 2, 3, undefined]) {
      for (const file of [lines, array]) {
        const r = await loadTableFile(file, { tableName: 'T', chunkBytes });
        expect(r.problems, `${file} ${chunkBytes}`).toEqual([]);
        expect(values(r.table, 'a')).toEqual([1, 2]);
      }
    }
  });
});

describe('table-object loader', () => {
  it('reads {columns, rows} as kqlx writes it, with the declared types', async () => {
    const file = fixture('table-object.json');
    const r = await loadTableFile(file, { tableName: 'T' });
    const t = r.table;
    expect(shape(t)).toEqual(['TimeGenerated:datetime', 'Count:long', 'Bag:dynamic', 'Span:timespan', 'Note:string']);
    expect(columnValues(t.columns[0]!)).toEqual([1714521600000n * 10_000n, 1714521600000n * 10_000n + 1_234_567n]);
    expect(values(t, 'Count')).toEqual([5, null]);
    expect(values(t, 'Bag')).toEqual([{ a: [1, 2] }, null]);
    expect(values(t, 'Span')).toEqual([3_000_000_000n, 864_000_000_000n]);
    expect(values(t, 'Note')).toEqual(['x', '']);
    expect(r.rowsRead).toBe(3);
    expect(r.problems).toEqual([{ file, line: 0, message: 'row 3: expected 5 values, found 1 values; row skipped' }]);
  });

  it('reads the Log Analytics API shape and Kusto spellings', async () => {
    const file = join(tmp, 'api.json');
    writeFileSync(file, JSON.stringify({
      tables: [{ name: 'PrimaryResult', columns: [{ name: 'N', type: 'Int64' }, { ColumnName: 'B', DataType: 'SByte' }], rows: [[1, true], [2, false]] }],
    }));
    const r = await loadTableFile(file, { tableName: 'T' });
    expect(shape(r.table)).toEqual(['N:long', 'B:bool']);
    expect(values(r.table, 'B')).toEqual([true, false]);
  });

  it('rejects JSON that is neither form', async () => {
    const file = join(tmp, 'other.json');
    writeFileSync(file, '{"hello": "world"}');
    await expect(loadTableFile(file, { tableName: 'T' })).rejects.toThrow(LoadError);
    writeFileSync(file, '42');
    await expect(loadTableFile(file, { tableName: 'T' })).rejects.toThrow(/expected a JSON array of objects/);
  });
});

/**
 * Loaders keep null strings (issue 8, item 4): an empty CSV cell, a JSON null and a missing key are
 * null in a string column, apart from JSON's "", for a language that tests `field = null`. KQL, whose
 * strings are never null, reads the same table with every null string as ''.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTableFile } from '../../src/io/load.js';
import { columnValues, StringColumn } from '../../src/table/column.js';
import type { ColumnSchema, Table } from '../../src/table/table.js';
import { rows } from '../helpers/run.js';

const tmp = mkdtempSync(join(tmpdir(), 'kqlx-string-nulls-'));

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

/** The stored values: what a language keeping null strings reads. */
function stored(t: Table, name: string) {
  return columnValues(t.columns[t.columnIndex(name)]!);
}

const schema: ColumnSchema[] = [{ name: 'Name', type: 'string' }, { name: 'Port', type: 'long' }];

describe('null strings from loaders', () => {
  it('CSV: an empty cell of a declared string column is null', async () => {
    const { table } = await loadTableFile(file('typed.csv', 'Name,Port\na,1\n,2\n"",3\nb,\n'), { tableName: 'T', schema });
    expect(table.columns[0]).toBeInstanceOf(StringColumn);
    expect(stored(table, 'Name')).toEqual(['a', null, null, 'b']);
    expect(stored(table, 'Port')).toEqual([1, 2, 3, null]);
  });

  it('a declared string column the file lacks is null; Type is filled with the table name', async () => {
    const declared = [...schema, { name: 'Host', type: 'string' as const }, { name: 'Type', type: 'string' as const }];
    const { table } = await loadTableFile(file('lacking.csv', 'Name,Port\na,1\n'), { tableName: 'T', schema: declared });
    expect(stored(table, 'Host')).toEqual([null]);
    expect(stored(table, 'Type')).toEqual(['T']);
    expect(rows('T | project Host, Type', { T: table })).toEqual([['', 'T']]);
  });

  it('CSV: an empty cell of an inferred string column is null, also once numbers turned to text', async () => {
    const { table } = await loadTableFile(file('inferred.csv', 'Name,Code\n,7\nx,\ny,007\n,null\n'), { tableName: 'T' });
    expect(table.schema.map((c) => c.type)).toEqual(['string', 'string']);
    expect(stored(table, 'Name')).toEqual([null, 'x', 'y', null]);
    expect(stored(table, 'Code')).toEqual(['7', null, '007', 'null']);
  });

  it('JSON lines: null and a missing key are null, "" is empty text', async () => {
    const text = ['{"Name":"a","Port":1}', '{"Name":null,"Port":2}', '{"Name":"","Port":3}', '{"Port":4}'].join('\n');
    const typed = await loadTableFile(file('typed.jsonl', text), { tableName: 'T', schema });
    expect(stored(typed.table, 'Name')).toEqual(['a', null, '', null]);
    const inferred = await loadTableFile(file('inferred.jsonl', text), { tableName: 'T' });
    expect(inferred.table.schema[0]).toEqual({ name: 'Name', type: 'string' });
    expect(stored(inferred.table, 'Name')).toEqual(['a', null, '', null]);
  });

  it('KQL reads every null string of a loaded table as empty text', async () => {
    const text = ['{"Name":"a","Port":1}', '{"Name":null,"Port":2}', '{"Name":"","Port":3}', '{"Port":4}'].join('\n');
    const { table } = await loadTableFile(file('kql.jsonl', text), { tableName: 'T', schema });
    expect(columnValues(table.withStringNulls('empty').columns[0]!)).toEqual(['a', '', '', '']);
    expect(rows('T | where isempty(Name) | project Port', { T: table })).toEqual([[2], [3], [4]]);
    expect(rows('T | where isnull(Name) | count', { T: table })).toEqual([[0]]);
    expect(rows('T | summarize c = count() by Name | sort by Name asc', { T: table })).toEqual([['', 3], ['a', 1]]);
    expect(rows('T | project b = bag_pack("n", Name) | take 2', { T: table })).toEqual([[{ n: 'a' }], [{ n: '' }]]);
  });
});

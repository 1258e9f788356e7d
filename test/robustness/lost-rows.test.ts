/**
 * Issue 15, item 18: every row read is loaded or counted in a problem that names its line, and every
 * value changed on loading is reported. (Invalid UTF-8: encodings.test.ts.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTableFile } from '../../src/io/load.js';
import { toJsonTable } from '../../src/io/format.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlx-rows-'));
async function load(name: string, text: string, schema?: { name: string; type: 'real' | 'long' }[]) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const r = await loadTableFile(path, { tableName: 'T', schema, chunkBytes: 16 });
  const t = toJsonTable(r.table);
  return { types: t.columns.map((c) => c.type), rows: t.rows, problems: r.problems.map((p) => `${p.line}: ${p.message}`), rowsRead: r.rowsRead };
}

describe('CSV rows are never lost without a word', () => {
  it('an unclosed quote costs its own row, reported; the lines after it load', async () => {
    const r = await load('unclosed.csv', 'a,b\n1,"x\n2,y\n3,z\n');
    expect(r.rows).toEqual([[2, 'y'], [3, 'z']]);
    expect(r.problems).toEqual(['2: a quoted field is not closed before the end of the file (the lines after it are read as rows); row skipped']);
    expect(r.rowsRead).toBe(3);
  });
  it('a header that cannot be read is an error naming the file, not a skipped line that makes the first row the header (found by fuzzing)', async () => {
    const path = join(dir, 'bad-header.csv');
    writeFileSync(path, 'a,"b"c,d\n1,2,3\n4,5,6\n');
    await expect(loadTableFile(path, { tableName: 'T' })).rejects.toThrow(`cannot load ${path}: its header (line 1) cannot be read: text after a closing quote`);
  });
  it('lone CR line endings load every row', async () => {
    expect((await load('cr.csv', 'a,b\r1,x\r2,y\r3,z\r')).rows).toEqual([[1, 'x'], [2, 'y'], [3, 'z']]);
  });
  it('mixed LF, CRLF and CR line endings load every row, with no problem', async () => {
    const r = await load('mixed.csv', 'a,b\r\n1,x\n2,y\r3,z\r\n4,w\n5,v\r6,u\n');
    expect(r.rows).toEqual([[1, 'x'], [2, 'y'], [3, 'z'], [4, 'w'], [5, 'v'], [6, 'u']]);
    expect(r.problems).toEqual([]);
  });
});

describe('numbers a double cannot hold', () => {
  const digits = '9'.repeat(5000);
  it('an inferred column holding 1e400 or a 5,000-digit integer stays text: no value changes', async () => {
    const r = await load('big.csv', `a,b,c\n1.5,1,1.5\n1e400,${digits},1e-400\n`);
    expect(r.types).toEqual(['string', 'string', 'string']);
    expect(r.rows).toEqual([['1.5', '1', '1.5'], ['1e400', digits, '1e-400']]);
    expect(r.problems).toEqual([]);
  });
  it('in a column typed real, 1e400 reads as Infinity and is reported; in a long column a 20-digit integer is reported', async () => {
    const r = await load('typed.csv', 'r,l\n1e400,1234567890123456789\n-1e999,5\n', [{ name: 'r', type: 'real' }, { name: 'l', type: 'long' }]);
    expect(r.rows).toEqual([['Infinity', 1234567890123456800], ['-Infinity', 5]]);
    expect(r.problems).toEqual([
      '2: column r: "1e400" is beyond the range of real; read as Infinity',
      '2: column l: "1234567890123456789" is an integer beyond ±2^53, which kqlx holds only approximately; read as 1234567890123456800',
      '3: column r: "-1e999" is beyond the range of real; read as -Infinity',
    ]);
  });
  it('JSON numbers past a double are reported with their line', async () => {
    const r = await load('big.jsonl', `{"a":1}\n{"a":1e400}\n{"a":${digits}}\n{"a":12345678901234567890}\n`);
    expect(r.problems).toEqual([
      '2: key "a": a number beyond the range of real (about ±1.8e308); read as Infinity',
      '3: key "a": a number beyond the range of real (about ±1.8e308); read as Infinity',
      '4: key "a": an integer beyond ±2^53, which kqlx holds only approximately; read as 12345678901234567000',
    ]);
  });
});

describe('duplicate JSON keys', () => {
  it('keep the last value, as JSON.parse does, and are reported with their line (JSONL and array, nested too)', async () => {
    const lines = await load('dup.jsonl', '{"a":1,"a":2,"b":3}\n{"a":4,"b":"\\"a\\":1"}\n{"a":5,"b":{"c":1,"c":2}}\n');
    expect(lines.rows).toEqual([[2, 3], [4, '"a":1'], [5, { c: 2 }]]);
    expect(lines.problems).toEqual([
      '1: key "a" appears more than once in one object; its last value is kept',
      '3: key "c" appears more than once in one object; its last value is kept',
    ]);
    const array = await load('dup.json', '[{"a":1},\n{"a":1,\n "a":2}]');
    expect(array.rows).toEqual([[1], [2]]);
    expect(array.problems).toEqual(['2: key "a" appears more than once in one object; its last value is kept']);
  });
});

/**
 * Issue 15, items 4 and 18 (invalid UTF-8): UTF-16 LE/BE and UTF-8 files with a byte-order mark are
 * decoded; bytes that are no text kqlx can decode are refused with a clear error; a UTF-8 file with a
 * few invalid bytes loads, and each line holding them is reported.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadTableFile } from '../../src/io/load.js';
import { toJsonTable } from '../../src/io/format.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlx-enc-'));
function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
async function load(path: string, chunkBytes?: number) {
  const r = await loadTableFile(path, { tableName: 'T', chunkBytes });
  return { rows: toJsonTable(r.table).rows, problems: r.problems.map((p) => `${p.line}: ${p.message}`) };
}

const CSV = 'Name,Count\nalpha,1\nbéta,2\n中😀,3\n';
const ROWS = [['alpha', 1], ['béta', 2], ['中😀', 3]];
const JSONL = '{"Name":"alpha","Count":1}\n{"Name":"béta","Count":2}\n{"Name":"中😀","Count":3}\n';
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const BOM = { le: Buffer.from([0xff, 0xfe]), be: Buffer.from([0xfe, 0xff]), utf8: Buffer.from([0xef, 0xbb, 0xbf]) };

describe('text encodings told by the byte-order mark', () => {
  it.each([
    ['UTF-16 LE', () => Buffer.concat([BOM.le, Buffer.from(CSV, 'utf16le')])],
    ['UTF-16 BE', () => Buffer.concat([BOM.be, utf16be(CSV)])],
    ['UTF-8 with a BOM', () => Buffer.concat([BOM.utf8, Buffer.from(CSV)])],
  ])('a %s CSV loads as text (also read in chunks of a few bytes)', async (_, bytes) => {
    const path = file(`t${Math.random()}.csv`, bytes());
    for (const chunk of [undefined, 7, 16]) expect(await load(path, chunk)).toEqual({ rows: ROWS, problems: [] });
  });
  it('UTF-16 JSON lines and a UTF-16 JSON array load', async () => {
    expect((await load(file('u.jsonl', Buffer.concat([BOM.le, Buffer.from(JSONL, 'utf16le')])), 9)).rows).toEqual(ROWS);
    const array = `[${JSONL.trim().split('\n').join(',')}]`;
    expect((await load(file('u.json', Buffer.concat([BOM.be, utf16be(array)])))).rows).toEqual(ROWS);
    const table = JSON.stringify({ columns: ['Name', 'Count'], rows: ROWS });
    expect((await load(file('t.json', Buffer.concat([BOM.le, Buffer.from(table, 'utf16le')])))).rows).toEqual(ROWS);
  });
});

describe('bytes that are no text kqlx can decode are refused, naming the file', () => {
  it.each([
    ['UTF-16 without a byte-order mark', () => Buffer.from(CSV, 'utf16le'), /NUL bytes throughout/],
    ['a gzip file named .csv', () => gzipSync(Buffer.from(CSV.repeat(100))), /neither UTF-8 nor UTF-16/],
    ['UTF-32', () => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('N\0\0\0')]), /UTF-32/],
  ])('%s', async (_, bytes, reason) => {
    const path = file(`x${Math.random()}.csv`, bytes());
    await expect(loadTableFile(path, { tableName: 'T' })).rejects.toThrow(reason);
    await expect(loadTableFile(path, { tableName: 'T' })).rejects.toThrow(path);
  });
});

describe('invalid UTF-8 in a text file: the row loads, the line is reported', () => {
  const bad = Buffer.concat([Buffer.from('Name,Count\nok,1\nbad'), Buffer.from([0xff, 0xc3]), Buffer.from(',2\nok2,3\nlat'), Buffer.from([0xe9]), Buffer.from('in,4\n')]);
  it('CSV, whatever the chunk boundaries', async () => {
    for (const chunk of [undefined, 5, 6, 7]) {
      const r = await load(file(`b${chunk}.csv`, bad), chunk);
      expect(r.rows).toEqual([['ok', 1], ['bad\uFFFD\uFFFD', 2], ['ok2', 3], ['lat\uFFFDin', 4]]);
      expect(r.problems).toEqual([
        '3: bytes that are not valid UTF-8; they read as U+FFFD (the replacement character)',
        '5: bytes that are not valid UTF-8; they read as U+FFFD (the replacement character)',
      ]);
    }
  });
  it('a multi-byte character split across chunks is no problem', async () => {
    for (const chunk of [5, 6, 7, 8]) expect(await load(file(`ok${chunk}.csv`, Buffer.from(CSV)), chunk)).toEqual({ rows: ROWS, problems: [] });
  });
  it('JSON lines', async () => {
    const r = await load(file('b.jsonl', Buffer.concat([Buffer.from('{"a":"ok"}\n{"a":"b'), Buffer.from([0xff]), Buffer.from('ad"}\n')])));
    expect(r.rows).toEqual([['ok'], ['b\uFFFDad']]);
    expect(r.problems).toEqual(['2: bytes that are not valid UTF-8; they read as U+FFFD (the replacement character)']);
  });
});

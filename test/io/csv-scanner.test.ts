import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvScanner } from '../../src/io/csv-scanner.js';

interface Scanned {
  records: { line: number; fields: string[] }[];
  problems: { line: number; message: string }[];
}

/** Drives the scanner as FileWindow does: `chunk` new bytes a time, unconsumed bytes carried over. */
function scan(text: string | Buffer, chunk: number): Scanned {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const out: Scanned = { records: [], problems: [] };
  const scanner = new CsvScanner({
    record(buf, f, line) {
      const fields: string[] = [];
      for (let i = 0; i < f.count; i++) {
        const s = buf.toString('utf8', f.starts[i], f.ends[i]);
        fields.push(f.escaped[i] ? s.replaceAll('""', '"') : s);
      }
      out.records.push({ line, fields });
    },
    problem(line, message) {
      out.problems.push({ line, message });
    },
  });
  let window = Buffer.alloc(0);
  let offset = 0;
  for (;;) {
    const next = bytes.subarray(offset, offset + chunk);
    offset += next.length;
    const eof = next.length === 0;
    window = Buffer.concat([window, next]);
    window = window.subarray(scanner.scan(window, 0, window.length, eof));
    if (eof) break;
  }
  return out;
}

const fields = (s: Scanned) => s.records.map((r) => r.fields);

/** A small deterministic generator of awkward CSV. */
function awkwardCsv(seed: number, rows: number): string {
  let x = seed;
  const rnd = (n: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const pieces = ['a', 'bc', ',', '"', '\n', '\r\n', ' ', 'é', '日本', '', 'x"y', '""'];
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < 4; c++) {
      let v = '';
      for (let k = rnd(4); k > 0; k--) v += pieces[rnd(pieces.length)];
      const needsQuotes = /[",\r\n]/.test(v) || v === '' && rnd(3) === 0;
      cells.push(needsQuotes ? `"${v.replaceAll('"', '""')}"` : v);
    }
    lines.push(cells.join(','));
  }
  // One line-end style per file: csv-parse takes the first line end it sees as the only one.
  const eol = rnd(2) ? '\r\n' : '\n';
  return lines.join(eol) + (rnd(2) ? eol : '');
}

describe('CSV scanner', () => {
  it('splits plain, quoted and escaped fields', () => {
    const s = scan('a,b,c\n1,"x,y","say ""hi"""\n,,\n', 1 << 20);
    expect(fields(s)).toEqual([['a', 'b', 'c'], ['1', 'x,y', 'say "hi"'], ['', '', '']]);
    expect(s.records.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('numbers records by the line they start on, across quoted line breaks', () => {
    const s = scan('h\n"one\ntwo\nthree"\nafter\n', 1 << 20);
    expect(s.records).toEqual([
      { line: 1, fields: ['h'] },
      { line: 2, fields: ['one\ntwo\nthree'] },
      { line: 5, fields: ['after'] },
    ]);
  });

  it('handles CRLF, a byte-order mark, blank lines and a last line without a line end', () => {
    const s = scan('\uFEFFa,b\r\n1,2\r\n\r\n3,"4"\r\n\n5,6', 1 << 20);
    expect(fields(s)).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']]);
    expect(s.records.map((r) => r.line)).toEqual([1, 2, 4, 6]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'k,v\n"a\r\nb","c""d"\r\n""""," , "\n\uFEFFz,日本\n';
    const whole = scan(text, 1 << 20);
    for (let chunk = 1; chunk < 12; chunk++) expect(scan(text, chunk)).toEqual(whole);
  });

  it('agrees with csv-parse on generated awkward CSV', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const text = awkwardCsv(seed, 40);
      const expected = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
      for (const chunk of [1, 3, 64, 1 << 20]) expect(fields(scan(text, chunk)), `seed ${seed}, chunk ${chunk}`).toEqual(expected);
    }
  });

  it('reports an unclosed quote at the end of the file as its own line, and reads the lines after it (issue 15)', () => {
    const s = scan('a,b\n1,"ok"\n2,"never closed\n3,x\n', 5);
    expect(fields(s)).toEqual([['a', 'b'], ['1', 'ok'], ['3', 'x']]);
    expect(s.problems).toEqual([
      { line: 3, message: 'a quoted field is not closed before the end of the file (the lines after it are read as rows); row skipped' },
    ]);
  });

  it('reads lone CR line ends, and LF, CRLF and CR mixed in one file (issue 15)', () => {
    for (const chunk of [3, 4, 5, 64]) {
      expect(fields(scan('a,b\r1,x\r2,"y\rz"\r3,w\r', chunk))).toEqual([['a', 'b'], ['1', 'x'], ['2', 'y\rz'], ['3', 'w']]);
      const mixed = scan('a,b\r\n1,x\n2,y\r3,z\r\n4,"w"\r5,v\n', chunk);
      expect(fields(mixed)).toEqual([['a', 'b'], ['1', 'x'], ['2', 'y'], ['3', 'z'], ['4', 'w'], ['5', 'v']]);
      expect(mixed.problems).toEqual([]);
    }
  });

  it('reports text after a closing quote and skips that row', () => {
    const s = scan('a,b\n1,"ok"x\n2,fine\n', 4);
    expect(fields(s)).toEqual([['a', 'b'], ['2', 'fine']]);
    expect(s.problems).toEqual([{ line: 2, message: 'text after a closing quote; row skipped' }]);
  });

  it('does not rescan a long comma-free line quadratically', () => {
    const text = `${'x'.repeat(200)}\n`.repeat(20_000);
    const t0 = performance.now();
    expect(scan(text, 1 << 20).records.length).toBe(20_000);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

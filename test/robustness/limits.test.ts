/**
 * Issue 15, items 17 and 20: operators that multiply rows stop at the row and memory limits with an
 * error naming the operator and the limit; documented caps that truncate warn; the slow cases the
 * fuzzer found (has_any over 100,000 terms, strrep to a billion, 100,000 columns) finish.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, runQuery } from '../../src/engine.js';
import { loadTableFile } from '../../src/io/load.js';
import { toJsonTable } from '../../src/io/format.js';
import { rows } from '../helpers/run.js';

function diagnostics(query: string, limits?: { maxRows?: number; maxMemoryMb?: number }) {
  const r = runQuery(query, new Map(), { now: 0n, limits });
  return { rows: r.table ? toJsonTable(r.table).rows : undefined, diagnostics: r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}:${d.col} ${d.message}`) };
}

describe('the row limit (default 10,000,000) and the memory limit (default 2,048 MB)', () => {
  it('the defaults are the documented ones', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxRows: 10_000_000, maxMemoryMb: 2048 });
  });
  it('a cartesian join of two 100,000-row ranges stops at the row limit, naming join', () => {
    const r = diagnostics('range a from 1 to 100000 step 1 | extend k = 1 | join kind=inner (range b from 1 to 100000 step 1 | extend k = 1) on k | count');
    expect(r.diagnostics).toEqual(['error KX412 1:50 join (kind=inner) would produce more than 10,000,000 rows, the row limit (raise it with --max-rows)']);
  });
  it('an mv-expand to 10^9 rows stops; with a higher row limit the memory limit stops it', () => {
    const q = 'range i from 1 to 1000 step 1 | extend a = range(1, 1000000) | mv-expand a | count';
    expect(diagnostics(q).diagnostics).toEqual(['error KX412 1:64 mv-expand would produce more than 10,000,000 rows, the row limit (raise it with --max-rows)']);
    expect(diagnostics(q, { maxRows: 2e9, maxMemoryMb: 64 }).diagnostics).toEqual(['error KX413 1:64 mv-expand would use more than 64 MB, the memory limit (raise it with --max-memory)']);
  });
  it('range past the row limit stops; under it, it runs', () => {
    expect(diagnostics('range x from 1 to 100000000000 step 1 | count').diagnostics).toEqual(['error KX412 1:1 range would produce more than 10,000,000 rows, the row limit (raise it with --max-rows)']);
    expect(diagnostics('range x from 1 to 100 step 1 | count', { maxRows: 99 }).diagnostics).toEqual(['error KX412 1:1 range would produce more than 99 rows, the row limit (raise it with --max-rows)']);
    expect(diagnostics('range x from 1 to 100 step 1 | count', { maxRows: 100 }).rows).toEqual([[100]]);
  });
  it('make-series: its points count against the limits; a series past the 1,048,576-point cap is cut with a warning', () => {
    const r = diagnostics('print x = 1 | make-series c = count() default = 0 on x from 0 to 2000000 step 1 | project n = array_length(c)');
    expect(r.rows).toEqual([[1048576]]);
    expect(r.diagnostics).toEqual(['warning KX416 1:15 make-series cut a series longer than 1,048,576 points (the cap); the result holds the first points only']);
    expect(diagnostics('range g from 1 to 20 step 1 | make-series c = count() default = 0 on g from 0 to 1000000 step 1 by g', { maxRows: 5_000_000 }).diagnostics)
      .toEqual(['error KX412 1:31 make-series (points of all series) would produce more than 5,000,000 rows, the row limit (raise it with --max-rows)']);
  });
});

describe('what took minutes or gigabytes', () => {
  it('has_any with a 100,000-term list over 2,000 rows (the terms in a set, built once)', () => {
    const terms = Array.from({ length: 100000 }, (_, i) => `"w${i * 7}"`).join(',');
    expect(rows(`range x from 1 to 2000 step 1 | extend s = strcat("id w", x, " end") | where s has_any (${terms}) | count`)).toEqual([[285]]);
    expect(rows(`range x from 1 to 2000 step 1 | extend s = strcat("id w", x, " end") | where s has_all ("ID", "w14", "end") | count`)).toEqual([[1]]);
  });
  it('has_any keeps `has` semantics for terms that are not single words, and is case-insensitive', () => {
    const q = 'datatable(s: string) ["GET evil.com/x", "evil.community", "x 10.0.0.1;", "EVIL", "", "a-b"] | where s has_any ("evil.com", "10.0.0.1", "evil", "a-b") | project s';
    expect(rows(q)).toEqual([['GET evil.com/x'], ['evil.community'], ['x 10.0.0.1;'], ['EVIL'], ['a-b']]);
    expect(rows('datatable(s: string) ["a b c", "a c"] | where s has_all ("A", "c", "b") | project s')).toEqual([['a b c']]);
  });
  it('strrep("a", 1e9) is cut at the documented multiplier cap (67,108,864) and built quickly', () => {
    expect(rows('print n = strlen(strrep("a", 1000000000)), d = strrep("ab", 3, ",")')).toEqual([[67108864, 'ab,ab,ab']]);
  });
  it('a CSV of 100,000 columns and 3 rows loads', async () => {
    const n = 100000;
    const text = `${Array.from({ length: n }, (_, i) => `c${i}`).join(',')}\n${[0, 1, 2].map((r) => Array(n).fill(r).join(',')).join('\n')}\n`;
    const path = join(mkdtempSync(join(tmpdir(), 'kqlx-wide-')), 'wide.csv');
    writeFileSync(path, text);
    const loaded = await loadTableFile(path, { tableName: 'T' });
    expect(loaded.table.schema.length).toBe(n);
    expect(loaded.table.rowCount).toBe(3);
    expect(loaded.table.columns[n - 1]!.get(2)).toBe(2);
  });
});

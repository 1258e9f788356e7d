/** Queries that return several tables (fork, facet), in each output format, and --seed. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { KQLX, ROOT } from '../helpers/paths.js';

const FORK = 'range x from 1 to 4 step 1 | fork small = (where x < 3) (summarize n = count() | as total)';

function kqlx(...args: string[]) {
  const r = spawnSync('node', [KQLX, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('several result tables', () => {
  it('JSON holds each table with its name', () => {
    const r = kqlx('query', FORK, '-o', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      tables: [
        { name: 'small', columns: [{ name: 'x', type: 'long' }], rows: [[1], [2]] },
        { name: 'total', columns: [{ name: 'n', type: 'long' }], rows: [[4]] },
      ],
    });
  });
  it('JSON lines name each row’s table; text shows each table under its name', () => {
    expect(kqlx('query', FORK, '-o', 'jsonl').out).toBe('{"$result":"small","x":1}\n{"$result":"small","x":2}\n{"$result":"total","n":4}\n');
    const text = kqlx('query', FORK).out;
    expect(text.indexOf('small\n')).toBe(0);
    expect(text).toContain('\ntotal\n');
  });
  it('CSV refuses several tables with a usage error naming the formats that hold them', () => {
    const r = kqlx('query', FORK, '-o', 'csv');
    expect(r.code).toBe(2);
    expect(r.err).toContain('the query returns 2 tables (a batch of statements, fork or facet) and CSV holds one: use -o json, jsonl or table');
  });
  it('--seed chooses the sample; the same seed repeats it', () => {
    const pick = (seed: string) => kqlx('query', 'range x from 1 to 1000 step 1 | sample 3', '--seed', seed, '-o', 'json').out;
    expect(pick('5')).toBe(pick('5'));
    expect(pick('5')).not.toBe(pick('6'));
    expect(kqlx('query', 'print 1', '--seed', 'x').code).toBe(2);
  });
});

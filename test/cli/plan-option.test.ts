/** `kqlx query --plan`: the bound plan instead of the result, as text or JSON; other formats refused. */
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { KQLX, ROOT } from '../helpers/paths.js';

const QUERY = 'range x from 1 to 3 step 1 | where x > 1';

function kqlx(...args: string[]) {
  const r = spawnSync('node', [KQLX, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

it('--plan -o json gives the plan tree as data; -o csv is refused as a usage error', () => {
  const json = kqlx('query', QUERY, '--plan', '-o', 'json');
  expect(json.code).toBe(0);
  expect(JSON.parse(json.out)).toEqual({
    operator: 'Filter', details: 'x > 1', columns: [{ name: 'x', type: 'long' }],
    children: [{ role: 'input', operator: 'Range', details: 'x from 1 to 3 step 1', columns: [{ name: 'x', type: 'long' }], children: [] }],
  });
  const csv = kqlx('query', QUERY, '--plan', '-o', 'csv');
  expect(csv.code).toBe(2);
  expect(csv.err).toContain('--plan prints as text (-o table) or JSON (-o json), not csv');
});

it('--plan on a query with errors prints the diagnostics and exits 1', () => {
  const r = kqlx('query', 'range x from 1 to 3 step 1 | where y > 1', '--plan');
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(r.err).toContain("<query>:1:36: error KX201: unknown column or name 'y'");
});

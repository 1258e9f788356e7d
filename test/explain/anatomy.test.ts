/**
 * `kqlx anatomy` on both seed rules, compared whole with test/explain/golden/ (Markdown, and JSON for
 * seed 001); the facts the issue names are asserted on their own too. When a change is meant, rewrite
 * the files deliberately and review their diff: KQLX_UPDATE_BASELINE=1 npx vitest run test/explain/anatomy.test.ts
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { analyzeQuery, makeCatalog } from '../../src/engine.js';
import { anatomy } from '../../src/explain/anatomy.js';
import { KQLX, ROOT, SEED_RULES } from '../helpers/paths.js';

function kqlx(...args: string[]) {
  const r = spawnSync('node', [KQLX, 'anatomy', ...args], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

function golden(name: string, actual: string): string {
  const file = join(ROOT, 'test/explain/golden', name);
  if (process.env.KQLX_UPDATE_BASELINE === '1') writeFileSync(file, actual);
  return readFileSync(file, 'utf8');
}

it('seed 001: the exclusions list the ranges ipv4_is_private really covers (not 169.254/16 or 127/8); golden Markdown and JSON', () => {
  const md = kqlx(SEED_RULES.paloAlto);
  expect(md).toBe(golden('anatomy-seed-001.md', md));
  const json = kqlx(SEED_RULES.paloAlto, '-o', 'json');
  expect(json).toBe(golden('anatomy-seed-001.json', json));
  const { exclusions } = JSON.parse(json);
  expect(exclusions.find((e: { field: string }) => e.field === 'DestinationIP')).toEqual({
    stage: 6, field: 'DestinationIP', kind: 'ipv4_is_private', values: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
    text: 'ipv4_is_private(DestinationIP) == false',
  });
  expect(md).not.toMatch(/169\.254|127\.0\.0\.0/);
});

it('seed 004: the 127.0.0.1 / ::1 exclusion and the > 50 threshold (its let constant resolved); golden Markdown', () => {
  const md = kqlx(SEED_RULES.asim);
  expect(md).toBe(golden('anatomy-seed-004.md', md));
  const a = JSON.parse(kqlx(SEED_RULES.asim, '-o', 'json'));
  expect(a.exclusions[1]).toEqual({ stage: 2, field: 'SrcIpAddr', kind: 'in', values: ['127.0.0.1', '::1'], text: 'SrcIpAddr !in ("127.0.0.1", "::1")' });
  expect(a.thresholds).toEqual([{ stage: 4, field: 'AttemptedPortsCount', kind: '>', values: ['50'], text: 'AttemptedPortsCount > PortScanThreshold' }]);
  expect(a.customDetails).toEqual([{ name: 'AttemptedPortsCount', field: 'AttemptedPortsCount', stage: 3 }]);
});

it('not(...) is an exclusion, a positive test an indicator, and an extend produces the field it computes', () => {
  const catalog = makeCatalog(new Map(), { tableSchema: (n) => (n === 'T' ? [{ name: 'A', type: 'long' }, { name: 'B', type: 'string' }] : undefined), sourceFunction: () => undefined });
  const a = anatomy(analyzeQuery('T | where not(B startswith "x") and A in (1, 2) | extend C = A * 2', { catalog }))!;
  expect(a.exclusions).toEqual([{ stage: 1, field: 'B', kind: 'startswith', values: ['x'], text: 'not(B startswith "x")' }]);
  expect(a.indicators).toEqual([{ stage: 1, field: 'A', kind: 'in', values: ['1', '2'], text: 'A in (1, 2)' }]);
  expect(a.outputs).toEqual([
    { field: 'A', type: 'long', stage: 0, operator: 'source' },
    { field: 'B', type: 'string', stage: 0, operator: 'source' },
    { field: 'C', type: 'long', stage: 2, operator: 'extend' },
  ]);
});

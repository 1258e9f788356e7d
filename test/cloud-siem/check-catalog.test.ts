/**
 * `kqlx check` over the whole Cloud SIEM content catalog: every expression of every rule parsed and
 * bound against the normalized schema. At least 99% must bind (the count may not drop below the
 * baseline), and every expression that does not is refused or rejected with a named reason.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KQLX, ROOT, SHARED } from '../helpers/paths.js';

const CATALOG = join(SHARED, 'corpus/sumo-cse/rules.json');
const BASELINE = JSON.parse(readFileSync(join(ROOT, 'test/cloud-siem/check-baseline.json'), 'utf8')) as { bound: number; expressions: number };

interface CheckJson {
  ok: boolean;
  rules: number;
  expressions: number;
  bound: number;
  diagnostics: { code: string; category: string; message: string; rule: string; key: string; severity: string }[];
}

describe('kqlx check over the content catalog', () => {
  const r = spawnSync('node', [KQLX, 'check', CATALOG, '--json'], { cwd: ROOT, encoding: 'utf8' });
  const result = JSON.parse(r.stdout) as CheckJson;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');

  it(`binds at least 99% of the expressions, and no fewer than the baseline (${BASELINE.bound} of ${BASELINE.expressions})`, () => {
    const share = result.bound / result.expressions;
    process.stdout.write(`kqlx check ${CATALOG}: ${result.rules} rules; ${result.bound} of ${result.expressions} expressions parse and bind (${(100 * share).toFixed(2)}%)\n`);
    expect(result.rules).toBe(1037);
    expect(share).toBeGreaterThanOrEqual(0.99);
    expect(result.bound).toBeGreaterThanOrEqual(BASELINE.bound);
    expect(r.status).toBe(errors.length > 0 ? 1 : 0);
  });

  it('every expression that does not bind is refused or rejected by name', () => {
    const reasons = errors.map((d) => `${d.rule} ${d.key}: ${d.code} ${d.message}`);
    for (const d of errors) {
      // Refused by name (unsupported), or an error of the rule itself that names what is wrong.
      expect(['KX320', 'KX302', 'KX201', 'KX213'], reasons.join('\n')).toContain(d.code);
      expect(d.message).toMatch(/'[^']+'|construct: |\(\?|\{\d/);
    }
    expect(new Set(errors.map((d) => `${d.rule} ${d.key}`)).size).toBeGreaterThanOrEqual(result.expressions - result.bound);
  });
});

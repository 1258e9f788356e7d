/**
 * The plan printer's output for both seed rules (`kqlx query -f RULE.yaml --plan`), compared whole
 * with the files in test/plan/golden/. A change to the binder or the printer that changes a plan shows
 * here; when the change is meant, rewrite the files deliberately and review their diff:
 * KQLX_UPDATE_BASELINE=1 npx vitest run test/plan/print-golden.test.ts
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { KQLX, ROOT, SEED_RULES } from '../helpers/paths.js';

for (const [rule, file] of Object.entries(SEED_RULES)) {
  it(`kqlx query --plan prints the bound plan of the ${rule} seed rule as test/plan/golden/${rule}.plan.txt holds it`, () => {
    const r = spawnSync('node', [KQLX, 'query', '-f', file, '--plan'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const golden = join(ROOT, 'test/plan/golden', `${rule}.plan.txt`);
    if (process.env.KQLX_UPDATE_BASELINE === '1') writeFileSync(golden, r.stdout);
    expect(r.stdout).toBe(readFileSync(golden, 'utf8'));
  });
}

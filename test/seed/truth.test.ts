/**
 * The seed rules, run verbatim from their YAML over generated logs, must return exactly the truth
 * file's rows: checked by the generator's own checker (../shared/bench/check-results.mjs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQuery } from '../../src/engine.js';
import { toJsonTable } from '../../src/io/format.js';
import { loadTableFile } from '../../src/io/load.js';
import { readRuleQuery } from '../../src/rules/query-source.js';
import { sentinel } from '../../src/sentinel/catalog.js';
import { sentinelSchema } from '../../src/sentinel/schemas/index.js';
import { CHECK_RESULTS, GEN_LOGS, SEED_RULES } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlx-truth-'));
const ROWS = 100_000;

function generate(table: string, format: 'csv' | 'jsonl'): { data: string; truth: string } {
  const data = join(dir, `${table}-${format}.${format}`);
  const truth = join(dir, `${table}-${format}.truth.json`);
  execFileSync('node', [GEN_LOGS, '--table', table, '--rows', String(ROWS), '--format', format, '--out', data, '--truth', truth, '--quiet']);
  return { data, truth };
}

async function runSeed(rulePath: string, tableName: string, file: string) {
  const rule = readRuleQuery(readFileSync(rulePath, 'utf8'), rulePath);
  expect(rule.error).toBeUndefined();
  const loaded = await loadTableFile(file, { tableName, schema: sentinelSchema(tableName) });
  expect(loaded.problems).toEqual([]);
  const result = runQuery(rule.query!, new Map([[tableName, loaded.table]]), { known: sentinel });
  expect(result.diagnostics).toEqual([]);
  return result.table!;
}

/** The checker takes column names; kqlx's JSON has {name, type} objects. */
function check(truth: string, result: ReturnType<typeof toJsonTable>): { status: number | null; output: string } {
  const resultFile = join(dir, `result-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(resultFile, JSON.stringify({ columns: result.columns.map((c) => c.name), rows: result.rows }));
  const r = spawnSync('node', [CHECK_RESULTS, '--truth', truth, '--result', resultFile], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe.each(['csv', 'jsonl'] as const)('seed rules over %s', (format) => {
  it('Palo Alto port scanning returns exactly the truth rows', async () => {
    const { data, truth } = generate('CommonSecurityLog', format);
    const table = await runSeed(SEED_RULES.paloAlto, 'CommonSecurityLog', data);
    const verdict = check(truth, toJsonTable(table));
    expect(verdict.status, verdict.output).toBe(0);
  });

  it('ASIM port scan returns exactly the truth rows', async () => {
    const { data, truth } = generate('NetworkSession', format);
    const table = await runSeed(SEED_RULES.asim, '_Im_NetworkSession', data);
    const verdict = check(truth, toJsonTable(table));
    expect(verdict.status, verdict.output).toBe(0);
  });

  it('the checker rejects a result with a row missing (the comparison can fail)', async () => {
    const { data, truth } = generate('CommonSecurityLog', format);
    const json = toJsonTable(await runSeed(SEED_RULES.paloAlto, 'CommonSecurityLog', data));
    json.rows.pop();
    expect(check(truth, json).status).toBe(1);
  });
});

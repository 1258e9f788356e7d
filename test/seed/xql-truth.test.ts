/**
 * The XQL seed query (../shared/corpus/xql/internal-port-scan.xql), run verbatim over the shared
 * generator's panw_ngfw_threat_raw logs (100k rows, CSV and JSONL), must return exactly the truth's
 * rows: checked by the generator's own checker, ../shared/bench/check-xql.mjs. The planted scanners
 * hit every risk-score and threat-level branch of the query; the test checks that the result does too.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cortex } from '../../src/cortex/catalog.js';
import { cortexSchema } from '../../src/cortex/datasets.js';
import { runQuery } from '../../src/engine.js';
import { toJsonTable } from '../../src/io/format.js';
import { loadTableFile } from '../../src/io/load.js';
import { xql } from '../../src/languages/xql.js';
import { SHARED } from '../helpers/paths.js';

const GEN = join(SHARED, 'bench/gen-xql.mjs');
const CHECK = join(SHARED, 'bench/check-xql.mjs');
const SEED_QUERY = readFileSync(join(SHARED, 'corpus/xql/internal-port-scan.xql'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'kqlx-xql-truth-'));
const TABLE = 'panw_ngfw_threat_raw';

function generate(format: 'csv' | 'jsonl'): { data: string; truth: string } {
  const data = join(dir, `threat.${format}`);
  const truth = join(dir, `threat-${format}.truth.json`);
  execFileSync('node', [GEN, '--table', TABLE, '--rows', '100000', '--format', format, '--out', data, '--truth', truth, '--quiet']);
  return { data, truth };
}

async function runSeed(file: string) {
  const loaded = await loadTableFile(file, { tableName: TABLE, schema: cortexSchema(TABLE) });
  expect(loaded.problems).toEqual([]);
  expect(loaded.table.rowCount).toBe(100_000);
  const result = runQuery(SEED_QUERY, new Map([[TABLE, loaded.table]]), { language: xql, known: cortex });
  expect(result.diagnostics).toEqual([]);
  return toJsonTable(result.table!);
}

function check(truth: string, result: ReturnType<typeof toJsonTable>): { status: number | null; output: string } {
  const file = join(dir, `result-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ columns: result.columns.map((c) => c.name), rows: result.rows }));
  const r = spawnSync('node', [CHECK, '--truth', truth, '--result', file], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe.each(['csv', 'jsonl'] as const)('the XQL seed query over %s', (format) => {
  it('returns exactly the truth rows, every risk-score and threat-level branch among them', async () => {
    const { data, truth } = generate(format);
    const result = await runSeed(data);
    const verdict = check(truth, result);
    expect(verdict.status, verdict.output).toBe(0);
    const col = (name: string) => result.columns.findIndex((c) => c.name === name);
    const scores = new Set(result.rows.map((r) => r[col('internal_scan_risk_score')]));
    expect([...scores].sort((a, b) => Number(b) - Number(a))).toEqual([100, 95, 90, 85, 80, 75, 70, 65, 60, 55, 50, 45]);
    const levels = new Set(result.rows.map((r) => String(r[col('internal_scan_threat_level')]).split(':')[0]));
    expect(levels.size).toBe(6);
  }, 120_000);

  it('the checker rejects a result with one cell changed (the comparison can fail)', async () => {
    const { data, truth } = generate(format);
    const result = await runSeed(data);
    const changed = { ...result, rows: result.rows.map((r, i) => (i === 0 ? r.map((v, j) => (j === 13 ? Number(v) + 1 : v)) : r)) };
    expect(check(truth, changed).status).toBe(1);
  }, 120_000);
});

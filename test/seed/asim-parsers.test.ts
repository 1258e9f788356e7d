/**
 * Seed 004 verbatim over raw CommonSecurityLog through the real ASIM parsers of the Azure-Sentinel
 * snapshot (`--parsers .../snapshot/Parsers`): `_Im_NetworkSession` unions its source parsers, the
 * PAN-OS CEF one normalizes the rows, and the result must be exactly the generator's `expectedAsim`.
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
import { sentinelCatalog } from '../../src/sentinel/catalog.js';
import { loadParsers } from '../../src/sentinel/parsers/parser-files.js';
import { sentinelSchema } from '../../src/sentinel/schemas/index.js';
import { CHECK_RESULTS, GEN_LOGS, SEED_RULES, SHARED } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlx-asim-'));
const ROWS = 100_000;
const PARSERS = join(SHARED, 'corpus/sentinel/parsers/snapshot/Parsers');
const product = sentinelCatalog(loadParsers([PARSERS]));

function generate(format: 'csv' | 'jsonl', plant: boolean): { data: string; truth: string } {
  const name = `csl-${plant ? 'asim' : 'plain'}.${format}`;
  const data = join(dir, name);
  const truth = join(dir, `${name}.truth.json`);
  execFileSync('node', [GEN_LOGS, '--table', 'CommonSecurityLog', '--rows', String(ROWS), '--format', format, ...(plant ? ['--plant', 'asim'] : []), '--out', data, '--truth', truth, '--quiet']);
  return { data, truth };
}

async function runSeed004(file: string) {
  const rule = readRuleQuery(readFileSync(SEED_RULES.asim, 'utf8'), SEED_RULES.asim);
  const loaded = await loadTableFile(file, { tableName: 'CommonSecurityLog', schema: sentinelSchema('CommonSecurityLog') });
  expect(loaded.problems).toEqual([]);
  const result = runQuery(rule.query!, new Map([['CommonSecurityLog', loaded.table]]), { known: product });
  expect(result.diagnostics).toEqual([]);
  return toJsonTable(result.table!);
}

describe.each(['csv', 'jsonl'] as const)('seed 004 through the real _Im_NetworkSession over raw CommonSecurityLog (%s)', (format) => {
  it('returns exactly expectedAsim with --plant asim', async () => {
    const { data, truth } = generate(format, true);
    const result = await runSeed004(data);
    const resultFile = join(dir, `result-${format}.json`);
    writeFileSync(resultFile, JSON.stringify({ columns: result.columns.map((c) => c.name), rows: result.rows }));
    const verdict = spawnSync('node', [CHECK_RESULTS, '--truth', truth, '--result', resultFile, '--key', 'expectedAsim'], { encoding: 'utf8' });
    expect(verdict.status, verdict.stdout + verdict.stderr).toBe(0);
    expect(result.rows.length).toBe(8);
  });
});

it('seed 004 through the parsers returns no rows over logs without --plant asim', async () => {
  const { data } = generate('csv', false);
  const result = await runSeed004(data);
  expect(result.columns.map((c) => c.name)).toEqual(['SrcIpAddr', 'TimeGenerated', 'AttemptedPortsCount', 'AttemptedPorts', 'ReportedBy']);
  expect(result.rows).toEqual([]);
});

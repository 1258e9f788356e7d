/**
 * `kqlx explain` on both seed rules over generated logs: every stage's counts equal what running the
 * pipeline's prefix up to that stage returns, and --follow says where a planted decoy was dropped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQuery } from '../../src/engine.js';
import { loadTableFile } from '../../src/io/load.js';
import { readRuleQuery } from '../../src/rules/query-source.js';
import { sentinel } from '../../src/sentinel/catalog.js';
import { sentinelSchema } from '../../src/sentinel/schemas/index.js';
import { GEN_LOGS, KQLX, ROOT, SEED_RULES } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlx-explain-'));

function generate(table: string): string {
  const data = join(dir, `${table}.csv`);
  execFileSync('node', [GEN_LOGS, '--table', table, '--rows', '20000', '--format', 'csv', '--out', data, '--quiet']);
  return data;
}

function explainJson(...args: string[]) {
  const r = spawnSync('node', [KQLX, 'explain', '-q', '-o', 'json', ...args], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

interface StageJson { index: number; operator: string; text: string; line: number; rowsIn: number; rowsOut: number; groups?: number; conjuncts?: { text: string; removed: number }[] }

describe.each([
  ['Palo Alto port scanning (seed 001)', SEED_RULES.paloAlto, 'CommonSecurityLog', 'CommonSecurityLog', 13],
  ['ASIM port scan (seed 004)', SEED_RULES.asim, 'NetworkSession', '_Im_NetworkSession', 5],
])('%s', (_name, rulePath, generated, tableName, stageCount) => {
  const data = generate(generated);

  it('each stage counts what the pipeline up to it returns, and a conjunction charges each dropped row once', async () => {
    const { stages } = explainJson('-f', rulePath, '-t', `${tableName}=${data}`) as { stages: StageJson[] };
    expect(stages).toHaveLength(stageCount);
    expect(stages[0]!.operator).toBe('source');
    const query = readRuleQuery(readFileSync(rulePath, 'utf8'), rulePath).query!;
    const loaded = await loadTableFile(data, { tableName, schema: sentinelSchema(tableName) });
    const tables = new Map([[tableName, loaded.table]]);
    let previous: number | undefined;
    for (const stage of stages) {
      // The prefix: the query's text up to the end of this stage (its `let` statements included).
      const start = query.text.indexOf(stage.text);
      expect(start).toBeGreaterThanOrEqual(0);
      const prefix = query.text.slice(0, start + stage.text.length);
      const result = runQuery(prefix, tables, { known: sentinel });
      expect(result.diagnostics).toEqual([]);
      expect(stage.rowsOut, prefix).toBe(result.table!.rowCount);
      if (previous !== undefined) expect(stage.rowsIn).toBe(previous);
      previous = stage.rowsOut;
      if (stage.conjuncts) expect(stage.conjuncts.reduce((n, c) => n + c.removed, 0)).toBe(stage.rowsIn - stage.rowsOut);
      if (stage.operator === 'summarize') expect(stage.groups).toBe(stage.rowsOut);
    }
  });
});

it('--follow on decoy D13 (reason TCP-FIN) names the stage and the conjunct that dropped it', () => {
  const data = generate('CommonSecurityLog');
  const { follow, stages } = explainJson('-f', SEED_RULES.paloAlto, '-t', `CommonSecurityLog=${data}`, '--follow', 'SourceIP == "10.99.9.13"');
  const tcpFin = (stages as StageJson[]).find((s) => s.text === 'where Reason !has "tcp-fin"')!;
  expect(follow.predicate).toBe('SourceIP == "10.99.9.13"');
  expect(follow.matched).toBeGreaterThan(0);
  expect(new Set(follow.rows.map((r: { fate: unknown }) => JSON.stringify(r.fate)))).toEqual(new Set([JSON.stringify({
    kind: 'dropped', stage: tcpFin.index, operator: 'where', text: 'where Reason !has "tcp-fin"', conjunct: 'Reason !has "tcp-fin"',
  })]));
});

it('--follow on a planted scanner (P01) says which output row its events reached', () => {
  const data = generate('CommonSecurityLog');
  const { follow } = explainJson('-f', SEED_RULES.paloAlto, '-t', `CommonSecurityLog=${data}`, '--follow', 'SourceIP == "10.99.1.23" and DestinationPort == 3389');
  const fates = follow.rows.map((r: { fate: { kind: string; values?: Record<string, unknown> } }) => r.fate);
  expect(fates).toHaveLength(15);
  for (const f of fates) {
    expect(f.kind).toBe('output');
    expect(f.values).toMatchObject({ SourceIP: '10.99.1.23', DestinationPort: 3389, totalcount: 15 });
  }
});

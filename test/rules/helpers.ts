/** Shared by the rule-runner tests: running the kqlx command, generating logs, building rules and tables. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRule } from '../../src/sentinel/read-rule.js';
import { formatProblem } from '../../src/rules/problems.js';
import type { Rule } from '../../src/sentinel/rule.js';
import { sentinelSchema } from '../../src/sentinel/schemas/index.js';
import { Table } from '../../src/table/table.js';
import { parseDatetime } from '../../src/types/datetime.js';
import type { Value } from '../../src/types/value.js';
import { GEN_LOGS, KQLX, ROOT } from '../helpers/paths.js';

export { KQLX };

export function kqlx(args: string[], cwd = ROOT) {
  const r = spawnSync('node', [KQLX, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Writes `rows` generated rows of a table into `dir/<name>.csv`; returns the data and truth paths. */
export function generate(table: 'CommonSecurityLog' | 'NetworkSession', rows: number, dir: string, name: string) {
  mkdirSync(dir, { recursive: true });
  const data = join(dir, `${name}.csv`);
  const truth = join(dir, `..`, `${name}.truth.json`);
  execFileSync('node', [GEN_LOGS, '--table', table, '--rows', String(rows), '--format', 'csv', '--out', data, '--truth', truth, '--quiet']);
  return { data, truth };
}

export const t = (iso: string): bigint => {
  const v = parseDatetime(iso);
  if (v === undefined) throw new Error(`bad datetime ${iso}`);
  return v;
};

/** A rule from YAML text; fails the test with the problems when it does not read cleanly. */
export function rule(yaml: string, file = 'test.yaml'): Rule {
  const r = readRule(yaml, file);
  if (!r.rule) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.rule;
}

/** A minimal valid rule around a query, with extra YAML lines appended. */
export function ruleYaml(query: string, extra = '', settings: Record<string, string> = {}): string {
  const s = { queryFrequency: '1h', queryPeriod: '1h', triggerOperator: 'gt', triggerThreshold: '0', severity: 'Medium', ...settings };
  return [
    'id: 00000000-0000-4000-8000-000000000000',
    'name: Test rule',
    'description: A rule for tests.',
    `severity: ${s.severity}`,
    'kind: Scheduled',
    `queryFrequency: ${s.queryFrequency}`,
    `queryPeriod: ${s.queryPeriod}`,
    `triggerOperator: ${s.triggerOperator}`,
    `triggerThreshold: ${s.triggerThreshold}`,
    'tactics: [Discovery]',
    'relevantTechniques: [T1046]',
    'query: |',
    ...query.split('\n').map((l) => `  ${l}`),
    extra,
  ].join('\n');
}

/** A table with a Sentinel table's full schema, filled from objects by column name. */
export function sentinelTable(name: string, rows: Record<string, Value>[]): Table {
  const schema = sentinelSchema(name)!;
  return Table.fromRows(schema, rows.map((r) => schema.map((c) => (c.name in r ? r[c.name]! : null))));
}

/** A table from `name:type` column specs and rows of values. */
export function table(spec: string, rows: Value[][]): Table {
  const schema = spec.split(',').map((c) => {
    const [name, type] = c.trim().split(':') as [string, 'string'];
    return { name, type };
  });
  return Table.fromRows(schema, rows);
}

/** Running one rule-test case: its tables (inline and loaded), one rule run at its `now`, the comparison. */
import type { ColumnSchema } from '../../table/table.js';
import { Table } from '../../table/table.js';
import { sentinelSchema } from '../schemas/index.js';
import { formatProblem } from '../../rules/problems.js';
import type { Rule } from '../rule.js';
import type { RuleRun } from '../../rules/run.js';
import type { ProductCatalog } from '../../semantics/context.js';
import { prepareRule, RuleRunError, runRule } from '../run-rule.js';
import { compareRun, type Mismatch } from './compare.js';
import type { TestCase } from './test-file.js';

export type CaseOutcome = 'passed' | 'failed' | 'error';

export interface CaseResult {
  readonly name: string;
  readonly line: number;
  readonly outcome: CaseOutcome;
  readonly mismatches: readonly Mismatch[];
  /** Why the case could not run (outcome 'error'). */
  readonly errors: readonly string[];
  readonly run?: RuleRun;
  readonly durationMs: number;
}

export function runCase(
  rule: Rule,
  c: TestCase,
  fileTables: ReadonlyMap<string, Table>,
  schemas: ReadonlyMap<string, readonly ColumnSchema[]>,
  product?: ProductCatalog,
): CaseResult {
  const started = performance.now();
  const done = (outcome: CaseOutcome, rest: { mismatches?: Mismatch[]; errors?: string[]; run?: RuleRun }): CaseResult => ({
    name: c.name, line: c.line, outcome, mismatches: rest.mismatches ?? [], errors: rest.errors ?? [], run: rest.run,
    durationMs: performance.now() - started,
  });
  if (c.now === undefined) return done('error', { errors: ['the case has no now'] });
  const tables = new Map<string, Table>([...fileTables, ...c.inline]);
  const { prepared, problems } = prepareRule(rule, tables, product);
  if (!prepared) return done('error', { errors: problems.filter((p) => p.severity === 'error').map(formatProblem) });
  // Tables the case does not mention are empty: a case only lists the data that matters to it.
  for (const name of prepared.tables) {
    if (tables.has(name)) continue;
    const schema = schemas.get(name) ?? sentinelSchema(name);
    if (!schema) return done('error', { errors: [`the query reads table '${name}', which this case gives no rows for and whose columns kqlx does not know; add rows or a schemas: entry`] });
    tables.set(name, Table.empty(schema));
  }
  try {
    const run = runRule(prepared, tables, c.now);
    const mismatches = compareRun(c.expect, run, c.now);
    return done(mismatches.length ? 'failed' : 'passed', { mismatches, run });
  } catch (e) {
    if (!(e instanceof RuleRunError)) throw e;
    return done('error', { errors: e.diagnostics.map((d) => `${rule.file}:${d.line ?? '?'}:${d.col ?? '?'}: ${d.code}: ${d.message}`) });
  }
}

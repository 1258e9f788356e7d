/**
 * The file side of Cloud SIEM rule tests: reading `NAME.tests.yaml` and its rule `NAME.json`, loading
 * the record files its cases name, and running the cases. Node-only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadTableFile } from '../../io/load.js';
import type { Table } from '../../table/table.js';
import { formatRuleFileProblem, readRules } from '../read-rule.js';
import { NORMALIZED_SCHEMA } from '../schema/index.js';
import { type CaseResult, runCase } from '../testing/run-case.js';
import { readTestSuite } from '../testing/test-file.js';

const TEST_FILE = /\.tests\.ya?ml$/i;

/** The rule a test file tests: its `rule:` key, else NAME.json beside NAME.tests.yaml. */
function rulePathOf(testFile: string, text: string): string {
  const named = /^rule:\s*(\S+)\s*$/m.exec(text)?.[1]?.replace(/^['"]|['"]$/g, '');
  return join(dirname(testFile), named ?? `${basename(testFile).replace(TEST_FILE, '')}.json`);
}

/**
 * Whether a test file tests a Cloud SIEM rule (a .json rule) rather than a Sentinel one: its `rule:`
 * names a .json file, or, without one, NAME.json lies beside it (a Sentinel test's NAME.yaml otherwise).
 */
export function isCloudSiemTestFile(testFile: string): boolean {
  try {
    const text = readFileSync(testFile, 'utf8');
    const rule = rulePathOf(testFile, text);
    return /\.json$/i.test(rule) && (/^rule:/m.test(text) || existsSync(rule));
  } catch {
    return false;
  }
}

export interface CseSuiteResult {
  readonly file: string;
  readonly ruleFile?: string;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  readonly cases: readonly CaseResult[];
  readonly durationMs: number;
}

export async function runCloudSiemTestFile(file: string): Promise<CseSuiteResult> {
  const started = performance.now();
  const text = readFileSync(file, 'utf8');
  const ruleFile = rulePathOf(file, text);
  const fail = (errors: string[]): CseSuiteResult => ({ file, ruleFile, errors, warnings: [], cases: [], durationMs: performance.now() - started });
  const suite = readTestSuite(text, file);
  if (suite.problems.length > 0) return fail(suite.problems);
  if (!existsSync(ruleFile)) return fail([`${file}: rule file '${ruleFile}' not found`]);
  const read = readRules(ruleFile, readFileSync(ruleFile, 'utf8'));
  if (read.problems.some((p) => p.severity === 'error')) return fail(read.problems.map(formatRuleFileProblem));
  if (read.rules.length !== 1) return fail([`${ruleFile}: a rule test needs one rule, the file holds ${read.rules.length}`]);
  const loaded = new Map<string, Table>();
  const cases: CaseResult[] = [];
  for (const c of suite.cases) {
    const tables = new Map<string, Table>();
    const errors: string[] = [];
    for (const ref of c.files) {
      const path = resolve(dirname(file), ref.path);
      try {
        if (!loaded.has(path)) loaded.set(path, (await loadTableFile(path, { tableName: ref.table, schema: NORMALIZED_SCHEMA })).table);
        tables.set(ref.table, loaded.get(path)!);
      } catch (e) {
        errors.push(`${file}: ${c.name}: records.${ref.table}: cannot load '${path}': ${(e as Error).message}`);
      }
    }
    cases.push(errors.length > 0 ? { name: c.name, line: c.line, outcome: 'error', mismatches: [], errors, durationMs: 0 } : runCase(read.rules[0]!, c, tables));
  }
  return { file, ruleFile, errors: [], warnings: [], cases, durationMs: performance.now() - started };
}

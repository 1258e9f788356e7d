/**
 * The file side of `kqlx test`: finding `*.tests.yaml` files, reading each with its rule, loading
 * the data files its cases name (once per file), and running the cases.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { makeCatalog } from '../../engine.js';
import { loadTableFile } from '../../io/load.js';
import { sentinel } from '../catalog.js';
import { sentinelSchema } from '../schemas/index.js';
import type { ColumnSchema, Table } from '../../table/table.js';
import { checkRuleColumns } from '../check-columns.js';
import { formatProblem } from '../../rules/problems.js';
import { readRuleFile } from '../rule-file.js';
import { type CaseResult, runCase } from './run-case.js';
import type { SuiteResult } from './suite.js';
import { readTestFile } from './test-file.js';

export const TEST_FILE = /\.tests\.ya?ml$/i;

/** Test files named directly, and every `*.tests.yaml` under named directories (skipping dot folders and node_modules). */
export function findTestFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (TEST_FILE.test(name)) files.push(p);
    }
  };
  for (const p of paths) {
    if (!existsSync(p)) missing.push(p);
    else if (statSync(p).isDirectory()) walk(p);
    else files.push(p);
  }
  return { files: [...new Set(files)], missing };
}

/** `X.tests.yaml` tests `X.yaml` (or `X.yml`) beside it unless the file names its rule. */
export function defaultRulePath(testFile: string): string {
  const stem = basename(testFile).replace(TEST_FILE, '');
  const yaml = join(dirname(testFile), `${stem}.yaml`);
  return existsSync(yaml) || !existsSync(join(dirname(testFile), `${stem}.yml`)) ? yaml : join(dirname(testFile), `${stem}.yml`);
}

/** What a repository's project file adds to every test: schemas of custom tables, and tables (watchlists) every case can read. */
export interface TestContext {
  readonly schemas?: ReadonlyMap<string, readonly ColumnSchema[]>;
  readonly tables?: ReadonlyMap<string, Table>;
}

export async function runTestFile(file: string, context: TestContext = {}): Promise<SuiteResult> {
  const started = performance.now();
  const fail = (errors: string[], ruleFile?: string, warnings: string[] = []): SuiteResult => ({
    file, ruleFile, errors, warnings, cases: [], durationMs: performance.now() - started,
  });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail([`${file}: cannot read: ${(e as Error).message}`]);
  }
  const own = readTestFile(text, file);
  const suite = { ...own, schemas: new Map([...(context.schemas ?? []), ...own.schemas]) };
  if (suite.problems.some((p) => p.severity === 'error')) return fail(suite.problems.map(formatProblem));
  const ruleFile = suite.rule ? join(dirname(file), suite.rule) : defaultRulePath(file);
  const rel = relative(process.cwd(), resolve(ruleFile));
  const shownRule = rel && !rel.startsWith('..') ? rel : ruleFile;
  const read = readRuleFile(ruleFile);
  const warnings = read.problems.filter((p) => p.severity === 'warning').map(formatProblem);
  if (!read.rule) return fail(read.problems.filter((p) => p.severity === 'error').map(formatProblem), shownRule, warnings);
  const catalog = makeCatalog(context.tables ?? new Map(), { ...sentinel, tableSchema: (n) => suite.schemas.get(n)?.slice() ?? sentinelSchema(n) });
  const checked = checkRuleColumns(read.rule, catalog);
  warnings.push(...checked.problems.filter((p) => p.severity === 'warning').map(formatProblem));
  const ruleErrors = checked.problems.filter((p) => p.severity === 'error');
  if (ruleErrors.length) return fail(ruleErrors.map(formatProblem), shownRule, warnings);

  const loaded = new Map<string, Table>();
  const cases: CaseResult[] = [];
  for (const c of suite.cases) {
    const fileTables = new Map<string, Table>(context.tables);
    const loadErrors: string[] = [];
    for (const ref of c.files) {
      const path = join(dirname(file), ref.path);
      const key = `${ref.table}\u0000${resolve(path)}`;
      if (!loaded.has(key)) {
        try {
          const r = await loadTableFile(path, { tableName: ref.table, schema: suite.schemas.get(ref.table)?.slice() ?? sentinelSchema(ref.table) });
          for (const p of r.problems.slice(0, 5)) warnings.push(`${p.file}:${p.line}: ${p.message}`);
          loaded.set(key, r.table);
        } catch (e) {
          loadErrors.push(`${file}:${ref.line}:${ref.col}: ${ref.key}: cannot load '${path}': ${(e as Error).message}`);
          continue;
        }
      }
      fileTables.set(ref.table, loaded.get(key)!);
    }
    if (loadErrors.length) {
      cases.push({ name: c.name, line: c.line, outcome: 'error', mismatches: [], errors: loadErrors, durationMs: 0 });
      continue;
    }
    cases.push(runCase(read.rule, c, fileTables, suite.schemas));
  }
  return { file, ruleFile: shownRule, errors: [], warnings, cases, durationMs: performance.now() - started };
}

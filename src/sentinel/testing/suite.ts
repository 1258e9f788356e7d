/** The outcome of one rule-test file: file-level problems (bad YAML, bad rule), then each case's result. */
import type { CaseResult } from './run-case.js';

export interface SuiteResult {
  readonly file: string;
  readonly ruleFile?: string;
  /** Problems that kept every case from running (formatted `file:line:col: error: ...`). */
  readonly errors: readonly string[];
  /** Things worth saying that do not fail the suite (rule warnings, data load problems). */
  readonly warnings: readonly string[];
  readonly cases: readonly CaseResult[];
  readonly durationMs: number;
}

export interface Totals {
  files: number;
  cases: number;
  passed: number;
  failed: number;
  errors: number;
}

export function totals(suites: readonly SuiteResult[]): Totals {
  const t: Totals = { files: suites.length, cases: 0, passed: 0, failed: 0, errors: 0 };
  for (const s of suites) {
    if (s.errors.length) t.errors++;
    for (const c of s.cases) {
      t.cases++;
      if (c.outcome === 'passed') t.passed++;
      else if (c.outcome === 'failed') t.failed++;
      else t.errors++;
    }
  }
  return t;
}

export function suitesPassed(suites: readonly SuiteResult[]): boolean {
  const t = totals(suites);
  return t.failed === 0 && t.errors === 0;
}

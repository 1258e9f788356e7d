/** `kqlx test -o json`: each suite and case as data, and the totals; the same facts the text report and JUnit give. */
import type { SuiteResult, Totals } from './suite.js';
import { totals } from './suite.js';

export interface CaseJson {
  name: string;
  line: number;
  outcome: 'passed' | 'failed' | 'error';
  mismatches: { what: string; expected: string[]; actual: string[] }[];
  errors: string[];
  resultCount: number | null;
  alertCount: number | null;
  durationMs: number;
}

export interface SuiteJson {
  file: string;
  rule: string | null;
  errors: string[];
  warnings: string[];
  cases: CaseJson[];
  durationMs: number;
}

export interface TestReportJson {
  suites: SuiteJson[];
  totals: Totals;
  ok: boolean;
}

export function suitesJson(suites: readonly SuiteResult[]): TestReportJson {
  const t = totals(suites);
  return {
    suites: suites.map((s) => ({
      file: s.file,
      rule: s.ruleFile ?? null,
      errors: [...s.errors],
      warnings: [...s.warnings],
      cases: s.cases.map((c) => ({
        name: c.name,
        line: c.line,
        outcome: c.outcome,
        mismatches: c.mismatches.map((m) => ({ what: m.what, expected: [...m.expected], actual: [...m.actual] })),
        errors: [...c.errors],
        resultCount: c.run?.resultCount ?? null,
        alertCount: c.run?.alerts.length ?? null,
        durationMs: Math.round(c.durationMs),
      })),
      durationMs: Math.round(s.durationMs),
    })),
    totals: t,
    ok: t.failed === 0 && t.errors === 0,
  };
}

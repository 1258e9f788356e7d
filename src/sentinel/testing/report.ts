/** The readable report of `kqlx test`: one line per case, the differences of failed ones, a summary. */
import type { CaseResult } from './run-case.js';
import { sideBySide } from './side-by-side.js';
import { type SuiteResult, totals } from './suite.js';

const MARK = { passed: '✓', failed: '✗', error: '!' } as const;

function caseText(s: SuiteResult, c: CaseResult): string {
  const head = `  ${MARK[c.outcome]} ${c.name}${c.outcome === 'passed' ? '' : `  (${s.file}:${c.line})`}`;
  const body: string[] = [];
  for (const e of c.errors) body.push(`      ${e}`);
  for (const m of c.mismatches) body.push(`    ${m.what}`, sideBySide(m.expected, m.actual));
  return [head, ...body].join('\n');
}

/** A file's report; with `onlyFailures`, passing cases are left out (their count is still given). */
export function suiteText(s: SuiteResult, onlyFailures = false): string {
  const lines = [`${s.file}${s.ruleFile ? `  (rule ${s.ruleFile})` : ''}`];
  for (const w of s.warnings) lines.push(`  warning: ${w}`);
  for (const e of s.errors) lines.push(`  ! ${e}`);
  for (const c of s.cases) if (!onlyFailures || c.outcome !== 'passed') lines.push(caseText(s, c));
  const passed = s.cases.filter((c) => c.outcome === 'passed').length;
  if (onlyFailures && passed) lines.push(`  (${passed} passing case${passed === 1 ? '' : 's'} not shown)`);
  return lines.join('\n');
}

export function summaryText(suites: readonly SuiteResult[]): string {
  const t = totals(suites);
  const parts = [`${t.passed} passed`];
  if (t.failed) parts.push(`${t.failed} failed`);
  if (t.errors) parts.push(`${t.errors} error${t.errors === 1 ? '' : 's'}`);
  return `${parts.join(', ')} — ${t.cases} case${t.cases === 1 ? '' : 's'} in ${t.files} file${t.files === 1 ? '' : 's'}`;
}

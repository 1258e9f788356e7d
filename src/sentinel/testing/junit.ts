/**
 * JUnit XML for CI systems: one <testsuite> per test file, one <testcase> per case; a failed
 * expectation is a <failure> (with the expected/actual text), a case that could not run an <error>.
 * A file that could not be read or whose rule is invalid is one <testcase> with an <error>.
 */
import { sideBySide } from './side-by-side.js';
import type { SuiteResult } from './suite.js';
import { totals } from './suite.js';

export function xmlEscape(s: string): string {
  // Characters XML 1.0 cannot hold at all are dropped; the five specials are escaped.
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const secs = (ms: number) => (ms / 1000).toFixed(3);

export function junitXml(suites: readonly SuiteResult[]): string {
  const t = totals(suites);
  const total = suites.reduce((n, s) => n + s.durationMs, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="kqlx test" tests="${t.cases + suites.filter((s) => s.errors.length).length}" failures="${t.failed}" errors="${t.errors}" time="${secs(total)}">`];
  for (const s of suites) {
    const failures = s.cases.filter((c) => c.outcome === 'failed').length;
    const errors = s.cases.filter((c) => c.outcome === 'error').length + (s.errors.length ? 1 : 0);
    const tests = s.cases.length + (s.errors.length ? 1 : 0);
    const classname = xmlEscape(s.ruleFile ?? s.file);
    out.push(`  <testsuite name="${xmlEscape(s.file)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="${secs(s.durationMs)}">`);
    if (s.errors.length) {
      out.push(`    <testcase classname="${classname}" name="(test file)" time="0.000">`);
      out.push(`      <error message="${xmlEscape(s.errors[0]!)}">${xmlEscape(s.errors.join('\n'))}</error>`);
      out.push('    </testcase>');
    }
    for (const c of s.cases) {
      out.push(`    <testcase classname="${classname}" name="${xmlEscape(c.name)}" time="${secs(c.durationMs)}">`);
      if (c.outcome === 'failed') {
        const text = c.mismatches.map((m) => `${m.what}\n${sideBySide(m.expected, m.actual, '  ')}`).join('\n');
        out.push(`      <failure message="${xmlEscape(c.mismatches.map((m) => m.what).join('; '))}" type="expectation">${xmlEscape(text)}</failure>`);
      } else if (c.outcome === 'error') {
        out.push(`      <error message="${xmlEscape(c.errors[0] ?? 'error')}">${xmlEscape(c.errors.join('\n'))}</error>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

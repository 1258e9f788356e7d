/**
 * The command line on bad input: every problem is a message with file and line (or line:col and a
 * caret), a documented exit code, and never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KQLX, ROOT } from '../helpers/paths.js';

const fixture = (f: string) => join(ROOT, 'fixtures/bad', f);

function kqlx(...args: string[]) {
  const r = spawnSync('node', [KQLX, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function expectNoStackTrace(text: string) {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('kqlx on bad input', () => {
  it('a malformed query: code, line:col, caret; exit 1', () => {
    const r = kqlx('query', 'print x = "abc');
    expect(r.code).toBe(1);
    expect(r.err).toContain('<query>:1:11: error KX101: unterminated string literal');
    expect(r.err).toContain('^^^^');
    expectNoStackTrace(r.err);
  });
  it('a ragged CSV row is reported with file and line, counted, and the rest loads', () => {
    const r = kqlx('query', 'T | count', '-t', `T=${fixture('ragged.csv')}`, '-o', 'json', '-q');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/ragged\.csv:3: /);
    expect(r.err).toMatch(/1 problem/);
    expect(JSON.parse(r.out).rows).toEqual([[2]]);
  });
  it('an invalid JSON line is reported with its line', () => {
    const r = kqlx('query', 'T | count', '-t', `T=${fixture('broken.jsonl')}`, '-o', 'json', '-q');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/broken\.jsonl:2: /);
    expect(JSON.parse(r.out).rows).toEqual([[2]]);
  });
  it('a value of the wrong type in a typed column becomes null and is reported', () => {
    const r = kqlx('query', 'CommonSecurityLog | project DestinationPort', '-t', `CommonSecurityLog=${fixture('CommonSecurityLog.csv')}`, '-o', 'json', '-q');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/CommonSecurityLog\.csv:3: .*DestinationPort/);
    expect(JSON.parse(r.out).rows).toEqual([[443], [null]]);
  });
  it('a table the query reads that was not loaded says how to load it; exit 1', () => {
    const r = kqlx('query', 'SecurityEvent | take 1');
    expect(r.code).toBe(1);
    expect(r.err).toContain("no data for table 'SecurityEvent': load it with -t SecurityEvent=FILE or --data DIR");
    expectNoStackTrace(r.err);
  });
  it('a missing data file is a usage error; exit 2', () => {
    const r = kqlx('query', 'T | take 1', '-t', 'T=/no/such/file.csv');
    expect(r.code).toBe(2);
    expect(r.err).toContain("cannot read '/no/such/file.csv': no such file");
    expectNoStackTrace(r.err);
  });
  it('a missing query file and a bad option', () => {
    expect(kqlx('query', '-f', '/no/such.kql').code).toBe(2);
    const r = kqlx('query', 'print 1', '-o', 'xml');
    expect(r.code).not.toBe(0);
    expectNoStackTrace(r.err);
  });
  it('check: one JSON object per file, exit 1 when a file has errors', () => {
    const r = kqlx('check', '--json', join(ROOT, 'queries/sentinel/PaloAlto-PortScanning.yaml'), fixture('bad-rule-query.kql'));
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ ok: true, diagnostics: [] });
    expect(lines[1]).toMatchObject({ ok: false, diagnostics: [{ severity: 'error', category: 'semantic', code: 'KX201', line: 2, col: 9 }] });
  });
  it('check on rule YAML: rule-field and YAML problems carry their line; a test file is pointed to kqlx test', () => {
    const rules = (f: string) => join(ROOT, 'fixtures/rules', f);
    const r = kqlx('check', '--json', rules('bad-frequency.yaml'), rules('bad-yaml-syntax.yaml'), rules('tests/failed-logons.tests.yaml'));
    expect(r.code).toBe(1);
    const [freq, yaml, tests] = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(freq).toMatchObject({ ok: false, diagnostics: [{ code: 'KX502', line: 7, col: 17 }] });
    expect(freq.diagnostics[0].message).toContain("'15d' is longer than 14 days");
    expect(yaml).toMatchObject({ ok: false, diagnostics: [{ category: 'syntax', code: 'KX501', line: 13 }] });
    expect(tests).toMatchObject({ ok: true, diagnostics: [{ severity: 'warning', code: 'KX503' }] });
  });
  it('--batch: one JSON line per query, errors included', () => {
    const r = kqlx('query', '--batch', fixture('batch.jsonl'));
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ id: 'ok', columns: [{ name: 'x', type: 'long' }], rows: [[1]] });
    expect(lines[1]).toMatchObject({ id: 'bad', error: { category: 'syntax', code: 'KX105', line: 1, col: 11 } });
  });
});

/** The rule-test file format: reading cases and their rows, comparing runs with expectations, JUnit XML. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/rules/problems.js';
import { canon } from '../../src/sentinel/testing/compare.js';
import { junitXml } from '../../src/sentinel/testing/junit.js';
import { runCase } from '../../src/sentinel/testing/run-case.js';
import { sideBySide } from '../../src/sentinel/testing/side-by-side.js';
import type { SuiteResult } from '../../src/sentinel/testing/suite.js';
import { defaultRulePath, findTestFiles, runTestFile } from '../../src/sentinel/testing/test-files.js';
import { readTestFile, type TestSuite } from '../../src/sentinel/testing/test-file.js';
import { ROOT } from '../helpers/paths.js';
import { rule, ruleYaml, t } from './helpers.js';

function suite(yaml: string): TestSuite {
  const s = readTestFile(yaml, 'x.tests.yaml');
  if (s.problems.length) throw new Error(s.problems.map(formatProblem).join('\n'));
  return s;
}

const errorsOf = (yaml: string) => readTestFile(yaml, 'x.tests.yaml').problems.map(formatProblem);

describe('reading test files', () => {
  it('builds typed rows with defaults, $repeat, $step and times relative to now', () => {
    const s = suite(`
now: 2024-05-01T12:00:00Z
defaults:
  CommonSecurityLog: {DeviceVendor: Palo Alto Networks, TimeGenerated: now-10m}
tests:
  - name: a
    data:
      CommonSecurityLog:
        - {SourceIP: 10.0.0.1, DestinationPort: 20, $repeat: 3, $step: {DestinationPort: 2, TimeGenerated: 1m}}
        - {SourceIP: 10.0.0.2, DeviceVendor: Other, TimeGenerated: 2024-05-01T11:00:00.5Z}
    expect: {triggered: true}
`);
    const table = s.cases[0]!.inline.get('CommonSecurityLog');
    expect(table!.schema.length).toBeGreaterThan(100); // the full Sentinel schema
    const pick = (r: number) => ['TimeGenerated', 'DeviceVendor', 'SourceIP', 'DestinationPort', 'SourcePort', 'Activity'].map((c) => table!.row(r)[table!.columnIndex(c)]);
    expect(table!.rowCount).toBe(4);
    expect(pick(0)).toEqual([t('2024-05-01T11:50:00Z'), 'Palo Alto Networks', '10.0.0.1', 20, null, '']);
    expect(pick(2)).toEqual([t('2024-05-01T11:52:00Z'), 'Palo Alto Networks', '10.0.0.1', 24, null, '']);
    expect(pick(3)).toEqual([t('2024-05-01T11:00:00.5Z'), 'Other', '10.0.0.2', null, null, '']);
    expect(s.cases[0]!.now).toBe(t('2024-05-01T12:00:00Z'));
  });

  it('infers columns for a table kqlx does not know, or takes them from schemas:', () => {
    const s = suite(`
now: 2024-05-01T12:00:00Z
schemas:
  Typed_CL: {When: datetime, Count: int, Tags: dynamic}
tests:
  - name: a
    data:
      Custom_CL:
        - {TimeGenerated: now-1m, User: alice, Count: 3, Ratio: 0.5, Ok: true, Bag: {a: 1}}
        - {User: bob, Count: 4.5}
      Typed_CL:
        - {When: now, Count: "7", Tags: [x, y]}
    expect: {}
`);
    const custom = s.cases[0]!.inline.get('Custom_CL')!;
    expect(custom.schema.map((c) => `${c.name}:${c.type}`)).toEqual(['TimeGenerated:datetime', 'User:string', 'Count:real', 'Ratio:real', 'Ok:bool', 'Bag:dynamic']);
    expect(custom.row(1)).toEqual([null, 'bob', 4.5, null, null, null]);
    expect(s.cases[0]!.inline.get('Typed_CL')!.row(0)).toEqual([t('2024-05-01T12:00:00Z'), 7, ['x', 'y']]);
  });

  it('reports each mistake with its line', () => {
    expect(errorsOf('tests: [\n')).toEqual([expect.stringMatching(/^x\.tests\.yaml:2:1: error: YAML syntax error: /)]);
    expect(errorsOf('tset: []\n')).toEqual([
      "x.tests.yaml:1:1: error: tset: unknown key 'tset'; use rule, now, schemas, defaults, tests",
      'x.tests.yaml:1:1: error: tests: is required: a list of test cases',
    ]);
    const bad = `now: 2024-05-01T12:00:00Z
tests:
  - name: bad rows
    data:
      CommonSecurityLog:
        - {DestinationPort: eighty}
        - {NoSuchColumn: 1}
        - {$repeat: 0}
        - {TimeGenerated: yesterday}
    expect: {triggered: maybe, alerts: [{colour: red}]}
  - name: bad rows
    expect: {}
  - expect: {}
  - name: no expect
`;
    expect(errorsOf(bad)).toEqual([
      "x.tests.yaml:6:11: error: tests[0].data.CommonSecurityLog[0]: DestinationPort: 'eighty' is not a int",
      "x.tests.yaml:7:11: error: tests[0].data.CommonSecurityLog[1]: the table has no column 'NoSuchColumn'",
      'x.tests.yaml:8:11: error: tests[0].data.CommonSecurityLog[2]: $repeat must be a whole number from 1 to 1000000',
      "x.tests.yaml:9:11: error: tests[0].data.CommonSecurityLog[3]: TimeGenerated: 'yesterday' is not a datetime (ISO 8601, or now, now-10m, ...)",
      "x.tests.yaml:10:25: error: tests[0].expect.triggered: expected true or false, found 'maybe'",
      "x.tests.yaml:10:42: error: tests[0].expect.alerts[0].colour: unknown alert field 'colour'; use displayName, description, severity, tactics, techniques, startTime, endTime, resultRows, entities, customDetails",
      "x.tests.yaml:11:5: error: tests[1].name: another case is already named 'bad rows'",
      'x.tests.yaml:13:5: error: tests[2].name: is required: say what the case shows',
      'x.tests.yaml:14:5: error: tests[3].expect: is required: what the run must produce',
    ]);
  });

  it('needs a now for every case', () => {
    expect(errorsOf('tests:\n  - name: a\n    expect: {}\n')).toEqual([
      'x.tests.yaml:2:5: error: tests[0].now: is required (here or at the top of the file): the instant the rule runs at',
    ]);
  });

  it('accepts YAML anchors and merge keys for shared rows', () => {
    const s = suite(`
now: 2024-05-01T12:00:00Z
tests:
  - name: a
    data:
      T_CL:
        - &base {User: alice, N: 1}
        - {<<: *base, N: 2}
        - *base
    expect: {}
`);
    expect(s.cases[0]!.inline.get('T_CL')!.rows()).toEqual([['alice', 1], ['alice', 2], ['alice', 1]]);
  });
});

describe('comparing values', () => {
  it('treats equal values written differently as equal', () => {
    const now = t('2024-05-01T12:00:00Z');
    expect(canon(51, now)).toBe(canon('51', now));
    expect(canon('2024-05-01T11:00:00.000Z', now)).toBe(canon('2024-05-01T11:00:00Z', now));
    expect(canon('now-1h', now)).toBe(canon('2024-05-01T11:00:00Z', now));
    expect(canon({ b: [1, 'x'], a: null }, now)).toBe(canon({ a: null, b: ['1', 'x'] }, now));
    expect(canon('10.0.0.1', now)).toBe('10.0.0.1');
    expect(canon(true, now)).not.toBe(canon('yes', now));
  });

  it('lays expected and actual side by side, marking the lines that differ', () => {
    expect(sideBySide(['a: 1', 'b: 2'], ['a: 1', 'b: 3', 'c: 4'], '')).toBe(
      ['  expected │ actual', '  a: 1     │ a: 1', '≠ b: 2     │ b: 3', '≠          │ c: 4'].join('\n'),
    );
  });
});

describe('running cases', () => {
  const ruleText = ruleYaml('SecurityEvent | where EventID == 4625 | summarize N = count() by Account', 'entityMappings:\n  - entityType: Account\n    fieldMappings:\n      - identifier: Name\n        columnName: Account');

  it('tables the query reads but the case does not list are empty', () => {
    const s = suite('now: 2024-05-01T12:00:00Z\ntests:\n  - name: a\n    expect: {triggered: false}\n');
    expect(runCase(rule(ruleText), s.cases[0]!, new Map(), s.schemas)).toMatchObject({ outcome: 'passed' });
  });

  it('a case over a table of unknown columns with no rows is an error, not a pass', () => {
    const s = suite('now: 2024-05-01T12:00:00Z\ntests:\n  - name: a\n    expect: {triggered: false}\n');
    const r = runCase(rule(ruleYaml('Mystery_CL | take 1')), s.cases[0]!, new Map(), s.schemas);
    expect(r.outcome).toBe('error');
    expect(r.errors[0]).toMatch(/unknown table or tabular function 'Mystery_CL'/);
  });

  it('reports every failed expectation', () => {
    const s = suite(`
now: 2024-05-01T12:00:00Z
tests:
  - name: a
    data:
      SecurityEvent:
        - {TimeGenerated: now-1m, EventID: 4625, Account: alice}
    expect:
      triggered: false
      resultCount: 2
      alertCount: 0
      columns: [N, Account]
      rows: [{Account: bob}]
      alerts: [{entities: [{type: account, Name: bob}]}]
`);
    const r = runCase(rule(ruleText), s.cases[0]!, new Map(), s.schemas);
    expect(r.outcome).toBe('failed');
    expect(r.mismatches.map((m) => m.what)).toEqual([
      'triggered',
      'resultCount',
      'alertCount',
      'columns',
      'rows (1 expected, 1 in the result, 1 expected row not found)',
      'alert expected at line 14 (closest actual alert: #1, differs in entities)',
    ]);
    expect(r.mismatches[5]).toMatchObject({ expected: ['entities:', '  - account Name=bob'], actual: ['entities:', '  - account Name=alice'] });
    expect(r.mismatches[3]).toMatchObject({ expected: ['N', 'Account'], actual: ['Account', 'N'] });
  });
});

describe('test files on disk', () => {
  const dir = join(ROOT, 'fixtures/rules/tests');

  it('finds *.tests.yaml under directories, and pairs each with the rule of the same name', () => {
    const { files, missing } = findTestFiles([dir, join(dir, 'nope')]);
    expect(files).toEqual([join(dir, 'failed-logons.tests.yaml')]);
    expect(missing).toEqual([join(dir, 'nope')]);
    expect(defaultRulePath(files[0]!)).toBe(join(dir, 'failed-logons.yaml'));
  });

  it('runs a file whose cases load rows from CSV files and inline', async () => {
    const s = await runTestFile(join(dir, 'failed-logons.tests.yaml'));
    expect(s.errors).toEqual([]);
    expect(s.cases.map((c) => [c.name, c.outcome])).toEqual([
      ['rows from a CSV file', 'passed'],
      ['five inline failures fire', 'passed'],
      ['four do not', 'passed'],
      ['successful logons do not count', 'passed'],
      ['two attackers make two alerts (AlertPerResult)', 'passed'],
      ['no rows at all', 'passed'],
    ]);
  });

  it('a test file whose rule is invalid fails as a whole, naming the rule problem', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kqlx-ruletest-'));
    writeFileSync(join(tmp, 'r.yaml'), ruleYaml('SecurityEvent', '', { queryFrequency: '15d' }));
    writeFileSync(join(tmp, 'r.tests.yaml'), 'now: 2024-05-01T12:00:00Z\ntests:\n  - name: a\n    expect: {}\n');
    const s = await runTestFile(join(tmp, 'r.tests.yaml'));
    expect(s.errors).toEqual([expect.stringMatching(/r\.yaml:6:17: error: queryFrequency: '15d' is longer than 14 days/)]);
    writeFileSync(join(tmp, 'r.tests.yaml'), 'rule: missing.yaml\nnow: 2024-05-01T12:00:00Z\ntests:\n  - name: a\n    expect: {}\n');
    expect((await runTestFile(join(tmp, 'r.tests.yaml'))).errors).toEqual([expect.stringMatching(/missing\.yaml:1:1: error: cannot read the rule file: no such file/)]);
  });
});

describe('JUnit XML', () => {
  const results: SuiteResult[] = [
    {
      file: 'a.tests.yaml', ruleFile: 'a.yaml', errors: [], warnings: [], durationMs: 12,
      cases: [
        { name: 'passes', line: 3, outcome: 'passed', mismatches: [], errors: [], durationMs: 5 },
        { name: 'fails <with> "quotes" & ampersands', line: 9, outcome: 'failed', mismatches: [{ what: 'resultCount', expected: ['1'], actual: ['0'] }], errors: [], durationMs: 4 },
        { name: 'errs', line: 20, outcome: 'error', mismatches: [], errors: ['a.yaml:3:1: KX201: unknown column \u0001'], durationMs: 1 },
      ],
    },
    { file: 'b.tests.yaml', errors: ['b.tests.yaml:1:1: error: YAML syntax error'], warnings: [], durationMs: 1, cases: [] },
  ];

  it('is well-formed and counts tests, failures and errors', () => {
    const xml = junitXml(results);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: '4', failures: '1', errors: '2' });
    const [a, b] = doc.testsuites.testsuite;
    expect(a).toMatchObject({ name: 'a.tests.yaml', tests: '3', failures: '1', errors: '1' });
    expect(a.testcase[1].name).toBe('fails <with> "quotes" & ampersands');
    expect(a.testcase[1].failure.message).toBe('resultCount');
    expect(a.testcase[1].failure['#text']).toContain('expected │ actual');
    expect(a.testcase[2].error.message).toBe('a.yaml:3:1: KX201: unknown column'); // the control character is dropped
    expect(b).toMatchObject({ name: 'b.tests.yaml', tests: '1', errors: '1' });
    expect(b.testcase.name).toBe('(test file)');
  });
});

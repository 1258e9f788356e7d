/** `kqlx test` end to end: the seed rules' test files pass, a changed expectation fails readably, JUnit XML parses. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { kqlx } from '../rules/helpers.js';

const SEEDS = join(ROOT, 'queries/sentinel');
const SEED_FILES = ['PaloAlto-PortScanning', 'PortScan-ASimNetworkSession'];

/** The seed rules and their test files, copied to a fresh directory (the test files optionally edited). */
function seedCopy(edit: (name: string, text: string) => string = (_, t) => t): string {
  const dir = mkdtempSync(join(tmpdir(), 'kqlx-testcli-'));
  for (const name of SEED_FILES) {
    copyFileSync(join(SEEDS, `${name}.yaml`), join(dir, `${name}.yaml`));
    writeFileSync(join(dir, `${name}.tests.yaml`), edit(name, readFileSync(join(SEEDS, `${name}.tests.yaml`), 'utf8')));
  }
  return dir;
}

describe('kqlx test', () => {
  it('passes on the seed rules test files', () => {
    const r = kqlx(['test', 'queries/sentinel']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('queries/sentinel/PaloAlto-PortScanning.tests.yaml  (rule queries/sentinel/PaloAlto-PortScanning.yaml)');
    expect(r.out).toContain('✓ ten resets to one external port raise one alert with the mapped entities');
    expect(r.out).toMatch(/\n(\d+) passed — \1 cases in 2 files\n$/);
    expect(r.out).not.toMatch(/^  [✗!] /m);
  });

  it('searches the current directory by default', () => {
    const dir = seedCopy();
    const r = kqlx(['test'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/passed — \d+ cases in 2 files/);
  });

  it('fails (exit 1) with expected and actual side by side when an expectation is changed', () => {
    const dir = seedCopy((name, text) =>
      name === 'PortScan-ASimNetworkSession'
        ? text.replace('displayName: Potential port scan from 198.51.100.7\n          description', 'displayName: Potential port scan from 198.51.100.8\n          description')
        : text.replace('expect: {triggered: true, rows: [{DestinationPort: 49511}]}', 'expect: {triggered: true, rows: [{DestinationPort: 49510}]}'),
    );
    const r = kqlx(['test', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ DestinationPort !between - 49511, just below the range, passes {2}\(\S+PaloAlto-PortScanning\.tests\.yaml:\d+\)/);
    expect(r.out).toContain('rows (1 expected, 1 in the result, 1 expected row not found)');
    expect(r.out).toMatch(/ {6}≠ - DestinationPort: 49510 +│ - DestinationPort: 49511\n/);
    expect(r.out).toMatch(/✗ 51 ports from a public address in one bin raise the alert named after the source/);
    expect(r.out).toMatch(/differs in displayName\)/);
    expect(r.out).toMatch(/≠ displayName: Potential port scan from 198\.51\.100\.8 +│ displayName: Potential port scan from 198\.51\.100\.7/);
    expect(r.out).toMatch(/\n\d+ passed, 2 failed — \d+ cases in 2 files\n$/);
  });

  it('writes JUnit XML that parses, with the failures in it', () => {
    const dir = seedCopy((name, text) => (name === 'PaloAlto-PortScanning' ? text.replace('expect: {triggered: false, resultCount: 0}', 'expect: {triggered: true}') : text));
    const xmlFile = join(dir, 'out', 'results.xml');
    mkdirSync(join(dir, 'out'));
    const r = kqlx(['test', dir, '--junit', xmlFile, '-q']);
    expect(r.code).toBe(1);
    const xml = readFileSync(xmlFile, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suites = doc.testsuites.testsuite as { name: string; tests: string; failures: string; testcase: { name: string; failure?: { message: string } }[] }[];
    expect(suites.map((s) => s.name.replace(/^.*\//, ''))).toEqual(SEED_FILES.map((n) => `${n}.tests.yaml`));
    expect(Number(doc.testsuites.tests)).toBe(suites.reduce((n, s) => n + Number(s.tests), 0));
    expect(doc.testsuites.failures).toBe('1');
    const failed = suites[0]!.testcase.filter((c) => c.failure);
    expect(failed.map((c) => [c.name, c.failure!.message])).toEqual([['isnotempty(DestinationPort) - a null port stops them', 'triggered']]);
    // -q shows only the failing case and the summary.
    expect(r.out).toContain('✗ isnotempty(DestinationPort) - a null port stops them');
    expect(r.out).not.toContain('✓');
  });

  it('says when there is nothing to test, or a path does not exist (exit 2)', () => {
    const empty = mkdtempSync(join(tmpdir(), 'kqlx-notests-'));
    expect(kqlx(['test', empty])).toMatchObject({ code: 2, err: expect.stringContaining('no rule-test files (*.tests.yaml) found') });
    expect(kqlx(['test', join(empty, 'nope')])).toMatchObject({ code: 2, err: expect.stringContaining('no such file or directory') });
  });

  it('reports a broken test file with its line, and counts it as an error', () => {
    const dir = seedCopy((name, text) => (name === 'PaloAlto-PortScanning' ? text.replace('{DestinationPort: 3389}', '{DestinationPort: ssh}') : text));
    const r = kqlx(['test', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/! \S+PaloAlto-PortScanning\.tests\.yaml:\d+:11: error: tests\[\d+\]\.data\.CommonSecurityLog\[0\]: DestinationPort: 'ssh' is not a int/);
    expect(r.out).toMatch(/1 error — /);
  });
});

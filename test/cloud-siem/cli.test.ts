/**
 * The command line with Cloud SIEM rule files: rule, check, test and diff, and bad input — each a
 * message with file and line:col (or a caret inside the expression), a documented exit code, and
 * never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KQLX, ROOT } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlx-cse-cli-'));
const RULE = join(ROOT, 'fixtures/cloud-siem/port-scan.json');

function kqlx(...args: string[]) {
  const r = spawnSync('node', [KQLX, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function expectNoStackTrace(text: string) {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function records(name: string, rows: object[]): string {
  const d = join(dir, name);
  mkdirSync(d);
  writeFileSync(join(d, 'sec_record_network.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n'));
  return d;
}

const T0 = Date.parse('2024-05-01T00:00:00Z');
const scan = (src: string) => Array.from({ length: 5 }, (_, k) => ({
  timestamp: T0 + k * 1000, objectType: 'Network', srcDevice_ip: src, srcDevice_hostname: null, srcDevice_ip_isInternal: true,
  dstDevice_ip: '10.0.0.9', dstDevice_ip_isInternal: true, dstPort: 20 + k, listMatches: [],
}));

describe('kqlx with Cloud SIEM rules', () => {
  it('rule -o json prints {"signals": [...]} with the rule id, entity, group and summary', () => {
    const r = kqlx('rule', RULE, '--data', records('one-scan', scan('10.0.0.1')), '-o', 'json');
    expect(r.code, r.err).toBe(0);
    const { signals } = JSON.parse(r.out) as { signals: Record<string, unknown>[] };
    expect(signals.map((s) => [s.ruleId, s.timestamp, s.entities, s.groupBy, s.summary, s.count])).toEqual([
      ['THRESHOLD-EXAMPLE-1', T0 + 4000, [{ entity_type: '_ip', expression: 'srcDevice_ip', value: '10.0.0.1' }], { dstDevice_ip: '10.0.0.9' }, 'Port scan from 10.0.0.1 to 10.0.0.9', 5],
    ]);
  });
  it('test runs NAME.tests.yaml against NAME.json', () => {
    const r = kqlx('test', join(ROOT, 'fixtures/cloud-siem'));
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('3 passed');
  });
  it('diff shows the signals an edit adds and removes; --exit-code fails on a change', () => {
    const data = records('two-scans', [...scan('10.0.0.1'), ...scan('10.0.0.2').slice(0, 4)]);
    const edited = file('edited.json', JSON.stringify({ ...(JSON.parse(readFileSync(RULE, 'utf8')) as object), limit: 4 }));
    const r = kqlx('diff', RULE, edited, '--data', data, '--exit-code');
    expect(r.code).toBe(1);
    // limit 4: 10.0.0.1 fires a second earlier, and 10.0.0.2's four ports now fire too.
    expect(r.out).toContain('2 signal(s) added, 1 removed, 0 unchanged');
    expect(r.out).toContain('- 2024-05-01T00:00:04.000Z  Example: internal port scan  _ip 10.0.0.1');
    expect(r.out).toContain('+ 2024-05-01T00:00:03.000Z  Example: internal port scan  _ip 10.0.0.2');
  });
  it('check reports how many expressions parse and bind', () => {
    const r = kqlx('check', RULE);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 rule(s); 1 of 1 expressions parse and bind (100.0%)');
  });
});

describe('kqlx on bad Cloud SIEM input', () => {
  it('a syntax error in an expression: line:col inside it and a caret; exit 1', () => {
    const bad = file('syntax.json', JSON.stringify({ id_compiled: 'MATCH-X', name: 'x', pattern_type: 'match', expression: "objectType = 'Network'\nAND dstPort IN (53, 80" }));
    const r = kqlx('check', bad);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${bad}: MATCH-X expression:2:23: error KX143: unexpected end of expression; expected ')'`);
    expect(r.out).toContain('2 | AND dstPort IN (53, 80\n  |                       ^');
    expectNoStackTrace(r.out + r.err);
  });
  it('an unknown field, with did-you-mean from the normalized schema', () => {
    const bad = file('field.json', JSON.stringify({ id_compiled: 'MATCH-Y', name: 'y', pattern_type: 'match', expression: 'srcDevice_iip = "10.0.0.1"' }));
    const r = kqlx('check', bad);
    expect(r.code).toBe(1);
    expect(r.out).toContain("MATCH-Y expression:1:1: error KX201: unknown column or name 'srcDevice_iip' (did you mean 'srcDevice_ip'?)");
  });
  it('an unknown rule type and a window Sumo does not accept: file:line:col; exit 1', () => {
    const bad = file('type.json', '{\n  "id_compiled": "X-1",\n  "name": "x",\n  "pattern_type": "thresold",\n  "expression": "true"\n}');
    const r = kqlx('rule', bad, '--data', records('any', scan('10.0.0.5')));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}:4:19: error KX521: X-1 pattern_type: unknown rule type 'thresold' (did you mean 'threshold'?)`);
    const zero = file('zero.json', JSON.stringify({ id_compiled: 'T-0', name: 'z', pattern_type: 'threshold', expression: 'true', limit: 2, window: '0m' }));
    const z = kqlx('check', zero);
    expect(z.code).toBe(1);
    expect(z.out).toContain("error KX522: T-0 window: window '0m' is shorter than Cloud SIEM's shortest window, 1 minute");
    expectNoStackTrace(r.err + z.out);
  });
  it('records without timestamp: KX490; exit 1', () => {
    const data = records('no-ts', [{ objectType: 'Network', dstPort: 1 }]);
    const r = kqlx('rule', RULE, '--data', data);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error KX490: 1 record(s) of sec_record_network have no timestamp in epoch milliseconds (the first is record 1)');
    expectNoStackTrace(r.err);
  });
  it('no record files, a missing directory, a bad enrichment file: exit 2', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(kqlx('rule', RULE, '--data', empty)).toMatchObject({ code: 2 });
    expect(kqlx('rule', RULE, '--data', join(dir, 'nope')).err).toContain('is not a directory');
    const blocks = file('blocks.json', '[{"cidr": "10.0.0.0/33"}]');
    const r = kqlx('rule', RULE, '--data', records('enrich', scan('10.0.0.6')), '--network-blocks', blocks);
    expect(r.code).toBe(2);
    expect(r.err).toContain('"cidr" must be an IPv4 CIDR');
  });
});

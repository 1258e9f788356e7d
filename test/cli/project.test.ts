/**
 * A rule repository in CI (issue 15, item 13): `kqlx check DIR` walks it (rule-test files skipped),
 * and the project file kqlx.json at its root gives `check`, `test` and `rule` the schemas of custom
 * tables, the watchlists and the externaldata files, so no flags are needed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kqlx, scratchDir } from '../helpers/cli.js';

const RULE = (query: string) => `id: 6f1c1d7e-0000-4000-8000-000000000042
name: VIP sign-in from a new app
description: A VIP signs in through an app.
severity: Medium
kind: Scheduled
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
tactics:
  - InitialAccess
relevantTechniques:
  - T1078
query: |
${query.split('\n').map((l) => `  ${l}`).join('\n')}
entityMappings:
  - entityType: Account
    fieldMappings:
      - identifier: Name
        columnName: User
`;

const QUERY = `let vips = _GetWatchlist('vips') | project SearchKey, Title;
AppSignIn_CL
| where TimeGenerated > ago(1h)
| join kind=inner (vips) on $left.User == $right.SearchKey
| project TimeGenerated, User, App, Title`;

const TESTS = `now: 2024-05-01T12:00:00Z
tests:
  - name: a VIP signing in raises an alert
    data:
      AppSignIn_CL:
        - {TimeGenerated: now-10m, User: alice, App: mail}
        - {TimeGenerated: now-10m, User: mallory, App: mail}
    expect:
      alertCount: 1
      rows: [{User: alice, Title: CFO}]
`;

/** A repository: kqlx.json, a schema file, a watchlist, rules (one with a mistake when asked), tests, data. */
function repository(options: { broken?: boolean } = {}): string {
  const root = scratchDir('repo');
  mkdirSync(join(root, '.git'));
  for (const d of ['schemas', 'watchlists', 'rules/identity', 'data']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'kqlx.json'), JSON.stringify({ schemas: ['schemas/custom.json'], watchlists: { vips: 'watchlists/vips.csv' } }));
  writeFileSync(join(root, 'schemas/custom.json'), JSON.stringify({ AppSignIn_CL: { TimeGenerated: 'datetime', User: 'string', App: 'string' } }));
  writeFileSync(join(root, 'watchlists/vips.csv'), 'SearchKey,Title\nalice,CFO\nbob,CEO\n');
  writeFileSync(join(root, 'rules/identity/vip-signin.yaml'), RULE(QUERY));
  writeFileSync(join(root, 'rules/identity/vip-signin.tests.yaml'), TESTS);
  writeFileSync(join(root, 'rules/hunting.kql'), options.broken ? 'AppSignIn_CL | where Usr == "x"' : 'AppSignIn_CL | summarize count() by App');
  writeFileSync(join(root, 'data/AppSignIn_CL.jsonl'), '{"TimeGenerated":"2024-05-01T11:30:00Z","User":"bob","App":"vpn"}\n');
  return root;
}

describe('kqlx check DIR with the project file', () => {
  it('walks the repository, skips rule-test files, binds custom tables and watchlist columns; exit 0', () => {
    const root = repository();
    const r = kqlx(['check', '.'], { cwd: root });
    expect(r.err).toBe('');
    expect(r.out).toBe(`rules/hunting.kql: ok\nrules/identity/vip-signin.yaml: ok\n2 of 2 file(s) ok (project ${join(root, 'kqlx.json')})\n`);
    expect(r.code).toBe(0);
  });
  it('from a subfolder, the project file above it is found', () => {
    const root = repository();
    expect(kqlx(['check', 'identity'], { cwd: join(root, 'rules') }).code).toBe(0);
  });
  it('a mistake fails the run with exit 1, with file, line and column', () => {
    const root = repository({ broken: true });
    const r = kqlx(['check', '.', '-o', 'json'], { cwd: root });
    expect(r.code).toBe(1);
    const results = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(results.map((x) => [x.file, x.ok])).toEqual([['rules/hunting.kql', false], ['rules/identity/vip-signin.yaml', true]]);
    expect(results[0].diagnostics[0]).toMatchObject({ code: 'KX201', line: 1, col: 22, message: "unknown column or name 'Usr' (did you mean 'User'?)" });
  });
  it('without the project file the custom table is unknown (the file is what makes it known)', () => {
    const root = repository();
    const r = kqlx(['check', '.', '--project', join(root, 'schemas/custom.json')], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown key "AppSignIn_CL"');
    writeFileSync(join(root, 'kqlx.json'), '{}');
    expect(kqlx(['check', 'rules/hunting.kql'], { cwd: root }).out).toContain("unknown table or tabular function 'AppSignIn_CL'");
  });
  it('parser folders are refused by name, not ignored; exit 2', () => {
    const root = repository();
    writeFileSync(join(root, 'kqlx.json'), JSON.stringify({ parsers: ['parsers/'] }));
    const r = kqlx(['check', '.'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.err).toContain('"parsers" is not supported yet');
  });
  it('a project file with a mistake is a usage error naming it; exit 2', () => {
    const root = repository();
    writeFileSync(join(root, 'kqlx.json'), JSON.stringify({ watchlists: { vips: 'watchlists/missing.csv' } }));
    const r = kqlx(['check', '.'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.err).toBe(`kqlx: ${join(root, 'kqlx.json')}: "watchlists".vips: no such file '${join(root, 'watchlists/missing.csv')}'\n`);
  });
});

describe('test and rule read the project file too', () => {
  it('kqlx test: the watchlist and the custom schema come from kqlx.json', () => {
    const root = repository();
    const r = kqlx(['test', '-o', 'json'], { cwd: root });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.totals).toMatchObject({ files: 1, cases: 1, passed: 1, failed: 0, errors: 0 });
  });
  it('kqlx rule: only --data and --now on the command line', () => {
    const root = repository();
    const r = kqlx(['rule', 'rules/identity/vip-signin.yaml', '--data', 'data', '--now', '2024-05-01T12:00:00Z', '-o', 'json', '-q'], { cwd: root });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const run = JSON.parse(r.out).runs[0];
    expect(run.resultCount).toBe(1);
    expect(run.alerts[0].entities).toEqual([{ type: 'account', identifiers: { Name: 'bob' } }]);
  });
});

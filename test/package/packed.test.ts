/**
 * kqlx as users install it (issue 15, item 15): `npm pack` ships only what users need; a scratch
 * project installs the tarball, imports `kqlx` from plain Node (no tsx), runs a query, a rule and a
 * rule test through the documented API, type-checks against the shipped declarations, and runs the
 * installed `kqlx` command.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/paths.js';

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });

const USE_API = `
import { analyzeQuery, KqlxError, loadTable, runQuery, runRule, testRule } from 'kqlx';

const out = {};
out.query = await runQuery('Logins | where Failed | summarize failures = count() by User | order by User asc', {
  tables: { Logins: [{ User: 'alice', Failed: true }, { User: 'bob', Failed: true }, { User: 'alice', Failed: true }, { User: 'carol', Failed: false }] },
});
const csl = await loadTable('data/CommonSecurityLog.csv');
out.loaded = { name: csl.name, rowCount: csl.rowCount, problems: csl.problems.length };
out.fromFile = await runQuery('CommonSecurityLog | where TimeGenerated > ago(1h) | count', { tables: { CommonSecurityLog: csl }, now: '2024-05-02T00:00:00Z' });
out.analysis = analyzeQuery('CommonSecurityLog | summarize n = count() by SourceIP');
try {
  await runQuery('print tostrin(1)');
} catch (e) {
  out.error = { isKqlxError: e instanceof KqlxError, diagnostics: e.diagnostics };
}
const run = await runRule('rules/PaloAlto-PortScanning.yaml', { tables: { CommonSecurityLog: 'data/CommonSecurityLog.csv' }, now: '2024-05-01T12:00:00Z' });
out.rule = { resultCount: run.resultCount, triggered: run.triggered, alerts: run.alerts.length };
const suite = await testRule('rules/PaloAlto-PortScanning.tests.yaml');
out.test = { cases: suite.cases.length, outcomes: [...new Set(suite.cases.map((c) => c.outcome))] };
console.log(JSON.stringify(out));
`;

const TYPED = `
import { analyzeQuery, type Analysis, type Column, type QueryResult, runQuery, type SuiteJson, testRule } from 'kqlx';

const result: QueryResult = await runQuery('print x = 1', { now: new Date(0) });
const first: Column | undefined = result.columns[0];
const type: 'long' | string = first?.type ?? '';
const analysis: Analysis = analyzeQuery('print y = "a"');
const suite: SuiteJson = await testRule('rules/PaloAlto-PortScanning.tests.yaml');
// @ts-expect-error: the query is text, not a number
await runQuery(42);
// @ts-expect-error: now is a Date or ISO text
await runQuery('print 1', { now: 5 });
// @ts-expect-error: no such export
import { notAnExport } from 'kqlx';
export const used = [type, analysis.ok, suite.cases.length, notAnExport];
`;

describe('the packed package in a scratch project', () => {
  let project: string;
  let files: string[];

  beforeAll(() => {
    const packs = scratchDir('pack');
    // Packed from a clean build in a staging copy: dist/ in the work tree may hold files of sources
    // since removed (tsc does not delete them), and other tests run the command from it meanwhile.
    const staging = scratchDir('staging');
    for (const f of ['package.json', 'README.md', 'LICENSE']) copyFileSync(join(ROOT, f), join(staging, f));
    const tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(staging, 'dist'), '--tsBuildInfoFile', join(staging, 'dist/.tsbuildinfo')], { cwd: ROOT });
    const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', packs], staging)) as { filename: string; files: { path: string }[] }[];
    files = packed[0]!.files.map((f) => f.path);
    project = scratchDir('project');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-kqlx', private: true, type: 'module' }));
    npm(['install', join(packs, packed[0]!.filename), '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], project);
    mkdirSync(join(project, 'rules'));
    mkdirSync(join(project, 'data'));
    for (const f of ['PaloAlto-PortScanning.yaml', 'PaloAlto-PortScanning.tests.yaml']) copyFileSync(join(ROOT, 'queries/sentinel', f), join(project, 'rules', f));
    copyFileSync(join(ROOT, 'fixtures/sample/CommonSecurityLog.csv'), join(project, 'data/CommonSecurityLog.csv'));
  }, 300_000);

  it('ships the built JavaScript, its declarations, README, LICENSE; no sources, tests, fixtures or source maps', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/api/index.js', 'dist/api/index.d.ts', 'dist/cli/main.js']));
    expect(files.filter((f) => !/^dist\/.*\.(js|d\.ts|json)$/.test(f) && !['LICENSE', 'README.md', 'package.json'].includes(f))).toEqual([]);
    expect(files.filter((f) => /\.map$|tsbuildinfo|build-pack/.test(f))).toEqual([]);
  });

  it('the LICENSE is the license package.json names', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(project, 'node_modules/kqlx/LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it('plain Node imports kqlx and runs a query, a rule and a rule test through the API', () => {
    writeFileSync(join(project, 'use.mjs'), USE_API);
    const out = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8' }));
    expect(out.query).toEqual({ columns: [{ name: 'User', type: 'string' }, { name: 'failures', type: 'long' }], rows: [['alice', 2], ['bob', 1]] });
    expect(out.loaded).toEqual({ name: 'CommonSecurityLog', rowCount: 3000, problems: 0 });
    expect(out.fromFile.columns).toEqual([{ name: 'Count', type: 'long' }]);
    expect(out.analysis).toMatchObject({ ok: true, diagnostics: [], tables: ['CommonSecurityLog'], columns: [{ name: 'SourceIP', type: 'string' }, { name: 'n', type: 'long' }] });
    expect(out.error).toEqual({ isKqlxError: true, diagnostics: [{ severity: 'error', category: 'semantic', code: 'KX203', message: "unknown function 'tostrin' (did you mean 'tostring'?)", line: 1, col: 7 }] });
    expect(out.rule.triggered).toBe(out.rule.resultCount > 0);
    expect(out.test).toEqual({ cases: expect.any(Number), outcomes: ['passed'] });
    expect(out.test.cases).toBeGreaterThan(3);
  });

  it('the result equals what the installed kqlx command prints with -o json', () => {
    const bin = join(project, 'node_modules/.bin/kqlx');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const cli = JSON.parse(execFileSync(bin, ['query', 'CommonSecurityLog | summarize n = count() by DeviceAction | order by DeviceAction asc', '-t', 'CommonSecurityLog=data/CommonSecurityLog.csv', '-o', 'json', '-q'], { cwd: project, encoding: 'utf8' }));
    writeFileSync(join(project, 'same.mjs'), `import { runQuery } from 'kqlx';
console.log(JSON.stringify(await runQuery('CommonSecurityLog | summarize n = count() by DeviceAction | order by DeviceAction asc', { tables: { CommonSecurityLog: 'data/CommonSecurityLog.csv' } })));`);
    expect(JSON.parse(execFileSync(process.execPath, ['same.mjs'], { cwd: project, encoding: 'utf8' }))).toEqual(cli);
  });

  it('type-checks against the shipped declarations (strict, NodeNext), and rejects wrong calls', () => {
    writeFileSync(join(project, 'typed.ts'), TYPED);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] },
      files: ['typed.ts'],
    }));
    const tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
    const r = (() => {
      try {
        return { code: 0, out: execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' }) };
      } catch (e) {
        return { code: (e as { status: number }).status, out: String((e as { stdout: string }).stdout) };
      }
    })();
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });
});

/**
 * Command-line conventions (issue 15, items 11, 12 and 14): --version, usage errors exit 2, `kqlx`
 * alone prints help, `check` on a missing file exits 2, `-o json` on every command, "did you mean"
 * for operators, functions and tables, and shell completion scripts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kqlx, scratchDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/paths.js';

const RULE = 'queries/sentinel/PaloAlto-PortScanning.yaml';

describe('exit codes and help', () => {
  it('--version prints the package version and exits 0', () => {
    const r = kqlx(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
  it('kqlx alone prints help on stdout and exits 0', () => {
    const r = kqlx([]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: kqlx \[options\] \[command\]/);
    expect(r.out).toContain('completion');
  });
  it('usage errors exit 2: an unknown option, an unknown command, a bad choice, a missing argument', () => {
    for (const args of [['query', '--bogus'], ['frobnicate'], ['query', 'print 1', '-o', 'yaml'], ['rule']]) {
      const r = kqlx(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/error: /);
    }
  });
  it('--help exits 0', () => {
    expect(kqlx(['query', '--help']).code).toBe(0);
  });
  it('check on a missing file or directory exits 2 and names it', () => {
    for (const path of ['no/such.kql', 'no/such.yaml', 'no/such/dir']) {
      const r = kqlx(['check', path]);
      expect(r.code, path).toBe(2);
      expect(r.err).toContain(`no such file or directory: ${path}`);
    }
  });
});

describe('-o json everywhere', () => {
  it('check -o json and its alias --json print one object per file', () => {
    const a = kqlx(['check', RULE, '-o', 'json']);
    const b = kqlx(['check', RULE, '--json']);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out)).toEqual({ file: RULE, ok: true, diagnostics: [] });
    expect(b.out).toBe(a.out);
  });
  it('check -o json of a broken query gives the diagnostic with line and column; exit 1', () => {
    const dir = scratchDir('check-json');
    writeFileSync(join(dir, 'bad.kql'), 'SecurityEvent\n| summarze count()');
    const r = kqlx(['check', join(dir, 'bad.kql'), '-o', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).diagnostics[0]).toEqual({
      severity: 'error', category: 'syntax', code: 'KX105', message: "unknown query operator 'summarze' (did you mean 'summarize'?)", line: 2, col: 3,
    });
  });
  it('test -o json reports suites, cases and totals', () => {
    const r = kqlx(['test', 'queries/sentinel/PaloAlto-PortScanning.tests.yaml', '-o', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.ok).toBe(true);
    expect(report.totals.failed).toBe(0);
    expect(report.totals.cases).toBe(report.suites[0].cases.length);
    expect(report.suites[0]).toMatchObject({ file: 'queries/sentinel/PaloAlto-PortScanning.tests.yaml', rule: RULE, errors: [] });
    expect(report.suites[0].cases[0]).toMatchObject({ outcome: 'passed', mismatches: [], resultCount: 1, alertCount: 1 });
  });
});

describe('did you mean', () => {
  const first = (query: string) => kqlx(['query', query, '-q']).err.split('\n')[0];
  it('an operator', () => {
    expect(first('print x = 1 | summarze count()')).toBe("<query>:1:15: error KX105: unknown query operator 'summarze' (did you mean 'summarize'?)");
    expect(first('print x = 1 | projet x')).toContain("(did you mean 'project'?)");
  });
  it('a function, and an aggregate only where one may stand', () => {
    expect(first('print tostrin(1)')).toBe("<query>:1:7: error KX203: unknown function 'tostrin' (did you mean 'tostring'?)");
    expect(first('print x = 1 | summarize dcout(x)')).toContain("(did you mean 'dcount'?)");
  });
  it('a table: a Sentinel table, a let-bound name, a table loaded from a file', () => {
    expect(first('SecurityEvnt | take 1')).toBe("<query>:1:1: error KX202: unknown table or tabular function 'SecurityEvnt' (did you mean 'SecurityEvent'?)");
    expect(first('let Recent = datatable(a: int) [1]; Recnt')).toContain("(did you mean 'Recent'?)");
    const r = kqlx(['query', 'Evnts | count', '-t', 'Events=fixtures/io/events.parquet']);
    expect(r.code).toBe(1);
    expect(r.err).toContain("unknown table or tabular function 'Evnts' (did you mean 'Events'?)");
  });
  it('nothing is suggested when nothing is close', () => {
    expect(first('print zzqqxx(1)')).toBe("<query>:1:7: error KX203: unknown function 'zzqqxx'");
  });
});

describe('kqlx completion', () => {
  it('bash: completes commands, options and choices when sourced', () => {
    const script = kqlx(['completion', 'bash']);
    expect(script.code).toBe(0);
    const dir = scratchDir('completion');
    writeFileSync(join(dir, 'kqlx.bash'), script.out);
    const complete = (line: string) => {
      const words = line.split(' ');
      const bash = `source ${join(dir, 'kqlx.bash')}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _kqlx; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return spawnSync('bash', ['-c', bash], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
    };
    expect(complete('kqlx ')).toEqual(['--help', '--version', 'anatomy', 'check', 'completion', 'diff', 'explain', 'lint', 'query', 'rule', 'test'].sort());
    expect(complete('kqlx query -o ')).toEqual(['csv', 'html', 'json', 'jsonl', 'table', 'vertical']);
    expect(complete('kqlx check --')).toContain('--project');
    expect(complete('kqlx completion ')).toEqual(['bash', 'fish', 'zsh']);
  });
  it('zsh and fish scripts name every command and the choices of -o', () => {
    const zsh = kqlx(['completion', 'zsh']).out;
    const fish = kqlx(['completion', 'fish']).out;
    expect(zsh).toMatch(/^#compdef kqlx/);
    for (const c of ['query', 'explain', 'anatomy', 'lint', 'check', 'rule', 'test', 'diff', 'completion']) {
      expect(zsh).toContain(`    ${c}) _arguments`);
      expect(fish).toContain(`-n __fish_use_subcommand -a ${c} `);
    }
    expect(zsh).toContain(':value:(table vertical json jsonl csv html)');
    expect(fish).toContain("-s o -l output -x -a 'table vertical json jsonl csv html'");
  });
  it('an unknown shell is a usage error', () => {
    expect(kqlx(['completion', 'tcsh']).code).toBe(2);
  });
});

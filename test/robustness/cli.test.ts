/** Issue 15, items 1, 2 and 16 at the command line: closed pipes, long queries in `check`, batches. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KQLX, ROOT } from '../helpers/paths.js';

const SAMPLE = join(ROOT, 'fixtures/sample');

function kqlx(...args: string[]) {
  const r = spawnSync('node', [KQLX, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs kqlx and closes its stdout after the first chunk, as `| head -1` does. */
function readFirstChunk(args: string[]): Promise<{ code: number | null; err: string; first: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', [KQLX, ...args], { cwd: ROOT });
    let err = '';
    let first = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', (d) => {
      first = String(d);
      child.stdout.destroy();
    });
    child.on('close', (code) => resolve({ code, err, first }));
  });
}

describe('a reader that stops early (| head, quitting less)', () => {
  it.each(['table', 'csv', 'json', 'jsonl'])('-o %s: kqlx stops quietly with success', async (format) => {
    const r = await readFirstChunk(['query', 'CommonSecurityLog', '--data', SAMPLE, '-o', format, '-q']);
    expect(r.first.length).toBeGreaterThan(0);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('kqlx check on long queries', () => {
  it('a 2,000-term `or` chain is checked, not an internal error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kqlx-check-'));
    const file = join(dir, 'ioc.kql');
    writeFileSync(file, `CommonSecurityLog | where ${Array.from({ length: 2000 }, (_, i) => `DestinationIP == "10.0.${i >> 8}.${i & 255}"`).join(' or ')}`);
    const r = kqlx('check', file);
    expect(r.err).not.toContain('internal error');
    expect(r.code).toBe(0);
  });
  it('200 nested parentheses: KX410 with line:col, exit 1', () => {
    const r = kqlx('query', `print x = ${'('.repeat(200)}1${')'.repeat(200)}`);
    expect(r.code).toBe(1);
    expect(r.err).toContain('<query>:1:75: error KX410');
    expect(r.err).not.toContain('internal error');
  });
});

describe('batch mode answers each query on its own', () => {
  afterEach(() => {
    vi.doUnmock('../../src/engine.js');
    vi.resetModules();
  });
  it('an internal error in one query is its own answer; the later queries still run; exit 3', async () => {
    vi.resetModules();
    vi.doMock('../../src/engine.js', async (original) => {
      const engine = await original<typeof import('../../src/engine.js')>();
      return {
        ...engine,
        analyzeQuery: (text: Parameters<typeof engine.analyzeQuery>[0], catalog: Parameters<typeof engine.analyzeQuery>[1]) => {
          if (String(typeof text === 'string' ? text : text.text).includes('boom')) throw new TypeError('a bug stands in here');
          return engine.analyzeQuery(text, catalog);
        },
      };
    });
    const { queryCommand } = await import('../../src/cli/query-command.js');
    const dir = mkdtempSync(join(tmpdir(), 'kqlx-batch-'));
    const batch = join(dir, 'q.jsonl');
    writeFileSync(batch, ['{"id":1,"query":"print x = 1"}', '{"id":2,"query":"print boom = 2"}', '{"id":3,"query":"print y = 3"}', '{"id":4,"query":"print z = "}'].join('\n'));
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    let code: number;
    try {
      code = await queryCommand(undefined, { batch, output: 'json', quiet: true });
    } finally {
      spy.mockRestore();
    }
    const answers = written.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(answers.map((a) => a.id)).toEqual([1, 2, 3, 4]);
    expect(answers[0].rows).toEqual([[1]]);
    expect(answers[1].error).toMatchObject({ category: 'internal', message: 'internal error (please report it): a bug stands in here' });
    expect(answers[2].rows).toEqual([[3]]);
    expect(answers[3].error).toMatchObject({ category: 'syntax', code: 'KX104' });
    expect(code).toBe(3);
  });
});

describe('data problems: counted at the end of the run, an error with --strict', () => {
  const ragged = join(ROOT, 'fixtures/bad/ragged.csv');
  it('without --strict the run succeeds and its last line counts the problems', () => {
    const r = kqlx('query', 'T | count', '-t', `T=${ragged}`, '-o', 'json', '-q');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).rows).toEqual([[2]]);
    expect(r.err.trim().split('\n').pop()).toBe('kqlx: 1 data problem while loading (listed above): rows skipped or values changed; --strict makes any an error');
  });
  it('with --strict nothing runs and the exit code is 1', () => {
    const r = kqlx('query', 'T | count', '-t', `T=${ragged}`, '-o', 'json', '-q', '--strict');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('ragged.csv:3: expected 3 fields, found 2; row skipped');
    expect(r.err).toContain('kqlx: --strict: 1 data problem while loading (listed above); nothing was run');
  });
  it('a clean file prints no count, and --strict changes nothing', () => {
    const r = kqlx('query', 'CommonSecurityLog | count', '--data', SAMPLE, '-o', 'json', '-q', '--strict');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).rows).toEqual([[3000]]);
  });
});

/**
 * Every parser file of the Azure-Sentinel snapshot (`../shared/corpus/sentinel/parsers/snapshot/`),
 * bound by itself (called by its name with its defaults, without data; a name two files define is
 * bound once for each file). Each file either binds or fails with a named reason at a file:line:col.
 * Prints the counts; fails when fewer files bind than parsers-baseline.json records.
 * To record new numbers: KQLX_UPDATE_BASELINE=1 npx vitest run test/sentinel/parsers-bind.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeQuery, makeCatalog } from '../../src/engine.js';
import { sentinelCatalog } from '../../src/sentinel/catalog.js';
import { loadParsers } from '../../src/sentinel/parsers/parser-files.js';
import { SHARED } from '../helpers/paths.js';

const SNAPSHOT = join(SHARED, 'corpus/sentinel/parsers/snapshot');
const BASELINE_FILE = join(dirname(fileURLToPath(import.meta.url)), 'parsers-baseline.json');
const UPDATE = process.env.KQLX_UPDATE_BASELINE === '1';

/** bound; reads a table kqlx has no schema for (KX202: known once its data is given); any other failure. */
type Outcome = 'bound' | 'no-schema' | 'failed';
interface FileResult {
  readonly file: string;
  readonly outcome: Outcome;
  readonly reason?: string;
}

let results: FileResult[] = [];

describe('the parsers of the Azure-Sentinel snapshot', () => {
  beforeAll(() => {
    const library = loadParsers([SNAPSHOT]);
    const rel = (f: string) => relative(SNAPSHOT, f);
    const unread = library.problems.filter((p) => p.code !== 'KX563').map((p): FileResult => ({ file: rel(p.file), outcome: 'failed', reason: `${rel(p.file)}:${p.line}:${p.col}: ${p.code} ${p.message}` }));
    const bound = library.definitions().map((def): FileResult => {
      const catalog = makeCatalog(new Map(), sentinelCatalog(library.preferring(def)));
      const error = analyzeQuery(def.name, { catalog }).diagnostics.find((d) => d.severity === 'error');
      if (!error) return { file: rel(def.file), outcome: 'bound' };
      return { file: rel(def.file), outcome: error.code === 'KX202' ? 'no-schema' : 'failed', reason: `${error.code} ${error.message.replaceAll(`${SNAPSHOT}/`, '')}` };
    });
    results = [...unread, ...bound].sort((a, b) => (a.file < b.file ? -1 : 1));
  });

  it('prints how many bind, and why the others do not', () => {
    const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
    const total = results.length;
    const lines = [`\n=== parser files of the snapshot: ${total}; bound ${count('bound')} (${((100 * count('bound')) / total).toFixed(1)}%); ` +
      `reading a table with no schema ${count('no-schema')}; failed ${count('failed')}; ` +
      `bound of those whose tables have a schema: ${((100 * count('bound')) / (total - count('no-schema'))).toFixed(1)}% ===`];
    for (const r of results.filter((x) => x.outcome !== 'bound')) lines.push(`${r.outcome.padEnd(9)} ${r.file}: ${r.reason}`);
    console.log(lines.join('\n'));
    expect(total).toBeGreaterThan(300);
  });

  it('gives every file that does not bind a reason with its code and place', () => {
    for (const r of results.filter((x) => x.outcome !== 'bound')) {
      expect(r.reason, r.file).toMatch(/\bKX\d{3}\b/);
      expect(r.reason, r.file).toMatch(/:\d+:\d+/);
    }
  });

  it('binds at least as many files as parsers-baseline.json records', () => {
    const bound = results.filter((r) => r.outcome === 'bound').map((r) => r.file);
    let baseline: { bound: number; files: string[] } | undefined;
    try {
      baseline = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as { bound: number; files: string[] };
    } catch {
      baseline = undefined;
    }
    if (!baseline || UPDATE) {
      writeFileSync(BASELINE_FILE, `${JSON.stringify({ bound: bound.length, files: bound }, null, 1)}\n`);
      return;
    }
    const stopped = baseline.files.filter((f) => !bound.includes(f));
    expect(stopped, 'files that bound in the baseline and no longer do').toEqual([]);
    expect(bound.length).toBeGreaterThanOrEqual(baseline.bound);
  });
});

/**
 * Seed 004 through the real ASIM parsers: the rule over raw CommonSecurityLog rows (`--plant asim`)
 * through the snapshot's `_Im_NetworkSession` union, against the same rule over the same rows already
 * normalized (the parser's output, loaded as `_Im_NetworkSession`). Target: at most 1.5 times as long.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeQuery, makeCatalog, runAnalyzed } from '../../src/engine.js';
import type { ProductCatalog } from '../../src/semantics/context.js';
import { sentinel, sentinelCatalog } from '../../src/sentinel/catalog.js';
import { loadParsers } from '../../src/sentinel/parsers/parser-files.js';
import type { Table } from '../../src/table/table.js';
import { CACHE_DIR, GENERATOR, MAIN_DIR } from './datasets.js';
import { loadTable, readSeedQuery } from './kqlx-side.js';
import { median, ms, ratio } from './report.js';

const PARSERS = join(MAIN_DIR, '../shared/corpus/sentinel/parsers/snapshot/Parsers');
const NOW = new Date('2024-05-02T00:00:00Z');

function run(query: string | ReturnType<typeof readSeedQuery>, tables: Map<string, Table>, product: ProductCatalog): Table {
  const analyzed = analyzeQuery(query, { catalog: makeCatalog(tables, product) });
  const result = runAnalyzed(analyzed, { now: NOW, tables: (n) => tables.get(n) });
  if (!result.table) throw new Error(`kqlx could not run the query: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.table;
}

/** One report line: medians of `runs` timed runs (after a warm-up) of each side, and their ratio. */
export async function asimParsersLine(rows: number, runs: number, progress: (line: string) => void): Promise<string> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const csv = join(CACHE_DIR, `csl-asim-${rows}.csv`);
  if (!existsSync(csv)) {
    progress(`  generating ${csv}`);
    const g = spawnSync('node', [GENERATOR, '--table', 'CommonSecurityLog', '--rows', String(rows), '--plant', 'asim', '--format', 'csv', '--out', csv, '--quiet'], { stdio: 'inherit' });
    if (g.status !== 0) throw new Error(`gen-logs failed for ${csv}`);
  }
  const seed = readSeedQuery(join(MAIN_DIR, 'queries/sentinel/PortScan-ASimNetworkSession.yaml'));
  const raw = new Map([['CommonSecurityLog', (await loadTable(csv, 'CommonSecurityLog')).table]]);
  const parsers = sentinelCatalog(loadParsers([PARSERS]));
  const normalized = new Map([['_Im_NetworkSession', run('_Im_NetworkSession', raw, parsers)]]);
  const time = (f: () => Table) => {
    const out: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      f();
      if (i > 0) out.push(performance.now() - t0);
    }
    return median(out);
  };
  progress(`  kqlx   seed 004 through the parsers, ${rows} rows`);
  const through = time(() => run(seed, raw, parsers));
  progress(`  kqlx   seed 004 over the normalized rows, ${rows} rows`);
  const direct = time(() => run(seed, normalized, sentinel));
  return `seed 004 through the real _Im_NetworkSession over ${rows} raw CommonSecurityLog rows: ${ms(through)}; over the same rows pre-normalized: ${ms(direct)}; ratio ${ratio(through, direct)} (target ≤ 1.5×)`;
}

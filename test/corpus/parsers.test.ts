/**
 * The corpus rules that read parser functions (`_Im_*`, `im*`, `ASim*`, solution parsers such as
 * `CiscoSEGEvent`), run through the real parsers of the Azure-Sentinel snapshot over generated raw
 * source tables (the pack tables the parsers read, with generated rows; now() pinned). Classified as
 *   ran        no error
 *   no-schema  it reads a table kqlx has no schema for (KX202), so no rows can be generated for it
 *   refused    the first error is unsupported (KX3xx), named with the parser's file and line
 *   failed     any other error
 *   internal   the engine threw: a bug
 * Fails on an internal error, or when fewer rules run than parsers-baseline.json records.
 * To record new numbers: KQLX_UPDATE_BASELINE=1 npx vitest run test/corpus/parsers.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeQuery, runQuery } from '../../src/engine.js';
import { scannedTables } from '../../src/rules/scanned-tables.js';
import type { Catalog } from '../../src/semantics/context.js';
import { sentinelCatalog } from '../../src/sentinel/catalog.js';
import { loadParsers } from '../../src/sentinel/parsers/parser-files.js';
import { sentinelSchema, sentinelTableNames } from '../../src/sentinel/schemas/index.js';
import { Table } from '../../src/table/table.js';
import { SHARED } from '../helpers/paths.js';
import { loadCorpus } from './classify.js';
import { NOW_TICKS, tablesFor } from './generate-data.js';
import { rank, textTable } from './report.js';

const BASELINE_FILE = join(dirname(fileURLToPath(import.meta.url)), 'parsers-baseline.json');
const UPDATE = process.env.KQLX_UPDATE_BASELINE === '1';

type Outcome = 'ran' | 'no-schema' | 'refused' | 'failed' | 'internal';
interface Result {
  readonly id: string;
  readonly outcome: Outcome;
  readonly rows?: number;
  readonly error?: string;
}

let results: Result[] = [];

describe('corpus rules that read parser functions, through the parsers', () => {
  beforeAll(() => {
    const library = loadParsers([join(SHARED, 'corpus/sentinel/parsers/snapshot')]);
    const product = sentinelCatalog(library);
    const parserNames = new Set(library.names());
    const reads = (query: string) => [...query.matchAll(/[A-Za-z_]\w*/g)].some((m) => parserNames.has(m[0]));
    // The pack's tables by name (so wildcards find them), except the parsers' outputs the pack also
    // lists (a table loaded under a parser's name would win over the parser), and the parser functions.
    const packTables = sentinelTableNames().filter((n) => !parserNames.has(n));
    const discovery: Catalog = { tableSchema: sentinelSchema, tableNames: () => packTables, sourceFunction: product.sourceFunction };
    results = loadCorpus().filter((r) => reads(r.query)).map((rule): Result => {
      try {
        const analyzed = analyzeQuery(rule.query, { catalog: discovery });
        const raw = analyzed.plan ? scannedTables(analyzed.plan, { withOptional: true }) : [];
        const tables = tablesFor(raw, 'rows', rule.query);
        const result = runQuery(rule.query, tables, { now: NOW_TICKS, known: product, externalData: () => Table.empty([]) });
        const error = result.diagnostics.find((d) => d.severity === 'error');
        if (!error) return { id: rule.id, outcome: 'ran', rows: result.table?.rowCount ?? 0 };
        const outcome: Outcome = error.code === 'KX202' ? 'no-schema' : error.category === 'unsupported' ? 'refused' : 'failed';
        return { id: rule.id, outcome, error: `${error.code} ${error.message}` };
      } catch (e) {
        return { id: rule.id, outcome: 'internal', error: ((e as Error).stack ?? String(e)).split('\n').slice(0, 4).join(' | ') };
      }
    });
  });

  it('prints how many run', () => {
    const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
    const out = [`\n=== corpus rules reading parser functions: ${results.length}; ran through the parsers over generated raw tables: ${count('ran')} ` +
      `(${results.filter((r) => r.outcome === 'ran' && (r.rows ?? 0) > 0).length} with rows); read a table with no schema: ${count('no-schema')}; ` +
      `refused: ${count('refused')}; failed: ${count('failed')}; internal: ${count('internal')} ===`];
    const notRun = results.filter((r) => r.outcome !== 'ran');
    out.push(textTable(['rules', 'outcome and first error', 'examples'], rank(notRun, (r) => `${r.outcome} ${r.error!.replace(/\(in parser.*$/, '').slice(0, 140)}`, (r) => r.id)
      .map((g) => [g.count, g.key, g.examples.slice(0, 2).join(' ')])));
    console.log(out.join('\n'));
    expect(results.length).toBeGreaterThan(0);
  });

  it('has no internal errors', () => {
    expect(results.filter((r) => r.outcome === 'internal').map((r) => `${r.id}: ${r.error}`)).toEqual([]);
  });

  it('runs at least as many rules as parsers-baseline.json records', () => {
    const ran = results.filter((r) => r.outcome === 'ran').map((r) => r.id).sort();
    let baseline: { ran: number; ids: string[] } | undefined;
    try {
      baseline = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as { ran: number; ids: string[] };
    } catch {
      baseline = undefined;
    }
    if (!baseline || UPDATE) {
      writeFileSync(BASELINE_FILE, `${JSON.stringify({ total: results.length, ran: ran.length, ids: ran }, null, 1)}\n`);
      return;
    }
    expect(baseline.ids.filter((id) => !ran.includes(id)), 'rules that ran in the baseline and no longer do').toEqual([]);
    expect(ran.length).toBeGreaterThanOrEqual(baseline.ran);
  });
});

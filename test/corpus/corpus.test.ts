/**
 * Corpus measurement: every one of the 1042 Sentinel analytic rules, run verbatim over tables built
 * from the schema pack (once empty, once with generated rows; now() pinned), classified as
 *   ran            no error diagnostic in either run
 *   refused        the first error is 'unsupported' (KX3xx): valid KQL kqlx declines by name
 *   missing-table  the rule reads a table or function that is neither in the pack nor generated (KX202)
 *   needs-data     it names columns only data supplies: bag_unpack/pivot output the generated rows
 *                  do not produce, or a watchlist that was not given (KX401, KX404)
 *   rule-error     the official binder finds an error in the same query over the same schemas too
 *   failed         any other error: syntax, semantic or runtime (a difference from Kusto to look into)
 *   internal       the engine threw: a bug
 *
 * Fails on any internal error, or when fewer rules run than baseline.json records.
 * To record new numbers: KQLX_UPDATE_BASELINE=1 npx vitest run test/corpus/corpus.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyRule, loadCorpus, OUTCOMES, type Outcome, type RuleResult } from './classify.js';
import { FIXED_NOW, ROWS_PER_TABLE } from './generate-data.js';
import { clip, pct, rank, textTable } from './report.js';

const BASELINE_FILE = join(dirname(fileURLToPath(import.meta.url)), 'baseline.json');
const RESULTS_FILE = join(tmpdir(), 'kqlx-corpus-results.json');
const UPDATE = process.env.KQLX_UPDATE_BASELINE === '1';

interface Baseline {
  readonly total: number;
  readonly counts: Record<Outcome, number>;
  /** Ids of the rules that ran, to tell which rule stopped running when the count moves. */
  readonly ranIds: string[];
}

function readBaseline(): Baseline | undefined {
  try {
    return JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline;
  } catch {
    return undefined;
  }
}

let results: RuleResult[] = [];
let counts: Record<Outcome, number>;
let seconds = 0;

describe('Sentinel corpus', () => {
  beforeAll(() => {
    const rules = loadCorpus();
    const t0 = performance.now();
    results = rules.map(classifyRule);
    seconds = (performance.now() - t0) / 1000;
    counts = Object.fromEntries(OUTCOMES.map((o) => [o, results.filter((r) => r.outcome === o).length])) as Record<Outcome, number>;
    writeFileSync(RESULTS_FILE, JSON.stringify({ now: FIXED_NOW.toISOString(), rowsPerTable: ROWS_PER_TABLE, counts, results }, null, 1));
  });

  it('prints the summary', () => {
    const total = results.length;
    const out: string[] = [];
    out.push(`\n=== kqlx over the Sentinel corpus: ${total} rules, ${seconds.toFixed(1)} s (empty tables and ${ROWS_PER_TABLE} generated rows per table, now = ${FIXED_NOW.toISOString()}) ===`);
    out.push(textTable(['outcome', 'rules', 'rate'], OUTCOMES.map((o) => [o, counts[o], pct(counts[o], total)])));

    const emptyOnly = results.filter((r) => r.empty.outcome === 'ran' && r.rows.outcome !== 'ran');
    out.push(`\nran over empty tables: ${results.filter((r) => r.empty.outcome === 'ran').length}; ran over generated rows: ${results.filter((r) => r.rows.outcome === 'ran').length}; ran empty but not with rows: ${emptyOnly.length}`);
    const nonEmpty = results.filter((r) => r.outcome === 'ran' && (r.rows.rows ?? 0) > 0).length;
    out.push(`rules that ran and returned rows over the generated data: ${nonEmpty}`);

    const refused = results.filter((r) => r.outcome === 'refused');
    out.push(`\n--- top 20 refusal reasons (${refused.length} rules) ---`);
    out.push(textTable(['rules', 'code', 'message', 'examples'], rank(refused, (r) => `${r.error!.code}\t${r.error!.message}`, (r) => r.id)
      .slice(0, 20).map((g) => [g.count, ...g.key.split('\t').map((s) => clip(s)), g.examples.join(' ')])));

    const missing = results.filter((r) => r.outcome === 'missing-table');
    out.push(`\n--- missing tables/functions (${missing.length} rules) ---`);
    out.push(textTable(['rules', 'name', 'examples'], rank(missing.flatMap((r) => r.missing!.map((m) => ({ m, id: r.id }))), (x) => x.m, (x) => x.id)
      .map((g) => [g.count, g.key, g.examples.join(' ')])));

    const explained = results.filter((r) => r.outcome === 'needs-data' || r.outcome === 'rule-error');
    out.push(`\n--- rules that need data, and rule errors the official binder confirms (${explained.length}) ---`);
    out.push(textTable(['outcome', 'rule', 'kqlx', 'official binder'], explained.map((r) => [
      r.outcome, r.id, clip(`${r.error!.code} ${r.error!.message}`), clip(r.officialError ?? ''),
    ])));

    const failed = results.filter((r) => r.outcome === 'failed');
    out.push(`\n--- top 20 failure messages (${failed.length} rules; by category: ${rank(failed, (r) => r.error!.category, (r) => r.id).map((g) => `${g.key} ${g.count}`).join(', ')}) ---`);
    out.push(textTable(['rules', 'code', 'category', 'message', 'examples'], rank(failed, (r) => `${r.error!.code}\t${r.error!.category}\t${r.error!.message}`, (r) => r.id)
      .slice(0, 20).map((g) => [g.count, ...g.key.split('\t').map((s) => clip(s)), g.examples.join(' ')])));
    out.push(`\n--- failures by code and message shape (quoted names elided) ---`);
    out.push(textTable(['rules', 'code', 'message', 'examples'], rank(failed, (r) => `${r.error!.code}\t${r.error!.message.replace(/'[^']*'/g, "'…'").replace(/"[^"]*"/g, '"…"')}`, (r) => r.id)
      .slice(0, 20).map((g) => [g.count, ...g.key.split('\t').map((s) => clip(s)), g.examples.join(' ')])));

    const internal = results.filter((r) => r.outcome === 'internal');
    if (internal.length) {
      out.push(`\n--- internal errors (${internal.length}) ---`);
      for (const r of internal) out.push(`${r.id}  ${r.name}\n  ${(r.exception ?? '').split('\n').join('\n  ')}`);
    }
    out.push(`\nper-rule results: ${RESULTS_FILE}`);
    console.log(out.join('\n'));
    expect(total).toBe(1042);
  });

  it('has no internal errors (exceptions thrown by the engine)', () => {
    const internal = results.filter((r) => r.outcome === 'internal').map((r) => `${r.id}: ${r.exception?.split('\n')[0]}`);
    expect(internal).toEqual([]);
  });

  it('runs at least as many rules as baseline.json records', () => {
    const ranIds = results.filter((r) => r.outcome === 'ran').map((r) => r.id).sort();
    const current: Baseline = { total: results.length, counts, ranIds };
    const baseline = readBaseline();
    if (!baseline || UPDATE) {
      writeFileSync(BASELINE_FILE, `${JSON.stringify(current, null, 1)}\n`);
      console.log(`wrote ${BASELINE_FILE}: ran ${counts.ran}`);
      return;
    }
    const before = new Set(baseline.ranIds);
    const now = new Set(ranIds);
    const stopped = baseline.ranIds.filter((id) => !now.has(id));
    const started = ranIds.filter((id) => !before.has(id));
    if (stopped.length) {
      const byId = new Map(results.map((r) => [r.id, r]));
      console.log(`rules that ran in the baseline and no longer run (${stopped.length}):\n${stopped.map((id) => `  ${id}: ${byId.get(id)?.outcome} ${byId.get(id)?.error?.message ?? byId.get(id)?.exception?.split('\n')[0] ?? ''}`).join('\n')}`);
    }
    if (counts.ran > baseline.counts.ran || started.length) {
      console.log(`NOTE: ${counts.ran} rules run now, the baseline records ${baseline.counts.ran} (${started.length} newly running: ${started.slice(0, 10).join(' ')}${started.length > 10 ? ' …' : ''}). ` +
        'Update the baseline: KQLX_UPDATE_BASELINE=1 npx vitest run test/corpus/corpus.test.ts');
    }
    expect(counts.ran, `ran dropped below the baseline (${baseline.counts.ran})`).toBeGreaterThanOrEqual(baseline.counts.ran);
  });
});

/**
 * `npm run bench`: kqlx against DuckDB on the two seed rules, over logs made by the shared generator.
 *
 * For each query and size: end to end (read the rule YAML, load the CSV, run the query), the load
 * alone, and the query alone over the table already in memory; the same for DuckDB with equivalent
 * SQL over the same file. Medians of N timed runs after one discarded warm-up run. Speed is only
 * measured and printed, never asserted; the exit code is 1 only when something fails to run.
 * The result row counts (and a checksum) of kqlx, DuckDB and the generator's truth file are compared,
 * and a difference is printed as a warning.
 *
 *   npm run bench                      100k and 1M rows
 *   npm run bench -- --quick           100k rows only
 *   npm run bench -- --rows 200000     other sizes (comma-separated); env BENCH_ROWS does the same
 *   npm run bench -- --runs 2          timed runs per measurement (env BENCH_RUNS)
 *   npm run bench -- --query asim      only the queries whose name contains the text
 */
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Table } from '../../src/table/table.js';
import { asimParsersLine } from './asim-parsers.js';
import { CACHE_DIR, CHECKSUM_COLUMN, type Dataset, ensureDataset, type GenTable, MAIN_DIR } from './datasets.js';
import { ASIM_SQL, type DuckSession, loadSql, openDuckDB, PALO_ALTO_SQL, runDuckQuery } from './duckdb-side.js';
import { type ChainTiming, FILTER_CHAIN_LEGEND, measureFilterChain } from './filter-chain.js';
import { columnSum, loadTable, readSeedQuery, runSeedQuery } from './kqlx-side.js';
import { count, median, mib, ms, ratio, textTable } from './report.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// ── what to run ───────────────────────────────────────────────────────────────

interface Query {
  readonly id: string;
  readonly yaml: string;
  readonly genTable: GenTable;
  /** The table name the query reads, in kqlx and in DuckDB. */
  readonly tableName: string;
  readonly sql: string;
}

const QUERIES: readonly Query[] = [
  { id: 'PaloAlto-PortScanning', yaml: 'queries/sentinel/PaloAlto-PortScanning.yaml', genTable: 'CommonSecurityLog', tableName: 'CommonSecurityLog', sql: PALO_ALTO_SQL },
  { id: 'PortScan-ASimNetworkSession', yaml: 'queries/sentinel/PortScan-ASimNetworkSession.yaml', genTable: 'NetworkSession', tableName: '_Im_NetworkSession', sql: ASIM_SQL },
];

interface Options {
  sizes: number[];
  runs?: number;
  query?: string;
}

const USAGE = `usage: npm run bench -- [--quick] [--rows N[,N...]] [--runs N] [--query TEXT]
  --quick        100,000 rows only
  --rows LIST    row counts to run (default 100000,1000000; env BENCH_ROWS)
  --runs N       timed runs per measurement (default 5 at 100k, 3 at 1M; env BENCH_RUNS)
  --query TEXT   only queries whose name contains TEXT (case-insensitive)`;

function positiveInt(text: string, what: string): number {
  const n = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${what}: expected a positive integer, got '${text}'`);
  return n;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options {
  let sizes: number[] | undefined = process.env.BENCH_ROWS ? process.env.BENCH_ROWS.split(',').map((s) => positiveInt(s, 'BENCH_ROWS')) : undefined;
  let runs = process.env.BENCH_RUNS ? positiveInt(process.env.BENCH_RUNS, 'BENCH_RUNS') : undefined;
  let query: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') sizes = [100_000];
    else if (a === '--rows') sizes = value().split(',').map((s) => positiveInt(s, '--rows'));
    else if (a === '--runs') runs = positiveInt(value(), '--runs');
    else if (a === '--query') query = value().toLowerCase();
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new UsageError(`unknown argument '${a}'`);
  }
  return { sizes: [...new Set(sizes ?? [100_000, 1_000_000])].sort((x, y) => x - y), runs, query };
}

const runsFor = (rows: number, o: Options) => o.runs ?? (rows >= 1_000_000 ? 3 : 5);

function commandLine(argv: readonly string[]): string {
  const env = ['BENCH_ROWS', 'BENCH_RUNS'].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]} `).join('');
  const args = argv.join(' ');
  if (process.env.npm_lifecycle_event === 'bench') return `${env}npm run bench${args ? ` -- ${args}` : ''}`;
  return `${env}npx tsx test/perf/bench.ts${args ? ` ${args}` : ''}`;
}

const progress = (line: string) => process.stderr.write(`${line}\n`);

// ── measurements ──────────────────────────────────────────────────────────────

interface Timings {
  endToEnd: number[];
  load: number[];
  query: number[];
}

interface KqlxMeasure extends Timings {
  resultRows: number;
  checksum: number;
  rssBeforeLoad: number;
  rssAfterLoad: number;
  /** JS heap + external memory (array buffers) held after the run and a GC, less before the first load: about the loaded table's size. */
  heapGrowth: number;
  rowsLoaded: number;
  problems: number;
  /** Two successive wheres over the loaded CommonSecurityLog table (filter-chain.ts). */
  chain?: ChainTiming[];
}

interface DuckMeasure extends Timings {
  resultRows: number;
  checksum: number;
}

async function measureKqlx(q: Query, ds: Dataset, runs: number): Promise<KqlxMeasure> {
  const m: KqlxMeasure = { endToEnd: [], load: [], query: [], resultRows: -1, checksum: NaN, rssBeforeLoad: 0, rssAfterLoad: 0, heapGrowth: 0, rowsLoaded: 0, problems: 0 };
  const yamlPath = join(MAIN_DIR, q.yaml);
  let table: Table | undefined;
  const heapOf = (u: NodeJS.MemoryUsage) => u.heapUsed + u.external;
  gc();
  const before = process.memoryUsage();
  m.rssBeforeLoad = before.rss;
  // End to end; run 0 is the warm-up.
  for (let run = 0; run <= runs; run++) {
    table = undefined; // let the previous run's table go before loading the next
    gc();
    progress(`  kqlx   ${q.id} ${count(ds.rows)} rows: end to end, run ${run + 1}/${runs + 1}${run === 0 ? ' (warm-up)' : ''}`);
    const t0 = performance.now();
    const source = readSeedQuery(yamlPath);
    const tLoad = performance.now();
    const loaded = await loadTable(ds.csv, q.tableName);
    const t1 = performance.now();
    const usage = process.memoryUsage();
    const result = runSeedQuery(source, q.tableName, loaded.table);
    const t2 = performance.now();
    if (run > 0) {
      m.endToEnd.push(t2 - t0);
      m.load.push(t1 - tLoad);
    }
    m.rssAfterLoad = Math.max(m.rssAfterLoad, usage.rss);
    m.rowsLoaded = loaded.table.rowCount;
    m.problems = loaded.problems;
    m.resultRows = result.rowCount;
    m.checksum = columnSum(result, CHECKSUM_COLUMN[q.genTable]);
    table = loaded.table;
    gc(); // outside the timed part
    m.heapGrowth = Math.max(m.heapGrowth, heapOf(process.memoryUsage()) - heapOf(before));
  }
  // The query alone over the table of the last run.
  const source = readSeedQuery(yamlPath);
  progress(`  kqlx   ${q.id} ${count(ds.rows)} rows: query in memory, ${runs + 1} runs`);
  for (let run = 0; run <= runs; run++) {
    const t0 = performance.now();
    const result = runSeedQuery(source, q.tableName, table!);
    const t = performance.now() - t0;
    if (run > 0) m.query.push(t);
    if (result.rowCount !== m.resultRows) throw new Error(`kqlx: ${q.id} gave ${result.rowCount} rows in memory but ${m.resultRows} end to end`);
  }
  if (q.tableName === 'CommonSecurityLog') {
    progress(`  kqlx   two successive wheres, ${count(ds.rows)} rows: query in memory, ${runs + 1} runs each`);
    m.chain = measureFilterChain(table!, runs);
  }
  return m;
}

async function measureDuck(duck: DuckSession, q: Query, ds: Dataset, runs: number): Promise<DuckMeasure> {
  const m: DuckMeasure = { endToEnd: [], load: [], query: [], resultRows: -1, checksum: NaN };
  const create = loadSql(q.genTable, q.tableName, ds.csv);
  const checksumColumn = CHECKSUM_COLUMN[q.genTable];
  for (let run = 0; run <= runs; run++) {
    progress(`  DuckDB ${q.id} ${count(ds.rows)} rows: end to end, run ${run + 1}/${runs + 1}${run === 0 ? ' (warm-up)' : ''}`);
    await duck.connection.run(`DROP TABLE IF EXISTS "${q.tableName}"`);
    const t0 = performance.now();
    await duck.connection.run(create);
    const t1 = performance.now();
    const r = await runDuckQuery(duck.connection, q.sql, checksumColumn);
    const t2 = performance.now();
    if (run > 0) {
      m.endToEnd.push(t2 - t0);
      m.load.push(t1 - t0);
    }
    m.resultRows = r.rows;
    m.checksum = r.checksum;
  }
  progress(`  DuckDB ${q.id} ${count(ds.rows)} rows: query in memory, ${runs + 1} runs`);
  for (let run = 0; run <= runs; run++) {
    const t0 = performance.now();
    const r = await runDuckQuery(duck.connection, q.sql, checksumColumn);
    const t = performance.now() - t0;
    if (run > 0) m.query.push(t);
    if (r.rows !== m.resultRows) throw new Error(`DuckDB: ${q.id} gave ${r.rows} rows in memory but ${m.resultRows} end to end`);
  }
  await duck.connection.run(`DROP TABLE IF EXISTS "${q.tableName}"`);
  return m;
}

// ── main ──────────────────────────────────────────────────────────────────────

interface Case {
  readonly q: Query;
  readonly ds: Dataset;
  readonly runs: number;
  kqlx?: KqlxMeasure;
  duck?: DuckMeasure;
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg();
  const argv = process.argv.slice(2);
  const options = parseArgs(argv);
  const queries = QUERIES.filter((q) => !options.query || q.id.toLowerCase().includes(options.query));
  if (queries.length === 0) throw new UsageError(`--query ${options.query}: no query matches (${QUERIES.map((q) => q.id).join(', ')})`);

  progress(`kqlx bench: ${commandLine(argv)}`);

  // Data first, so generation time is not mixed into anything measured.
  const cases: Case[] = [];
  const datasets: Dataset[] = [];
  for (const rows of options.sizes) {
    for (const q of queries) {
      const ds = ensureDataset(q.genTable, rows, 42, progress);
      if (!datasets.includes(ds)) datasets.push(ds);
      cases.push({ q, ds, runs: runsFor(rows, options) });
    }
  }

  // kqlx for every case, then DuckDB (in the same process, so DuckDB's memory stays out of kqlx's RSS figures).
  for (const c of cases) c.kqlx = await measureKqlx(c.q, c.ds, c.runs);
  gc();
  const kqlxPeakRss = process.resourceUsage().maxRSS * 1024;
  const duck = await openDuckDB();
  try {
    for (const c of cases) c.duck = await measureDuck(duck, c.q, c.ds, c.runs);
  } finally {
    duck.close();
  }

  // ── report ──
  const out: string[] = [];
  const cpuList = cpus();
  out.push('');
  out.push('kqlx benchmark: seed rules over generated logs, kqlx vs DuckDB');
  out.push(`command:  ${commandLine(argv)}   (in ${MAIN_DIR})`);
  out.push(`machine:  Node ${process.version}, ${platform()} ${arch()}, ${cpuList.length} cores (${cpuList[0]?.model.trim() ?? 'unknown CPU'}), ${mib(totalmem())} RAM`);
  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  out.push(`load avg: ${la(loadAtStart)} at start, ${la(loadavg())} at end (1/5/15 min; other work on the machine skews the timings)`);
  out.push(`engines:  kqlx single-threaded (loadTableFile from src/io/load.ts); DuckDB ${duck.version} (@duckdb/node-api), threads=${duck.threads}`);
  out.push(`runs:     median of ${[...new Set(cases.map((c) => `${c.runs} (${count(c.ds.rows)} rows)`))].join(', ')} timed runs, each after 1 discarded warm-up run`);
  out.push(`phases:   end-to-end = load + query (kqlx also reads the rule YAML); load = CSV file to table; query in memory = the query alone over the loaded table (kqlx: parse + bind + run; DuckDB: run), result rows fetched into JS`);
  for (const ds of datasets) {
    const how = ds.generatedSeconds === undefined ? 'cached' : `generated in ${ds.generatedSeconds.toFixed(1)} s`;
    out.push(`data:     ${relative(MAIN_DIR, ds.csv)}  ${ds.table}, ${count(ds.rows)} rows, ${mib(ds.bytes)} (${how})`);
  }
  out.push('');

  const phases: [string, keyof Timings][] = [['end-to-end', 'endToEnd'], ['load', 'load'], ['query in memory', 'query']];
  const timingRows: string[][] = [];
  for (const c of cases) {
    phases.forEach(([label, key], i) => {
      const k = median(c.kqlx![key]);
      const d = median(c.duck![key]);
      timingRows.push([i === 0 ? c.q.id : '', i === 0 ? count(c.ds.rows) : '', label, ms(k), ms(d), ratio(k, d)]);
    });
  }
  out.push(textTable(['query', 'rows', 'phase', 'kqlx', 'DuckDB', 'kqlx/DuckDB'], timingRows, new Set([1, 3, 4, 5])));
  out.push('');

  const chainRows = cases.flatMap((c) => (c.kqlx!.chain ?? []).map((t, i) => [
    i === 0 ? count(c.ds.rows) : '', t.label, count(t.resultRows), ms(median(t.times)),
  ]));
  if (chainRows.length > 0) {
    out.push(textTable(['rows', 'two successive wheres', 'result rows', 'kqlx query in memory'], chainRows, new Set([0, 2, 3])));
    out.push(...FILTER_CHAIN_LEGEND.map((l) => `  ${l}`));
    out.push('');
  }

  const warnings: string[] = [];
  const checkRows = cases.map((c) => {
    const k = c.kqlx!;
    const d = c.duck!;
    const t = c.ds.truth;
    const rowsAgree = k.resultRows === d.resultRows && k.resultRows === t.rows;
    const sumsAgree = k.checksum === d.checksum && k.checksum === t.checksum;
    if (!rowsAgree) warnings.push(`WARNING: ${c.q.id} at ${count(c.ds.rows)} rows: result rows differ: kqlx ${k.resultRows}, DuckDB ${d.resultRows}, truth ${t.rows}`);
    if (!sumsAgree) warnings.push(`WARNING: ${c.q.id} at ${count(c.ds.rows)} rows: sum(${CHECKSUM_COLUMN[c.q.genTable]}) differs: kqlx ${k.checksum}, DuckDB ${d.checksum}, truth ${t.checksum}`);
    return [c.q.id, count(c.ds.rows), String(k.resultRows), String(d.resultRows), String(t.rows), `${k.checksum} / ${d.checksum} / ${t.checksum}`, rowsAgree && sumsAgree ? 'ok' : 'DIFFERENT'];
  });
  out.push(textTable(['result check', 'rows', 'kqlx rows', 'DuckDB rows', 'truth rows', 'sum of count column (kqlx / DuckDB / truth)', ''], checkRows, new Set([1, 2, 3, 4])));
  out.push('');

  const memRows = cases.map((c) => {
    const k = c.kqlx!;
    return [c.q.id, count(c.ds.rows), mib(c.ds.bytes), mib(k.rssBeforeLoad), mib(k.rssAfterLoad), mib(k.heapGrowth), count(k.rowsLoaded), String(k.problems)];
  });
  out.push(textTable(['kqlx memory', 'rows', 'CSV size', 'RSS before load', 'RSS after load (max)', 'table in heap+external', 'rows loaded', 'load problems'], memRows, new Set([1, 2, 3, 4, 5, 6, 7])));
  out.push(`process peak RSS after all kqlx runs, before DuckDB started (resourceUsage().maxRSS): ${mib(kqlxPeakRss)}`);
  out.push('');
  if (!options.query || 'asim'.includes(options.query)) out.push(await asimParsersLine(Math.max(...options.sizes), runsFor(Math.max(...options.sizes), options), progress), '');
  out.push(...warnings);
  if (warnings.length > 0) out.push('');
  out.push(`total time ${((performance.now() - started) / 1000).toFixed(1)} s; data cached in ${relative(MAIN_DIR, CACHE_DIR)}/`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`bench: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

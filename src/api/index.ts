/**
 * kqlx as a library, for test suites and tools: the same engine, loaders and rule runner as the
 * `kqlx` command, with results as plain data shaped as the command's JSON output.
 *
 *   import { runQuery } from 'kqlx';
 *   const { columns, rows } = await runQuery('T | summarize count() by User', { tables: { T: 'logs.csv' } });
 *
 * Mistakes in a query come back as a rejected promise with a KqlxError listing the diagnostics
 * (code, message, line, col); problems inside data files come back as `problems`, as the command
 * reports them. Everything here runs in Node (it reads files).
 */
import { SourceText } from '../common/source.js';
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../diagnostics/render.js';
import * as engine from '../engine.js';
import { appendTables } from '../io/append-tables.js';
import { type JsonTable, toJsonTable } from '../io/format.js';
import { loadTableFile } from '../io/load.js';
import { tableFromObjects } from '../io/object-rows.js';
import type { LoadProblem } from '../io/problems.js';
import { loadWatchlist } from '../sentinel/watchlist-file.js';
import { type RunJson, runJson } from '../rules/alert-json.js';
import { checkRuleColumns } from '../sentinel/check-columns.js';
import { formatProblem } from '../rules/problems.js';
import { readRuleFile } from '../sentinel/rule-file.js';
import { missingTables, prepareRule, runRule as runPreparedRule } from '../sentinel/run-rule.js';
import { scannedTables } from '../rules/scanned-tables.js';
import { type SuiteJson, suitesJson } from '../sentinel/testing/suite-json.js';
import { runTestFile } from '../sentinel/testing/test-files.js';
import { sentinel } from '../sentinel/catalog.js';
import { sentinelSchema } from '../sentinel/schemas/index.js';
import { watchlistTableName } from '../sentinel/watchlist.js';
import type { ProductCatalog } from '../semantics/context.js';
import type { ColumnSchema, Table } from '../table/table.js';
import { msToTicks, parseDatetime } from '../types/datetime.js';
import type { ScalarType } from '../types/scalar-type.js';
import type { Dynamic } from '../types/value.js';

export type { AlertJson, RunJson } from '../rules/alert-json.js';
export type { CaseJson, SuiteJson } from '../sentinel/testing/suite-json.js';
export type { ScalarType } from '../types/scalar-type.js';

/** A column of a result: its name and KQL type (`string`, `long`, `datetime`, ...). */
export interface Column {
  name: string;
  type: ScalarType;
}

/** A JSON value: how result cells are given (datetimes as ISO 8601 text, timespans as `[d.]hh:mm:ss`). */
export type JsonValue = Dynamic;

/** A result table, exactly as `kqlx query -o json` prints it. */
export interface ResultTable {
  columns: Column[];
  rows: JsonValue[][];
}

/** The result of a query: its table; and, when it returns several (fork, facet, a batch of statements), each by name. */
export interface QueryResult extends ResultTable {
  tables?: (ResultTable & { name: string })[];
}

/**
 * A table given to a query: a file path (CSV, JSON, JSONL, their .gz, Parquet), several paths (appended
 * as one table), rows as objects (read as a JSON file's rows are), `{columns, rows}` as kqlx prints,
 * or a table from loadTable (to load once and query many times).
 */
export type TableInput = string | readonly string[] | readonly Record<string, unknown>[] | ResultTable | LoadedTable;

/** A diagnostic: a stable code from kqlx's catalogue, where it is, and what it says. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  category: string;
  code: string;
  message: string;
  line: number | null;
  col: number | null;
}

/** A problem inside a data file (a malformed row, a value of the wrong type); the rest of the file loads. */
export interface DataProblem {
  file: string;
  line: number;
  message: string;
}

/** A query (or rule) with errors: `diagnostics` lists them; `message` is them rendered with carets. */
export class KqlxError extends Error {
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(message);
    this.name = 'KqlxError';
  }
}

export interface RunQueryOptions {
  /** Name → the table's data. */
  tables?: Record<string, TableInput>;
  /** What now() and ago() resolve against: a Date or ISO 8601 text (default: the present). */
  now?: Date | string;
  /** The query language: 'kql' (the only one this version runs). */
  language?: 'kql';
  /** Seeds sample, rand() and new_guid() (default 0, so runs repeat). */
  seed?: number;
  /** Watchlist alias → CSV file, for `_GetWatchlist('alias')`. */
  watchlists?: Record<string, string>;
  /** Column types of tables kqlx has no schema for, used when loading them. */
  schemas?: Record<string, Column[]>;
  /** Receives each problem met inside the data (a malformed row, a bad value); default: printed with console.warn. */
  onProblem?: (problem: DataProblem) => void;
}

function diagnosticOf(d: LocatedDiagnostic): Diagnostic {
  return { severity: d.severity === 'error' ? 'error' : 'warning', category: d.category, code: d.code, message: d.message, line: d.line ?? null, col: d.col ?? null };
}

function checkLanguage(language: string | undefined): void {
  if (language !== undefined && language !== 'kql') throw new Error(`language '${language}' is not supported: this version of kqlx runs KQL`);
}

function instant(now: Date | string | undefined): bigint | undefined {
  if (now === undefined) return undefined;
  if (now instanceof Date) return msToTicks(now.getTime());
  const t = parseDatetime(now);
  if (t === undefined) throw new Error(`now: '${now}' is not a datetime (use ISO 8601, e.g. 2024-05-01T12:00:00Z)`);
  return t;
}

/** Sentinel (its pack, watchlists, ASIM parsers), then the columns given for other tables. */
const knownColumns = (schemas: Record<string, Column[]> | undefined): ProductCatalog => ({
  ...sentinel,
  tableSchema: (name: string): ColumnSchema[] | undefined => sentinelSchema(name) ?? schemas?.[name]?.map((c) => ({ name: c.name, type: c.type })),
});

export interface LoadTableOptions {
  /** The table's name: picks its Sentinel schema (CommonSecurityLog, ...) when kqlx knows it. Default: the file's name. */
  name?: string;
  /** Column types for columns the file holds (others are inferred). */
  columns?: Column[];
}

/** A loaded table: kqlx's columnar table (pass it back through `tables`), its row count, and the data problems met. */
export interface LoadedTable {
  name: string;
  rowCount: number;
  columns: Column[];
  problems: DataProblem[];
  /** @internal the columnar table itself */
  readonly table: Table;
}

const problemOf = (p: LoadProblem): DataProblem => ({ file: p.file, line: p.line, message: p.message });

/** Loads a table from one file, or several appended (their columns merged as `union` merges them). */
export async function loadTable(paths: string | readonly string[], options: LoadTableOptions = {}): Promise<LoadedTable> {
  const files = typeof paths === 'string' ? [paths] : [...paths];
  if (files.length === 0) throw new Error('loadTable: no file given');
  const name = options.name ?? files[0]!.replace(/^.*[\\/]/, '').replace(/\..*$/, '');
  const schema = options.columns ?? sentinelSchema(name);
  const parts: Table[] = [];
  const problems: DataProblem[] = [];
  for (const file of files) {
    const loaded = await loadTableFile(file, { tableName: name, schema });
    parts.push(loaded.table);
    problems.push(...loaded.problems.map(problemOf));
  }
  const table = appendTables(parts);
  return { name, rowCount: table.rowCount, columns: table.schema.map((c) => ({ name: c.name, type: c.type })), problems, table };
}

function isResultTable(v: unknown): v is ResultTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as ResultTable).columns) && Array.isArray((v as ResultTable).rows);
}

const isLoadedTable = (v: unknown): v is LoadedTable => typeof v === 'object' && v !== null && 'table' in v && 'rowCount' in v;

async function tableOf(name: string, input: TableInput, known: ProductCatalog): Promise<{ table: Table; problems: DataProblem[] }> {
  if (typeof input === 'string' || (Array.isArray(input) && input.every((x) => typeof x === 'string'))) {
    return loadTable(input as string | string[], { name, columns: known.tableSchema(name)?.slice() });
  }
  if (isLoadedTable(input)) return { table: input.table, problems: [] }; // reported when it was loaded
  if (isResultTable(input)) {
    const schema = input.columns.map((c) => ({ name: c.name, type: c.type }));
    const objects = input.rows.map((row) => Object.fromEntries(schema.map((c, i) => [c.name, row[i]])));
    const built = tableFromObjects(objects, name, schema);
    return { table: built.table, problems: built.problems.map(problemOf) };
  }
  const loaded = tableFromObjects(input as readonly Record<string, unknown>[], name, known.tableSchema(name) ?? []);
  return { table: loaded.table, problems: loaded.problems.map(problemOf) };
}

async function tablesOf(options: Pick<RunQueryOptions, 'tables' | 'watchlists' | 'schemas' | 'onProblem'>): Promise<Map<string, Table>> {
  const known = knownColumns(options.schemas);
  const report = options.onProblem ?? ((p: DataProblem) => console.warn(`${p.file}:${p.line}: ${p.message}`));
  const tables = new Map<string, Table>();
  for (const [name, input] of Object.entries(options.tables ?? {})) {
    const { table, problems } = await tableOf(name, input, known);
    problems.forEach(report);
    tables.set(name, table);
  }
  for (const [alias, file] of Object.entries(options.watchlists ?? {})) {
    const { table, problems } = await loadWatchlist(file, alias);
    problems.map(problemOf).forEach(report);
    tables.set(watchlistTableName(alias), table);
  }
  return tables;
}

function failure(ds: readonly LocatedDiagnostic[], source: SourceText): KqlxError {
  return new KqlxError(ds.map((d) => renderDiagnostic(d, source)).join('\n\n'), ds.map(diagnosticOf));
}

/** Runs a query over the given tables; resolves to its result as `kqlx query -o json` prints it, rejects with KqlxError on a mistake. */
export async function runQuery(text: string, options: RunQueryOptions = {}): Promise<QueryResult> {
  checkLanguage(options.language);
  const tables = await tablesOf(options);
  const source = new SourceText(text);
  const analyzed = engine.analyzeQuery(source, { catalog: engine.makeCatalog(tables, knownColumns(options.schemas)) });
  const result = engine.runAnalyzed(analyzed, { now: instant(options.now), seed: options.seed, tables: (name) => tables.get(name) });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !result.table) throw failure(errors.length ? errors : result.diagnostics, source);
  const main: QueryResult = toJsonTable(result.table) as JsonTable as QueryResult;
  if (result.tables) main.tables = result.tables.map((t) => ({ name: t.name, ...(toJsonTable(t.table) as ResultTable) }));
  return main;
}

/** What a query is, without data: its diagnostics, the columns of its result, and the tables it reads. */
export interface Analysis {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** The result's columns, when the query binds. */
  columns?: Column[];
  /** The tables the query reads. */
  tables: string[];
}

/** Parses and binds a query against the Sentinel schemas and the columns given; reads no data. */
export function analyzeQuery(text: string, options: { tables?: Record<string, Column[]>; language?: 'kql' } = {}): Analysis {
  checkLanguage(options.language);
  const analyzed = engine.analyzeQuery(new SourceText(text), { catalog: engine.makeCatalog(new Map(), knownColumns(options.tables)) });
  const ok = !analyzed.diagnostics.some((d) => d.severity === 'error');
  return {
    ok,
    diagnostics: analyzed.diagnostics.map(diagnosticOf),
    columns: ok && analyzed.plan ? analyzed.plan.schema.map((c) => ({ name: c.name, type: c.type })) : undefined,
    tables: analyzed.plan ? scannedTables(analyzed.plan) : [],
  };
}

export interface RunRuleOptions extends Omit<RunQueryOptions, 'language' | 'now'> {
  /** The instant the rule runs at: its window is [now − queryPeriod, now]. Default: the present. */
  now?: Date | string;
}

/** Runs a Sentinel analytic rule (.yaml file) once, as Sentinel schedules it: its window, trigger and alerts, as `kqlx rule -o json` gives a run. */
export async function runRule(ruleFile: string, options: RunRuleOptions = {}): Promise<RunJson> {
  const read = readRuleFile(ruleFile);
  const readErrors = read.problems.filter((p) => p.severity === 'error');
  if (!read.rule || readErrors.length) throw new KqlxError(readErrors.map(formatProblem).join('\n'), readErrors.map((p) => ({ severity: 'error', category: 'rule', code: p.key === '' ? 'KX501' : 'KX502', message: p.message, line: p.line, col: p.col })));
  const tables = await tablesOf(options);
  const known = knownColumns(options.schemas);
  const checked = checkRuleColumns(read.rule, engine.makeCatalog(tables, known));
  const { prepared, problems } = checked.problems.some((p) => p.severity === 'error') ? { prepared: undefined, problems: checked.problems } : prepareRule(read.rule, tables);
  if (!prepared) {
    const errors = problems.filter((p) => p.severity === 'error');
    throw new KqlxError(errors.map(formatProblem).join('\n'), errors.map((p) => ({ severity: 'error', category: 'rule', code: /^(KX\d+): /.exec(p.message)?.[1] ?? 'KX502', message: p.message, line: p.line, col: p.col })));
  }
  const missing = missingTables(prepared, tables);
  if (missing.length) throw new Error(`${ruleFile}: the query reads ${missing.join(', ')}, but no data was given (tables: {${missing[0]}: ...})`);
  return runJson(runPreparedRule(prepared, tables, instant(options.now) ?? msToTicks(Date.now())));
}

/** Runs a rule-test file (NAME.tests.yaml, format in the README) and resolves to its report, as `kqlx test -o json` gives a suite. */
export async function testRule(testFile: string): Promise<SuiteJson> {
  return suitesJson([await runTestFile(testFile)]).suites[0]!;
}

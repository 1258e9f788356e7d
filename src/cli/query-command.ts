/**
 * `kqlx query`: run one query (or a batch of them) over loaded tables and print the result.
 * The query is parsed and bound before any data is loaded, so a mistake costs no load, and only the
 * tables it reads are loaded.
 */
import { readFileSync } from 'node:fs';
import { SourceText } from '../common/source.js';
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { type Analyzed, analyzeQuery, type Limits, makeCatalog, type NamedTable, runAnalyzed } from '../engine.js';
import { toCsv, toJsonLines, toJsonTable } from '../io/format.js';
import { type TextTableOptions, toTextTable, toVerticalText } from '../io/text-table.js';
import { readRuleQuery } from '../rules/query-source.js';
import { scannedTables } from '../rules/scanned-tables.js';
import { toHtml } from '../io/html.js';
import { renderRequest } from './render-request.js';
import { planTree, printPlan } from '../plan/print.js';
import type { Catalog, ProductCatalog } from '../semantics/context.js';
import type { Table } from '../table/table.js';
import { msToTicks } from '../types/datetime.js';
import { diagnosticJson, renderAll } from './diagnostics-output.js';
import { EXIT, UserError } from './exit-codes.js';
import { parseNow } from './now.js';
import { readText } from './read-text.js';
import { absentWatchlists, clockNote, noteText, readsTheClock } from './run-notes.js';
import type { Language } from '../languages/language.js';
import { sentinel } from '../sentinel/catalog.js';
import { chooseLanguage } from './language-choice.js';
import { knownCatalog, loadTables, type TableOptions } from './tables.js';
import { tableSources } from './table-sources.js';
import { colorDiagnostics, terminalWidth, useColor, writeOutput } from './terminal.js';
import { dynamicToJson } from '../types/json-text.js';

export interface QueryOptions extends TableOptions {
  file?: string;
  output: 'table' | 'vertical' | 'json' | 'jsonl' | 'csv' | 'html';
  now?: string;
  seed?: number;
  batch?: string;
  /** kql or xql; by default a .xql file is XQL. */
  lang?: string;
  /** False with --no-pager. */
  pager?: boolean;
  plan?: boolean;
  maxRows?: number;
  maxMemory?: number;
}

/** The limits the command line sets (--max-rows, --max-memory); the engine's defaults for the rest. */
export function limitsFrom(options: { maxRows?: number; maxMemory?: number }): Partial<Limits> {
  return { ...(options.maxRows !== undefined && { maxRows: options.maxRows }), ...(options.maxMemory !== undefined && { maxMemoryMb: options.maxMemory }) };
}

const STDIN = '<stdin>';

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read the query from standard input: ${(e as Error).message}`);
  }
}

/** The query text: an argument, a .kql file, the `query:` of a rule .yaml file, or standard input (`-f -`, or a pipe and neither). */
export function querySource(queryArg: string | undefined, file: string | undefined): SourceText {
  if (queryArg !== undefined && file !== undefined) throw new UserError('give the query as an argument or with -f FILE, not both');
  if (file === '-' || (file === undefined && queryArg === undefined && process.stdin.isTTY !== true)) {
    const text = readStdin();
    if (text.trim() === '') throw new UserError('no query: standard input was empty (give the query as an argument, with -f FILE, or on standard input)');
    return new SourceText(text, STDIN);
  }
  if (file === undefined) {
    if (queryArg === undefined) throw new UserError('no query: give it as an argument, with -f FILE, or on standard input');
    return new SourceText(queryArg);
  }
  const text = readText(file);
  if (!/\.ya?ml$/i.test(file)) return new SourceText(text, file);
  const rule = readRuleQuery(text, file);
  if (!rule.query) throw new UserError(`${file}:${rule.error!.line}:${rule.error!.col}: ${rule.error!.message}`, EXIT.queryError);
  return rule.query;
}

function textOptions(): TextTableOptions {
  return { width: terminalWidth(process.stdout), color: useColor(process.stdout) };
}

function formatTable(t: Table, output: QueryOptions['output'], chart?: { title: string; visualization?: string }): string {
  switch (output) {
    case 'html':
      return toHtml(t, chart?.title ?? 'kqlx result', chart?.visualization);
    case 'json':
      return `${dynamicToJson(toJsonTable(t))}\n`;
    case 'jsonl':
      return toJsonLines(t);
    case 'csv':
      return toCsv(t);
    case 'vertical':
      return toVerticalText(t, textOptions());
    default:
      return toTextTable(t, textOptions());
  }
}

/**
 * Several tables (a batch of statements, fork, facet): as text each under its name; as JSON `{"tables": [{name, columns, rows}]}`;
 * as JSON lines each row with a leading `$result` naming its table. CSV holds one table only.
 */
function formatTables(tables: readonly NamedTable[], output: QueryOptions['output']): string {
  switch (output) {
    case 'json':
      return `${dynamicToJson({ tables: tables.map((t) => ({ name: t.name, ...toJsonTable(t.table) })) })}\n`;
    case 'jsonl':
      return tables.map((t) => toJsonLines(t.table, { $result: t.name })).join('');
    case 'csv':
    case 'html':
      throw new UserError(`the query returns ${tables.length} tables (a batch of statements, fork or facet) and ${output === 'csv' ? 'CSV' : 'an HTML page'} holds one: use -o json, jsonl or table`);
    default:
      return tables.map((t) => `${t.name}\n${formatTable(t.table, output)}`).join('\n');
  }
}

function printDiagnostics(ds: readonly LocatedDiagnostic[], source: SourceText): void {
  process.stderr.write(`${colorDiagnostics(renderAll(ds, source), useColor(process.stderr))}\n`);
}

function warn(text: string): void {
  process.stderr.write(`${colorDiagnostics(text, useColor(process.stderr))}\n`);
}

/** Table names the binder could not resolve (KX202), read from the query text at each diagnostic's span. */
function unknownTableNames(analyzed: Analyzed): string[] {
  return analyzed.diagnostics.filter((d) => d.code === 'KX202' && d.span).map((d) => analyzed.source.text.slice(d.span!.start, d.span!.end));
}

/**
 * Binds the query before loading: against the schemas known without data (the Sentinel pack, the
 * project's), with the file-backed table names in view. Returns the diagnostics that no data can
 * change (syntax errors, tables no file provides) and the tables the query reads.
 */
function bindBeforeLoading(source: SourceText, available: ReadonlySet<string>, known: ProductCatalog, language: Language): { fatal: LocatedDiagnostic[]; reads: Set<string> } {
  const catalog: Catalog = { ...makeCatalog(new Map(), known), tableNames: () => [...available] };
  const analyzed = analyzeQuery(source, { catalog, language });
  const syntax = analyzed.diagnostics.filter((d) => d.severity === 'error' && d.category === 'syntax');
  if (syntax.length) return { fatal: syntax, reads: new Set() };
  const unknown = unknownTableNames(analyzed);
  const fatal = analyzed.diagnostics.filter((d) => d.code === 'KX202' && d.span && !available.has(source.text.slice(d.span.start, d.span.end)));
  // Without a plan (a table only its file can describe), every name the query writes that is a table is read.
  const reads = analyzed.plan ? scannedTables(analyzed.plan, { withOptional: true }) : namesIn(analyzed.ast);
  return { fatal, reads: new Set([...reads, ...unknown].filter((n) => available.has(n))) };
}

/** Every name a syntax tree writes (table references among them). */
function namesIn(ast: unknown): string[] {
  const names: string[] = [];
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    const o = v as { kind?: unknown; name?: unknown };
    if ((o.kind === 'Name' || o.kind === 'Call') && typeof o.name === 'string') names.push(o.name);
    for (const child of Array.isArray(v) ? v : Object.values(v)) visit(child);
  };
  visit(ast);
  return names;
}

export async function queryCommand(queryArg: string | undefined, options: QueryOptions): Promise<number> {
  const now = parseNow(options.now);
  // The language and the product whose sources it reads: KQL over Sentinel (and the project's tables), XQL over Cortex.
  const choice = chooseLanguage(options.lang, options.file);
  const language = choice.language;
  const known = choice.product === sentinel ? knownCatalog(options) : choice.product;
  options = { ...options, schemaOf: choice.schemaOf };
  const limits = limitsFrom(options);
  if (options.batch) {
    const tables = await loadTables(options);
    return runBatch(options.batch, makeCatalog(tables, known), language, (name) => tables.get(name), now, limits);
  }

  const source = querySource(queryArg, options.file);
  const available = new Set(tableSources(options).keys());
  const before = bindBeforeLoading(source, available, known, language);
  if (before.fatal.length) {
    printDiagnostics(before.fatal, source);
    return EXIT.queryError;
  }
  const tables = await loadTables(options, before.reads);
  const analyzed = analyzeQuery(source, { catalog: makeCatalog(tables, known), language });
  if (options.plan) return showPlan(analyzed, source, options.output);
  const runAt = now ?? msToTicks(Date.now());
  const run = (at: bigint) => runAnalyzed(analyzed, { now: at, seed: options.seed, tables: (name) => tables.get(name), limits });
  const result = run(runAt);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !result.table) {
    printDiagnostics(result.diagnostics, source);
    return EXIT.queryError;
  }
  if (result.diagnostics.length > 0) printDiagnostics(result.diagnostics, source);
  for (const note of absentWatchlists(analyzed.plan, tables)) warn(noteText(note));
  const all = result.tables ?? [{ name: '', table: result.table }];
  if (all.every((t) => t.table.rowCount === 0) && readsTheClock(analyzed.ast) && analyzed.plan) {
    const read = new Map(scannedTables(analyzed.plan).filter((n) => tables.has(n)).map((n) => [n, tables.get(n)!]));
    const rowsAt = (at: bigint) => {
      const again = run(at);
      return (again.tables ?? [{ table: again.table }]).reduce((n, t) => n + (t.table?.rowCount ?? 0), 0);
    };
    const note = clockNote(read, runAt, rowsAt);
    if (note) warn(noteText(note));
  }
  const visualization = renderRequest(analyzed);
  if (visualization !== undefined && options.output === 'table') {
    process.stderr.write(`note: the query asks for a ${visualization} (render); kqlx draws it with -o html\n`);
  }
  const chart = { title: source.name === '<query>' ? 'kqlx result' : source.name, visualization };
  const text = result.tables ? formatTables(result.tables, options.output) : formatTable(result.table, options.output, chart);
  const forPeople = options.output === 'table' || options.output === 'vertical';
  await writeOutput(text, forPeople && options.pager !== false);
  return EXIT.ok;
}

/** `--plan`: the bound plan as an indented tree, or as JSON; the query does not run. */
function showPlan(analyzed: Analyzed, source: SourceText, output: QueryOptions['output']): number {
  if (analyzed.diagnostics.some((d) => d.severity === 'error') || !analyzed.plan) {
    printDiagnostics(analyzed.diagnostics, source);
    return EXIT.queryError;
  }
  if (analyzed.dataDependent) {
    throw new UserError('--plan: the columns of this query depend on the data (bag_unpack, pivot), so its plan is made only when it runs', EXIT.queryError);
  }
  if (output === 'json') process.stdout.write(`${JSON.stringify(planTree(analyzed.plan))}\n`);
  else if (output === 'table') process.stdout.write(printPlan(analyzed.plan));
  else throw new UserError(`--plan prints as text (-o table) or JSON (-o json), not ${output}`);
  return EXIT.ok;
}

/**
 * Each line of a batch is answered on its own: a query's mistake, and even an internal error (a bug in
 * kqlx), is that line's `error`, and the later lines still run. The exit code is the worst seen.
 */
function runBatch(file: string, catalog: Catalog, language: Language, provider: (n: string) => Table | undefined, now: bigint | undefined, limits: Partial<Limits>): number {
  const lines = readText(file).split('\n');
  let exitCode: number = EXIT.ok;
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let item: { id?: unknown; query?: unknown };
    try {
      item = JSON.parse(line);
    } catch {
      throw new UserError(`${file}:${i + 1}: not a JSON object`);
    }
    if (typeof item.query !== 'string') throw new UserError(`${file}:${i + 1}: missing "query"`);
    let answer: string;
    try {
      const result = batchAnswer(item.id, item.query, catalog, language, provider, now, limits);
      answer = result.text;
      if (result.failed) exitCode = Math.max(exitCode, EXIT.queryError);
    } catch (e) {
      const message = `internal error (please report it): ${(e as Error).message ?? e}`;
      answer = dynamicToJson({ id: item.id, error: { category: 'internal', code: null, message, line: null, col: null } });
      exitCode = EXIT.internal;
    }
    process.stdout.write(`${answer}\n`);
  });
  return exitCode;
}

/** One batch line's answer: `{id, columns, rows}`, `{id, tables}` or `{id, error}`. */
function batchAnswer(
  id: unknown, query: string, catalog: Catalog, language: Language, provider: (n: string) => Table | undefined, now: bigint | undefined, limits: Partial<Limits>,
): { text: string; failed: boolean } {
  const analyzed = analyzeQuery(new SourceText(query), { catalog, language });
  const result = runAnalyzed(analyzed, { now, tables: provider, limits });
  const error = result.diagnostics.find((d) => d.severity === 'error');
  if (error || !result.table) {
    const d = error ? diagnosticJson(error) : { category: 'runtime', code: 'KX402', message: 'no result', line: null, col: null };
    return { text: dynamicToJson({ id, error: { category: d.category, code: d.code, message: d.message, line: d.line, col: d.col } }), failed: true };
  }
  const body = result.tables ? { tables: result.tables.map((t) => ({ name: t.name, ...toJsonTable(t.table) })) } : toJsonTable(result.table);
  return { text: dynamicToJson({ id, ...body }), failed: false };
}

/**
 * The engine's public entry points: parse, analyze and run a query of one language (KQL unless told)
 * over in-memory tables, with a product's catalogue of what sources exist.
 * User mistakes come back as diagnostics; only bugs throw.
 */
import { seededRandom } from './common/random.js';
import { SourceText } from './common/source.js';
import { diag } from './diagnostics/catalog.js';
import { type Diagnostic, hasErrors, KqlError, type LocatedDiagnostic, locate } from './diagnostics/diagnostic.js';
import { DEFAULT_LIMITS, type Limits } from './eval/limits.js';
import { runPlan } from './eval/run.js';
import type { ExternalDataProvider, RunState, TableProvider } from './eval/state.js';
import type { PlanNode } from './plan/nodes.js';
import { kql } from './languages/kql.js';
import type { Language } from './languages/language.js';
import { analyze } from './semantics/bind-query.js';
import type { Catalog, ProductCatalog } from './semantics/context.js';
import type { Block } from './syntax/ast.js';
import type { Table } from './table/table.js';
import { msToTicks } from './types/datetime.js';

export interface Analyzed {
  readonly source: SourceText;
  readonly ast?: Block;
  readonly catalog?: Catalog;
  readonly language: Language;
  readonly plan?: PlanNode;
  /** The result's columns depend on the data (bag_unpack, pivot): runs bind the query again over the data. */
  readonly dataDependent?: boolean;
  readonly diagnostics: LocatedDiagnostic[];
}

/** A catalogue over loaded tables first, then what the product knows (the Sentinel pack, its watchlists). */
export function makeCatalog(tables: ReadonlyMap<string, Table>, product?: ProductCatalog): Catalog {
  return {
    tableSchema: (name) => tables.get(name)?.schema ?? product?.tableSchema(name),
    tableNames: () => [...tables.keys()],
    sourceFunction: (name) => product?.sourceFunction(name),
    knownTableNames: () => product?.knownTableNames?.() ?? [],
  };
}

/**
 * What a RangeError thrown while analyzing or running means to the user: the stack ran out (a query
 * more complex than the nesting limits foresee), or a string or array grew past what JavaScript can
 * hold. Said as a diagnostic, never a crash; any other error is a bug and is thrown on.
 */
function exhaustion(e: unknown): Diagnostic | undefined {
  if (!(e instanceof RangeError)) return undefined;
  if (/call stack/i.test(e.message)) return diag.tooComplex();
  if (/invalid (string|array|typed array) length|allocation failed/i.test(e.message)) {
    return diag.valueTooLarge(`a value the query builds (${e.message})`);
  }
  return undefined;
}

export interface AnalyzeOptions {
  readonly catalog: Catalog;
  /** KQL when absent. */
  readonly language?: Language;
}

export function analyzeQuery(text: string | SourceText, options: AnalyzeOptions): Analyzed {
  const { catalog, language = kql } = options;
  const source = typeof text === 'string' ? new SourceText(text) : text;
  const locateAll = (ds: Diagnostic[]) => ds.map((d) => locate(d, source));
  try {
    const parsed = language.parse(source.text);
    if (hasErrors(parsed.diagnostics) || !parsed.ast) return { source, ast: parsed.ast, language, diagnostics: locateAll(parsed.diagnostics) };
    const analysis = analyze(parsed.ast, catalog, language.dialect);
    return {
      source, ast: parsed.ast, catalog, language, plan: analysis.plan, dataDependent: analysis.dataDependent,
      diagnostics: locateAll([...parsed.diagnostics, ...analysis.diagnostics]),
    };
  } catch (e) {
    const d = exhaustion(e);
    if (!d) throw e;
    return { source, language, diagnostics: locateAll([d]) };
  }
}

export interface RunOptions {
  /** The query's now(), as ticks or a Date; the wall clock when absent. */
  readonly now?: bigint | Date;
  /** Seeds `sample` and `rand()`; 0 when absent, so runs repeat exactly. */
  readonly seed?: number;
  readonly tables: TableProvider;
  readonly externalData?: ExternalDataProvider;
  /** Rows and memory one operator may produce; DEFAULT_LIMITS where absent. */
  readonly limits?: Partial<Limits>;
}

export interface NamedTable {
  readonly name: string;
  readonly table: Table;
}

export interface RunResult {
  /** The result; for fork and facet, their first table. */
  readonly table?: Table;
  /** Every result table, named, when the query returns several (fork, facet). */
  readonly tables?: readonly NamedTable[];
  readonly diagnostics: LocatedDiagnostic[];
}

/** A fresh run's state: its clock, random source, tables, the language's string rule and empty caches. */
export function newRunState(options: RunOptions, language: Language): RunState {
  const now = options.now === undefined ? msToTicks(Date.now()) : options.now instanceof Date ? msToTicks(options.now.getTime()) : options.now;
  const ctx = { now, random: seededRandom(options.seed ?? 0) };
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  // The language's string rule (KQL: never null, so a null string the data holds or a query makes reads as '').
  const stringNulls = language.dialect.stringNulls;
  return { ctx, limits, warnings: [], tables: options.tables, stringNulls, externalData: options.externalData, cache: new Map(), subqueries: new Map() };
}

export function runAnalyzed(analyzed: Analyzed, options: RunOptions): RunResult {
  if (!analyzed.plan) return { diagnostics: analyzed.diagnostics };
  const state = newRunState(options, analyzed.language);
  const withWarnings = (ds: LocatedDiagnostic[]) => [...ds, ...state.warnings.map((w) => locate(w, analyzed.source))];
  try {
    let plan = analyzed.plan;
    if (analyzed.dataDependent && analyzed.ast && analyzed.catalog) {
      // Bind again with the data at hand, so operators whose columns depend on it can look at it.
      const again = analyze(analyzed.ast, analyzed.catalog, analyzed.language.dialect, (p) => runPlan(p, state));
      const located = again.diagnostics.map((d) => locate(d, analyzed.source));
      if (!again.plan) return { diagnostics: [...analyzed.diagnostics, ...located] };
      plan = again.plan;
    }
    if (plan.kind !== 'Results') {
      const table = runPlan(plan, state);
      return { table, diagnostics: withWarnings(analyzed.diagnostics) };
    }
    const tables = plan.results.map((r) => ({ name: r.name, table: runPlan(r.plan, state) }));
    return { table: tables[0]?.table, tables, diagnostics: withWarnings(analyzed.diagnostics) };
  } catch (e) {
    if (e instanceof KqlError) return { diagnostics: [...analyzed.diagnostics, locate(e.diagnostic, analyzed.source)] };
    const d = exhaustion(e);
    if (d) return { diagnostics: [...analyzed.diagnostics, locate(d, analyzed.source)] };
    throw e;
  }
}

/** Parses, analyzes and runs a query over the given tables. */
export interface QueryOptions {
  readonly now?: bigint | Date;
  readonly seed?: number;
  /** What the product knows besides the loaded tables (Sentinel: its schema pack, watchlists, ASIM parsers). */
  readonly known?: ProductCatalog;
  /** KQL when absent. */
  readonly language?: Language;
  readonly externalData?: ExternalDataProvider;
  readonly limits?: Partial<Limits>;
}

export function runQuery(text: string | SourceText, tables: ReadonlyMap<string, Table>, options: QueryOptions = {}): RunResult {
  const analyzed = analyzeQuery(text, { catalog: makeCatalog(tables, options.known), language: options.language });
  return runAnalyzed(analyzed, { now: options.now, seed: options.seed, tables: (name) => tables.get(name), externalData: options.externalData, limits: options.limits });
}

export { diag };
export { DEFAULT_LIMITS, type Limits } from './eval/limits.js';
export { externalTableName } from './eval/operators/external.js';

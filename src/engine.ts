/**
 * The engine's public entry points: parse, analyze and run a KQL query over in-memory tables.
 * User mistakes come back as diagnostics; only bugs throw.
 */
import { SourceText } from './common/source.js';
import { diag } from './diagnostics/catalog.js';
import { type Diagnostic, hasErrors, KqlError, type LocatedDiagnostic, locate } from './diagnostics/diagnostic.js';
import { runPlan } from './eval/run.js';
import type { TableProvider } from './eval/state.js';
import type { PlanNode } from './plan/nodes.js';
import { analyze } from './semantics/bind-query.js';
import type { Catalog } from './semantics/context.js';
import type { Block } from './syntax/ast.js';
import { parseKql } from './syntax/kql/parse.js';
import type { ColumnSchema, Table } from './table/table.js';
import { msToTicks } from './types/datetime.js';

export interface Analyzed {
  readonly source: SourceText;
  readonly ast?: Block;
  readonly plan?: PlanNode;
  readonly diagnostics: LocatedDiagnostic[];
}

/** A catalogue over loaded tables first, then a fallback of known schemas (the Sentinel pack). */
export function makeCatalog(
  tables: ReadonlyMap<string, Table>,
  known: (name: string) => readonly ColumnSchema[] | undefined = () => undefined,
): Catalog {
  return {
    tableSchema: (name) => tables.get(name)?.schema ?? known(name),
    tableNames: () => [...tables.keys()],
  };
}

export function analyzeQuery(text: string | SourceText, catalog: Catalog): Analyzed {
  const source = typeof text === 'string' ? new SourceText(text) : text;
  const parsed = parseKql(source.text);
  const locateAll = (ds: Diagnostic[]) => ds.map((d) => locate(d, source));
  if (hasErrors(parsed.diagnostics) || !parsed.ast) return { source, ast: parsed.ast, diagnostics: locateAll(parsed.diagnostics) };
  const analysis = analyze(parsed.ast, catalog);
  return { source, ast: parsed.ast, plan: analysis.plan, diagnostics: locateAll([...parsed.diagnostics, ...analysis.diagnostics]) };
}

export interface RunOptions {
  /** The query's now(), as ticks or a Date; the wall clock when absent. */
  readonly now?: bigint | Date;
  readonly tables: TableProvider;
}

export interface RunResult {
  readonly table?: Table;
  readonly diagnostics: LocatedDiagnostic[];
}

export function runAnalyzed(analyzed: Analyzed, options: RunOptions): RunResult {
  if (!analyzed.plan) return { diagnostics: analyzed.diagnostics };
  const now = options.now === undefined ? msToTicks(Date.now()) : options.now instanceof Date ? msToTicks(options.now.getTime()) : options.now;
  const state = { ctx: { now }, tables: options.tables, cache: new Map(), subqueries: new Map() };
  try {
    return { table: runPlan(analyzed.plan, state), diagnostics: analyzed.diagnostics };
  } catch (e) {
    if (e instanceof KqlError) return { diagnostics: [...analyzed.diagnostics, locate(e.diagnostic, analyzed.source)] };
    throw e;
  }
}

/** Parses, analyzes and runs a query over the given tables. */
export function runQuery(text: string | SourceText, tables: ReadonlyMap<string, Table>, options: { now?: bigint | Date; known?: (name: string) => readonly ColumnSchema[] | undefined } = {}): RunResult {
  const analyzed = analyzeQuery(text, makeCatalog(tables, options.known));
  return runAnalyzed(analyzed, { now: options.now, tables: (name) => tables.get(name) });
}

export { diag };

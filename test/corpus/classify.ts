/**
 * Runs corpus rules through kqlx and classifies each: ran, refused, missing-table, needs-data,
 * rule-error, failed, internal. Shared by corpus.test.ts (which measures) and oracle-schema.test.ts
 * (which needs the rules that run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunResult, runQuery } from '../../src/engine.js';
import type { LocatedDiagnostic } from '../../src/diagnostics/diagnostic.js';
import type { PlanNode } from '../../src/plan/nodes.js';
import { sentinel } from '../../src/sentinel/catalog.js';
import { sentinelSchema } from '../../src/sentinel/schemas/index.js';
import { Table } from '../../src/table/table.js';
import { SHARED } from '../helpers/paths.js';
import { officialAnalyze, type OracleColumn } from '../oracle/kusto-language.js';
import { type DataMode, discoverTables, NOW_TICKS, type TableDiscovery, tablesFor } from './generate-data.js';

export const RULES_FILE = join(SHARED, 'corpus/sentinel/rules.jsonl');

export interface CorpusRule {
  readonly id: string;
  readonly name: string;
  readonly query: string;
  readonly source_path?: string;
}

export function loadCorpus(): CorpusRule[] {
  return readFileSync(RULES_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusRule);
}

export type Outcome = 'ran' | 'refused' | 'missing-table' | 'needs-data' | 'rule-error' | 'failed' | 'internal';
export const OUTCOMES: readonly Outcome[] = ['ran', 'refused', 'missing-table', 'needs-data', 'rule-error', 'failed', 'internal'];

export interface ErrorInfo {
  readonly code: string;
  readonly category: string;
  readonly message: string;
  readonly line?: number;
  readonly col?: number;
}

export interface ModeResult {
  readonly outcome: Outcome;
  readonly rows?: number;
  readonly error?: ErrorInfo;
  /** For internal: the exception's message and the top of its stack. */
  readonly exception?: string;
  readonly ms: number;
}

export interface RuleResult {
  readonly id: string;
  readonly name: string;
  /** The worst outcome of the two runs (internal > missing-table > refused > failed > ran). */
  readonly outcome: Outcome;
  /** The pack tables the rule reads (discovered from the plan, or from its text when it does not bind). */
  readonly tables: string[];
  readonly discoveredVia: 'plan' | 'text';
  /** For missing-table: the names neither in the pack nor generated. */
  readonly missing?: string[];
  /** The error that decided the outcome (the first error of the run that decided it). */
  readonly error?: ErrorInfo;
  readonly exception?: string;
  /** For rule-error: the official binder's first error on the same query and schemas. */
  readonly officialError?: string;
  /** The result schema when the rule binds. */
  readonly schema?: { name: string; type: string }[];
  readonly empty: ModeResult;
  readonly rows: ModeResult;
}

const RANK: Record<Outcome, number> = { ran: 0, 'rule-error': 1, 'needs-data': 1, failed: 1, refused: 2, 'missing-table': 3, internal: 4 };

function errorInfo(d: LocatedDiagnostic): ErrorInfo {
  return { code: d.code, category: d.category, message: d.message, line: d.line, col: d.col };
}

function missingNames(errors: readonly LocatedDiagnostic[]): string[] {
  const names = new Set<string>();
  for (const d of errors) {
    if (d.code !== 'KX202') continue;
    const m = /'([^']*)'/.exec(d.message);
    names.add(m ? m[1]! : d.message);
  }
  return [...names].sort();
}

/** Classifies one run's diagnostics (or its exception). */
function classifyRun(run: () => RunResult): ModeResult & { missing?: string[] } {
  const t0 = performance.now();
  let result: RunResult;
  try {
    result = run();
  } catch (e) {
    const err = e as Error;
    const stack = (err.stack ?? '').split('\n').slice(0, 6).join('\n');
    return { outcome: 'internal', exception: stack || String(e), ms: performance.now() - t0 };
  }
  const ms = performance.now() - t0;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return { outcome: 'ran', rows: result.table?.rowCount ?? 0, ms };
  const first = errors[0]!;
  const missing = missingNames(errors);
  if (missing.length > 0) {
    const decisive = errors.find((d) => d.code === 'KX202')!;
    return { outcome: 'missing-table', error: errorInfo(decisive), missing, ms };
  }
  if (first.category === 'unsupported') return { outcome: 'refused', error: errorInfo(first), ms };
  return { outcome: 'failed', error: errorInfo(first), ms };
}

export function schemaOf(plan: PlanNode | undefined): { name: string; type: string }[] | undefined {
  return plan?.schema.map((c) => ({ name: c.name, type: c.type }));
}

/** Runs a rule over empty tables and over generated rows, now pinned, and classifies it. */
export function classifyRule(rule: CorpusRule): RuleResult {
  let discovery: ReturnType<typeof discoverTables>;
  try {
    discovery = discoverTables(rule.query);
  } catch (e) {
    const err = e as Error;
    const exception = (err.stack ?? String(e)).split('\n').slice(0, 6).join('\n');
    const mr: ModeResult = { outcome: 'internal', exception, ms: 0 };
    return { id: rule.id, name: rule.name, outcome: 'internal', tables: [], discoveredVia: 'text', exception, empty: mr, rows: mr };
  }
  const run = (mode: DataMode) => {
    const tables = tablesFor(discovery.tables, mode, rule.query);
    // externaldata URLs are served as a user maps them (--external URL=FILE): here, files with no rows.
    return classifyRun(() => runQuery(rule.query, tables, { now: NOW_TICKS, known: sentinel, externalData: () => Table.empty([]) }));
  };
  const { missing: emptyMissing, ...empty } = run('empty');
  const { missing: rowsMissing, ...rows } = run('rows');
  const rowsWorse = RANK[rows.outcome] > RANK[empty.outcome];
  const worst = rowsWorse ? rows : empty;
  const failure = worst.outcome === 'failed' ? explainFailure(rule.query, discovery, worst.error!) : undefined;
  return {
    id: rule.id,
    name: rule.name,
    outcome: failure?.outcome ?? worst.outcome,
    officialError: failure?.officialError,
    tables: discovery.tables,
    discoveredVia: discovery.via,
    missing: rowsWorse ? rowsMissing : emptyMissing,
    error: worst.error,
    exception: worst.exception,
    schema: schemaOf(discovery.analyzed.plan),
    empty,
    rows,
  };
}

/**
 * Why a rule failed, when the reason is outside kqlx: `needs-data` when the columns it names only
 * come from data (an evaluate bag_unpack/pivot whose generated input lacks them, a watchlist not
 * given); `rule-error` when the official binder also finds an error in the same query over the same
 * schemas. Otherwise it stays `failed`: a difference from Kusto to look into.
 */
function explainFailure(query: string, discovery: TableDiscovery, error: ErrorInfo): { outcome: Outcome; officialError?: string } {
  if (error.code === 'KX401' || error.code === 'KX404' || (discovery.analyzed.dataDependent && error.code === 'KX201')) return { outcome: 'needs-data' };
  const schemas: Record<string, OracleColumn[]> = {};
  for (const t of discovery.tables) schemas[t] = (sentinelSchema(t) ?? []).map((c) => ({ name: c.name, type: c.type }));
  const official = officialAnalyze(query, schemas);
  // The official library knows no Sentinel functions (_GetWatchlist, the ASIM parsers); kqlx does.
  const first = official.errors.find((d) => !/does not refer to any known function/.test(d.message));
  return first ? { outcome: 'rule-error', officialError: first.message } : { outcome: 'failed' };
}

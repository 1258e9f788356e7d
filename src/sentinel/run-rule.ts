/**
 * One run of a rule at an instant `now`, as Sentinel performs it: the query sees each table narrowed
 * to [now − queryPeriod, now], now() and ago() resolve against `now`, the row count is compared with
 * the trigger, and a triggered run raises its alerts.
 */
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { type Analyzed, analyzeQuery, makeCatalog, runAnalyzed } from '../engine.js';
import { sentinel } from './catalog.js';
import type { ProductCatalog } from '../semantics/context.js';
import type { Table } from '../table/table.js';
import { buildAlerts } from './build-alerts.js';
import { diagnosticProblem } from './check-columns.js';
import type { RuleProblem } from '../rules/problems.js';
import type { Rule } from './rule.js';
import { scannedTables } from '../rules/scanned-tables.js';
import type { RuleRun, RuleRunner } from '../rules/run.js';
import { TimeIndex, windowedTables } from '../rules/time-window.js';
import { isTriggered } from '../rules/trigger.js';

/** The column Sentinel narrows every table on for a run's query window. */
export const SENTINEL_TIME_COLUMN = 'TimeGenerated';

/** A rule bound against the loaded tables' schemas, ready to run at any instant. */
export interface PreparedRule {
  readonly rule: Rule;
  readonly analyzed: Analyzed;
  /** The tables the query reads. */
  readonly tables: readonly string[];
}

/** A query that failed while running (the diagnostics point into the rule file). */
export class RuleRunError extends Error {
  constructor(
    readonly rule: Rule,
    readonly diagnostics: readonly LocatedDiagnostic[],
  ) {
    super(diagnostics.map((d) => d.message).join('; '));
    this.name = 'RuleRunError';
  }
}

/** `product`: Sentinel with the parser functions given (--parsers), or without. */
export function prepareRule(rule: Rule, tables: ReadonlyMap<string, Table>, product: ProductCatalog = sentinel): { prepared?: PreparedRule; problems: RuleProblem[] } {
  const analyzed = analyzeQuery(rule.query, { catalog: makeCatalog(tables, product) });
  const problems = analyzed.diagnostics.map((d) => diagnosticProblem(rule, d));
  if (!analyzed.plan || problems.some((p) => p.severity === 'error')) return { problems };
  return { prepared: { rule, analyzed, tables: scannedTables(analyzed.plan) }, problems };
}

/** Tables the query reads that were not provided. */
export function missingTables(prepared: PreparedRule, tables: ReadonlyMap<string, Table>): string[] {
  return prepared.tables.filter((t) => !tables.has(t));
}

/** `index` (optional) lets a schedule of many runs find each window without scanning every table. */
export function runRule(prepared: PreparedRule, tables: ReadonlyMap<string, Table>, now: bigint, index?: TimeIndex): RuleRun {
  const { rule } = prepared;
  const windowStart = now - rule.queryPeriod;
  const window = { column: SENTINEL_TIME_COLUMN, start: windowStart, end: now };
  const result = runAnalyzed(prepared.analyzed, { now, tables: windowedTables(tables, window, index) });
  if (!result.table || result.diagnostics.some((d) => d.severity === 'error')) {
    throw new RuleRunError(rule, result.diagnostics.filter((d) => d.severity === 'error'));
  }
  const resultCount = result.table.rowCount;
  const triggered = isTriggered(resultCount, rule.triggerOperator, rule.triggerThreshold);
  const alerts = triggered ? buildAlerts(rule, result.table, { start: windowStart, end: now }) : [];
  return { now, windowStart, windowEnd: now, result: result.table, resultCount, triggered, alerts };
}

/** A runner for many instants over the same tables (a schedule): the tables are indexed by time once. */
export function scheduledRunner(prepared: PreparedRule, tables: ReadonlyMap<string, Table>): RuleRunner {
  const index = new TimeIndex(SENTINEL_TIME_COLUMN);
  return (now) => runRule(prepared, tables, now, index);
}

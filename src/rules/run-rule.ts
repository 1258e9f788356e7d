/**
 * One run of a rule at an instant `now`, as Sentinel performs it: the query sees each table narrowed
 * to [now − queryPeriod, now], now() and ago() resolve against `now`, the row count is compared with
 * the trigger, and a triggered run raises its alerts.
 */
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { type Analyzed, analyzeQuery, makeCatalog, runAnalyzed } from '../engine.js';
import { sentinelSchema } from '../semantics/schemas/index.js';
import type { Table } from '../table/table.js';
import type { Alert } from './alert.js';
import { buildAlerts } from './build-alerts.js';
import { diagnosticProblem } from './check-columns.js';
import type { RuleProblem } from './problems.js';
import type { Rule } from './rule.js';
import { scannedTables } from './scanned-tables.js';
import { type TimeIndex, windowedTables } from './time-window.js';
import { isTriggered } from './trigger.js';

export interface RuleRun {
  readonly now: bigint;
  readonly windowStart: bigint;
  readonly windowEnd: bigint;
  readonly result: Table;
  readonly resultCount: number;
  readonly triggered: boolean;
  readonly alerts: readonly Alert[];
}

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

export function prepareRule(rule: Rule, tables: ReadonlyMap<string, Table>): { prepared?: PreparedRule; problems: RuleProblem[] } {
  const analyzed = analyzeQuery(rule.query, makeCatalog(tables, sentinelSchema));
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
  const result = runAnalyzed(prepared.analyzed, { now, tables: windowedTables(tables, windowStart, now, index) });
  if (!result.table || result.diagnostics.some((d) => d.severity === 'error')) {
    throw new RuleRunError(rule, result.diagnostics.filter((d) => d.severity === 'error'));
  }
  const resultCount = result.table.rowCount;
  const triggered = isTriggered(resultCount, rule.triggerOperator, rule.triggerThreshold);
  const alerts = triggered ? buildAlerts(rule, result.table, { start: windowStart, end: now }) : [];
  return { now, windowStart, windowEnd: now, result: result.table, resultCount, triggered, alerts };
}

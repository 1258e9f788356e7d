/**
 * Warnings for runs whose result may surprise, so that an empty result is never silent about its
 * likely cause: every row of a table lying outside the time window (historical files read against
 * the present), and a watchlist the query reads that was not given.
 */
import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PlanNode } from '../plan/nodes.js';
import { restrictToWindow, timeRange } from '../rules/time-window.js';
import { SENTINEL_TIME_COLUMN } from '../sentinel/run-rule.js';
import { watchlistTableName } from '../sentinel/watchlist.js';
import { Table } from '../table/table.js';
import { formatDatetime } from '../types/datetime.js';

/** Visits every object reachable from a plan or syntax tree (tables and typed arrays skipped). */
function walk(root: unknown, visit: (o: Record<string, unknown>) => void): void {
  const seen = new Set<object>();
  const step = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v) || ArrayBuffer.isView(v) || v instanceof Map || v instanceof Table) return;
    seen.add(v);
    visit(v as Record<string, unknown>);
    for (const child of Array.isArray(v) ? v : Object.values(v)) step(child);
  };
  step(root);
}

/** Whether the query calls now() or ago(), so that its result depends on the instant it runs at. */
export function readsTheClock(ast: unknown): boolean {
  let found = false;
  walk(ast, (o) => {
    if (o.kind === 'Call' && (o.name === 'now' || o.name === 'ago')) found = true;
  });
  return found;
}

const WATCHLIST = /^_GetWatchlist\('(.*)'\)$/;

/** `_GetWatchlist('x')` scans of watchlists that were not given, each with the closest alias that was. */
export function absentWatchlists(plan: PlanNode | undefined, tables: ReadonlyMap<string, Table>): Diagnostic[] {
  const given = [...tables.keys()].map((n) => WATCHLIST.exec(n)?.[1]).filter((a): a is string => a !== undefined);
  const absent = new Set<string>();
  walk(plan, (o) => {
    const alias = o.kind === 'Scan' && typeof o.table === 'string' ? WATCHLIST.exec(o.table)?.[1] : undefined;
    if (alias !== undefined && !tables.has(watchlistTableName(alias))) absent.add(alias);
  });
  return [...absent].map((alias) => diag.absentWatchlist(alias, given));
}

const when = (t: bigint) => formatDatetime(t);

/** The time span of a table's rows, as the notes print it. */
function spanText(name: string, t: Table): string | undefined {
  const r = timeRange(t, SENTINEL_TIME_COLUMN);
  return r && `${name}: ${r.rows} row(s), TimeGenerated from ${when(r.min)} to ${when(r.max)}`;
}

/**
 * For a query whose result is empty and that reads the clock: when running it at the latest
 * TimeGenerated of its tables would return rows, the window is what emptied it; say so, with the
 * data's time span and the --now that finds them.
 */
export function clockNote(tablesRead: ReadonlyMap<string, Table>, now: bigint, rerun: (now: bigint) => number): Diagnostic | undefined {
  const spans = [...tablesRead].map(([name, t]) => ({ name, t, range: timeRange(t, SENTINEL_TIME_COLUMN) })).filter((x) => x.range !== undefined);
  if (spans.length === 0) return undefined;
  const latest = spans.reduce((m, x) => (x.range!.max > m ? x.range!.max : m), spans[0]!.range!.max);
  if (latest >= now) return undefined;
  const found = rerun(latest);
  if (found === 0) return undefined;
  return diag.rowsOutsideWindow(
    `the result is empty because now() is ${when(now)} and every row lies outside the query's time window ` +
      `(${spans.map((x) => spanText(x.name, x.t)).join('; ')}); with --now ${when(latest)} the query returns ${found} row(s)`,
  );
}

/** For a rule run with no result: each table the query reads none of whose rows falls in the run's window. */
export function windowNotes(tablesRead: ReadonlyMap<string, Table>, start: bigint, end: bigint): Diagnostic[] {
  const notes: Diagnostic[] = [];
  for (const [name, t] of tablesRead) {
    const r = timeRange(t, SENTINEL_TIME_COLUMN);
    if (!r || restrictToWindow(t, { column: SENTINEL_TIME_COLUMN, start, end }).rowCount > 0) continue;
    notes.push(diag.rowsOutsideWindow(
      `every row of ${name} lies outside the run's window ${when(start)} to ${when(end)} ` +
        `(${spanText(name, t)}); run at the data's time with --now ${when(r.max)}, or --from/--to around it`,
    ));
  }
  return notes;
}

/** A warning as the command line prints it. */
export function noteText(d: Diagnostic): string {
  return `kqlx: ${d.severity} ${d.code}: ${d.message}`;
}

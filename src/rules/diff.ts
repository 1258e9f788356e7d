/**
 * What an edit to a rule changes: for each run instant, the alerts and result rows the new version
 * adds and the ones it removes. Alerts and rows are compared whole, as multisets (a row is keyed by
 * column name, so reordering columns changes nothing; adding one changes every row). Runs are
 * matched by their instant; an instant at which only one version runs (other frequency, suppression)
 * counts as an empty run for the other.
 */
import { jsonValue } from '../io/format.js';
import { formatDatetime } from '../types/datetime.js';
import type { Dynamic } from '../types/value.js';
import { type AlertJson, alertJson } from './alert-json.js';
import type { RuleRun } from './run-rule.js';

export type RowJson = Record<string, Dynamic>;

export interface RunDiff {
  readonly now: bigint;
  readonly old?: { resultCount: number; triggered: boolean; alerts: number };
  readonly new?: { resultCount: number; triggered: boolean; alerts: number };
  readonly addedAlerts: AlertJson[];
  readonly removedAlerts: AlertJson[];
  readonly addedRows: RowJson[];
  readonly removedRows: RowJson[];
}

export function rowObjects(run: RuleRun): RowJson[] {
  const t = run.result;
  const out: RowJson[] = [];
  for (let r = 0; r < t.rowCount; r++) {
    const o: RowJson = {};
    t.schema.forEach((c, i) => (o[c.name] = jsonValue(t.columns[i]!.get(r), c.type)));
    out.push(o);
  }
  return out;
}

/** JSON with object keys sorted, so equal values have equal text. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Items of `b` not matched in `a` (added) and of `a` not matched in `b` (removed), counting repeats. */
export function multisetDiff<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): { added: T[]; removed: T[] } {
  const counts = new Map<string, number>();
  for (const x of a) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
  const added: T[] = [];
  for (const x of b) {
    const k = key(x);
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else added.push(x);
  }
  const removed: T[] = [];
  for (const x of a) {
    const k = key(x);
    const n = counts.get(k) ?? 0;
    if (n > 0) {
      removed.push(x);
      counts.set(k, n - 1);
    }
  }
  return { added, removed };
}

const summary = (r: RuleRun) => ({ resultCount: r.resultCount, triggered: r.triggered, alerts: r.alerts.length });

export function diffRun(now: bigint, oldRun: RuleRun | undefined, newRun: RuleRun | undefined): RunDiff {
  const alerts = multisetDiff(oldRun?.alerts.map(alertJson) ?? [], newRun?.alerts.map(alertJson) ?? [], stableJson);
  const rows = multisetDiff(oldRun ? rowObjects(oldRun) : [], newRun ? rowObjects(newRun) : [], stableJson);
  return {
    now,
    old: oldRun && summary(oldRun),
    new: newRun && summary(newRun),
    addedAlerts: alerts.added,
    removedAlerts: alerts.removed,
    addedRows: rows.added,
    removedRows: rows.removed,
  };
}

export function diffRunLists(oldRuns: readonly RuleRun[], newRuns: readonly RuleRun[]): RunDiff[] {
  const byNow = (runs: readonly RuleRun[]) => new Map(runs.map((r) => [r.now, r]));
  const o = byNow(oldRuns);
  const n = byNow(newRuns);
  const times = [...new Set([...o.keys(), ...n.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return times.map((t) => diffRun(t, o.get(t), n.get(t)));
}

export function hasChanges(d: RunDiff): boolean {
  return d.addedAlerts.length + d.removedAlerts.length + d.addedRows.length + d.removedRows.length > 0;
}

export function diffJson(diffs: readonly RunDiff[]) {
  const sum = (f: (d: RunDiff) => number) => diffs.reduce((n, d) => n + f(d), 0);
  return {
    runs: diffs.map((d) => ({
      now: formatDatetime(d.now),
      old: d.old ?? null,
      new: d.new ?? null,
      addedAlerts: d.addedAlerts,
      removedAlerts: d.removedAlerts,
      addedRows: d.addedRows,
      removedRows: d.removedRows,
    })),
    totals: {
      runs: diffs.length,
      changedRuns: diffs.filter(hasChanges).length,
      addedAlerts: sum((d) => d.addedAlerts.length),
      removedAlerts: sum((d) => d.removedAlerts.length),
      addedRows: sum((d) => d.addedRows.length),
      removedRows: sum((d) => d.removedRows.length),
    },
  };
}

function alertSummary(a: AlertJson): string {
  const ents = a.entities.map((e) => `${e.type} ${Object.values(e.identifiers).join('/')}`).join(', ');
  const details = Object.entries(a.customDetails).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
  return `${a.displayName} [${a.severity}${ents ? `; ${ents}` : ''}${details ? `; ${details}` : ''}; ${a.resultRows} row${a.resultRows === 1 ? '' : 's'}]`;
}

const side = (s: RunDiff['old']) => (s ? `${s.resultCount} rows, ${s.alerts} alert${s.alerts === 1 ? '' : 's'}` : 'no run');

export function diffText(diffs: readonly RunDiff[], maxRows = 20): string {
  const lines: string[] = [];
  for (const d of diffs.filter(hasChanges)) {
    lines.push(`run at ${formatDatetime(d.now)}: ${side(d.old)} → ${side(d.new)}`);
    for (const a of d.removedAlerts) lines.push(`  - alert ${alertSummary(a)}`);
    for (const a of d.addedAlerts) lines.push(`  + alert ${alertSummary(a)}`);
    const rows = (sign: string, rs: RowJson[]) => {
      for (const r of rs.slice(0, maxRows)) lines.push(`  ${sign} row   ${JSON.stringify(r)}`);
      if (rs.length > maxRows) lines.push(`  ${sign} ... ${rs.length - maxRows} more row${rs.length - maxRows === 1 ? '' : 's'} (use -o json for all)`);
    };
    rows('-', d.removedRows);
    rows('+', d.addedRows);
  }
  const t = diffJson(diffs).totals;
  lines.push(
    t.changedRuns === 0
      ? `no changes: the same alerts and result rows in all ${t.runs} run${t.runs === 1 ? '' : 's'}`
      : `${t.changedRuns} of ${t.runs} run${t.runs === 1 ? '' : 's'} changed: +${t.addedAlerts} −${t.removedAlerts} alerts, +${t.addedRows} −${t.removedRows} result rows`,
  );
  return lines.join('\n');
}

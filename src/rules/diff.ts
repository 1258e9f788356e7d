/**
 * What an edit to a rule changes: for each run instant, the alerts and result rows the new version
 * adds and the ones it removes, compared as multisets. Rows are compared on the columns both
 * versions produce (columns added or removed are reported once, not as a change to every row);
 * column order does not matter. An alert removed and one added with the same name and entities are
 * reported as one changed alert, with the fields that differ. Runs are matched by their instant; an
 * instant at which only one version runs (other frequency, suppression) is an empty run for the other.
 */
import { toDynamic } from '../types/convert.js';
import { formatDatetime } from '../types/datetime.js';
import type { Dynamic } from '../types/value.js';
import { type AlertJson, alertJson } from './alert-json.js';
import type { RuleRun } from './run.js';

export type RowJson = Record<string, Dynamic>;

export interface ChangedAlert {
  readonly old: AlertJson;
  readonly new: AlertJson;
  /** The alert fields whose values differ. */
  readonly fields: (keyof AlertJson)[];
}

export interface RunDiff {
  readonly now: bigint;
  readonly old?: { resultCount: number; triggered: boolean; alerts: number };
  readonly new?: { resultCount: number; triggered: boolean; alerts: number };
  readonly addedAlerts: AlertJson[];
  readonly removedAlerts: AlertJson[];
  readonly changedAlerts: ChangedAlert[];
  readonly addedRows: RowJson[];
  readonly removedRows: RowJson[];
}

/** The run's rows as objects, limited to `columns` when given. */
export function rowObjects(run: RuleRun, columns?: ReadonlySet<string>): RowJson[] {
  const t = run.result;
  const out: RowJson[] = [];
  for (let r = 0; r < t.rowCount; r++) {
    const o: RowJson = {};
    t.schema.forEach((c, i) => {
      if (!columns || columns.has(c.name)) o[c.name] = toDynamic(t.columns[i]!.get(r), c.type);
    });
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

const identity = (a: AlertJson) => stableJson([a.displayName, a.entities]);

/** Pairs removed and added alerts with the same name and entities into changed alerts. */
function pairAlerts(removed: AlertJson[], added: AlertJson[]): { removed: AlertJson[]; added: AlertJson[]; changed: ChangedAlert[] } {
  const changed: ChangedAlert[] = [];
  const left = [...added];
  const stillRemoved: AlertJson[] = [];
  for (const o of removed) {
    const i = left.findIndex((n) => identity(n) === identity(o));
    if (i < 0) {
      stillRemoved.push(o);
      continue;
    }
    const n = left.splice(i, 1)[0]!;
    const fields = (Object.keys(o) as (keyof AlertJson)[]).filter((k) => stableJson(o[k]) !== stableJson(n[k]));
    changed.push({ old: o, new: n, fields });
  }
  return { removed: stillRemoved, added: left, changed };
}

export function diffRun(now: bigint, oldRun: RuleRun | undefined, newRun: RuleRun | undefined): RunDiff {
  const alerts = multisetDiff(oldRun?.alerts.map(alertJson) ?? [], newRun?.alerts.map(alertJson) ?? [], stableJson);
  const paired = pairAlerts(alerts.removed, alerts.added);
  // With both runs present, rows are compared on their shared columns; a missing run has no rows.
  const newCols = new Set(newRun?.result.schema.map((c) => c.name));
  const shared = oldRun && newRun ? new Set(oldRun.result.schema.map((c) => c.name).filter((c) => newCols.has(c))) : undefined;
  const rows = multisetDiff(oldRun ? rowObjects(oldRun, shared) : [], newRun ? rowObjects(newRun, shared) : [], stableJson);
  return {
    now,
    old: oldRun && summary(oldRun),
    new: newRun && summary(newRun),
    addedAlerts: paired.added,
    removedAlerts: paired.removed,
    changedAlerts: paired.changed,
    addedRows: rows.added,
    removedRows: rows.removed,
  };
}

export interface RuleDiff {
  /** Result columns only the new version produces, and only the old one (the same for every run). */
  readonly addedColumns: string[];
  readonly removedColumns: string[];
  readonly runs: RunDiff[];
}

export function diffRunLists(oldRuns: readonly RuleRun[], newRuns: readonly RuleRun[]): RuleDiff {
  const byNow = (runs: readonly RuleRun[]) => new Map(runs.map((r) => [r.now, r]));
  const o = byNow(oldRuns);
  const n = byNow(newRuns);
  const times = [...new Set([...o.keys(), ...n.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const oldCols = oldRuns[0]?.result.schema.map((c) => c.name) ?? [];
  const newCols = newRuns[0]?.result.schema.map((c) => c.name) ?? [];
  const both = oldRuns.length > 0 && newRuns.length > 0;
  return {
    addedColumns: both ? newCols.filter((c) => !oldCols.includes(c)) : [],
    removedColumns: both ? oldCols.filter((c) => !newCols.includes(c)) : [],
    runs: times.map((t) => diffRun(t, o.get(t), n.get(t))),
  };
}

export function hasChanges(d: RunDiff): boolean {
  return d.addedAlerts.length + d.removedAlerts.length + d.changedAlerts.length + d.addedRows.length + d.removedRows.length > 0;
}

export function diffJson(diff: RuleDiff) {
  const diffs = diff.runs;
  const sum = (f: (d: RunDiff) => number) => diffs.reduce((n, d) => n + f(d), 0);
  return {
    addedColumns: diff.addedColumns,
    removedColumns: diff.removedColumns,
    runs: diffs.map((d) => ({
      now: formatDatetime(d.now),
      old: d.old ?? null,
      new: d.new ?? null,
      addedAlerts: d.addedAlerts,
      removedAlerts: d.removedAlerts,
      changedAlerts: d.changedAlerts,
      addedRows: d.addedRows,
      removedRows: d.removedRows,
    })),
    totals: {
      runs: diffs.length,
      changedRuns: diffs.filter(hasChanges).length,
      addedAlerts: sum((d) => d.addedAlerts.length),
      removedAlerts: sum((d) => d.removedAlerts.length),
      changedAlerts: sum((d) => d.changedAlerts.length),
      addedRows: sum((d) => d.addedRows.length),
      removedRows: sum((d) => d.removedRows.length),
    },
  };
}

function alertSummary(a: AlertJson): string {
  const ents = a.entities.map((e) => `${e.type} ${Object.values(e.identifiers).join('/')}`).join(', ');
  const details = Object.entries(a.customDetails).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
  return `${a.displayName} [${a.severity}${ents ? `; ${ents}` : ''}${details ? `; ${details}` : ''}; ${plural(a.resultRows, 'row')}]`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const side = (s: RunDiff['old']) => (s ? `${plural(s.resultCount, 'row')}, ${plural(s.alerts, 'alert')}` : 'no run');

/** Two values around the first place their JSON texts differ, so a change deep in a long text shows. */
export function changeSnippet(a: unknown, b: unknown, width = 70): [string, string] {
  const x = JSON.stringify(a) ?? 'null';
  const y = JSON.stringify(b) ?? 'null';
  let p = 0;
  while (p < x.length && p < y.length && x[p] === y[p]) p++;
  const start = Math.max(0, p - 20);
  const cut = (s: string) => `${start > 0 ? '…' : ''}${s.slice(start, start + width)}${s.length > start + width ? '…' : ''}`;
  return [cut(x), cut(y)];
}

export function diffText(diff: RuleDiff, maxRows = 20): string {
  const lines: string[] = [];
  if (diff.removedColumns.length) lines.push(`result columns removed: ${diff.removedColumns.join(', ')}`);
  if (diff.addedColumns.length) lines.push(`result columns added: ${diff.addedColumns.join(', ')}`);
  const diffs = diff.runs;
  for (const d of diffs.filter(hasChanges)) {
    lines.push(`run at ${formatDatetime(d.now)}: ${side(d.old)} → ${side(d.new)}`);
    for (const a of d.removedAlerts) lines.push(`  - alert ${alertSummary(a)}`);
    for (const a of d.addedAlerts) lines.push(`  + alert ${alertSummary(a)}`);
    for (const c of d.changedAlerts) {
      lines.push(`  ~ alert ${alertSummary(c.new)}`);
      for (const f of c.fields) {
        const [was, is] = changeSnippet(c.old[f], c.new[f]);
        lines.push(`      ${f}: ${was}`, `      ${' '.repeat(f.length)}→ ${is}`);
      }
    }
    const rows = (sign: string, rs: RowJson[]) => {
      for (const r of rs.slice(0, maxRows)) lines.push(`  ${sign} row   ${JSON.stringify(r)}`);
      if (rs.length > maxRows) lines.push(`  ${sign} ... ${plural(rs.length - maxRows, 'more row')} (use -o json for all)`);
    };
    rows('-', d.removedRows);
    rows('+', d.addedRows);
  }
  const t = diffJson(diff).totals;
  lines.push(
    t.changedRuns === 0
      ? `no changes: the same alerts and result rows in all ${plural(t.runs, 'run')}`
      : `${t.changedRuns} of ${plural(t.runs, 'run')} changed: alerts +${t.addedAlerts} −${t.removedAlerts} ~${t.changedAlerts}, result rows +${t.addedRows} −${t.removedRows}`,
  );
  return lines.join('\n');
}

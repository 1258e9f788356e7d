/**
 * Checking a run against a case's expectations. Values are compared in a canonical text form, so a
 * test may write `51` or `"51"`, `2024-05-01T12:00:00Z` or `...00.000Z` or `now-5m`, and an entity
 * type as `IP` or `ip`. Each failed expectation becomes a Mismatch holding the expected and actual
 * sides as lines, for the side-by-side report.
 */
import { formatDatetime, parseDatetime } from '../../types/datetime.js';
import { toDynamic } from '../../types/convert.js';
import { type AlertJson, alertJson } from '../../rules/alert-json.js';
import { ENTITY_TYPES } from '../entity-catalog.js';
import type { RuleRun } from '../../rules/run.js';
import { relativeTime } from './case-rows.js';
import type { ExpectedAlert, ExpectedEntity, Expectations } from './expectations.js';

export interface Mismatch {
  readonly what: string;
  readonly expected: readonly string[];
  readonly actual: readonly string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** The canonical text of a value; datetimes in any ISO precision (or relative to now) become one form. */
export function canon(v: unknown, now: bigint | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') {
    let t: bigint | undefined;
    try {
      t = relativeTime(v, now);
    } catch {
      t = undefined;
    }
    if (t === undefined && ISO_DATE.test(v.trim())) t = parseDatetime(v);
    return t === undefined ? v : formatDatetime(t);
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => canon(x, now)).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${k}:${canon(o[k], now)}`).join(',')}}`;
}

/** A value as a reader sees it in the report: text bare, lists and mappings in flow style. */
export function show(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v === '' ? '""' : v;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${show(x)}`).join(', ')}}`;
  return String(v);
}

export function compareRun(expect: Expectations, run: RuleRun, now: bigint | undefined): Mismatch[] {
  const out: Mismatch[] = [];
  const scalar = (what: string, expected: unknown, actual: unknown) => {
    if (expected !== undefined && canon(expected, now) !== canon(actual, now)) out.push({ what, expected: [show(expected)], actual: [show(actual)] });
  };
  if (expect.triggered !== undefined && expect.triggered !== run.triggered) {
    out.push({
      what: 'triggered',
      expected: [expect.triggered ? 'true (the rule fires)' : 'false (the rule must not fire)'],
      actual: [`${run.triggered} (${run.resultCount} result row${run.resultCount === 1 ? '' : 's'})`],
    });
  }
  scalar('resultCount', expect.resultCount, run.resultCount);
  scalar('alertCount', expect.alertCount, run.alerts.length);
  const columns = run.result.schema.map((c) => c.name);
  if (expect.columns && expect.columns.join('\u0000') !== columns.join('\u0000')) {
    out.push({ what: 'columns', expected: [...expect.columns], actual: columns });
  }
  if (expect.rows) out.push(...compareRows(expect.rows, run, now));
  if (expect.alerts) out.push(...compareAlerts(expect.alerts, run.alerts.map(alertJson), now));
  return out;
}

function resultObjects(run: RuleRun): Record<string, unknown>[] {
  const t = run.result;
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < t.rowCount; r++) {
    const o: Record<string, unknown> = {};
    t.schema.forEach((c, i) => (o[c.name] = toDynamic(t.columns[i]!.get(r), c.type)));
    rows.push(o);
  }
  return rows;
}

function compareRows(expected: readonly Record<string, unknown>[], run: RuleRun, now: bigint | undefined): Mismatch[] {
  const actual = resultObjects(run);
  const used = new Set<number>();
  let unmatched = 0;
  for (const e of expected) {
    const keys = Object.keys(e);
    const i = actual.findIndex((a, j) => !used.has(j) && keys.every((k) => k in a && canon(e[k], now) === canon(a[k], now)));
    if (i < 0) unmatched++;
    else used.add(i);
  }
  if (unmatched === 0 && expected.length === actual.length) return [];
  const keys = [...new Set(expected.flatMap((e) => Object.keys(e)))];
  const project = (a: Record<string, unknown>) => Object.fromEntries(keys.filter((k) => k in a).map((k) => [k, a[k]]));
  const limit = 30;
  const actualLines = actual.slice(0, limit).flatMap((a) => rowLines(project(a)));
  if (actual.length > limit) actualLines.push(`... ${actual.length - limit} more`);
  if (actual.length === 0) actualLines.push('(no rows)');
  return [{
    what: `rows (${expected.length} expected, ${actual.length} in the result, ${unmatched} expected row${unmatched === 1 ? '' : 's'} not found)`,
    expected: expected.flatMap((e) => rowLines(Object.fromEntries(keys.filter((k) => k in e).map((k) => [k, e[k]])))),
    actual: actualLines,
  }];
}

/** A row as YAML-style lines, one column a line, so expected and actual line up column by column. */
function rowLines(row: Record<string, unknown>): string[] {
  const entries = Object.entries(row);
  if (entries.length === 0) return ['- {}'];
  return entries.map(([k, v], i) => `${i === 0 ? '- ' : '  '}${k}: ${show(v)}`);
}

function entityType(t: string): string {
  const lower = t.toLowerCase();
  const named = Object.entries(ENTITY_TYPES).find(([name]) => name.toLowerCase() === lower);
  return named ? named[1].alertType : lower;
}

function entityCanon(e: ExpectedEntity | AlertJson['entities'][number], now: bigint | undefined): string {
  return `${entityType(e.type)} ${canon(e.identifiers, now)}`;
}

function entityLine(e: ExpectedEntity | AlertJson['entities'][number]): string {
  return `${entityType(e.type)} ${Object.entries(e.identifiers).map(([k, v]) => `${k}=${show(v)}`).join(' ')}`;
}

const sortedCanon = (vs: unknown[], now: bigint | undefined) => vs.map((v) => canon(v, now)).sort().join('\n');

/** Which named fields of an expected alert differ from an actual alert. */
function alertDiffs(e: ExpectedAlert, a: AlertJson, now: bigint | undefined): string[] {
  const diffs: string[] = [];
  for (const [k, v] of Object.entries(e.fields)) {
    const actual = (a as unknown as Record<string, unknown>)[k];
    const same = Array.isArray(actual) && Array.isArray(v) ? sortedCanon(v, now) === sortedCanon(actual, now) : canon(v, now) === canon(actual, now);
    if (!same) diffs.push(k);
  }
  if (e.entities && sortedCanon(e.entities.map((x) => entityCanon(x, now)), now) !== sortedCanon(a.entities.map((x) => entityCanon(x, now)), now)) diffs.push('entities');
  if (e.customDetails) {
    const ek = Object.keys(e.customDetails).sort();
    const ak = Object.keys(a.customDetails).sort();
    const same = ek.join() === ak.join() && ek.every((k) => {
      const ev = e.customDetails![k];
      return sortedCanon(Array.isArray(ev) ? ev : [ev], now) === sortedCanon(a.customDetails[k]!, now);
    });
    if (!same) diffs.push('customDetails');
  }
  return diffs;
}

/** An alert as report lines, limited to the fields an expectation names. */
function alertLines(fields: string[], source: { fields: Record<string, unknown>; entities?: readonly (ExpectedEntity | AlertJson['entities'][number])[]; customDetails?: Record<string, unknown> }): string[] {
  const lines: string[] = [];
  for (const f of fields) {
    if (f === 'entities') {
      lines.push('entities:');
      const es = (source.entities ?? []).map(entityLine).sort();
      lines.push(...(es.length ? es.map((l) => `  - ${l}`) : ['  (none)']));
    } else if (f === 'customDetails') {
      lines.push('customDetails:');
      const cd = Object.entries(source.customDetails ?? {}).sort(([x], [y]) => (x < y ? -1 : 1));
      lines.push(...(cd.length ? cd.map(([k, v]) => `  ${k}: ${show(v)}`) : ['  (none)']));
    } else lines.push(`${f}: ${show(source.fields[f])}`);
  }
  return lines;
}

function expectedFields(e: ExpectedAlert): string[] {
  return [...Object.keys(e.fields), ...(e.entities ? ['entities'] : []), ...(e.customDetails ? ['customDetails'] : [])];
}

function actualSource(a: AlertJson) {
  return { fields: a as unknown as Record<string, unknown>, entities: a.entities, customDetails: a.customDetails };
}

function compareAlerts(expected: readonly ExpectedAlert[], actual: AlertJson[], now: bigint | undefined): Mismatch[] {
  const out: Mismatch[] = [];
  const used = new Set<number>();
  const unmatched: ExpectedAlert[] = [];
  for (const e of expected) {
    const i = actual.findIndex((a, j) => !used.has(j) && alertDiffs(e, a, now).length === 0);
    if (i < 0) unmatched.push(e);
    else used.add(i);
  }
  for (const e of unmatched) {
    const fields = expectedFields(e);
    // Show the unused actual alert closest to the expectation, so the difference is easy to see.
    let best = -1;
    let bestDiffs = Infinity;
    actual.forEach((a, j) => {
      if (used.has(j)) return;
      const n = alertDiffs(e, a, now).length;
      if (n < bestDiffs) [best, bestDiffs] = [j, n];
    });
    if (best >= 0) used.add(best);
    out.push({
      what: `alert expected at line ${e.line}${best >= 0 ? ` (closest actual alert: #${best + 1}, differs in ${alertDiffs(e, actual[best]!, now).join(', ')})` : ' (no alert left to match it)'}`,
      expected: alertLines(fields, e),
      actual: best >= 0 ? alertLines(fields, actualSource(actual[best]!)) : ['(none)'],
    });
  }
  if (expected.length !== actual.length) {
    const extra = actual.filter((_, j) => !used.has(j));
    out.push({
      what: `number of alerts (the alerts: list names ${expected.length})`,
      expected: [`${expected.length} alert${expected.length === 1 ? '' : 's'}`],
      actual: [`${actual.length} alert${actual.length === 1 ? '' : 's'}`, ...extra.slice(0, 10).map((a) => `+ ${a.displayName} (${a.entities.map(entityLine).join('; ') || 'no entities'})`)],
    });
  }
  return out;
}

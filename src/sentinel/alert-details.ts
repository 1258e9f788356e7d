/**
 * The alert's name, description, severity, tactics and techniques: the rule's own values, unless
 * alertDetailsOverride takes them from a result row. Following the override documentation, a
 * property falls back to the rule's value when its column is empty in that row, when the value does
 * not fit the property (not a severity, not a tactic, over the size limit), or — across one run —
 * when the overrides produce more than 50 distinct values.
 *
 * kqlx's readings where Sentinel is silent: a format falls back when any placeholder it names has an
 * empty value; a placeholder that names no result column (e.g. a `let` variable) stays in the text as
 * `{{name}}`; in a SingleAlert (and the summary alert) the first result row feeds the overrides.
 */
import type { ResultRows } from '../rules/result-rows.js';
import { PLACEHOLDER } from './read-alert-settings.js';
import type { Format, Rule } from './rule.js';
import { canonical, SEVERITIES, type Severity, TACTICS } from './vocabulary.js';

export const MAX_NAME_BYTES = 256;
export const MAX_DESCRIPTION_BYTES = 5 * 1024;
export const MAX_OVERRIDE_VALUES = 50;
const OVERRIDE_TECHNIQUE = /^T\d{4}$/;

export interface AlertDetails {
  displayName: string;
  description: string;
  severity: Severity;
  tactics: string[];
  techniques: string[];
}

type Overridden = { [K in keyof AlertDetails]?: boolean };

export function ruleDetails(rule: Rule): AlertDetails {
  return {
    displayName: rule.name,
    description: rule.description,
    severity: rule.severity,
    tactics: [...rule.tactics],
    techniques: [...rule.techniques],
  };
}

/** The details for an alert fed by `row` (undefined: no row, the rule's own values). */
export function alertDetails(rule: Rule, rows: ResultRows, row: number | undefined): { details: AlertDetails; overridden: Overridden } {
  const details = ruleDetails(rule);
  const overridden: Overridden = {};
  const o = rule.override;
  if (!o || row === undefined) return { details, overridden };
  const name = o.displayName && render(o.displayName, rows, row, MAX_NAME_BYTES);
  if (name !== undefined) [details.displayName, overridden.displayName] = [name, true];
  const description = o.description && render(o.description, rows, row, MAX_DESCRIPTION_BYTES);
  if (description !== undefined) [details.description, overridden.description] = [description, true];
  if (o.severityColumn) {
    const s = canonical(SEVERITIES, (rows.text(row, o.severityColumn.column) ?? '').trim());
    if (s) [details.severity, overridden.severity] = [s, true];
  }
  if (o.tacticsColumn) {
    const list = listValue(rows, row, o.tacticsColumn.column).map((t) => canonical(TACTICS, t.replace(/\s+/g, '')));
    if (list.length > 0 && list.every((t) => t !== undefined)) [details.tactics, overridden.tactics] = [list as string[], true];
  }
  const techniques = o.dynamicProperties.find((p) => p.property === 'Techniques');
  if (techniques) {
    const list = listValue(rows, row, techniques.column.column);
    if (list.length > 0 && list.every((t) => OVERRIDE_TECHNIQUE.test(t))) [details.techniques, overridden.techniques] = [list, true];
  }
  return { details, overridden };
}

/** The rendered format, or undefined when it must fall back to the rule's value. */
export function render(format: Format, rows: ResultRows, row: number, maxBytes: number): string | undefined {
  let empty = false;
  const text = format.text.replace(PLACEHOLDER, (whole, inner: string) => {
    const v = rows.text(row, inner.trim());
    if (v === undefined) return whole;
    if (v === '') empty = true;
    return v;
  });
  if (empty || text.trim() === '' || new TextEncoder().encode(text).length > maxBytes) return undefined;
  return text;
}

/** A list-valued column: a dynamic array, JSON array text, or comma-separated text. */
function listValue(rows: ResultRows, row: number, column: string): string[] {
  const v = rows.value(row, column);
  let items: unknown[];
  if (Array.isArray(v)) items = v;
  else {
    const s = (rows.text(row, column) ?? '').trim();
    if (s.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(s);
        items = Array.isArray(parsed) ? parsed : [s];
      } catch {
        items = s.split(',');
      }
    } else items = s === '' ? [] : s.split(',');
  }
  return items.map((i) => String(i).trim()).filter((i) => i !== '');
}

/**
 * "When your query exceeds 50 customized values, all customized values are dropped, and in all query
 * results the field reverts to its default value": applied per property over one run's alerts.
 */
export function capOverrides(rule: Rule, all: { details: AlertDetails; overridden: Overridden }[]): AlertDetails[] {
  const defaults = ruleDetails(rule);
  const keys: (keyof AlertDetails)[] = ['displayName', 'description', 'severity', 'tactics', 'techniques'];
  for (const k of keys) {
    const distinct = new Set(all.filter((a) => a.overridden[k]).map((a) => JSON.stringify(a.details[k])));
    if (distinct.size > MAX_OVERRIDE_VALUES) {
      for (const a of all) if (a.overridden[k]) (a.details as unknown as Record<string, unknown>)[k] = defaults[k];
    }
  }
  return all.map((a) => a.details);
}

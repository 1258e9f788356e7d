/**
 * Turning a triggered run's result into alerts, by the rule's event grouping:
 *   - SingleAlert: one alert for the whole result.
 *   - AlertPerResult: one alert per row, in the query's output order; past the cap (150, NRT 30) the
 *     first cap−1 rows get their own alert and the last alert summarises the entire result.
 * A triggered run with no rows (e.g. `eq 0`) raises one alert with no row behind it, in either mode.
 * Start and end times are the earliest and latest TimeGenerated of the alert's rows when the result
 * has a datetime TimeGenerated column with values; otherwise the run's window (as Sentinel's
 * zero-row alerts show).
 */
import type { Table } from '../table/table.js';
import { type AlertDetails, alertDetails, capOverrides } from './alert-details.js';
import type { Alert } from '../rules/alert.js';
import { collectCustomDetails } from './custom-details.js';
import { extractEntities } from './entities.js';
import { ResultRows } from '../rules/result-rows.js';
import type { Rule } from './rule.js';

export const ALERTS_PER_RESULT_CAP = 150;
export const NRT_ALERTS_PER_RESULT_CAP = 30;

export interface Window {
  readonly start: bigint;
  readonly end: bigint;
}

export function buildAlerts(rule: Rule, result: Table, window: Window): Alert[] {
  const rows = new ResultRows(result);
  const all = Array.from({ length: result.rowCount }, (_, i) => i);
  const groups: number[][] = [];
  if (rule.aggregation === 'SingleAlert' || result.rowCount === 0) groups.push(all);
  else {
    const cap = rule.kind === 'NRT' ? NRT_ALERTS_PER_RESULT_CAP : ALERTS_PER_RESULT_CAP;
    if (result.rowCount <= cap) for (const i of all) groups.push([i]);
    else {
      for (let i = 0; i < cap - 1; i++) groups.push([i]);
      groups.push(all);
    }
  }
  const details = capOverrides(rule, groups.map((g) => alertDetails(rule, rows, g[0])));
  return groups.map((g, i) => makeAlert(rule, rows, g, details[i]!, window));
}

function makeAlert(rule: Rule, rows: ResultRows, group: number[], details: AlertDetails, window: Window): Alert {
  const { start, end } = timeRange(rows, group) ?? window;
  return {
    ...details,
    startTime: start,
    endTime: end,
    entities: extractEntities(rule.entityMappings, rows, group),
    customDetails: collectCustomDetails(rule.customDetails, rows, group),
    resultRows: group.length,
  };
}

function timeRange(rows: ResultRows, group: number[]): Window | undefined {
  if (!rows.isDatetime('TimeGenerated')) return undefined;
  let start: bigint | undefined;
  let end: bigint | undefined;
  for (const r of group) {
    const t = rows.value(r, 'TimeGenerated') as bigint | null;
    if (t === null || t === undefined) continue;
    if (start === undefined || t < start) start = t;
    if (end === undefined || t > end) end = t;
  }
  return start === undefined ? undefined : { start, end: end! };
}

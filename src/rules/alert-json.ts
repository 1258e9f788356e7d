/**
 * The JSON shape of rule runs (`kqlx rule -o json`): datetimes as ISO 8601 UTC text.
 *   {"runs":[{"now","windowStart","windowEnd","resultCount","triggered",
 *             "alerts":[{"displayName","description","severity","tactics","techniques","startTime",
 *                        "endTime","entities":[{"type","identifiers":{}}],"customDetails":{},"resultRows"}]}]}
 */
import { formatDatetime } from '../types/datetime.js';
import type { Dynamic } from '../types/value.js';
import type { Alert } from './alert.js';
import type { RuleRun } from './run.js';
import type { Simulation } from './schedule.js';

export interface AlertJson {
  displayName: string;
  description: string;
  severity: string;
  tactics: string[];
  techniques: string[];
  startTime: string;
  endTime: string;
  entities: { type: string; identifiers: Record<string, string> }[];
  customDetails: Record<string, Dynamic[]>;
  resultRows: number;
}

export interface RunJson {
  now: string;
  windowStart: string;
  windowEnd: string;
  resultCount: number;
  triggered: boolean;
  alerts: AlertJson[];
}

export function alertJson(a: Alert): AlertJson {
  return {
    displayName: a.displayName,
    description: a.description,
    severity: a.severity,
    tactics: [...a.tactics],
    techniques: [...a.techniques],
    startTime: formatDatetime(a.startTime),
    endTime: formatDatetime(a.endTime),
    entities: a.entities.map((e) => ({ type: e.type, identifiers: { ...e.identifiers } })),
    customDetails: Object.fromEntries(Object.entries(a.customDetails).map(([k, v]) => [k, [...v]])),
    resultRows: a.resultRows,
  };
}

export function runJson(r: RuleRun): RunJson {
  return {
    now: formatDatetime(r.now),
    windowStart: formatDatetime(r.windowStart),
    windowEnd: formatDatetime(r.windowEnd),
    resultCount: r.resultCount,
    triggered: r.triggered,
    alerts: r.alerts.map(alertJson),
  };
}

/**
 * A schedule simulation: the runs that ran (same shape as a single run), plus what only a schedule
 * has: the runs suppression skipped, the duplicate alerts, and totals.
 */
export function simulationJson(sim: Simulation) {
  const alerts = sim.runs.reduce((n, r) => n + r.alerts.length, 0);
  return {
    runs: sim.runs.map(runJson),
    suppressed: sim.suppressed.map((s) => ({ now: formatDatetime(s.now), after: formatDatetime(s.after) })),
    duplicates: sim.duplicates.map((d) => ({ now: formatDatetime(d.now), alertIndex: d.alertIndex, firstNow: formatDatetime(d.firstNow), displayName: d.displayName })),
    totals: {
      runs: sim.runs.length + sim.suppressed.length,
      ran: sim.runs.length,
      suppressed: sim.suppressed.length,
      triggered: sim.runs.filter((r) => r.triggered).length,
      alerts,
      duplicates: sim.duplicates.length,
    },
  };
}

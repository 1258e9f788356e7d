/** Readable text for rule runs: a header per run and a card per alert (for `kqlx rule` without -o json). */
import { formatDatetime } from '../types/datetime.js';
import type { Alert, Entity } from '../rules/alert.js';
import { formatRuleDuration } from '../rules/duration.js';
import type { Rule } from './rule.js';
import type { RuleRun } from '../rules/run.js';
import type { Simulation } from '../rules/schedule.js';
import { OPERATOR_TEXT } from '../rules/trigger.js';

const LABEL = 13;

function field(label: string, lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  return lines.map((l, i) => `  ${(i === 0 ? label : '').padEnd(LABEL)}${l}`);
}

function wrap(text: string, width: number, maxLines: number): string[] {
  const out: string[] = [];
  for (const para of text.trim().split(/\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(line);
  }
  if (out.length > maxLines) return [...out.slice(0, maxLines - 1), `${out[maxLines - 1]} …`];
  return out;
}

export function entityText(e: Entity): string {
  return `${e.type.padEnd(9)} ${Object.entries(e.identifiers).map(([k, v]) => `${k}=${v}`).join('  ')}`;
}

export function alertCard(a: Alert, index: number, count: number): string {
  const details = Object.entries(a.customDetails).map(([k, vs]) => `${k}: ${vs.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`);
  const title = `── alert ${index + 1} of ${count} `;
  return [
    `${title}${'─'.repeat(Math.max(4, 60 - title.length))}`,
    `  ${a.displayName}`,
    ...field('severity', [a.severity]),
    ...field('tactics', a.tactics.length ? [a.tactics.join(', ')] : []),
    ...field('techniques', a.techniques.length ? [a.techniques.join(', ')] : []),
    ...field('time', [`${formatDatetime(a.startTime)} → ${formatDatetime(a.endTime)}`]),
    ...field('result rows', [String(a.resultRows)]),
    ...field('entities', a.entities.length ? a.entities.map(entityText) : ['(none)']),
    ...field('details', details),
    ...field('description', wrap(a.description, 90, 6)),
  ].join('\n');
}

export function runHeader(rule: Rule, run: RuleRun): string {
  const rows = `${run.resultCount} result row${run.resultCount === 1 ? '' : 's'}`;
  const trigger = `trigger: rows ${OPERATOR_TEXT[rule.triggerOperator]} ${rule.triggerThreshold}`;
  const outcome = run.triggered ? `fired, ${run.alerts.length} alert${run.alerts.length === 1 ? '' : 's'} (${rule.aggregation})` : 'did not fire';
  return [
    `run at ${formatDatetime(run.now)} over ${formatDatetime(run.windowStart)} .. ${formatDatetime(run.windowEnd)} (queryPeriod ${formatRuleDuration(rule.queryPeriod)})`,
    `${rows}; ${trigger} → ${outcome}`,
  ].join('\n');
}

export function runText(rule: Rule, run: RuleRun): string {
  const parts = [runHeader(rule, run)];
  run.alerts.forEach((a, i) => parts.push(alertCard(a, i, run.alerts.length)));
  return parts.join('\n\n');
}

export function ruleTitle(rule: Rule): string {
  return `${rule.name}  (${rule.file})`;
}

function alertLine(a: Alert): string {
  const ents = a.entities.length ? a.entities.map((e) => Object.values(e.identifiers)[0]).join(', ') : 'no entities';
  return `${a.displayName}  [${a.severity}; ${ents}]`;
}

export function simulationText(rule: Rule, sim: Simulation): string {
  const lines: string[] = [];
  const total = sim.runs.length + sim.suppressed.length;
  lines.push(
    `schedule: every ${formatRuleDuration(rule.queryFrequency)}, look-back ${formatRuleDuration(rule.queryPeriod)}; ${total} run${total === 1 ? '' : 's'} from ${formatDatetime(sim.from)} to ${formatDatetime(sim.to)} (the first at from + ${formatRuleDuration(rule.queryFrequency)})`,
  );
  if (rule.suppressionEnabled) lines.push(`suppression: ${formatRuleDuration(rule.suppressionDuration)} after each run that raises an alert`);
  const events = [
    ...sim.runs.map((r) => ({ now: r.now, run: r })),
    ...sim.suppressed.map((s) => ({ now: s.now, suppressedAfter: s.after })),
  ].sort((a, b) => (a.now < b.now ? -1 : a.now > b.now ? 1 : 0));
  const dup = new Set(sim.duplicates.map((d) => `${d.now}:${d.alertIndex}`));
  for (const e of events) {
    const at = formatDatetime(e.now);
    if ('run' in e && e.run) {
      const r = e.run;
      const rows = `${String(r.resultCount).padStart(5)} row${r.resultCount === 1 ? ' ' : 's'}`;
      if (!r.triggered) {
        lines.push(`  ${at}  ${rows}`);
        continue;
      }
      lines.push(`  ${at}  ${rows}  fired: ${r.alerts.length} alert${r.alerts.length === 1 ? '' : 's'}`);
      r.alerts.forEach((a, i) => lines.push(`      ${dup.has(`${r.now}:${i}`) ? '(duplicate) ' : ''}${alertLine(a)}`));
    } else {
      lines.push(`  ${at}  suppressed (alert at ${formatDatetime((e as { suppressedAfter: bigint }).suppressedAfter)})`);
    }
  }
  const fired = sim.runs.filter((r) => r.triggered).length;
  const alerts = sim.runs.reduce((n, r) => n + r.alerts.length, 0);
  lines.push(
    `totals: ${total} runs (${sim.runs.length} ran, ${sim.suppressed.length} suppressed), ${fired} fired, ${alerts} alert${alerts === 1 ? '' : 's'}, ${sim.duplicates.length} duplicate${sim.duplicates.length === 1 ? '' : 's'}`,
  );
  if (sim.duplicates.length) {
    lines.push('duplicate alerts (same name, entities and details as an alert of an earlier, overlapping window):');
    for (const d of sim.duplicates) lines.push(`  ${formatDatetime(d.now)}  ${d.displayName}  (first raised at ${formatDatetime(d.firstNow)})`);
  }
  return lines.join('\n');
}

/**
 * Signals for machines and for people. `-o json` is `{"signals": [...]}`, one object per signal in the
 * shape ../shared/bench/check-cse.mjs reads (ruleId, groupBy, timestamp in ms and ISO, entities),
 * with what the rule measured spread at the top level (`count`, `distinctValues`, aggregation names).
 */
import type { Value } from '../types/value.js';
import type { Signal } from './signal.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** JSON for a value: bigints (datetime ticks) are not JSON; numbers and text are kept as they are. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

export function signalJson(s: Signal): Record<string, unknown> {
  return {
    ruleId: s.ruleId,
    ruleName: s.ruleName,
    name: s.name,
    ...(s.summary !== undefined ? { summary: s.summary } : {}),
    ...(s.description !== undefined ? { description: s.description } : {}),
    score: s.score,
    tags: s.tags,
    ...(s.isPrototype ? { prototype: true } : {}),
    entities: s.entity ? [s.entity] : [],
    groupBy: plain(s.groupBy),
    timestamp: s.timestamp,
    timestamp_iso: iso(s.timestamp),
    firstRecordTime: iso(s.firstRecordTime),
    lastRecordTime: iso(s.lastRecordTime),
    ...(plain(s.details) as Record<string, unknown>),
    records: plain(s.records),
  };
}

export function signalsJson(signals: readonly Signal[]): string {
  return `${JSON.stringify({ signals: signals.map(signalJson) }, null, 1)}\n`;
}

function valueText(v: Value | unknown): string {
  if (v === null || v === undefined) return 'null';
  return typeof v === 'string' ? v : JSON.stringify(plain(v));
}

/** One card per signal: time, rule, name, entity, score, summary, and what the rule measured. */
export function signalsText(ruleLabel: string, signals: readonly Signal[]): string {
  const lines = [`${ruleLabel}: ${signals.length} signal(s)`];
  for (const s of signals) {
    lines.push('');
    lines.push(`${iso(s.timestamp)}  ${s.name}  score ${s.score}${s.isPrototype ? ' (prototype)' : ''}`);
    if (s.entity) lines.push(`  entity   ${s.entity.entity_type} ${s.entity.value} (${s.entity.expression})`);
    if (s.summary) lines.push(`  summary  ${s.summary}`);
    const groups = Object.entries(s.groupBy);
    if (groups.length > 0) lines.push(`  group    ${groups.map(([k, v]) => `${k}=${valueText(v)}`).join(', ')}`);
    const details = Object.entries(s.details);
    if (details.length > 0) lines.push(`  measured ${details.map(([k, v]) => `${k}=${valueText(v)}`).join(', ')}`);
    lines.push(`  records  ${s.records.length}, ${iso(s.firstRecordTime)} .. ${iso(s.lastRecordTime)}`);
  }
  return `${lines.join('\n')}\n`;
}

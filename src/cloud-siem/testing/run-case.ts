/**
 * Running one Cloud SIEM rule-test case: its records (inline and loaded), the rule, and the comparison
 * of the signals with the expected ones. Expected signals are compared on the fields they name, in
 * the `-o json` shape (`timestamp` in ms or ISO text, `entities` or `entity`, `groupBy`, `summary`, ...);
 * every signal must be expected, in any order.
 */
import { ColumnBuilder } from '../../table/column.js';
import { type ColumnSchema, Table } from '../../table/table.js';
import type { Value } from '../../types/value.js';
import { stableJson } from '../../rules/diff.js';
import type { CseRule } from '../rule.js';
import { runRule } from '../run-rule.js';
import { NORMALIZED_SCHEMA } from '../schema/index.js';
import { signalJson } from '../signal-output.js';
import { type TestCase, toMs } from './test-file.js';

export interface Mismatch {
  readonly what: string;
  readonly expected: readonly string[];
  readonly actual: readonly string[];
}

export interface CaseResult {
  readonly name: string;
  readonly line: number;
  readonly outcome: 'passed' | 'failed' | 'error';
  readonly mismatches: readonly Mismatch[];
  readonly errors: readonly string[];
  readonly durationMs: number;
}

/** Inline records as a table typed by the normalized schema (other fields take their values' type). */
export function inlineTable(records: readonly Record<string, Value>[]): Table {
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const known = new Map(NORMALIZED_SCHEMA.map((c) => [c.name, c.type]));
  const schema: ColumnSchema[] = names.map((name) => {
    const sample = records.find((r) => r[name] !== null && r[name] !== undefined)?.[name];
    const inferred = typeof sample === 'number' ? 'real' : typeof sample === 'boolean' ? 'bool' : typeof sample === 'string' ? 'string' : 'dynamic';
    return { name, type: known.get(name) ?? inferred };
  });
  const builders = schema.map((c) => new ColumnBuilder(c.type, 'keep'));
  for (const r of records) schema.forEach((c, i) => builders[i]!.push(r[c.name] ?? null));
  return new Table(schema, builders.map((b) => b.finish()), records.length);
}

/** Whether an actual signal (JSON shape) has every field the expectation names, with equal values. */
function matches(actual: Record<string, unknown>, expected: Record<string, unknown>): boolean {
  return Object.entries(expected).every(([key, want]) => {
    if (key === 'timestamp') return toMs(want) === actual.timestamp;
    if (key === 'entity') return (actual.entities as unknown[]).some((e) => subset(e, want));
    return subset(actual[key], want);
  });
}

function subset(actual: unknown, want: unknown): boolean {
  if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
    return actual !== null && typeof actual === 'object' && Object.entries(want).every(([k, v]) => subset((actual as Record<string, unknown>)[k], v));
  }
  if (Array.isArray(want)) return Array.isArray(actual) && actual.length === want.length && want.every((w, i) => subset(actual[i], w));
  return stableJson(actual) === stableJson(want) || (typeof want === 'number' && String(want) === actual) || (typeof actual === 'number' && String(actual) === want);
}

function brief(s: Record<string, unknown>): string {
  const { records: _records, ruleName: _n, tags: _t, ...rest } = s;
  return stableJson(rest);
}

export function runCase(rule: CseRule, c: TestCase, fileTables: ReadonlyMap<string, Table>): CaseResult {
  const started = performance.now();
  const done = (outcome: CaseResult['outcome'], mismatches: Mismatch[] = [], errors: string[] = []): CaseResult => ({
    name: c.name, line: c.line, outcome, mismatches, errors, durationMs: performance.now() - started,
  });
  const tables = new Map<string, Table>(fileTables);
  for (const [name, records] of c.inline) tables.set(name, inlineTable(records));
  const run = runRule(rule, { tables });
  const errors = [
    ...run.errors.map((d) => `error ${d.code}: ${d.message}`),
    ...run.reports.flatMap((r) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${r.source.name}:${d.line}:${d.col}: error ${d.code}: ${d.message}`)),
  ];
  if (errors.length > 0) return done('error', [], errors);
  const actual = run.signals.map(signalJson);
  const mismatches: Mismatch[] = [];
  if (c.expect.signalCount !== undefined && c.expect.signalCount !== actual.length) {
    mismatches.push({ what: 'signal count', expected: [String(c.expect.signalCount)], actual: [String(actual.length)] });
  }
  if (c.expect.signals) {
    const unmatched = [...actual];
    const missing: Record<string, unknown>[] = [];
    for (const want of c.expect.signals) {
      const at = unmatched.findIndex((a) => matches(a, want));
      if (at >= 0) unmatched.splice(at, 1);
      else missing.push(want);
    }
    if (missing.length > 0 || unmatched.length > 0) {
      mismatches.push({ what: 'signals', expected: missing.map((m) => stableJson(m)), actual: unmatched.map(brief) });
    }
  }
  return done(mismatches.length === 0 ? 'passed' : 'failed', mismatches);
}

/**
 * Cloud SIEM rule tests: `NAME.tests.yaml` beside `NAME.json` gives cases of records and the signals
 * the rule must raise from them (format in src/cloud-siem/README.md). This module reads the YAML;
 * run-case.ts runs a case. Browser-safe: data files are loaded by the caller.
 */
import { parse } from 'yaml';
import type { Value } from '../../types/value.js';

export interface RecordFileRef {
  readonly table: string;
  readonly path: string;
}

export interface TestCase {
  readonly name: string;
  readonly line: number;
  /** Inline records by table, each record's fields as written (timestamps already milliseconds). */
  readonly inline: ReadonlyMap<string, Record<string, Value>[]>;
  readonly files: readonly RecordFileRef[];
  readonly expect: {
    readonly signalCount?: number;
    /** Every signal, any order, each compared on the fields it names. */
    readonly signals?: readonly Record<string, unknown>[];
  };
}

export interface TestSuite {
  readonly rule?: string;
  readonly cases: TestCase[];
  readonly problems: string[];
}

/** Epoch milliseconds from a number or ISO text; undefined otherwise. */
export function toMs(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isFinite(t) ? t : undefined;
  }
  if (v instanceof Date) return v.getTime();
  return undefined;
}

/** `$repeat: n` copies of a record, `$step: {field: amount}` added k × amount to copy k (timestamps in ms or `1s`, `5m`). */
function expand(row: Record<string, unknown>, where: string, problems: string[]): Record<string, Value>[] {
  const { $repeat, $step, ...fields } = row;
  const n = $repeat === undefined ? 1 : Number($repeat);
  if (!Number.isInteger(n) || n < 1) {
    problems.push(`${where}: $repeat must be a whole number of at least 1`);
    return [];
  }
  const steps = ($step ?? {}) as Record<string, unknown>;
  const base: Record<string, Value> = {};
  for (const [k, v] of Object.entries(fields)) base[k] = k === 'timestamp' ? (toMs(v) ?? (v as Value)) : (v as Value);
  const out: Record<string, Value>[] = [];
  for (let k = 0; k < n; k++) {
    const copy = { ...base };
    for (const [f, amount] of Object.entries(steps)) {
      const by = typeof amount === 'string' ? durationMs(amount) : Number(amount);
      if (by === undefined || !Number.isFinite(by) || typeof copy[f] !== 'number') {
        if (k === 0) problems.push(`${where}: $step.${f} must be a number (or a duration such as 1s for timestamp) over a numeric field`);
        continue;
      }
      copy[f] = (copy[f] as number) + k * by;
    }
    out.push(copy);
  }
  return out;
}

function durationMs(text: string): number | undefined {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  return m ? Number(m[1]) * { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[m[2] as 'ms'] : undefined;
}

export function readTestSuite(text: string, file: string): TestSuite {
  const problems: string[] = [];
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    return { cases: [], problems: [`${file}: invalid YAML: ${(e as Error).message}`] };
  }
  const top = (doc ?? {}) as { rule?: unknown; tests?: unknown };
  if (top.rule !== undefined && typeof top.rule !== 'string') problems.push(`${file}: rule: expected a file name`);
  if (!Array.isArray(top.tests) || top.tests.length === 0) return { cases: [], problems: [...problems, `${file}: tests: expected a list of cases`] };
  const lines = text.split('\n');
  const cases = top.tests.map((raw, i): TestCase => {
    const c = (raw ?? {}) as { name?: unknown; records?: unknown; expect?: unknown };
    const where = `${file}: tests[${i}]`;
    const name = typeof c.name === 'string' ? c.name : `case ${i + 1}`;
    const line = Math.max(1, lines.findIndex((l) => l.includes(`name: ${name}`)) + 1);
    const inline = new Map<string, Record<string, Value>[]>();
    const files: RecordFileRef[] = [];
    for (const [table, spec] of Object.entries((c.records ?? {}) as Record<string, unknown>)) {
      if (Array.isArray(spec)) inline.set(table, spec.flatMap((r, k) => expand((r ?? {}) as Record<string, unknown>, `${where}.records.${table}[${k}]`, problems)));
      else if (spec && typeof spec === 'object' && typeof (spec as { file?: unknown }).file === 'string') files.push({ table, path: (spec as { file: string }).file });
      else problems.push(`${where}.records.${table}: expected a list of records or {file: PATH}`);
    }
    const e = (c.expect ?? {}) as { signalCount?: unknown; signals?: unknown };
    if (c.expect === undefined) problems.push(`${where}: expect: missing (signalCount and/or signals)`);
    if (e.signalCount !== undefined && (!Number.isInteger(e.signalCount) || (e.signalCount as number) < 0)) problems.push(`${where}.expect.signalCount: expected a whole number`);
    if (e.signals !== undefined && !Array.isArray(e.signals)) problems.push(`${where}.expect.signals: expected a list`);
    return {
      name, line, inline, files,
      expect: { signalCount: e.signalCount as number | undefined, signals: e.signals as Record<string, unknown>[] | undefined },
    };
  });
  return { rule: top.rule as string | undefined, cases, problems };
}

/**
 * THRESHOLD-S00080 "Internal Port Scan", taken verbatim from the content catalog, over 100,000
 * generated Cloud SIEM records (JSONL and CSV) must raise exactly the truth file's signals, as
 * ../shared/bench/check-cse.mjs judges them. The truth has a scan that straddles a 5-minute clock
 * boundary (cse-C03), so a tumbling window fails the same check: the last test shows it does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSignals } from '../../src/cloud-siem/build-signals.js';
import { loadRecords } from '../../src/cloud-siem/files/records.js';
import { readRules } from '../../src/cloud-siem/read-rule.js';
import type { ThresholdRule } from '../../src/cloud-siem/rule.js';
import { runRule } from '../../src/cloud-siem/run-rule.js';
import { signalsJson } from '../../src/cloud-siem/signal-output.js';
import { SHARED } from '../helpers/paths.js';

const GEN = join(SHARED, 'bench/gen-cse.mjs');
const CHECK = join(SHARED, 'bench/check-cse.mjs');
const dir = mkdtempSync(join(tmpdir(), 'kqlx-cse-'));
const ROWS = 100_000;

function catalogRule(id: string): ThresholdRule {
  const catalog = JSON.parse(readFileSync(join(SHARED, 'corpus/sumo-cse/rules.json'), 'utf8')) as Record<string, object>;
  const { rules, problems } = readRules(`${id}.json`, JSON.stringify(catalog[id]));
  expect(problems).toEqual([]);
  return rules[0] as ThresholdRule;
}

let runs = 0;

function generate(format: 'csv' | 'jsonl'): { data: string; truth: string } {
  const data = join(dir, `${format}-${++runs}`);
  mkdirSync(data);
  const truth = join(dir, `${format}-${runs}.truth.json`);
  execFileSync('node', [GEN, '--table', 'cse_network', '--rows', String(ROWS), '--format', format, '--out', join(data, `sec_record_network.${format}`), '--truth', truth, '--quiet']);
  return { data, truth };
}

function check(truth: string, json: string): { status: number | null; output: string } {
  const result = join(dir, `result-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(result, json);
  const r = spawnSync('node', [CHECK, '--truth', truth, '--result', result], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe.each(['jsonl', 'csv'] as const)('THRESHOLD-S00080 over 100,000 %s records', (format) => {
  const rule = catalogRule('THRESHOLD-S00080');

  it('raises exactly the truth signals', async () => {
    const { data, truth } = generate(format);
    const { tables, problems } = await loadRecords({ data });
    expect(problems).toEqual([]);
    const run = runRule(rule, { tables });
    expect(run.errors).toEqual([]);
    expect(run.reports.flatMap((r) => r.diagnostics)).toEqual([]);
    const verdict = check(truth, signalsJson(run.signals));
    expect(verdict.status, verdict.output).toBe(0);
    // CSE's form: one signal per On Entity found; the 12 firings carry 34 entities (C08 has no host or user).
    expect(run.signals).toHaveLength(34);

    // The checker can fail: a signal one millisecond late is rejected.
    const late = JSON.parse(signalsJson(run.signals)) as { signals: { timestamp: number }[] };
    late.signals.forEach((s, i) => i === 0 && (s.timestamp += 1));
    expect(check(truth, JSON.stringify(late)).status).toBe(1);
  });
});

describe('a tumbling window fails the same truth', () => {
  it('bins of 5 minutes aligned to the clock miss the scan that straddles a boundary', async () => {
    const rule = catalogRule('THRESHOLD-S00080');
    const { data, truth } = generate('jsonl');
    const { tables } = await loadRecords({ data });
    // The rule as it would run with tumbling windows: the same threshold, each 5-minute bin its own group.
    const run = runRule(rule, { tables });
    expect(run.errors).toEqual([]);
    const tumbling = buildSignals({ ...rule, groupBy: [...rule.groupBy, 'bin5m'] }, {
      ...run.records!,
      values: (text) => (text === 'bin5m' ? (i) => Math.floor(run.records!.timestamp(i) / 300_000) : run.records!.values(text)),
    });
    const verdict = check(truth, signalsJson(tumbling));
    expect(verdict.status).toBe(1);
    expect(verdict.output).toContain('missing signal: 10.99.1.30 -> 10.98.1.30');
  });
});

/**
 * Reading Cloud SIEM rule files: the catalog's JSON (one rule, a list, or the catalog export), every
 * rule type, and clear errors — with the rule, the key and its line:col — for what Sumo does not accept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRuleFileProblem, readRules } from '../../src/cloud-siem/read-rule.js';
import { SHARED } from '../helpers/paths.js';

const CATALOG = join(SHARED, 'corpus/sumo-cse/rules.json');

function problems(json: string) {
  return readRules('rule.json', json).problems.map(formatRuleFileProblem);
}

const THRESHOLD = (extra: string) => `{
  "id_compiled": "THRESHOLD-X1",
  "name": "Scan",
  "pattern_type": "threshold",
  "expression": "dstPort > 0",
  "limit": 20,
  ${extra}
}`;

describe('the content catalog', () => {
  it('reads all 1,037 rules of the export, of the seven types, without a problem', () => {
    const { rules, problems: ps } = readRules('rules.json', readFileSync(CATALOG, 'utf8'));
    expect(ps).toEqual([]);
    const byType: Record<string, number> = {};
    for (const r of rules) byType[r.type] = (byType[r.type] ?? 0) + 1;
    expect(byType).toEqual({ templated_match: 709, match: 119, first_seen: 81, threshold: 69, outlier: 29, chain: 22, aggregation: 8 });
  });
  it('reads THRESHOLD-S00080 as the seed page describes it', () => {
    const catalog = JSON.parse(readFileSync(CATALOG, 'utf8')) as Record<string, object>;
    const { rules } = readRules('s80.json', JSON.stringify(catalog['THRESHOLD-S00080']));
    expect(rules[0]).toMatchObject({
      id: 'THRESHOLD-S00080', name: 'Internal Port Scan', type: 'threshold', countDistinct: true, countField: 'dstPort',
      groupBy: ['srcDevice_ip', 'dstDevice_ip'], limit: 20, windowMs: 300_000, score: { kind: 'constant', score: 1 },
      entitySelectors: [
        { entityType: '_ip', field: 'srcDevice_ip' }, { entityType: '_hostname', field: 'srcDevice_hostname' }, { entityType: '_username', field: 'user_username' },
      ],
    });
  });
  it('windows in every form the catalog writes: 5m, T05M, 24h, T05D, CUSTOM with window_size (text too)', () => {
    const windowOf = (extra: string) => (readRules('r.json', THRESHOLD(extra)).rules[0] as { windowMs?: number } | undefined)?.windowMs;
    expect(windowOf('"window": "5m"')).toBe(300_000);
    expect(windowOf('"window": "T05M"')).toBe(300_000);
    expect(windowOf('"window": "24h"')).toBe(86_400_000);
    expect(windowOf('"window": "T05D"')).toBe(432_000_000);
    expect(windowOf('"window": "CUSTOM", "window_size": 180000')).toBe(180_000);
    expect(windowOf('"window": "CUSTOM", "window_size_milliseconds": "600000"')).toBe(600_000);
  });
});

describe('bad rule files: clear errors with the rule, key and line:col', () => {
  it('an unknown rule type, with a suggestion', () => {
    expect(problems(`{"id_compiled": "X-1", "name": "n",\n "pattern_type": "treshold", "expression": "a = 1"}`)).toEqual([
      "rule.json:2:18: error KX521: X-1 pattern_type: unknown rule type 'treshold' (did you mean 'threshold'?); Cloud SIEM rule types are match, templated_match, threshold, chain, aggregation, first_seen, outlier",
    ]);
  });
  it('a window Sumo does not accept: 0m, longer than 5 days, or not a window', () => {
    expect(problems(THRESHOLD('"window": "0m"'))).toEqual([
      "rule.json:7:13: error KX522: THRESHOLD-X1 window: window '0m' is shorter than Cloud SIEM's shortest window, 1 minute",
    ]);
    expect(problems(THRESHOLD('"window": "6d"'))).toEqual([
      "rule.json:7:13: error KX522: THRESHOLD-X1 window: window '6d' is longer than Cloud SIEM's longest window, 5 days",
    ]);
    expect(problems(THRESHOLD('"window": "CUSTOM", "window_size": 432000001'))[0]).toContain("window 'CUSTOM 432000001 ms' is longer than Cloud SIEM's longest window, 5 days");
    expect(problems(THRESHOLD('"window": "five minutes"'))[0]).toContain("KX522: THRESHOLD-X1 window: invalid window 'five minutes'");
  });
  it('a missing key, a wrong type, a limit below 1, a chain in exact order with three expressions', () => {
    expect(problems('{"id_compiled": "M-1", "name": "n", "pattern_type": "match"}')).toEqual(["rule.json:1:1: error KX523: M-1 expression: the rule has no 'expression'"]);
    expect(problems(THRESHOLD('"window": "5m", "count_distinct": "yes"'))[0]).toContain("KX523: THRESHOLD-X1 count_distinct: expected true or false, found 'yes'");
    expect(problems(THRESHOLD('"window": "5m"').replace('"limit": 20', '"limit": 0'))[0]).toContain('limit: expected a whole number of at least 1, found 0');
    const chain = JSON.stringify({ id_compiled: 'CHAIN-X', name: 'c', pattern_type: 'chain', window: '5m', ordered: true,
      expressions_and_limits: [{ expression: 'a = 1', limit: 1 }, { expression: 'b = 1', limit: 1 }, { expression: 'c = 1', limit: 1 }] });
    expect(problems(chain)[0]).toContain('a chain in exact order has exactly two expressions');
  });
  it('invalid JSON, at its position', () => {
    expect(problems('{"name": "n",\n  "pattern_type": }')).toEqual(["rule.json:2:19: error KX520: invalid JSON: expected a value but found '}'"]);
  });
  it('a list of rules: the good ones are read, each bad one reported under its id', () => {
    const { rules, problems: ps } = readRules('list.json', `[${THRESHOLD('"window": "5m"')}, ${THRESHOLD('"window": "0m"').replace('X1', 'X2')}]`);
    expect(rules.map((r) => r.id)).toEqual(['THRESHOLD-X1']);
    expect(ps.map((p) => p.ruleId)).toEqual(['THRESHOLD-X2']);
  });
});

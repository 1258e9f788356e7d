/**
 * Cloud SIEM rules run end to end over small hand-made record sets: the expression bound through the
 * dialect seam, the rule type's logic, the signals computed by hand. Null fields, match-list
 * exclusions, window edges and the first-seen learning boundary each have a case.
 */
import { describe, expect, it } from 'vitest';
import { applyMatchLists, applyNetworkBlocks, readMatchLists, readNetworkBlocks } from '../../src/cloud-siem/enrich.js';
import { readRules } from '../../src/cloud-siem/read-rule.js';
import type { CseRule } from '../../src/cloud-siem/rule.js';
import { checkRule, runRule } from '../../src/cloud-siem/run-rule.js';
import { inlineTable } from '../../src/cloud-siem/testing/run-case.js';
import type { Table } from '../../src/table/table.js';
import type { Value } from '../../src/types/value.js';

const M = 60_000;
const D = 86_400_000;
const T0 = Date.parse('2024-05-01T00:00:00Z');

function rule(json: object): CseRule {
  const { rules, problems } = readRules('r.json', JSON.stringify({ id_compiled: 'T-1', name: 'Test rule', ...json }));
  expect(problems).toEqual([]);
  return rules[0]!;
}

function run(r: CseRule, records: Record<string, Value>[], enrich: (t: Table) => Table = (t) => t) {
  const result = runRule(r, { tables: new Map([['sec_record_network', enrich(inlineTable(records))]]) });
  expect(result.errors).toEqual([]);
  expect(result.reports.flatMap((x) => x.diagnostics)).toEqual([]);
  return result.signals;
}

const SCAN_EXPRESSION = "objectType = 'Network' AND srcDevice_ip_isInternal = True AND ((dstPort>=1 AND dstPort<=1024) OR dstPort=3389) AND NOT dstPort IN (53,80,443) AND NOT array_contains(listMatches, 'vuln_scanners')";
const net = (t: number, src: string, dstPort: Value, extra: Record<string, Value> = {}): Record<string, Value> => ({
  timestamp: T0 + t, objectType: 'Network', srcDevice_ip: src, srcDevice_ip_isInternal: true, dstDevice_ip: '10.9.9.9', dstPort, listMatches: [], ...extra,
});

describe('match (Write a Match Rule: "each time a single record matches the rule expression, a signal is fired")', () => {
  const r = rule({ pattern_type: 'match', expression: SCAN_EXPRESSION, entity_selectors: [{ entity_type: '_ip', expression: 'srcDevice_ip' }], score: 2, summary_expression: 'port {{dstPort}}' });
  it('one signal per matching record; a null port, an excluded port, a listed scanner and a NetworkFlow record do not match', () => {
    const signals = run(r, [
      net(0, '10.0.0.1', 22),
      net(1, '10.0.0.1', null),
      net(2, '10.0.0.1', 80),
      net(3, '10.0.0.2', 22, { listMatches: ['vuln_scanners'] }),
      net(4, '10.0.0.3', 22, { objectType: 'NetworkFlow' }),
      net(5, '10.0.0.4', 3389, { srcDevice_ip_isInternal: null }),
      net(6, '10.0.0.5', 3389, { listMatches: ['vuln_scanners_dst'] }),
    ]);
    expect(signals.map((s) => [s.timestamp - T0, s.entity?.value, s.summary, s.score])).toEqual([[0, '10.0.0.1', 'port 22', 2], [6, '10.0.0.5', 'port 3389', 2]]);
  });
});

describe('threshold (Write a Threshold Rule)', () => {
  const r = rule({
    pattern_type: 'threshold', expression: SCAN_EXPRESSION, count_distinct: true, count_field: 'dstPort', group_by_fields: ['dstDevice_ip'],
    limit: 3, window: '5m', entity_selectors: [{ entity_type: '_ip', expression: 'srcDevice_ip' }],
  });
  it('three distinct eligible ports within 5 minutes fire at the third; ineligible and null ports do not count', () => {
    const signals = run(r, [net(0, '10.0.0.1', 22), net(M, '10.0.0.1', 80), net(2 * M, '10.0.0.1', null), net(3 * M, '10.0.0.1', 22), net(4 * M, '10.0.0.1', 23), net(4 * M + 1, '10.0.0.1', 25)]);
    expect(signals.map((s) => [s.timestamp - T0, s.details])).toEqual([[4 * M + 1, { count: 3, distinctValues: [22, 23, 25] }]]);
  });
  it('the window edge: a port seen exactly 5 minutes earlier has left the window', () => {
    expect(run(r, [net(0, '10.0.0.1', 21), net(M, '10.0.0.1', 22), net(5 * M, '10.0.0.1', 23)])).toEqual([]);
    expect(run(r, [net(1, '10.0.0.1', 21), net(M, '10.0.0.1', 22), net(5 * M, '10.0.0.1', 23)])).toHaveLength(1);
  });
  it('a source on an exclusion list, by match-list enrichment, is excluded', () => {
    const lists = readMatchLists({ vuln_scanners: { fields: ['srcDevice_ip'], values: ['10.0.0.1'] } });
    expect(lists.problems).toEqual([]);
    const records = [net(0, '10.0.0.1', 21), net(1, '10.0.0.1', 22), net(2, '10.0.0.1', 23), net(3, '10.0.0.2', 21), net(4, '10.0.0.2', 22), net(5, '10.0.0.2', 23)];
    expect(run(r, records, (t) => applyMatchLists(t, lists.lists)).map((s) => s.entity?.value)).toEqual(['10.0.0.2']);
  });
});

describe('chain (Write a Chain Rule)', () => {
  const r = rule({
    pattern_type: 'chain', window: '10m', ordered: true, group_by_fields: [], entity_selectors: [{ entity_type: '_username', expression: 'user_username' }],
    expressions_and_limits: [{ expression: "normalizedAction = 'logon' AND success = false", limit: 2 }, { expression: "normalizedAction = 'logon' AND success = true", limit: 1 }],
  });
  const logon = (t: number, user: string, success: boolean | null) => ({ timestamp: T0 + t, user_username: user, normalizedAction: 'logon', success });
  it('two failures then a success for the same user within 10 minutes; a null outcome is neither', () => {
    const signals = run(r, [logon(0, 'al', false), logon(M, 'al', null), logon(2 * M, 'bo', true), logon(3 * M, 'al', false), logon(4 * M, 'al', true), logon(5 * M, 'bo', false)]);
    expect(signals.map((s) => [s.timestamp - T0, s.entity?.value, s.details])).toEqual([[4 * M, 'al', { counts: [2, 1] }]]);
  });
});

describe('aggregation (Write an Aggregation Rule: the page\'s example)', () => {
  const r = rule({
    pattern_type: 'aggregation', match_expression: '!isNull(http_response_statusCode)', window: '5m', group_by_fields: ['device_ip'],
    aggregation_functions: [
      { name: 'good', function: 'count', arguments: ['http_response_statusCode <= 201'] },
      { name: 'bad', function: 'count', arguments: ['http_response_statusCode > 201'] },
    ],
    trigger_expression: '(bad/(good+bad))*100 > 75', entity_selectors: [{ entity_type: '_ip', expression: 'device_ip' }],
  });
  it('fires when more than 75% of the window\'s requests failed', () => {
    const codes = [200, 500, null, 503, 404, 502];
    const signals = run(r, codes.map((code, k) => ({ timestamp: T0 + k * M, device_ip: '10.1.1.1', http_response_statusCode: code })));
    // at 4m the window (−1m, 4m] has 200, 500, 503, 404: 1 good, 3 bad = 75%, not more than 75;
    // at 5m the 200 at 0m has left the window (0m, 5m]: 0 good, 4 bad = 100%.
    expect(signals.map((s) => [s.timestamp - T0, s.details])).toEqual([[5 * M, { good: 0, bad: 4 }]]);
  });
  it('the trigger is checked against the aggregation names', () => {
    const bad = rule({ ...JSON.parse(JSON.stringify({
      pattern_type: 'aggregation', match_expression: 'true', window: '5m', aggregation_functions: [{ name: 'good', function: 'count', arguments: ['true'] }],
    })), trigger_expression: 'god > 1' });
    const trigger = checkRule(bad).find((x) => x.key === 'trigger_expression')!;
    expect(trigger.diagnostics.map((d) => d.message)).toEqual(["unknown column or name 'god' (did you mean 'good'?)"]);
  });
});

describe('first seen (Write a First Seen Rule)', () => {
  const r = rule({
    pattern_type: 'first_seen', filter_expression: "normalizedAction = 'logon' AND success = true", baseline_type: 'PER_ENTITY', group_by_fields: ['user_username'],
    value_expression: 'srcDevice_ip_asnNumber', baseline_window_size: D, retention_window_size: 90 * D, entity_selectors: [{ entity_type: '_username', expression: 'user_username' }],
  });
  const logon = (t: number, asn: number | null) => ({ timestamp: T0 + t, user_username: 'al', normalizedAction: 'logon', success: true, srcDevice_ip_asnNumber: asn });
  it('the learning boundary: a new network 1 ms before the end of learning is learned; at the end it fires; null is never new', () => {
    const signals = run(r, [logon(0, 7018), logon(D - 1, 3320), logon(D, 2856), logon(D + 1, 3320), logon(D + 2, null)]);
    expect(signals.map((s) => [s.timestamp - T0, s.details.value])).toEqual([[D, 2856]]);
  });
});

describe('outlier (Write an Outlier Rule)', () => {
  const r = rule({
    pattern_type: 'outlier', match_expression: "normalizedAction = 'logon' AND success = false", window: 'T24H', window_size: D, group_by_fields: ['user_username'],
    aggregation_functions: [{ name: 'current', function: 'count', arguments: ['true'] }], baseline_window_size: 4 * D, retention_window_size: 90 * D,
    deviation_threshold: 2, floor_value: 5, entity_selectors: [{ entity_type: '_username', expression: 'user_username' }],
  });
  it('a day of 6 failures after days of 2, 4, 2, 4 (mean 3, σ 1) fires at the day\'s last record', () => {
    const perDay = [2, 4, 2, 4, 6];
    const records = perDay.flatMap((n, day) => Array.from({ length: n }, (_, k) => ({ timestamp: T0 + day * D + k * M, user_username: 'al', normalizedAction: 'logon', success: false })));
    const signals = run(r, records);
    expect(signals.map((s) => [s.timestamp - T0, s.records.length, s.details.current, s.details.mean, s.details.stdDev])).toEqual([[4 * D + 5 * M, 6, 6, 3, 1]]);
  });
});

describe('records and enrichment', () => {
  it('network blocks fill a null *_isInternal and *_location; values already there are kept', () => {
    const blocks = readNetworkBlocks([{ cidr: '100.64.0.0/10', label: 'CGNAT', internal: true }, { cidr: '10.20.0.0/16', label: 'Lab' }]);
    expect(blocks.problems).toEqual([]);
    const table = applyNetworkBlocks(inlineTable([
      { timestamp: 1, srcDevice_ip: '100.64.1.1', srcDevice_ip_isInternal: null },
      { timestamp: 2, srcDevice_ip: '10.20.3.4', srcDevice_ip_isInternal: null },
      { timestamp: 3, srcDevice_ip: '8.8.8.8', srcDevice_ip_isInternal: null },
      { timestamp: 4, srcDevice_ip: '8.8.4.4', srcDevice_ip_isInternal: true },
    ]), blocks.blocks);
    const col = (n: string) => Array.from({ length: 4 }, (_, i) => table.columns[table.columnIndex(n)]!.get(i));
    expect(col('srcDevice_ip_isInternal')).toEqual([true, true, false, true]);
    const locations = col('srcDevice_ip_location');
    expect(locations.slice(0, 2)).toEqual(['CGNAT', 'Lab']);
    // No block holds 8.8.8.8 or 8.8.4.4: no location.
    expect(locations.slice(2)).toEqual([null, null]);
  });
  it('records without a timestamp are an error, not records out of time', () => {
    const r = rule({ pattern_type: 'match', expression: 'true' });
    const missing = runRule(r, { tables: new Map([['sec_record_network', inlineTable([{ objectType: 'Network' }])]]) });
    expect(missing.errors.map((d) => [d.code, d.message])).toEqual([['KX490', 'table sec_record_network has no timestamp field: Cloud SIEM records carry their time in timestamp, as epoch milliseconds']]);
    const nulls = runRule(r, { tables: new Map([['sec_record_network', inlineTable([{ timestamp: 5 }, { timestamp: null }])]]) });
    expect(nulls.errors.map((d) => d.message)).toEqual(['1 record(s) of sec_record_network have no timestamp in epoch milliseconds (the first is record 2)']);
  });
  it('an unknown field: did-you-mean from the normalized schema, at its line:col in the expression', () => {
    const r = rule({ pattern_type: 'match', expression: "objectType = 'Network'\nAND dstPrt > 1024" });
    const [report] = checkRule(r);
    expect(report!.diagnostics.map((d) => [d.code, d.line, d.col, d.message])).toEqual([['KX201', 2, 5, "unknown column or name 'dstPrt' (did you mean 'dstPort'?)"]]);
  });
});

/**
 * Signals from rules: partitions per On Entity selector, one signal per entity found in the firing
 * record, templates, scores, group-by values and contributing records. Expression values are given
 * per record here (the rule-level tests over real expressions are in run-rule.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildSignals, type RuleRecords } from '../../src/cloud-siem/build-signals.js';
import { timeOrder } from '../../src/cloud-siem/patterns/records.js';
import { readRules } from '../../src/cloud-siem/read-rule.js';
import type { CseRule } from '../../src/cloud-siem/rule.js';
import type { Value } from '../../src/types/value.js';

const M = 60_000;

/** Records as objects; `values(e)` reads the field named e, or the record's `$e` entry for expression e. */
function recordsOf(recs: Record<string, Value>[]): RuleRecords {
  return {
    count: recs.length,
    order: timeOrder(recs.length, (i) => recs[i]!.timestamp as number),
    timestamp: (i) => recs[i]!.timestamp as number,
    values: (e) => (i) => (`$${e}` in recs[i]! ? recs[i]![`$${e}`]! : (recs[i]![e] ?? null)),
    record: (i) => Object.fromEntries(Object.entries(recs[i]!).filter(([k, v]) => !k.startsWith('$') && v !== null)),
  };
}

function rule(json: object): CseRule {
  const { rules, problems } = readRules('r.json', JSON.stringify(json));
  expect(problems).toEqual([]);
  return rules[0]!;
}

const THRESHOLD = {
  id_compiled: 'THRESHOLD-T1', name: 'Scan', pattern_type: 'threshold', expression: 'E',
  count_distinct: true, count_field: 'dstPort', group_by_fields: ['dstDevice_ip'], limit: 2, window: '5m',
  entity_selectors: [{ entity_type: '_ip', expression: 'srcDevice_ip' }, { entity_type: '_hostname', expression: 'srcDevice_hostname' }],
  summary_expression: 'Scan from {{srcDevice_ip}} ({{srcDevice_hostname}})', score: 3, tags: ['_mitreAttackTactic:TA0043'],
};

describe('threshold signals', () => {
  it('one signal per On Entity found in the firing record, each selector partitioned on its own', () => {
    const recs = [
      { timestamp: 0, srcDevice_ip: '10.0.0.1', srcDevice_hostname: 'a', dstDevice_ip: '10.0.0.9', dstPort: 22, $E: true },
      { timestamp: M, srcDevice_ip: '10.0.0.1', srcDevice_hostname: null, dstDevice_ip: '10.0.0.9', dstPort: 23, $E: true },
      { timestamp: 2 * M, srcDevice_ip: '10.0.0.1', srcDevice_hostname: 'a', dstDevice_ip: '10.0.0.9', dstPort: 24, $E: true },
      { timestamp: 3 * M, srcDevice_ip: '10.0.0.2', srcDevice_hostname: 'b', dstDevice_ip: '10.0.0.9', dstPort: 25, $E: false },
    ];
    const signals = buildSignals(rule(THRESHOLD), recordsOf(recs));
    // _ip: records 0 and 1 reach 2 distinct ports at 1m. _hostname 'a': records 0 and 2 reach 2 at 2m.
    expect(signals.map((s) => [s.timestamp / M, s.entity, s.summary, s.details])).toEqual([
      [1, { entity_type: '_ip', expression: 'srcDevice_ip', value: '10.0.0.1' }, 'Scan from 10.0.0.1 ()', { count: 2, distinctValues: [22, 23] }],
      [2, { entity_type: '_hostname', expression: 'srcDevice_hostname', value: 'a' }, 'Scan from 10.0.0.1 (a)', { count: 2, distinctValues: [22, 24] }],
    ]);
    expect(signals[0]).toMatchObject({ ruleId: 'THRESHOLD-T1', ruleName: 'Scan', name: 'Scan', score: 3, groupBy: { dstDevice_ip: '10.0.0.9' }, firstRecordTime: 0, lastRecordTime: M });
    expect(signals[0]!.records).toEqual([
      { timestamp: 0, srcDevice_ip: '10.0.0.1', srcDevice_hostname: 'a', dstDevice_ip: '10.0.0.9', dstPort: 22 },
      { timestamp: M, srcDevice_ip: '10.0.0.1', dstDevice_ip: '10.0.0.9', dstPort: 23 },
    ]);
  });
});

describe('match and templated match signals', () => {
  it('name_expression and a fieldValueMapping score, per record; no signal without an entity value', () => {
    const r = rule({
      id_compiled: 'MATCH-T2', name: 'Threat', pattern_type: 'templated_match', expression: 'E',
      name_expression: 'Threat - {{fields[\'cat\']}}',
      entity_selectors: [{ entity_type: '_ip', expression: 'device_ip' }],
      score_mapping: { type: 'fieldValueMapping', field: 'severity', default: 1, mapping: [
        { type: 'equal', from: '75', to: 2 }, { type: 'range', from: '90', from_end: '100', to: 5 }] },
    });
    const recs = [
      { timestamp: 5, device_ip: '1.1.1.1', severity: '75.0', "$fields['cat']": 'Malware', $E: true },
      { timestamp: 6, device_ip: '1.1.1.2', severity: '95', "$fields['cat']": null, $E: true },
      { timestamp: 7, device_ip: '1.1.1.3', severity: 'high', "$fields['cat']": 'x', $E: true },
      { timestamp: 8, device_ip: null, severity: '75', "$fields['cat']": 'x', $E: true },
      { timestamp: 9, device_ip: '1.1.1.4', severity: '75', "$fields['cat']": 'x', $E: null },
    ];
    expect(buildSignals(r, recordsOf(recs)).map((s) => [s.timestamp, s.name, s.score, s.entity?.value])).toEqual([
      [5, 'Threat - Malware', 2, '1.1.1.1'],
      [6, 'Threat - ', 5, '1.1.1.2'],
      [7, 'Threat - x', 1, '1.1.1.3'],
    ]);
  });
});

describe('first seen and outlier signals carry their measurement', () => {
  it('first seen: the new value; per entity baselines from group_by_fields', () => {
    const r = rule({
      id_compiled: 'FIRST-T3', name: 'New country', pattern_type: 'first_seen', filter_expression: 'E', baseline_type: 'PER_ENTITY',
      group_by_fields: ['user_username'], value_fields: ['country'], baseline_window_size: 60_000, retention_window_size: 600_000,
      entity_selectors: [{ entity_type: '_username', expression: 'user_username' }], score: 2,
    });
    const recs = [
      { timestamp: 0, user_username: 'al', country: 'US', $E: true },
      { timestamp: 30_000, user_username: 'al', country: 'CA', $E: true },
      { timestamp: 60_000, user_username: 'al', country: 'CA', $E: true },
      { timestamp: 70_000, user_username: 'al', country: 'FR', $E: true },
      { timestamp: 80_000, user_username: 'bo', country: 'FR', $E: true },
    ];
    expect(buildSignals(r, recordsOf(recs)).map((s) => [s.timestamp, s.entity?.value, s.details])).toEqual([[70_000, 'al', { value: 'FR', baselineStart: 0 }]]);
  });
});

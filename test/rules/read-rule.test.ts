/**
 * Rule validation: every mistake is one problem naming the file, the line of the offending key or
 * value, and the key path; limits follow Sentinel's template validator and service.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRuleColumns } from '../../src/sentinel/check-columns.js';
import { DAY, HOUR, MINUTE } from '../../src/rules/duration.js';
import { formatProblem, type RuleProblem } from '../../src/rules/problems.js';
import { readRule } from '../../src/sentinel/read-rule.js';
import { ROOT, SEED_RULES } from '../helpers/paths.js';
import { rule, ruleYaml } from './helpers.js';

const QUERY = 'CommonSecurityLog\n| summarize Attempts = count() by SourceIP, DeviceName, SourceUserID';

/** Errors (not warnings) of a rule text: from reading, then (when it reads) the column check. */
function errors(yaml: string): RuleProblem[] {
  const r = readRule(yaml, 'rule.yaml');
  const all = r.rule ? [...r.problems, ...checkRuleColumns(r.rule).problems] : r.problems;
  return all.filter((p) => p.severity === 'error');
}

function lineOf(yaml: string, text: string): number {
  const i = yaml.indexOf(text);
  if (i < 0) throw new Error(`'${text}' not in the YAML`);
  return yaml.slice(0, i).split('\n').length;
}

/** Exactly one error, on the line holding `at`, about `key`, with a message matching `message`. */
function expectOneError(yaml: string, at: string, key: string, message: RegExp) {
  const es = errors(yaml);
  expect(es.map(formatProblem), 'exactly one error').toHaveLength(1);
  expect(es[0]).toMatchObject({ file: 'rule.yaml', line: lineOf(yaml, at), key });
  expect(es[0]!.message).toMatch(message);
}

const ENTITY = (type: string, fields: [string, string][]) =>
  `  - entityType: ${type}\n    fieldMappings:\n${fields.map(([id, col]) => `      - identifier: ${id}\n        columnName: ${col}`).join('\n')}`;

describe('reading valid rules', () => {
  it('reads the seed rules with every field', () => {
    const pa = readRule(readFileSync(SEED_RULES.paloAlto, 'utf8'), 'pa.yaml');
    expect(pa.problems).toEqual([]);
    expect(pa.rule).toMatchObject({
      name: 'Palo Alto - possible internal to external port scanning',
      severity: 'Low',
      kind: 'Scheduled',
      queryFrequency: HOUR,
      queryPeriod: HOUR,
      triggerOperator: 'gt',
      triggerThreshold: 0,
      tactics: ['Discovery'],
      techniques: ['T1046'],
      aggregation: 'SingleAlert',
      suppressionEnabled: false,
    });
    expect(pa.rule!.entityMappings.map((m) => [m.entityType, m.fieldMappings.map((f) => `${f.identifier}<-${f.column.column}`)])).toEqual([
      ['Account', ['FullName<-SourceUserID']],
      ['Host', ['FullName<-DeviceName']],
      ['IP', ['Address<-SourceIP']],
    ]);
    // The query's text maps back to the file's lines.
    expect(pa.rule!.query.lineOffset).toBe(lineOf(readFileSync(SEED_RULES.paloAlto, 'utf8'), '  CommonSecurityLog\n') - 1);

    const asim = readRule(readFileSync(SEED_RULES.asim, 'utf8'), 'asim.yaml');
    expect(asim.problems).toEqual([]);
    expect(asim.rule!.override!.displayName).toMatchObject({ text: 'Potential port scan from {{SrcIpAddr}}' });
    expect(asim.rule!.override!.displayName!.placeholders.map((p) => p.column)).toEqual(['SrcIpAddr']);
    expect(asim.rule!.customDetails.map((d) => [d.key, d.column.column])).toEqual([['AttemptedPortsCount', 'AttemptedPortsCount']]);
    expect(checkRuleColumns(asim.rule!).problems).toEqual([]);
    expect(checkRuleColumns(pa.rule!).problems).toEqual([]);
  });

  it('accepts every duration form and the long trigger operator names', () => {
    const r = rule(ruleYaml(QUERY, '', { queryFrequency: 'PT30M', queryPeriod: '1.00:00:00', triggerOperator: 'GreaterThan' }));
    expect([r.queryFrequency, r.queryPeriod, r.triggerOperator]).toEqual([30n * MINUTE, DAY, 'gt']);
    expect(rule(ruleYaml(QUERY, '', { queryFrequency: '01:00:00', queryPeriod: 'P14D', triggerOperator: 'ne' })).queryPeriod).toBe(14n * DAY);
  });

  it('reads templates that leave optional lists empty', () => {
    const r = rule(ruleYaml(QUERY, 'entityMappings:\ncustomDetails:\nalertDetailsOverride:\n').replace('relevantTechniques: [T1046]', 'relevantTechniques:'));
    expect(r.entityMappings).toEqual([]);
    expect(r.techniques).toEqual([]);
  });

  it('reads suppression, event grouping and NRT rules', () => {
    const r = rule(ruleYaml(QUERY, 'suppressionEnabled: true\nsuppressionDuration: PT2H\neventGroupingSettings:\n  aggregationKind: AlertPerResult'));
    expect([r.suppressionEnabled, r.suppressionDuration, r.aggregation]).toEqual([true, 2n * HOUR, 'AlertPerResult']);
    const nrt = readRule(ruleYaml(QUERY).replace('kind: Scheduled', 'kind: NRT'), 'nrt.yaml');
    expect(nrt.rule).toMatchObject({ kind: 'NRT', queryPeriod: MINUTE, queryFrequency: MINUTE, triggerOperator: 'gt', triggerThreshold: 0 });
    expect(nrt.problems.map((p) => p.severity)).toEqual(['warning', 'warning', 'warning', 'warning']);
  });

  it('warns about keys it does not know, without failing', () => {
    const yaml = ruleYaml(QUERY, 'entityMapping: []');
    const r = readRule(yaml, 'rule.yaml');
    expect(r.rule).toBeDefined();
    expect(r.problems).toEqual([expect.objectContaining({ severity: 'warning', key: 'entityMapping', line: lineOf(yaml, 'entityMapping:') })]);
  });
});

describe('the four bad rule files of the issue: one clear error each, with file and line', () => {
  const fixture = (name: string) => join(ROOT, 'fixtures/rules', name);
  const read = (name: string) => {
    const text = readFileSync(fixture(name), 'utf8');
    const r = readRule(text, name);
    return { text, r, all: r.rule ? [...r.problems, ...checkRuleColumns(r.rule).problems] : r.problems };
  };

  it('the good fixture they come from is valid', () => {
    expect(read('good-port-scan.yaml').all).toEqual([]);
  });

  it('a YAML syntax error', () => {
    const { text, all } = read('bad-yaml-syntax.yaml');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ severity: 'error', line: lineOf(text, 'bad: [unclosed') });
    expect(formatProblem(all[0]!)).toMatch(/^bad-yaml-syntax\.yaml:13:1: error: YAML syntax error: /);
  });

  it('an unknown entity type', () => {
    const { text, all } = read('bad-entity-type.yaml');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ severity: 'error', line: lineOf(text, 'Hostname'), key: 'entityMappings[1].entityType' });
    expect(all[0]!.message).toMatch(/'Hostname' is not an entity type; use one of Account, .*Host,/);
  });

  it('a mapped column the query does not produce', () => {
    const { text, all } = read('bad-mapping-column.yaml');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ severity: 'error', line: lineOf(text, 'DeviceHostName'), key: 'entityMappings[1].fieldMappings[0].columnName' });
    expect(all[0]!.message).toBe("column 'DeviceHostName' is not produced by the query (its columns: SourceIP, DeviceName, DestinationPort, Attempts)");
  });

  it('a query frequency over 14 days', () => {
    const { text, all } = read('bad-frequency.yaml');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ severity: 'error', line: lineOf(text, 'queryFrequency: 15d'), col: 17, key: 'queryFrequency' });
    expect(all[0]!.message).toBe("'15d' is longer than 14 days, the most Sentinel allows");
  });
});

describe('schedule and trigger limits', () => {
  it('frequency and period between 5 minutes and 14 days', () => {
    expectOneError(ruleYaml(QUERY, '', { queryFrequency: '4m', queryPeriod: '1h' }), 'queryFrequency: 4m', 'queryFrequency', /shorter than 5m/);
    expectOneError(ruleYaml(QUERY, '', { queryPeriod: '15d' }), 'queryPeriod: 15d', 'queryPeriod', /longer than 14 days/);
    expectOneError(ruleYaml(QUERY, '', { queryPeriod: 'P15D' }), 'queryPeriod: P15D', 'queryPeriod', /longer than 14 days/);
  });
  it('period at least the frequency', () => {
    expectOneError(ruleYaml(QUERY, '', { queryFrequency: '2h', queryPeriod: '1h' }), 'queryPeriod: 1h', 'queryPeriod', /must be at least queryFrequency \(2h\)/);
  });
  it('a period of 2 days or more needs a frequency of at least 1 hour', () => {
    expectOneError(ruleYaml(QUERY, '', { queryFrequency: '30m', queryPeriod: '2d' }), 'queryFrequency: 30m', 'queryFrequency', /at least 1h when queryPeriod is 2 days/);
    expect(errors(ruleYaml(QUERY, '', { queryFrequency: '1h', queryPeriod: '2d' }))).toEqual([]);
  });
  it('durations need a unit and a known form', () => {
    expectOneError(ruleYaml(QUERY, '', { queryFrequency: '5' }), 'queryFrequency: 5', 'queryFrequency', /has no unit/);
    expectOneError(ruleYaml(QUERY, '', { queryPeriod: '1 hour' }), 'queryPeriod: 1 hour', 'queryPeriod', /is not a duration; write it as one of 5m, 1h/);
  });
  it('trigger operator and threshold', () => {
    expectOneError(ruleYaml(QUERY, '', { triggerOperator: 'ge' }), 'triggerOperator: ge', 'triggerOperator', /'ge' is not one of gt, lt, eq, ne/);
    expectOneError(ruleYaml(QUERY, '', { triggerThreshold: '10001' }), 'triggerThreshold: 10001', 'triggerThreshold', /outside 0\.\.10000/);
    expectOneError(ruleYaml(QUERY, '', { triggerThreshold: '-1' }), 'triggerThreshold: -1', 'triggerThreshold', /outside 0\.\.10000/);
    expectOneError(ruleYaml(QUERY, '', { triggerThreshold: 'many' }), 'triggerThreshold: many', 'triggerThreshold', /expected a whole number/);
    expect(errors(ruleYaml(QUERY, '', { triggerThreshold: '10000', triggerOperator: 'lt' }))).toEqual([]);
  });
  it('required scheduled fields', () => {
    const yaml = ruleYaml(QUERY).replace(/^triggerOperator: gt\n/m, '');
    expect(errors(yaml)).toEqual([expect.objectContaining({ key: 'triggerOperator', message: 'is required for Scheduled rules but missing' })]);
  });
  it('suppression duration at most 24 hours, and required when suppression is on', () => {
    expectOneError(ruleYaml(QUERY, 'suppressionEnabled: true\nsuppressionDuration: 25h'), 'suppressionDuration: 25h', 'suppressionDuration', /longer than 24 hours/);
    expectOneError(ruleYaml(QUERY, 'suppressionEnabled: true'), 'suppressionEnabled: true', 'suppressionDuration', /is required when suppressionEnabled/);
  });
});

describe('rule fields', () => {
  it('name, severity, kind and query are required', () => {
    expectOneError(ruleYaml(QUERY).replace(/^name: .*\n/m, ''), 'id:', 'name', /is required but missing/);
    expectOneError(ruleYaml(QUERY).replace('severity: Medium', 'severity: Critical'), 'severity: Critical', 'severity', /'Critical' is not one of Informational, Low, Medium, High/);
    expectOneError(ruleYaml(QUERY).replace('kind: Scheduled', 'kind: Fusion'), 'kind: Fusion', 'kind', /not one of Scheduled, NRT/);
    const noQuery = ruleYaml('x').replace(/query: \|\n {2}x/, '');
    expect(errors(noQuery)).toEqual([expect.objectContaining({ key: 'query', message: 'is required but missing' })]);
  });
  it('a query longer than 10,000 characters', () => {
    const yaml = ruleYaml(`${QUERY}\n${'// padding\n'.repeat(1000)}`);
    expectOneError(yaml, 'query: |', 'query', /Sentinel allows at most 10000/);
  });
  it('tactics and techniques', () => {
    expectOneError(ruleYaml(QUERY).replace('tactics: [Discovery]', 'tactics: [Discovery, Recon]'), 'tactics:', 'tactics[1]', /'Recon' is not a tactic/);
    expect(rule(ruleYaml(QUERY).replace('tactics: [Discovery]', 'tactics: [Command and Control]')).tactics).toEqual(['CommandAndControl']);
    expectOneError(ruleYaml(QUERY).replace('[T1046]', '[T1046, T12]'), 'relevantTechniques:', 'relevantTechniques[1]', /'T12' is not a MITRE technique id/);
    expect(rule(ruleYaml(QUERY).replace('[T1046]', '[T1078.004]')).techniques).toEqual(['T1078.004']);
  });
  it('a KQL error in the query is placed on the rule file line', () => {
    const yaml = ruleYaml('CommonSecurityLog\n| where NoSuchColumn == 1');
    expectOneError(yaml, '| where NoSuchColumn', 'query', /^KX201: unknown column or name 'NoSuchColumn'/);
  });
  it('the event grouping kind', () => {
    expectOneError(ruleYaml(QUERY, 'eventGroupingSettings:\n  aggregationKind: PerRow'), 'PerRow', 'eventGroupingSettings.aggregationKind', /not one of SingleAlert, AlertPerResult/);
  });
});

describe('entity mappings', () => {
  const mappings = (...es: string[]) => `entityMappings:\n${es.join('\n')}`;
  const ip = ENTITY('IP', [['Address', 'SourceIP']]);

  it('at most 10 mappings', () => {
    expectOneError(ruleYaml(QUERY, mappings(...Array.from({ length: 11 }, () => ip))), 'entityMappings:', 'entityMappings', /has 11 mappings; Sentinel allows at most 10/);
    expect(errors(ruleYaml(QUERY, mappings(...Array.from({ length: 10 }, () => ip))))).toEqual([]);
  });
  it('1 to 3 identifiers each', () => {
    const four = ENTITY('Account', [['Name', 'SourceUserID'], ['FullName', 'SourceUserID'], ['Sid', 'SourceUserID'], ['NTDomain', 'SourceUserID']]);
    expectOneError(ruleYaml(QUERY, mappings(four)), 'fieldMappings:', 'entityMappings[0].fieldMappings', /has 4 identifiers; Sentinel allows 1 to 3/);
    expectOneError(ruleYaml(QUERY, mappings('  - entityType: IP\n    fieldMappings: []')), 'fieldMappings: []', 'entityMappings[0].fieldMappings', /has 0 identifiers/);
  });
  it('identifiers must belong to the entity type, once each', () => {
    const yaml = ruleYaml(QUERY, mappings(ENTITY('IP', [['HostName', 'SourceIP']])));
    expectOneError(yaml, 'identifier: HostName', 'entityMappings[0].fieldMappings[0].identifier', /'HostName' is not an identifier of IP; use one of Address/);
    const twice = ruleYaml(QUERY, mappings(ENTITY('Host', [['HostName', 'DeviceName'], ['HostName', 'DeviceName']])));
    expect(errors(twice)).toEqual([expect.objectContaining({ key: 'entityMappings[0].fieldMappings[1].identifier', message: 'HostName is mapped twice in this entity' })]);
  });
  it('a required identifier set must be mapped', () => {
    const yaml = ruleYaml(QUERY, mappings(ENTITY('FileHash', [['Value', 'SourceIP']])));
    expectOneError(yaml, 'fieldMappings:', 'entityMappings[0].fieldMappings', /a FileHash entity needs one of these identifiers mapped: Algorithm\+Value/);
    const host = ruleYaml(QUERY, mappings(ENTITY('Host', [['OSFamily', 'DeviceName']])));
    expect(errors(host)[0]!.message).toMatch(/FullName; HostName; NetBiosName; AzureID; OMSAgentID/);
  });
  it('entity type names are case-insensitive but must exist', () => {
    expect(rule(ruleYaml(QUERY, mappings(ENTITY('ip', [['address', 'SourceIP']])))).entityMappings[0]).toMatchObject({ entityType: 'IP', fieldMappings: [{ identifier: 'Address' }] });
    expectOneError(ruleYaml(QUERY, mappings(ENTITY('File hash', [['Value', 'SourceIP']]))), 'File hash', 'entityMappings[0].entityType', /not an entity type/);
  });
  it('column names must be plain identifiers', () => {
    expectOneError(ruleYaml(QUERY, mappings(ENTITY('IP', [['Address', '"Source IP"']]))), '"Source IP"', 'entityMappings[0].fieldMappings[0].columnName', /not a column name Sentinel accepts/);
  });
  it('each mapped column must be in the query result, with a hint for a case slip', () => {
    const yaml = ruleYaml(QUERY, mappings(ENTITY('IP', [['Address', 'SourceIp']])));
    expectOneError(yaml, 'columnName: SourceIp', 'entityMappings[0].fieldMappings[0].columnName', /column 'SourceIp' is not produced by the query \(did you mean 'SourceIP'\?/);
  });
});

describe('custom details and alert overrides', () => {
  it('at most 20 custom details, with valid names', () => {
    const many = Array.from({ length: 21 }, (_, i) => `  D${i}: Attempts`).join('\n');
    expectOneError(ruleYaml(QUERY, `customDetails:\n${many}`), 'customDetails:', 'customDetails', /has 21 details; Sentinel allows at most 20/);
    expectOneError(ruleYaml(QUERY, 'customDetails:\n  ThisNameIsFarTooLongForSentinel: Attempts'), 'ThisNameIsFar', 'customDetails.ThisNameIsFarTooLongForSentinel', /at most 20/);
    expectOneError(ruleYaml(QUERY, 'customDetails:\n  _hidden: Attempts'), '_hidden', 'customDetails._hidden', /not a detail name/);
    expectOneError(ruleYaml(QUERY, 'customDetails:\n  Count: Atempts'), 'Count: Atempts', 'customDetails.Count', /column 'Atempts' is not produced/);
  });
  it('at most 3 placeholders per format', () => {
    const yaml = ruleYaml(QUERY, 'alertDetailsOverride:\n  alertDisplayNameFormat: "{{SourceIP}} {{DeviceName}} {{Attempts}} {{SourceUserID}}"');
    expectOneError(yaml, 'alertDisplayNameFormat', 'alertDetailsOverride.alertDisplayNameFormat', /has 4 \{\{placeholders\}\}; Sentinel allows at most 3/);
  });
  it('a placeholder naming no result column is a warning: the text keeps it', () => {
    const yaml = ruleYaml(QUERY, 'alertDetailsOverride:\n  alertDescriptionFormat: More than {{threshold}} attempts from {{SourceIP}}');
    const r = readRule(yaml, 'rule.yaml');
    const ps = checkRuleColumns(r.rule!).problems;
    expect(ps).toEqual([expect.objectContaining({ severity: 'warning', key: 'alertDetailsOverride.alertDescriptionFormat', line: lineOf(yaml, 'alertDescriptionFormat') })]);
    expect(ps[0]!.message).toMatch(/\{\{threshold\}\} names no column/);
  });
  it('override columns must be in the result', () => {
    const yaml = ruleYaml(QUERY, 'alertDetailsOverride:\n  alertSeverityColumnName: Sev\n  alertTacticsColumnName: SourceIP');
    expectOneError(yaml, 'alertSeverityColumnName: Sev', 'alertDetailsOverride.alertSeverityColumnName', /column 'Sev' is not produced/);
    const dyn = ruleYaml(QUERY, 'alertDetailsOverride:\n  alertDynamicProperties:\n    - alertProperty: Colour\n      value: SourceIP');
    expectOneError(dyn, 'Colour', 'alertDetailsOverride.alertDynamicProperties[0].alertProperty', /'Colour' is not one of AlertLink/);
  });
});

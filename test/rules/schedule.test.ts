/** Schedule simulation: run instants, suppression after an alert, and duplicates from overlapping windows. */
import { describe, expect, it } from 'vitest';
import { HOUR } from '../../src/rules/duration.js';
import { prepareRule, scheduledRunner } from '../../src/sentinel/run-rule.js';
import { runTimes, type Simulation, simulateSchedule } from '../../src/rules/schedule.js';
import { formatDatetime } from '../../src/types/datetime.js';
import { rule, ruleYaml, t, table } from './helpers.js';

const FROM = t('2024-05-01T00:00:00Z');
const TO = t('2024-05-01T06:00:00Z');

/** One event an hour at hh:30 from a source that changes every two hours (a, a, b, b, c, c). */
const T = table(
  'TimeGenerated:datetime, Src:string',
  ['a', 'a', 'b', 'b', 'c', 'c'].map((src, h) => [t(`2024-05-01T0${h}:30:00Z`), src]),
);
const ENTITY = 'entityMappings:\n  - entityType: IP\n    fieldMappings:\n      - identifier: Address\n        columnName: Src';

function simulate(yaml: string, from = FROM, to = TO): Simulation {
  const tables = new Map([['T', T]]);
  const { prepared } = prepareRule(rule(yaml), tables);
  return simulateSchedule(prepared!.rule, scheduledRunner(prepared!, tables), from, to);
}
const iso = (x: bigint) => formatDatetime(x).slice(11, 16);

describe('run instants', () => {
  it('start one frequency after --from and end at --to', () => {
    expect(runTimes(HOUR, FROM, TO).map(iso)).toEqual(['01:00', '02:00', '03:00', '04:00', '05:00', '06:00']);
    expect(runTimes(HOUR, FROM, t('2024-05-01T05:59:00Z')).map(iso)).toEqual(['01:00', '02:00', '03:00', '04:00', '05:00']);
    expect(runTimes(2n * HOUR, FROM, TO).map(iso)).toEqual(['02:00', '04:00', '06:00']);
  });

  it('each run looks back queryPeriod from its instant', () => {
    const sim = simulate(ruleYaml('T', ENTITY));
    expect(sim.runs.map((r) => `${iso(r.windowStart)}-${iso(r.windowEnd)}:${r.resultCount}`)).toEqual([
      '00:00-01:00:1', '01:00-02:00:1', '02:00-03:00:1', '03:00-04:00:1', '04:00-05:00:1', '05:00-06:00:1',
    ]);
  });
});

describe('suppression', () => {
  it('skips the runs before alert time + suppressionDuration; the run at its end runs', () => {
    const sim = simulate(ruleYaml('T', `${ENTITY}\nsuppressionEnabled: true\nsuppressionDuration: 2h`));
    expect(sim.runs.map((r) => iso(r.now))).toEqual(['01:00', '03:00', '05:00']);
    expect(sim.suppressed.map((s) => [iso(s.now), iso(s.after)])).toEqual([['02:00', '01:00'], ['04:00', '03:00'], ['06:00', '05:00']]);
  });

  it('only after a run that raised an alert', () => {
    // The query matches only source b: the 01:00 and 02:00 runs raise nothing, so nothing is suppressed until 03:00.
    const sim = simulate(ruleYaml('T | where Src == "b"', `${ENTITY}\nsuppressionEnabled: true\nsuppressionDuration: 90m`));
    expect(sim.runs.map((r) => `${iso(r.now)}:${r.alerts.length}`)).toEqual(['01:00:0', '02:00:0', '03:00:1', '05:00:0', '06:00:0']);
    expect(sim.suppressed.map((s) => iso(s.now))).toEqual(['04:00']);
  });

  it('is off unless enabled', () => {
    expect(simulate(ruleYaml('T', `${ENTITY}\nsuppressionDuration: 5h`)).suppressed).toEqual([]);
  });
});

describe('duplicates', () => {
  it('none when windows only touch (queryPeriod = queryFrequency), even for equal alerts', () => {
    expect(simulate(ruleYaml('T', ENTITY)).duplicates).toEqual([]);
  });

  it('an alert equal to one of an earlier, overlapping window is a duplicate', () => {
    const sim = simulate(ruleYaml('T', ENTITY, { queryPeriod: '2h' }));
    // Windows: 01 sees a; 02 sees a,a; 03 sees a,b; 04 sees b,b; 05 sees b,c; 06 sees c,c.
    expect(sim.runs.map((r) => r.alerts[0]!.entities.map((e) => e.identifiers.Address).join('+'))).toEqual(['a', 'a', 'a+b', 'b', 'b+c', 'c']);
    expect(sim.duplicates.map((d) => [iso(d.now), iso(d.firstNow)])).toEqual([['02:00', '01:00']]);
  });

  it('per result, every alert seen again by an overlapping window is a duplicate', () => {
    const sim = simulate(ruleYaml('T', `${ENTITY}\neventGroupingSettings:\n  aggregationKind: AlertPerResult`, { queryPeriod: '3h' }));
    // Each event is seen by three runs, and an alert for a source repeats any earlier overlapping alert
    // for it; only the first alerts for a (01:00), b (03:00) and c (05:00) are new.
    expect(sim.runs.map((r) => `${iso(r.now)}:${r.alerts.length}`)).toEqual(['01:00:1', '02:00:2', '03:00:3', '04:00:3', '05:00:3', '06:00:3']);
    expect(sim.duplicates.map((d) => `${iso(d.now)}#${d.alertIndex}`)).toEqual([
      '02:00#0', '02:00#1', '03:00#0', '03:00#1', '04:00#0', '04:00#1', '04:00#2', '05:00#0', '05:00#1', '06:00#0', '06:00#1', '06:00#2',
    ]);
  });

  it('alerts that differ in custom details are not duplicates', () => {
    const sim = simulate(ruleYaml('T | extend Hour = datetime_part("hour", TimeGenerated)', `${ENTITY}\ncustomDetails:\n  Hour: Hour`, { queryPeriod: '2h' }));
    expect(sim.duplicates).toEqual([]);
  });
});

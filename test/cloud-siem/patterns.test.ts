/**
 * The rule types' signal logic over hand-made records, with signals computed by hand. Times are
 * minutes (m) from 0 unless said otherwise; each case says what the docs page it follows demands.
 */
import { describe, expect, it } from 'vitest';
import { aggregationFirings } from '../../src/cloud-siem/patterns/aggregation.js';
import { chainFirings } from '../../src/cloud-siem/patterns/chain.js';
import { firstSeenFirings } from '../../src/cloud-siem/patterns/first-seen.js';
import { outlierFirings } from '../../src/cloud-siem/patterns/outlier.js';
import { type Firing, timeOrder, type TimedRecords, valueKey } from '../../src/cloud-siem/patterns/records.js';
import { thresholdFirings } from '../../src/cloud-siem/patterns/threshold.js';
import type { Value } from '../../src/types/value.js';

type Rec = { t: number } & Record<string, Value>;
const M = 60_000;
const H = 60 * M;
const D = 24 * H;

function timed(recs: readonly Rec[]): TimedRecords {
  return { order: timeOrder(recs.length, (i) => recs[i]!.t), timestamp: (i) => recs[i]!.t };
}
const field = (recs: readonly Rec[], name: string) => (i: number) => recs[i]![name] ?? null;
/** Partition by the given fields; a record with any of them null is in no partition. */
const by = (recs: readonly Rec[], ...names: string[]) => (i: number) => {
  const keys = names.map((n) => valueKey(recs[i]![n] ?? null));
  return keys.some((k) => k === undefined) ? undefined : keys.join('|');
};
/** Firings as `partition@minute` (or ms when not whole minutes). */
const at = (recs: readonly Rec[], fs: readonly Firing<unknown>[]) =>
  fs.map((f) => `${f.partition.replace(/string:/g, '')}@${recs[f.record]!.t % M === 0 ? `${recs[f.record]!.t / M}m` : `${recs[f.record]!.t}ms`}`);

describe('threshold (Write a Threshold Rule: "matched at least a certain number of times during a specified length of time")', () => {
  it('fires at the record that reaches the limit; the window slides across clock boundaries', () => {
    // 3 records in 5 minutes: at 3m, 4m, 6m; a tumbling 5-minute bin would see 2 + 1.
    const recs: Rec[] = [{ t: 3 * M, ip: 'a' }, { t: 4 * M, ip: 'a' }, { t: 6 * M, ip: 'a' }];
    expect(at(recs, thresholdFirings(timed(recs), by(recs, 'ip'), { windowMs: 5 * M, limit: 3 }))).toEqual(['a@6m']);
  });
  it('window edges: a record exactly one window earlier has left it; one ms later it is still in', () => {
    const out: Rec[] = [{ t: 0, ip: 'a' }, { t: M, ip: 'a' }, { t: 5 * M, ip: 'a' }];
    expect(thresholdFirings(timed(out), by(out, 'ip'), { windowMs: 5 * M, limit: 3 })).toEqual([]);
    const inside: Rec[] = [{ t: 1, ip: 'a' }, { t: M, ip: 'a' }, { t: 5 * M, ip: 'a' }];
    expect(at(inside, thresholdFirings(timed(inside), by(inside, 'ip'), { windowMs: 5 * M, limit: 3 }))).toEqual(['a@5m']);
  });
  it('counts distinct values of the count field; null values count for nothing; per partition', () => {
    const recs: Rec[] = [
      { t: 0, ip: 'a', port: 22 }, { t: M, ip: 'a', port: 22 }, { t: 2 * M, ip: 'a', port: null },
      { t: 3 * M, ip: 'b', port: 80 }, { t: 4 * M, ip: 'a', port: 23 }, { t: 4.5 * M, ip: 'a', port: 24 },
    ];
    const fs = thresholdFirings(timed(recs), by(recs, 'ip'), { windowMs: 5 * M, limit: 3, distinctOf: field(recs, 'port') });
    expect(at(recs, fs)).toEqual(['a@270000ms']);
    expect([...fs[0]!.detail.distinctValues!].sort()).toEqual([22, 23, 24]);
    expect(fs[0]!.records).toEqual([0, 1, 2, 4, 5]);
  });
  it('records whose partition field is null are in no partition', () => {
    const recs: Rec[] = [{ t: 0, ip: null }, { t: 1, ip: null }, { t: 2, ip: 'a' }];
    expect(thresholdFirings(timed(recs), by(recs, 'ip'), { windowMs: 5 * M, limit: 2 })).toEqual([]);
  });
  it('after a firing, the partition is quiet for one window; then it fires again', () => {
    // limit 2: fires at 1m; records at 2m, 3m (< 1m + 5m) are suppressed; at 6m and 7m: fires at 6m (5m..6m window has 3m? no: (1m, 6m] holds 2m, 3m, 6m).
    const recs: Rec[] = [0, 1, 2, 3, 6, 7].map((m) => ({ t: m * M, ip: 'a' }));
    expect(at(recs, thresholdFirings(timed(recs), by(recs, 'ip'), { windowMs: 5 * M, limit: 2 }))).toEqual(['a@1m', 'a@6m']);
  });
  it('records out of time order are ordered first', () => {
    const recs: Rec[] = [{ t: 2 * M, ip: 'a' }, { t: 0, ip: 'a' }, { t: M, ip: 'a' }];
    expect(at(recs, thresholdFirings(timed(recs), by(recs, 'ip'), { windowMs: 5 * M, limit: 3 }))).toEqual(['a@2m']);
  });
});

describe('chain (Write a Chain Rule: each expression its number of matches within the window, in any or exact order)', () => {
  const isA = (recs: Rec[]) => (i: number) => recs[i]!.e === 'A';
  const isB = (recs: Rec[]) => (i: number) => recs[i]!.e === 'B';
  it('any order: 2 A and 1 B within 10 minutes, per host', () => {
    const recs: Rec[] = [
      { t: 0, host: 'h', e: 'B' }, { t: 3 * M, host: 'h', e: 'A' }, { t: 4 * M, host: 'g', e: 'A' }, { t: 9 * M, host: 'h', e: 'A' },
    ];
    const fs = chainFirings(timed(recs), by(recs, 'host'), { windowMs: 10 * M, ordered: false, steps: [{ matches: isA(recs), limit: 2 }, { matches: isB(recs), limit: 1 }] });
    expect(at(recs, fs)).toEqual(['h@9m']);
    expect(fs[0]!.detail.counts).toEqual([2, 1]);
  });
  it('the B that makes the chain must still be in the window', () => {
    const recs: Rec[] = [{ t: 0, host: 'h', e: 'B' }, { t: 3 * M, host: 'h', e: 'A' }, { t: 10 * M, host: 'h', e: 'A' }];
    expect(chainFirings(timed(recs), by(recs, 'host'), { windowMs: 10 * M, ordered: false, steps: [{ matches: isA(recs), limit: 2 }, { matches: isB(recs), limit: 1 }] })).toEqual([]);
  });
  it('exact order: B before A does not fire; A then B does', () => {
    const spec = (recs: Rec[]) => ({ windowMs: 10 * M, ordered: true, steps: [{ matches: isA(recs), limit: 1 }, { matches: isB(recs), limit: 1 }] });
    const wrong: Rec[] = [{ t: 0, host: 'h', e: 'B' }, { t: M, host: 'h', e: 'A' }];
    expect(chainFirings(timed(wrong), by(wrong, 'host'), spec(wrong))).toEqual([]);
    const right: Rec[] = [...wrong, { t: 2 * M, host: 'h', e: 'B' }];
    expect(at(right, chainFirings(timed(right), by(right, 'host'), spec(right)))).toEqual(['h@2m']);
  });
});

describe('aggregation (Write an Aggregation Rule: named aggregations, a trigger over them)', () => {
  it('the page\'s example: good = count(code <= 201), bad = count(code > 201), (bad/(good+bad))*100 > 75', () => {
    const codes = [200, 500, 503, 404, 502];
    const recs: Rec[] = codes.map((code, k) => ({ t: k * M, ip: 'd', code }));
    const good = (i: number) => (recs[i]!.code as number) <= 201;
    const bad = (i: number) => (recs[i]!.code as number) > 201;
    const fs = aggregationFirings(timed(recs), by(recs, 'ip'), {
      windowMs: 5 * M,
      aggregations: [{ fn: 'count', value: good }, { fn: 'count', value: bad }],
      trigger: ([g, b]) => ((b as number) / ((g as number) + (b as number))) * 100 > 75,
    });
    // after 4 records: 1 good, 3 bad = 75%, not > 75; after 5: 1 good, 4 bad = 80%
    expect(at(recs, fs)).toEqual(['d@4m']);
    expect(fs[0]!.detail.values).toEqual([1, 4]);
  });
  it('count_distinct, sum, max, first and last skip nulls', () => {
    const recs: Rec[] = [{ t: 0, u: 'x', v: 3 }, { t: 1, u: 'x', v: null }, { t: 2, u: 'x', v: 5 }, { t: 3, u: 'x', v: 3 }];
    const fns = ['count_distinct', 'sum', 'max', 'min', 'avg', 'first', 'last', 'count'] as const;
    const fs = aggregationFirings(timed(recs), by(recs, 'u'), {
      windowMs: M,
      aggregations: fns.map((fn) => ({ fn, value: field(recs, 'v') })),
      trigger: (vs) => vs[7] === 3,
    });
    expect(fs.map((f) => f.detail.values)).toEqual([[2, 11, 5, 3, 11 / 3, 3, 3, 3]]);
  });
});

describe('first seen (Write a First Seen Rule: a baseline learning period, then new values fire)', () => {
  const spec = (recs: Rec[], learningMs: number, retentionMs = 90 * D) => ({ learningMs, retentionMs, valueOf: (i: number) => valueKey(recs[i]!.country ?? null) });
  it('the learning boundary: a new value 1 ms before the end of learning is learned; at the end it fires', () => {
    const recs: Rec[] = [{ t: 0, country: 'US' }, { t: D - 1, country: 'FR' }, { t: D, country: 'DE' }, { t: D + 1, country: 'FR' }, { t: D + 2, country: 'DE' }];
    expect(at(recs, firstSeenFirings(timed(recs), () => 'global', spec(recs, D)))).toEqual(['global@1440m']);
  });
  it('per entity: each user\'s learning period starts at that user\'s first record', () => {
    const recs: Rec[] = [
      { t: 0, user: 'alice', country: 'US' }, { t: 2 * D, user: 'bob', country: 'US' },
      { t: 2 * D + 1, user: 'alice', country: 'FR' }, { t: 2 * D + 2, user: 'bob', country: 'FR' },
    ];
    expect(at(recs, firstSeenFirings(timed(recs), by(recs, 'user'), spec(recs, D)))).toEqual(['alice@172800001ms']);
  });
  it('null values are not looked up; a value not seen for longer than the retention period is new again', () => {
    const recs: Rec[] = [{ t: 0, country: 'US' }, { t: 2 * D, country: null }, { t: 3 * D, country: 'US' }, { t: 10 * D + 1, country: 'US' }];
    expect(at(recs, firstSeenFirings(timed(recs), () => 'global', spec(recs, D, 7 * D)))).toEqual(['global@864000001ms']);
  });
});

describe('outlier (Write an Outlier Rule: window aggregate above mean + k standard deviations, at least the floor)', () => {
  it('a daily count spikes after the learning period', () => {
    // days 0..3: 2, 4, 2, 4 failures (mean 3, σ 1); day 4: 6 > 3 + 2·1 and ≥ floor 5 → fires.
    const perDay = [2, 4, 2, 4, 6];
    const recs: Rec[] = perDay.flatMap((n, day) => Array.from({ length: n }, (_, k) => ({ t: day * D + k * H, user: 'u' })));
    const fs = outlierFirings(timed(recs), by(recs, 'user'), {
      windowMs: D, learningMs: 4 * D, retentionMs: 90 * D, fn: 'count', value: () => true, deviationThreshold: 2, floorValue: 5,
    });
    expect(at(recs, fs)).toEqual(['u@6060m']);
    expect(fs[0]!.detail).toMatchObject({ value: 6, mean: 3, stdDev: 1, windowStart: 4 * D });
    expect(fs[0]!.records).toHaveLength(6);
  });
  it('exactly mean + k·σ does not fire; under the floor does not fire; an empty day counts as 0', () => {
    const recs = (perDay: number[]): Rec[] => perDay.flatMap((n, day) => Array.from({ length: n }, (_, k) => ({ t: day * D + k * H, user: 'u' })));
    const run = (perDay: number[], floorValue: number) => {
      const r = recs(perDay);
      return outlierFirings(timed(r), by(r, 'user'), { windowMs: D, learningMs: 4 * D, retentionMs: 90 * D, fn: 'count', value: () => true, deviationThreshold: 2, floorValue });
    };
    expect(run([2, 4, 2, 4, 5], 1)).toEqual([]); // 5 = 3 + 2·1
    expect(run([2, 4, 2, 4, 6], 7)).toEqual([]); // under the floor
    // days 0..3: 1, 0, 1, 0 → mean 0.5, σ 0.5; day 4: 2 > 1.5
    expect(run([1, 0, 1, 0, 2], 1).map((f) => f.detail.value)).toEqual([2]);
  });
});

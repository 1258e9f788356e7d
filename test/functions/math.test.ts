/** The math family, checked against the examples of each function's page in the Kusto docs. */
import { describe, expect, it } from 'vitest';
import { bindErrorOf, call, dt, int, l, r, s, ts, typeOf } from '../helpers/functions.js';

describe('bin / floor', () => {
  it('matches the docs examples', () => {
    expect(call('bin', r(4.5), l(1))).toBe(4);
    expect(call('bin', ts('16d'), ts('7d'))).toBe('14.00:00:00');
    expect(call('bin', dt('1970-05-11 13:45:07'), ts('1d'))).toBe('1970-05-11T00:00:00Z');
    expect(call('floor', r(4.5), l(1))).toBe(4);
  });

  it('floors toward minus infinity, for negative values too', () => {
    expect(call('bin', r(-4.5), l(1))).toBe(-5);
    expect(call('bin', l(-7), l(5))).toBe(-10);
    expect(call('bin', l(7), l(5))).toBe(5);
    expect(call('bin', r(25.73), l(4))).toBe(24);
    expect(call('bin', r(2.15), r(0.5))).toBe(2);
    expect(call('bin', ts('-1h'), ts('1d'))).toBe('-1.00:00:00');
    expect(call('bin', dt('1969-12-31 23:00'), ts('1d'))).toBe('1969-12-31T00:00:00Z');
  });

  it('bins datetimes by hours and minutes as expected', () => {
    expect(call('bin', dt('2024-05-01 10:17:59.9'), ts('5m'))).toBe('2024-05-01T10:15:00Z');
    expect(call('bin', dt('2024-05-01 10:17:59.9'), ts('1h'))).toBe('2024-05-01T10:00:00Z');
    expect(call('bin', dt('2024-05-01 10:17:59.9'), ts('1s'))).toBe('2024-05-01T10:17:59Z');
  });

  it('aligns multi-day datetime bins on 0001-01-01 (a Monday), so 7d bins start on Mondays', () => {
    expect(call('bin', dt('2017-05-17 10:20'), ts('7d'))).toBe('2017-05-15T00:00:00Z');
    expect(call('bin', dt('2017-05-15'), ts('7d'))).toBe('2017-05-15T00:00:00Z');
    expect(call('bin', dt('2017-05-14 23:59'), ts('7d'))).toBe('2017-05-08T00:00:00Z');
  });

  it('is null for a null value or a null, zero or negative size', () => {
    expect(call('bin', r(null), l(1))).toBeNull();
    expect(call('bin', r(4.5), l(null))).toBeNull();
    expect(call('bin', r(4.5), l(0))).toBeNull();
    expect(call('bin', r(4.5), l(-1))).toBeNull();
    expect(call('bin', dt('2024-05-01'), ts('0s'))).toBeNull();
    expect(call('bin', dt('2024-05-01'), ts('-1h'))).toBeNull();
    expect(call('bin', dt(null), ts('1h'))).toBeNull();
  });

  it('types the result as the widest number, or the value type', () => {
    expect(typeOf('bin', int(7), int(5))).toBe('int');
    expect(typeOf('bin', int(7), l(5))).toBe('long');
    expect(typeOf('bin', l(7), r(0.5))).toBe('real');
    expect(typeOf('bin', dt('2024-05-01'), ts('1h'))).toBe('datetime');
    expect(typeOf('bin', ts('3h'), ts('1h'))).toBe('timespan');
  });

  it('rejects a datetime binned by a number', () => {
    expect(bindErrorOf('bin', dt('2024-05-01'), l(1))).toMatch(/^bin\(\): cannot bin a datetime by a long/);
    expect(bindErrorOf('floor', l(1), ts('1h'))).toMatch(/^bin\(\): cannot bin a long by a timespan/);
  });
});

describe('bin_at', () => {
  it('matches the docs examples', () => {
    expect(call('bin_at', r(6.5), r(2.5), l(7))).toBe(4.5);
    expect(call('bin_at', ts('1h'), ts('1d'), ts('12h'))).toBe('-12:00:00');
    expect(call('bin_at', dt('2017-05-15 10:20:00'), ts('1d'), dt('1970-01-01 12:00:00'))).toBe('2017-05-14T12:00:00Z');
    expect(call('bin_at', dt('2017-05-17 10:20:00'), ts('7d'), dt('2017-06-04 00:00:00'))).toBe('2017-05-14T00:00:00Z');
  });

  it('matches the docs summarize example', () => {
    const point = dt('2018-02-24 15:14:00');
    const bin = (text: string) => call('bin_at', dt(text), ts('1d'), point);
    expect(bin('2018-02-24T15:14')).toBe('2018-02-24T15:14:00Z');
    expect(bin('2018-02-24T15:24')).toBe('2018-02-24T15:14:00Z');
    expect(bin('2018-02-23T16:14')).toBe('2018-02-23T15:14:00Z');
    expect(bin('2018-02-23T17:29')).toBe('2018-02-23T15:14:00Z');
    expect(bin('2018-02-26T15:14')).toBe('2018-02-26T15:14:00Z');
  });

  it('is null for nulls and non-positive sizes, and types like bin', () => {
    expect(call('bin_at', r(6.5), r(0), l(7))).toBeNull();
    expect(call('bin_at', r(6.5), r(2.5), l(null))).toBeNull();
    expect(typeOf('bin_at', l(6), l(2), l(7))).toBe('long');
    expect(bindErrorOf('bin_at', dt('2017-05-17'), ts('7d'), ts('1d'))).toMatch(/^bin_at\(\)/);
  });
});

describe('round / ceiling / abs', () => {
  it('round matches the docs examples', () => {
    expect(call('round', r(2.98765), l(3))).toBe(2.988);
    expect(call('round', r(2.15), l(1))).toBe(2.2);
    expect(call('round', r(2.15))).toBe(2);
    expect(call('round', r(-50.55), l(-2))).toBe(-100);
    expect(call('round', r(21.5), l(-1))).toBe(20);
  });

  it('round rounds halves away from zero and keeps the argument type', () => {
    expect(call('round', r(2.5))).toBe(3);
    expect(call('round', r(-2.5))).toBe(-3);
    expect(call('round', l(1234), l(-2))).toBe(1200);
    expect(typeOf('round', l(1234))).toBe('long');
    expect(typeOf('round', r(1.5))).toBe('real');
    expect(call('round', r(null))).toBeNull();
  });

  it('ceiling matches the docs example', () => {
    expect(call('ceiling', r(-1.1))).toBe(-1);
    expect(call('ceiling', l(0))).toBe(0);
    expect(call('ceiling', r(0.9))).toBe(1);
    expect(typeOf('ceiling', int(3))).toBe('int');
  });

  it('abs: integers become long; timespans stay timespans', () => {
    expect(call('abs', l(-5))).toBe(5);
    expect(typeOf('abs', int(-5))).toBe('long');
    expect(call('abs', r(-2.5))).toBe(2.5);
    expect(call('abs', ts('-1h'))).toBe('01:00:00');
    expect(call('abs', l(null))).toBeNull();
    expect(bindErrorOf('abs', s('x'))).toMatch(/^abs\(\)/);
  });
});

describe('exponents and logarithms', () => {
  it('match the docs examples', () => {
    expect(call('log', l(5))).toBe(1.6094379124341003);
    expect(call('pow', l(2), l(3))).toBe(8);
    expect(typeOf('pow', l(2), l(3))).toBe('real');
  });

  it('compute their functions', () => {
    expect(call('exp', l(0))).toBe(1);
    expect(call('exp2', l(10))).toBe(1024);
    expect(call('exp10', l(3))).toBe(1000);
    expect(call('log2', l(8))).toBe(3);
    expect(call('log10', l(1000))).toBe(3);
    expect(call('sqrt', l(16))).toBe(4);
    expect(call('log', l(0))).toBe(-Infinity);
  });

  it('are null for negative arguments of log and sqrt, and for null', () => {
    for (const name of ['log', 'log2', 'log10', 'sqrt']) expect(call(name, l(-1)), name).toBeNull();
    expect(call('exp', r(null))).toBeNull();
    expect(call('pow', l(2), l(null))).toBeNull();
  });

  it('pow(1, x) is 1 as in IEEE 754', () => {
    expect(call('pow', l(1), r(Number.NaN))).toBe(1);
  });
});

describe('sign / pi / isnan / isinf / isfinite', () => {
  it('sign matches the docs example', () => {
    expect(call('sign', l(-42))).toBe(-1);
    expect(call('sign', l(0))).toBe(0);
    expect(call('sign', r(11.2))).toBe(1);
    expect(typeOf('sign', l(1))).toBe('real');
    expect(call('sign', r(Number.NaN))).toBeNull();
  });

  it('pi', () => {
    expect(call('pi')).toBe(Math.PI);
  });

  it('isnan, isinf and isfinite follow the docs tables', () => {
    expect(call('isnan', r(-1))).toBe(false);
    expect(call('isnan', r(0 / 0))).toBe(true);
    expect(call('isfinite', r(-Infinity))).toBe(false);
    expect(call('isfinite', r(Number.NaN))).toBe(false);
    expect(call('isfinite', r(1))).toBe(true);
    expect(call('isinf', r(Infinity))).toBe(true);
    expect(call('isinf', r(Number.NaN))).toBe(false);
    expect(call('isnan', r(null))).toBe(false);
  });
});

describe('max_of / min_of', () => {
  it('match the docs examples', () => {
    expect(call('max_of', l(10), l(1), l(-3), l(17))).toBe(17);
    expect(call('max_of', int(1), int(6))).toBe(6);
    expect(call('max_of', int(8), int(1))).toBe(8);
    expect(call('max_of', int(null), int(2))).toBe(2);
    expect(call('max_of', int(1), int(null))).toBe(1);
    expect(call('max_of', int(null), int(null))).toBeNull();
  });

  it('min_of, and other orderable types', () => {
    expect(call('min_of', l(10), l(1), l(-3), l(17))).toBe(-3);
    expect(call('max_of', dt('2024-01-01'), dt('2024-05-01'))).toBe('2024-05-01T00:00:00Z');
    expect(call('min_of', ts('1h'), ts('30m'))).toBe('00:30:00');
    expect(call('max_of', s('apple'), s('banana'))).toBe('banana');
    expect(call('min_of', s(''), s('a'))).toBe('');
  });

  it('promote mixed numbers and reject mixed kinds', () => {
    expect(typeOf('max_of', int(1), r(1.5))).toBe('real');
    expect(call('max_of', int(1), r(1.5))).toBe(1.5);
    expect(bindErrorOf('max_of', dt('2024-01-01'), ts('1d'))).toMatch(/^max_of\(\): all arguments must have one orderable type/);
    expect(bindErrorOf('min_of', { type: 'dynamic', value: 1 }, { type: 'dynamic', value: 2 })).toMatch(/^min_of\(\)/);
  });
});

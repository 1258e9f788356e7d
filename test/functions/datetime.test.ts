/** The datetime family, checked against the examples of each function's page in the Kusto docs. */
import { describe, expect, it } from 'vitest';
import { scalarFunctions } from '../../src/functions/index.js';
import { MIN_DATETIME } from '../../src/types/datetime.js';
import { isBindError } from '../../src/functions/types.js';
import type { ScalarType } from '../../src/types/scalar-type.js';
import { call, callScalar, dt, int, l, NOW, r, s, ts, type TypedArg } from '../helpers/functions.js';
import { rows } from '../helpers/run.js';

/** 0001-01-01, which parseDatetime (like Date.UTC) does not take. */
const YEAR_ONE: TypedArg = { type: 'datetime', value: MIN_DATETIME };

/** The value of a call, datetimes and timespans shown as Kusto prints them. */

function typeOf(name: string, ...args: TypedArg[]): ScalarType {
  return callScalar(name, ...args).type;
}

function bindErrorOf(name: string, ...args: TypedArg[]): string | undefined {
  const bound = scalarFunctions.get(name)!.bind(args.map((a) => ({ type: a.type, constant: a.constant === false ? undefined : { value: a.value } })));
  return isBindError(bound) ? bound.error : undefined;
}

describe('now / ago', () => {
  it('read the query time from the context', () => {
    expect(callScalar('now').value).toBe(NOW);
    expect(call('now')).toBe('2024-05-01T00:00:00Z');
    expect(call('now', ts('-2d'))).toBe('2024-04-29T00:00:00Z');
    expect(call('ago', ts('1h'))).toBe('2024-04-30T23:00:00Z');
    expect(call('ago', ts('-1d'))).toBe('2024-05-02T00:00:00Z');
    expect(call('ago', ts(null))).toBeNull();
  });

  it('now(-x) - ago(x) is zero', () => {
    expect(callScalar('now', ts('-3h')).value).toBe(callScalar('ago', ts('3h')).value);
  });

  it('type-check their argument', () => {
    expect(bindErrorOf('ago', l(1))).toMatch(/^ago\(\): argument 1 must be a timespan/);
  });
});

describe('datetime_diff', () => {
  it('matches the docs example', () => {
    expect(call('datetime_diff', s('year'), dt('2017-01-01'), dt('2000-12-31'))).toBe(17);
    expect(call('datetime_diff', s('quarter'), dt('2017-07-01'), dt('2017-03-30'))).toBe(2);
    expect(call('datetime_diff', s('month'), dt('2017-01-01'), dt('2015-12-30'))).toBe(13);
    expect(call('datetime_diff', s('week'), dt('2017-10-29 00:00'), dt('2017-09-30 23:59'))).toBe(5);
    expect(call('datetime_diff', s('day'), dt('2017-10-29 00:00'), dt('2017-09-30 23:59'))).toBe(29);
    expect(call('datetime_diff', s('hour'), dt('2017-10-31 01:00'), dt('2017-10-30 23:59'))).toBe(2);
    expect(call('datetime_diff', s('minute'), dt('2017-10-30 23:05:01'), dt('2017-10-30 23:00:59'))).toBe(5);
    expect(call('datetime_diff', s('second'), dt('2017-10-30 23:00:10.100'), dt('2017-10-30 23:00:00.900'))).toBe(10);
    expect(call('datetime_diff', s('millisecond'), dt('2017-10-30 23:00:00.200100'), dt('2017-10-30 23:00:00.100900'))).toBe(100);
    expect(call('datetime_diff', s('microsecond'), dt('2017-10-30 23:00:00.1009001'), dt('2017-10-30 23:00:00.1008009'))).toBe(100);
    expect(call('datetime_diff', s('nanosecond'), dt('2017-10-30 23:00:00.0000000'), dt('2017-10-30 23:00:00.0000007'))).toBe(-700);
  });

  it('is long, signed as datetime1 - datetime2, and counts boundaries', () => {
    expect(typeOf('datetime_diff', s('day'), dt('2017-01-02'), dt('2017-01-01'))).toBe('long');
    expect(call('datetime_diff', s('year'), dt('2000-12-31'), dt('2017-01-01'))).toBe(-17);
    expect(call('datetime_diff', s('day'), dt('2017-01-01 00:00'), dt('2016-12-31 23:59:59'))).toBe(1);
    expect(call('datetime_diff', s('day'), dt('2017-01-01 23:59'), dt('2017-01-01 00:00'))).toBe(0);
    // Before the Unix epoch the boundaries are still floors, not truncations.
    expect(call('datetime_diff', s('hour'), dt('1969-12-31 23:30'), dt('1969-12-31 22:59'))).toBe(1);
    expect(call('datetime_diff', s('second'), dt('1969-12-31 23:59:59.5'), dt('1969-12-31 23:59:58.9'))).toBe(1);
  });

  it('counts weeks from Sunday', () => {
    // Saturday to the next Sunday crosses a week boundary; Sunday to Saturday does not.
    expect(call('datetime_diff', s('week'), dt('2024-05-05'), dt('2024-05-04'))).toBe(1);
    expect(call('datetime_diff', s('week'), dt('2024-05-11'), dt('2024-05-05'))).toBe(0);
    expect(call('datetime_diff', s('week'), dt('1970-01-04'), dt('1970-01-03'))).toBe(1);
  });

  it('takes the period case-insensitively, and only as a constant', () => {
    expect(call('datetime_diff', s('Day'), dt('2017-01-03'), dt('2017-01-01'))).toBe(2);
    expect(bindErrorOf('datetime_diff', s('fortnight'), dt('2017-01-03'), dt('2017-01-01'))).toMatch(/^datetime_diff\(\): unknown period 'fortnight'/);
    expect(bindErrorOf('datetime_diff', { type: 'string', value: 'day', constant: false }, dt('2017-01-03'), dt('2017-01-01'))).toMatch(/constant/);
  });

  it('is null for null datetimes', () => {
    expect(call('datetime_diff', s('day'), dt(null), dt('2017-01-01'))).toBeNull();
  });
});

describe('datetime_add', () => {
  it('matches the docs example of each period', () => {
    const d = dt('2017-01-01');
    expect(call('datetime_add', s('year'), l(1), d)).toBe('2018-01-01T00:00:00Z');
    expect(call('datetime_add', s('quarter'), l(1), d)).toBe('2017-04-01T00:00:00Z');
    expect(call('datetime_add', s('month'), l(1), d)).toBe('2017-02-01T00:00:00Z');
    expect(call('datetime_add', s('week'), l(1), d)).toBe('2017-01-08T00:00:00Z');
    expect(call('datetime_add', s('day'), l(1), d)).toBe('2017-01-02T00:00:00Z');
    expect(call('datetime_add', s('hour'), l(1), d)).toBe('2017-01-01T01:00:00Z');
    expect(call('datetime_add', s('minute'), l(1), d)).toBe('2017-01-01T00:01:00Z');
    expect(call('datetime_add', s('second'), l(1), d)).toBe('2017-01-01T00:00:01Z');
  });

  it('matches the docs example of amounts', () => {
    const d = dt('2017-01-01');
    expect(call('datetime_add', s('year'), l(-5), d)).toBe('2012-01-01T00:00:00Z');
    expect(call('datetime_add', s('quarter'), l(12), d)).toBe('2020-01-01T00:00:00Z');
    expect(call('datetime_add', s('month'), l(-15), d)).toBe('2015-10-01T00:00:00Z');
    expect(call('datetime_add', s('week'), l(100), d)).toBe('2018-12-02T00:00:00Z');
  });

  it('clamps the day to the end of a shorter month, as .NET AddMonths does', () => {
    expect(call('datetime_add', s('month'), l(1), dt('2017-01-31 10:00'))).toBe('2017-02-28T10:00:00Z');
    expect(call('datetime_add', s('month'), l(1), dt('2016-01-31'))).toBe('2016-02-29T00:00:00Z');
    expect(call('datetime_add', s('year'), l(1), dt('2016-02-29'))).toBe('2017-02-28T00:00:00Z');
  });

  it('adds small units in ticks', () => {
    expect(call('datetime_add', s('millisecond'), l(1), dt('2017-01-01'))).toBe('2017-01-01T00:00:00.001Z');
    expect(call('datetime_add', s('microsecond'), l(1), dt('2017-01-01'))).toBe('2017-01-01T00:00:00.000001Z');
    expect(call('datetime_add', s('nanosecond'), l(300), dt('2017-01-01'))).toBe('2017-01-01T00:00:00.0000003Z');
  });

  it('is null out of the datetime range or for null input', () => {
    expect(call('datetime_add', s('year'), l(10000), dt('2017-01-01'))).toBeNull();
    expect(call('datetime_add', s('day'), l(-1), YEAR_ONE)).toBeNull();
    expect(call('datetime_add', s('day'), l(null), dt('2017-01-01'))).toBeNull();
  });

  it('wants an integer amount', () => {
    expect(bindErrorOf('datetime_add', s('day'), r(1.5), dt('2017-01-01'))).toMatch(/argument 2 must be an integer/);
  });
});

describe('datetime_part', () => {
  const d = dt('2017-10-30 01:02:03.7654321');
  it('matches the docs example', () => {
    const parts: [string, number][] = [
      ['year', 2017], ['quarter', 4], ['month', 10], ['week_of_year', 44], ['day', 30], ['dayOfYear', 303],
      ['hour', 1], ['minute', 2], ['second', 3], ['millisecond', 765], ['microsecond', 765432], ['nanosecond', 765432100],
    ];
    for (const [part, value] of parts) expect(call('datetime_part', s(part), d), part).toBe(value);
    expect(typeOf('datetime_part', s('year'), d)).toBe('int');
  });

  it('has the deprecated alias datepart', () => {
    expect(call('datepart', s('Year'), d)).toBe(2017);
  });

  it('rejects unknown parts', () => {
    expect(bindErrorOf('datetime_part', s('week'), d)).toMatch(/unknown part 'week'/);
  });
});

describe('single parts', () => {
  it('dayofweek is the timespan since Sunday', () => {
    expect(call('dayofweek', dt('1947-11-30 10:00:05'))).toBe('00:00:00');
    expect(call('dayofweek', dt('1970-05-11'))).toBe('1.00:00:00');
    expect(call('dayofweek', dt('1970-05-12'))).toBe('2.00:00:00');
    expect(call('dayofweek', dt('2024-05-04 23:59'))).toBe('6.00:00:00');
    expect(typeOf('dayofweek', dt('1970-05-12'))).toBe('timespan');
  });

  it('dayofyear, dayofmonth, hourofday, getmonth, monthofyear, getyear', () => {
    expect(call('dayofyear', dt('2015-12-14'))).toBe(348);
    expect(call('dayofyear', dt('2016-12-31'))).toBe(366);
    expect(call('dayofmonth', dt('2015-12-14'))).toBe(14);
    expect(call('hourofday', dt('2015-12-14 18:54'))).toBe(18);
    expect(call('getmonth', dt('2015-10-12'))).toBe(10);
    expect(call('monthofyear', dt('2015-12-14'))).toBe(12);
    expect(call('getyear', dt('2015-10-12'))).toBe(2015);
    expect(call('getyear', dt(null))).toBeNull();
    expect(typeOf('getyear', dt('2015-10-12'))).toBe('int');
  });

  it('week_of_year (and weekofyear) are ISO 8601 weeks', () => {
    expect(call('week_of_year', dt('2020-12-31'))).toBe(53);
    expect(call('week_of_year', dt('2020-06-15'))).toBe(25);
    expect(call('week_of_year', dt('1970-01-01'))).toBe(1);
    expect(call('week_of_year', dt('2000-01-01'))).toBe(52);
    // Monday 2024-12-30 already belongs to week 1 of 2025; Sunday 2021-01-03 to week 53 of 2020.
    expect(call('weekofyear', dt('2024-12-30'))).toBe(1);
    expect(call('weekofyear', dt('2021-01-03'))).toBe(53);
    expect(call('weekofyear', dt('2021-01-04'))).toBe(1);
  });
});

describe('start and end of periods', () => {
  const d = dt('2017-01-01 10:10:17');
  it('startofweek: Sunday, with a week offset (docs)', () => {
    expect(call('startofweek', d, l(-1))).toBe('2016-12-25T00:00:00Z');
    expect(call('startofweek', d, l(0))).toBe('2017-01-01T00:00:00Z');
    expect(call('startofweek', d, l(1))).toBe('2017-01-08T00:00:00Z');
    expect(call('startofweek', dt('2025-06-14'))).toBe('2025-06-08T00:00:00Z');
    expect(call('startofweek', dt('2025-06-15'))).toBe('2025-06-15T00:00:00Z');
  });

  it('startofmonth and startofyear (docs)', () => {
    expect(call('startofmonth', d, l(-1))).toBe('2016-12-01T00:00:00Z');
    expect(call('startofmonth', d)).toBe('2017-01-01T00:00:00Z');
    expect(call('startofmonth', d, int(1))).toBe('2017-02-01T00:00:00Z');
    expect(call('startofyear', d, l(-1))).toBe('2016-01-01T00:00:00Z');
    expect(call('startofyear', d)).toBe('2017-01-01T00:00:00Z');
    expect(call('startofyear', d, l(1))).toBe('2018-01-01T00:00:00Z');
  });

  it('startofday', () => {
    expect(call('startofday', d)).toBe('2017-01-01T00:00:00Z');
    expect(call('startofday', d, l(-1))).toBe('2016-12-31T00:00:00Z');
    expect(call('startofday', dt('1969-12-31 23:59:59'))).toBe('1969-12-31T00:00:00Z');
  });

  it('endofday, endofweek, endofmonth (docs)', () => {
    expect(call('endofday', d, l(-1))).toBe('2016-12-31T23:59:59.9999999Z');
    expect(call('endofday', d)).toBe('2017-01-01T23:59:59.9999999Z');
    expect(call('endofday', d, l(1))).toBe('2017-01-02T23:59:59.9999999Z');
    expect(call('endofweek', d, l(-1))).toBe('2016-12-31T23:59:59.9999999Z');
    expect(call('endofweek', d)).toBe('2017-01-07T23:59:59.9999999Z');
    expect(call('endofweek', d, l(1))).toBe('2017-01-14T23:59:59.9999999Z');
    expect(call('endofmonth', d, l(-1))).toBe('2016-12-31T23:59:59.9999999Z');
    expect(call('endofmonth', d)).toBe('2017-01-31T23:59:59.9999999Z');
    expect(call('endofmonth', d, l(1))).toBe('2017-02-28T23:59:59.9999999Z');
  });

  it('endofyear, and month ends in leap years', () => {
    expect(call('endofyear', d)).toBe('2017-12-31T23:59:59.9999999Z');
    expect(call('endofmonth', dt('2024-02-10'))).toBe('2024-02-29T23:59:59.9999999Z');
    expect(call('endofmonth', dt('1900-02-10'))).toBe('1900-02-28T23:59:59.9999999Z');
  });

  it('is null at the ends of the datetime range and for null', () => {
    expect(call('endofyear', dt('9999-06-01'))).toBe('9999-12-31T23:59:59.9999999Z');
    expect(call('startofyear', dt('9999-06-01'), l(1))).toBeNull();
    expect(call('startofday', YEAR_ONE, l(-1))).toBeNull();
    expect(call('startofday', dt(null))).toBeNull();
    expect(call('startofmonth', d, l(null))).toBeNull();
  });

});

describe('format_datetime', () => {
  const d = dt('2017-01-29 09:00:05');
  it('matches the docs examples', () => {
    expect(call('format_datetime', d, s('yy-MM-dd [HH:mm:ss]'))).toBe('17-01-29 [09:00:05]');
    expect(call('format_datetime', d, s('yyyy-M-dd [H:mm:ss]'))).toBe('2017-1-29 [9:00:05]');
    expect(call('format_datetime', d, s('yy-MM-dd [hh:mm:ss tt]'))).toBe('17-01-29 [09:00:05 AM]');
  });

  it('implements the specifier table', () => {
    const f = (text: string, format: string) => call('format_datetime', dt(text), s(format));
    expect(f('2009-06-01T13:45:30', 'd')).toBe('1');
    expect(f('2009-06-01T13:45:30', 'dd')).toBe('01');
    expect(f('2009-06-15T13:45:30.617', 'f')).toBe('6');
    expect(f('2009-06-15T13:45:30.05', 'f')).toBe('0');
    expect(f('2009-06-15T13:45:30.617', 'ff')).toBe('61');
    expect(f('2009-06-15T13:45:30.0005', 'fff')).toBe('000');
    expect(f('2009-06-15T13:45:30.6175', 'ffff')).toBe('6175');
    expect(f('2009-06-15T13:45:30.61754', 'fffff')).toBe('61754');
    expect(f('2009-06-15T13:45:30.617542', 'ffffff')).toBe('617542');
    expect(f('2009-06-15T13:45:30.0001150', 'fffffff')).toBe('0001150');
    expect(f('2009-06-15T13:45:30.617', 'F')).toBe('6');
    expect(f('2009-06-15T13:45:30.05', 'F')).toBe('');
    expect(f('2009-06-15T13:45:30.005', 'FF')).toBe('');
    expect(f('2009-06-15T13:45:30.5275', 'FFFF')).toBe('5275');
    expect(f('2009-06-15T13:45:30.0001150', 'FFFFFFF')).toBe('000115');
    expect(f('2009-06-15T01:45:30', 'h')).toBe('1');
    expect(f('2009-06-15T13:45:30', 'hh')).toBe('01');
    expect(f('2009-06-15T00:45:30', 'hh tt')).toBe('12 AM');
    expect(f('2009-06-15T12:45:30', 'h tt')).toBe('12 PM');
    expect(f('2009-06-15T01:45:30', 'H')).toBe('1');
    expect(f('2009-06-15T13:45:30', 'HH')).toBe('13');
    expect(f('2009-06-15T01:09:30', 'm')).toBe('9');
    expect(f('2009-06-15T01:09:30', 'mm')).toBe('09');
    expect(f('2009-06-15T13:45:30', 'M')).toBe('6');
    expect(f('2009-06-15T13:45:30', 'MM')).toBe('06');
    expect(f('2009-06-15T13:45:09', 's')).toBe('9');
    expect(f('2009-06-15T13:45:09', 'ss')).toBe('09');
    expect(f('2009-06-15T13:45:30', 'y')).toBe('9');
    expect(f('2019-06-15T13:45:30', 'y')).toBe('19');
    expect(f('1900-01-01T00:00:00', 'yy')).toBe('00');
    expect(f('0900-01-01T00:00:00', 'yyyy')).toBe('0900');
    expect(f('2009-06-15T13:45:09', 'tt')).toBe('PM');
  });

  it('keeps delimiters and literal text', () => {
    expect(call('format_datetime', dt('2024-05-01 07:08:09.5'), s('yyyy/MM/dd_HH,mm.ss'))).toBe('2024/05/01_07,08.09');
    expect(call('format_datetime', dt('2024-05-01 07:08:09'), s("yyyy-MM-dd'T'HH:mm:ss"))).toBe('2024-05-01T07:08:09');
  });

  it('drops the dot before an empty F run, as .NET does', () => {
    expect(call('format_datetime', dt('2024-05-01 07:08:09'), s('HH:mm:ss.FFF'))).toBe('07:08:09');
    expect(call('format_datetime', dt('2024-05-01 07:08:09.25'), s('HH:mm:ss.FFF'))).toBe('07:08:09.25');
  });

  it('gives the empty string for null, and a bind error for a bad format', () => {
    expect(call('format_datetime', dt(null), s('yyyy'))).toBe('');
    expect(bindErrorOf('format_datetime', dt('2024-05-01'), s('ffffffff'))).toMatch(/^format_datetime\(\): invalid format/);
    expect(bindErrorOf('format_datetime', ts('1d'), s('yyyy'))).toMatch(/argument 1 must be a datetime/);
  });

  it('compiles a non-constant format per value', () => {
    expect(call('format_datetime', dt('2024-05-01'), { type: 'string', value: 'yyyy', constant: false })).toBe('2024');
  });
});

describe('format_timespan', () => {
  const t = ts('29.09:00:05.12345');
  it('matches the docs example', () => {
    expect(call('format_timespan', t, s('dd.hh:mm:ss:FF'))).toBe('29.09:00:05:12');
    expect(call('format_timespan', t, s('ddd.h:mm:ss [fffffff]'))).toBe('029.9:00:05 [1234500]');
  });

  it('implements the specifier table', () => {
    const f = (text: string, format: string) => call('format_timespan', ts(text), s(format));
    expect(f('15.13:45:30', 'd')).toBe('15');
    expect(f('15.13:45:30', 'ddd')).toBe('015');
    expect(f('15.01:45:30', 'H')).toBe('1');
    expect(f('15.01:45:30', 'HH')).toBe('01');
    expect(f('15.01:09:30', 'm')).toBe('9');
    expect(f('15.01:09:30', 'mm')).toBe('09');
    expect(f('15.13:45:09', 's')).toBe('9');
    expect(f('15.13:45:09', 'ss')).toBe('09');
    expect(f('15.13:45:30.617', 'fff')).toBe('617');
    expect(f('15.13:45:30.05', 'F')).toBe('');
    expect(f('15.13:45:30.0001150', 'FFFFFFF')).toBe('000115');
  });

  it('prefixes negative timespans with a minus sign', () => {
    expect(call('format_timespan', ts('-01:30:00'), s('hh:mm'))).toBe('-01:30');
  });

  it('rejects runs .NET rejects', () => {
    expect(bindErrorOf('format_timespan', t, s('hhh'))).toMatch(/^format_timespan\(\): invalid format/);
  });
});

describe('make_datetime / make_timespan', () => {
  it('match the docs examples', () => {
    expect(call('make_datetime', l(2017), l(10), l(1))).toBe('2017-10-01T00:00:00Z');
    expect(call('make_datetime', l(2017), l(10), l(1), l(12), l(10))).toBe('2017-10-01T12:10:00Z');
    expect(call('make_datetime', l(2017), l(10), l(1), l(12), l(11), r(0.1234567))).toBe('2017-10-01T12:11:00.1234567Z');
    expect(call('make_timespan', l(1), l(12), l(30), r(55.123))).toBe('1.12:30:55.1230000');
  });

  it('make_timespan has the (hour, minute [, second]) forms', () => {
    expect(call('make_timespan', l(12), l(30))).toBe('12:30:00');
    expect(call('make_timespan', l(12), l(30), l(15))).toBe('12:30:15');
  });

  it('are null for parts out of range', () => {
    expect(call('make_datetime', l(2017), l(2), l(29))).toBeNull();
    expect(call('make_datetime', l(2016), l(2), l(29))).toBe('2016-02-29T00:00:00Z');
    expect(call('make_datetime', l(2017), l(13), l(1))).toBeNull();
    expect(call('make_datetime', l(2017), l(1), l(1), l(24), l(0))).toBeNull();
    expect(call('make_datetime', l(0), l(1), l(1))).toBeNull();
    expect(call('make_datetime', l(1), l(1), l(1))).toBe('0001-01-01T00:00:00Z');
    expect(call('make_datetime', l(null), l(1), l(1))).toBeNull();
    expect(call('make_timespan', l(24), l(0))).toBeNull();
    expect(call('make_timespan', l(1), l(60))).toBeNull();
  });
});

describe('unixtime_*_todatetime', () => {
  it('match the docs examples', () => {
    expect(call('unixtime_seconds_todatetime', l(1546300800))).toBe('2019-01-01T00:00:00Z');
    expect(call('unixtime_milliseconds_todatetime', l(1546300800123))).toBe('2019-01-01T00:00:00.123Z');
    expect(call('unixtime_microseconds_todatetime', l(1546300800123456))).toBe('2019-01-01T00:00:00.123456Z');
    expect(call('unixtime_nanoseconds_todatetime', l(1546300800000000000))).toBe('2019-01-01T00:00:00Z');
  });

  it('keep fractions and negative values', () => {
    expect(call('unixtime_seconds_todatetime', r(1546300800.5))).toBe('2019-01-01T00:00:00.5Z');
    expect(call('unixtime_seconds_todatetime', r(-1.5))).toBe('1969-12-31T23:59:58.5Z');
    expect(call('unixtime_milliseconds_todatetime', r(0.1234))).toBe('1970-01-01T00:00:00.0001234Z');
  });

  it('are null out of range or for null', () => {
    expect(call('unixtime_seconds_todatetime', r(1e12))).toBeNull();
    expect(call('unixtime_seconds_todatetime', l(null))).toBeNull();
    expect(call('unixtime_seconds_todatetime', r(Number.NaN))).toBeNull();
  });
});

describe('datetime_utc_to_local', () => {
  it('matches the docs example', () => {
    const d = dt('2022-07-11 22:18:48.4678620');
    expect(call('datetime_utc_to_local', d, s('US/Pacific'))).toBe('2022-07-11T15:18:48.467862Z');
    expect(call('datetime_utc_to_local', d, s('Australia/Canberra'))).toBe('2022-07-12T08:18:48.467862Z');
  });

  it('follows daylight saving time changes', () => {
    // Brussels moved from +01:00 to +02:00 at 2022-03-27 01:00 UTC (the docs' local_to_utc example).
    expect(call('datetime_utc_to_local', dt('2022-03-27 00:59:59'), s('Europe/Brussels'))).toBe('2022-03-27T01:59:59Z');
    expect(call('datetime_utc_to_local', dt('2022-03-27 01:00:00'), s('Europe/Brussels'))).toBe('2022-03-27T03:00:00Z');
    expect(call('datetime_utc_to_local', dt('2020-02-03 04:02:20'), s('US/Pacific'))).toBe('2020-02-02T20:02:20Z');
    expect(call('datetime_utc_to_local', dt('2020-02-02 19:02:20'), s('Europe/Paris'))).toBe('2020-02-02T20:02:20Z');
  });

  it('rejects an unknown time zone', () => {
    expect(bindErrorOf('datetime_utc_to_local', dt('2022-01-01'), s('Mars/Olympus'))).toMatch(/unknown time zone/);
    expect(call('datetime_utc_to_local', dt('2022-01-01'), { type: 'string', value: 'Mars/Olympus', constant: false })).toBeNull();
  });
});

describe('datetime_local_to_utc', () => {
  it('the page example: three zones in February', () => {
    const q = `datatable(local_dt: datetime, tz: string)
      [ datetime(2020-02-02 20:02:20), 'US/Pacific', datetime(2020-02-02 20:02:20), 'America/Chicago', datetime(2020-02-02 20:02:20), 'Europe/Paris']
      | extend utc_dt = datetime_local_to_utc(local_dt, tz) | project tz, utc_dt`;
    expect(rows(q)).toEqual([
      ['US/Pacific', '2020-02-03T04:02:20Z'], ['America/Chicago', '2020-02-03T02:02:20Z'], ['Europe/Paris', '2020-02-02T19:02:20Z'],
    ]);
  });
  it('the page example at the spring DST jump in Europe/Brussels, 02:00 local not existing', () => {
    const q = `range Local from datetime(2022-03-27 01:00:00) to datetime(2022-03-27 04:00:00) step 1h
      | extend UTC = datetime_local_to_utc(Local, 'Europe/Brussels')
      | extend BackToLocal = datetime_utc_to_local(UTC, 'Europe/Brussels')
      | extend diff = Local - BackToLocal`;
    expect(rows(q)).toEqual([
      ['2022-03-27T01:00:00Z', '2022-03-27T00:00:00Z', '2022-03-27T01:00:00Z', '00:00:00'],
      ['2022-03-27T02:00:00Z', '2022-03-27T00:00:00Z', '2022-03-27T01:00:00Z', '01:00:00'],
      ['2022-03-27T03:00:00Z', '2022-03-27T01:00:00Z', '2022-03-27T03:00:00Z', '00:00:00'],
      ['2022-03-27T04:00:00Z', '2022-03-27T02:00:00Z', '2022-03-27T04:00:00Z', '00:00:00'],
    ]);
  });
  it('a wall-clock time repeated when clocks go back is the later, standard-time instant', () => {
    expect(rows("print datetime_local_to_utc(datetime(2022-10-30 02:30), 'Europe/Brussels')")).toEqual([['2022-10-30T01:30:00Z']]);
  });
});

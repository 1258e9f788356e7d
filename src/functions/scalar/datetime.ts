/**
 * Scalar functions: datetime family.
 *
 * Datetimes are bigint ticks (100 ns) since 1970-01-01 UTC; Kusto's range is 0001-01-01 through
 * 9999-12-31 23:59:59.9999999, and results outside it are null. Calendar arithmetic is done on day
 * numbers with the proleptic Gregorian calendar (as .NET's DateTime does), not with JS Date, whose
 * Date.UTC maps the years 0-99 to 1900-1999.
 */
import { inDatetimeRange } from '../../types/datetime.js';
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_MS, TICKS_PER_SECOND } from '../../types/value.js';
import type { ArgInfo, BindResult, ScalarBinding, ScalarFunction, ScalarImpl } from '../types.js';
import {
  type ArgSpec,
  DATETIME,
  INTEGER,
  NUMBER,
  STRING,
  TIMESPAN,
  bindError,
  checkArgs,
  fixed,
  floorDiv,
} from './conversion.js';

// ── calendar ──────────────────────────────────────────────────────────────


/** Days since 1970-01-01 of a proleptic Gregorian date (the era-of-400-years method). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of daysFromCivil: [year, month 1-12, day 1-31]. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** A datetime broken into its day number and the ticks into that day. */
export function splitTicks(t: bigint): { days: number; tod: bigint } {
  const days = floorDiv(t, TICKS_PER_DAY);
  return { days: Number(days), tod: t - days * TICKS_PER_DAY };
}

function dayStart(days: number): bigint {
  return BigInt(days) * TICKS_PER_DAY;
}

/** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
export function dayOfWeek(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

function dayOfYear(days: number, year: number): number {
  return days - daysFromCivil(year, 1, 1) + 1;
}

/** ISO 8601 week number: weeks start on Monday and week 1 holds the year's first Thursday. */
export function isoWeek(days: number): number {
  const isoWeekday = dayOfWeek(days) || 7; // Monday 1 ... Sunday 7
  const thursday = days + 4 - isoWeekday;
  const [year] = civilFromDays(thursday);
  return Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
}

/**
 * Adds whole months (and so quarters and years) as .NET's AddMonths: the day is clamped to the
 * month's end. Not range-checked (endofyear of 9999 needs the start of 10000), only kept finite.
 */
function addMonthsUnchecked(t: bigint, months: number): bigint | null {
  if (!Number.isFinite(months) || Math.abs(months) > 120_000) return null;
  const { days, tod } = splitTicks(t);
  const [y, m, d] = civilFromDays(days);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return dayStart(daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)))) + tod;
}

function addMonths(t: bigint, months: number): bigint | null {
  const r = addMonthsUnchecked(t, months);
  return r === null ? null : inDatetimeRange(r);
}

// ── periods ───────────────────────────────────────────────────────────────

type Period = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond' | 'microsecond' | 'nanosecond';

const PERIODS: readonly Period[] = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond'];

/** Ticks in the fixed-length periods. Nanoseconds are below a tick and handled apart. */
const PERIOD_TICKS: Partial<Record<Period, bigint>> = {
  week: 7n * TICKS_PER_DAY,
  day: TICKS_PER_DAY,
  hour: TICKS_PER_HOUR,
  minute: TICKS_PER_MINUTE,
  second: TICKS_PER_SECOND,
  millisecond: TICKS_PER_MS,
  microsecond: 10n,
};

/** The constant string argument at `index`, matched case-insensitively against `names`. */
function constantName<T extends string>(fn: string, args: readonly ArgInfo[], index: number, names: readonly T[]): T | { error: string } {
  const c = args[index]!.constant;
  if (c === undefined || typeof c.value !== 'string') return bindError(fn, `argument ${index + 1} must be a constant string`);
  const name = c.value.trim().toLowerCase() as T;
  if (!names.includes(name)) return bindError(fn, `unknown ${fn === 'datetime_part' || fn === 'datepart' ? 'part' : 'period'} '${c.value}'; expected one of ${names.join(', ')}`);
  return name;
}

/**
 * datetime_diff(period, d1, d2): the number of period boundaries crossed going from d2 to d1
 * (calendar years, quarters and months; Sunday-based weeks; fixed units below). The docs' examples:
 * a year from 2000-12-31 to 2017-01-01 is 17, a minute from 23:00:59 to 23:05:01 is 5.
 */
function diffBy(period: Period): (a: bigint, b: bigint) => number {
  const months = (t: bigint, per: number) => {
    const [y, m] = civilFromDays(splitTicks(t).days);
    return Math.floor((y * 12 + m - 1) / per);
  };
  switch (period) {
    case 'year': return (a, b) => months(a, 12) - months(b, 12);
    case 'quarter': return (a, b) => months(a, 3) - months(b, 3);
    case 'month': return (a, b) => months(a, 1) - months(b, 1);
    // Weeks start on Sunday: 1970-01-04 (day 3) began one, so day + 4 counts from a Sunday.
    case 'week': return (a, b) => Math.floor((splitTicks(a).days + 4) / 7) - Math.floor((splitTicks(b).days + 4) / 7);
    case 'nanosecond': return (a, b) => Number((a - b) * 100n);
    default: {
      const unit = PERIOD_TICKS[period]!;
      return (a, b) => Number(floorDiv(a, unit) - floorDiv(b, unit));
    }
  }
}

const datetimeDiff: ScalarFunction = {
  name: 'datetime_diff',
  minArgs: 3,
  maxArgs: 3,
  bind(args) {
    const bad = checkArgs('datetime_diff', args, [STRING, DATETIME, DATETIME]);
    if (bad) return bad;
    const period = constantName('datetime_diff', args, 0, PERIODS);
    if (typeof period !== 'string') return period;
    const diff = diffBy(period);
    return { type: 'long', impl: (a) => (a[1] === null || a[2] === null ? null : diff(a[1] as bigint, a[2] as bigint)) };
  },
};

/** datetime_add(period, amount, dt): calendar periods as .NET's AddMonths/AddYears, the rest in ticks. */
function addBy(period: Period): (t: bigint, n: number) => bigint | null {
  switch (period) {
    case 'year': return (t, n) => addMonths(t, n * 12);
    case 'quarter': return (t, n) => addMonths(t, n * 3);
    case 'month': return (t, n) => addMonths(t, n);
    // A nanosecond is a hundredth of a tick; amounts are truncated to whole ticks.
    case 'nanosecond': return (t, n) => inDatetimeRange(t + BigInt(Math.trunc(n / 100)));
    default: {
      const unit = PERIOD_TICKS[period]!;
      return (t, n) => inDatetimeRange(t + BigInt(n) * unit);
    }
  }
}

const datetimeAdd: ScalarFunction = {
  name: 'datetime_add',
  minArgs: 3,
  maxArgs: 3,
  bind(args) {
    const bad = checkArgs('datetime_add', args, [STRING, INTEGER, DATETIME]);
    if (bad) return bad;
    const period = constantName('datetime_add', args, 0, PERIODS);
    if (typeof period !== 'string') return period;
    const add = addBy(period);
    return {
      type: 'datetime',
      impl: (a) => {
        const n = a[1] as number | null;
        if (n === null || a[2] === null || !Number.isFinite(n)) return null;
        return add(a[2] as bigint, Math.trunc(n));
      },
    };
  },
};

// ── parts ─────────────────────────────────────────────────────────────────

type Part = 'year' | 'quarter' | 'month' | 'week_of_year' | 'day' | 'dayofyear' | 'hour' | 'minute' | 'second' | 'millisecond' | 'microsecond' | 'nanosecond';

const PARTS: readonly Part[] = ['year', 'quarter', 'month', 'week_of_year', 'day', 'dayofyear', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond'];

function partOf(part: Part): (t: bigint) => number {
  const date = (t: bigint) => civilFromDays(splitTicks(t).days);
  const sub = (t: bigint) => splitTicks(t).tod % TICKS_PER_SECOND;
  switch (part) {
    case 'year': return (t) => date(t)[0];
    case 'quarter': return (t) => Math.floor((date(t)[1] - 1) / 3) + 1;
    case 'month': return (t) => date(t)[1];
    case 'week_of_year': return (t) => isoWeek(splitTicks(t).days);
    case 'day': return (t) => date(t)[2];
    case 'dayofyear': return (t) => {
      const { days } = splitTicks(t);
      return dayOfYear(days, civilFromDays(days)[0]);
    };
    case 'hour': return (t) => Number(splitTicks(t).tod / TICKS_PER_HOUR);
    case 'minute': return (t) => Number((splitTicks(t).tod % TICKS_PER_HOUR) / TICKS_PER_MINUTE);
    case 'second': return (t) => Number((splitTicks(t).tod % TICKS_PER_MINUTE) / TICKS_PER_SECOND);
    // The fraction of the second, in the unit: .7654321 s is 765 ms, 765432 µs, 765432100 ns.
    case 'millisecond': return (t) => Number(sub(t) / TICKS_PER_MS);
    case 'microsecond': return (t) => Number(sub(t) / 10n);
    case 'nanosecond': return (t) => Number(sub(t) * 100n);
  }
}

const datetimePart: ScalarFunction = {
  name: 'datetime_part',
  aliases: ['datepart'],
  minArgs: 2,
  maxArgs: 2,
  bind(args) {
    const bad = checkArgs('datetime_part', args, [STRING, DATETIME]);
    if (bad) return bad;
    const part = constantName('datetime_part', args, 0, PARTS);
    if (typeof part !== 'string') return part;
    const get = partOf(part);
    return { type: 'int', impl: (a) => (a[1] === null ? null : get(a[1] as bigint)) };
  },
};

/** A function of one datetime returning an int part of it. */
function part(name: string, aliases: string[], which: Part): ScalarFunction {
  const get = partOf(which);
  return {
    name,
    aliases,
    minArgs: 1,
    maxArgs: 1,
    bind: (args) => fixed(name, args, [DATETIME], 'int', (a) => (a[0] === null ? null : get(a[0] as bigint))),
  };
}

const dayofweek: ScalarFunction = {
  name: 'dayofweek',
  minArgs: 1,
  maxArgs: 1,
  // The days since the preceding Sunday, as a timespan (the docs: Monday is 1.00:00:00).
  bind: (args) => fixed('dayofweek', args, [DATETIME], 'timespan', (a) =>
    a[0] === null ? null : BigInt(dayOfWeek(splitTicks(a[0] as bigint).days)) * TICKS_PER_DAY),
};

// ── start / end of a period ───────────────────────────────────────────────

/** The start of the period holding t, moved by `offset` periods; range-checked by the caller. */
type StartOf = (t: bigint, offset: number) => bigint | null;

const START_OF: Record<'day' | 'week' | 'month' | 'year', StartOf> = {
  day: (t, k) => dayStart(splitTicks(t).days + k),
  // Weeks start on Sunday.
  week: (t, k) => {
    const { days } = splitTicks(t);
    return dayStart(days - dayOfWeek(days) + 7 * k);
  },
  month: (t, k) => {
    const [y, m] = civilFromDays(splitTicks(t).days);
    return addMonthsUnchecked(dayStart(daysFromCivil(y, m, 1)), k);
  },
  year: (t, k) => {
    const [y] = civilFromDays(splitTicks(t).days);
    return addMonthsUnchecked(dayStart(daysFromCivil(y, 1, 1)), 12 * k);
  },
};

/** startofX(date [, offset]) and endofX(date [, offset]); the end is one tick before the next start. */
function boundary(name: string, unit: keyof typeof START_OF, end: boolean): ScalarFunction {
  const start = START_OF[unit];
  return {
    name,
    minArgs: 1,
    maxArgs: 2,
    bind(args) {
      const bad = checkArgs(name, args, [DATETIME, INTEGER]);
      if (bad) return bad;
      const impl: ScalarImpl = (a) => {
        const t = a[0] as bigint | null;
        const k = a.length > 1 ? (a[1] as number | null) : 0;
        if (t === null || k === null || !Number.isFinite(k) || Math.abs(k) > 4_000_000) return null;
        const edge = start(t, Math.trunc(k) + (end ? 1 : 0));
        return edge === null ? null : inDatetimeRange(end ? edge - 1n : edge);
      };
      return { type: 'datetime', impl };
    },
  };
}

// ── now / ago ─────────────────────────────────────────────────────────────

const now: ScalarFunction = {
  name: 'now',
  pure: false,
  minArgs: 0,
  maxArgs: 1,
  bind: (args) => fixed('now', args, [TIMESPAN], 'datetime', (a, ctx) => {
    if (a.length === 0) return ctx.now;
    return a[0] === null ? null : inDatetimeRange(ctx.now + (a[0] as bigint));
  }),
};

const ago: ScalarFunction = {
  name: 'ago',
  pure: false,
  minArgs: 1,
  maxArgs: 1,
  bind: (args) => fixed('ago', args, [TIMESPAN], 'datetime', (a, ctx) =>
    a[0] === null ? null : inDatetimeRange(ctx.now - (a[0] as bigint))),
};

// ── construction ──────────────────────────────────────────────────────────

/** Seconds (possibly fractional) to ticks, rounded to the nearest tick so 0.1234567 is exact. */
function secondsToTicks(s: number): bigint {
  const whole = Math.trunc(s);
  return BigInt(whole) * TICKS_PER_SECOND + BigInt(Math.round((s - whole) * 1e7));
}

const isWhole = (...xs: number[]) => xs.every((x) => Number.isInteger(x));

/** make_datetime(year, month, day [, hour, minute [, second]]); null when a part is out of range. */
const makeDatetime: ScalarFunction = {
  name: 'make_datetime',
  minArgs: 3,
  maxArgs: 6,
  bind(args) {
    return fixed('make_datetime', args, [NUMBER, NUMBER, NUMBER, NUMBER, NUMBER, NUMBER], 'datetime', (a) => {
      if (a.some((v) => v === null)) return null;
      const [y, mo, d, h = 0, mi = 0, s = 0] = a as number[];
      if (!isWhole(y!, mo!, d!, h, mi) || !Number.isFinite(s)) return null;
      if (y! < 1 || y! > 9999 || mo! < 1 || mo! > 12 || d! < 1 || d! > daysInMonth(y!, mo!)) return null;
      if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s >= 60) return null;
      const ticks = dayStart(daysFromCivil(y!, mo!, d!)) + BigInt(h) * TICKS_PER_HOUR + BigInt(mi) * TICKS_PER_MINUTE + secondsToTicks(s);
      return inDatetimeRange(ticks);
    });
  },
};

/**
 * make_timespan(hour, minute), (hour, minute, second) or (day, hour, minute, second). The docs give
 * the seconds as a real (their example is 55.123), hours 0-23 and minutes 0-59; out of range is null.
 */
const makeTimespan: ScalarFunction = {
  name: 'make_timespan',
  minArgs: 2,
  maxArgs: 4,
  bind(args) {
    return fixed('make_timespan', args, [NUMBER, NUMBER, NUMBER, NUMBER], 'timespan', (a) => {
      if (a.some((v) => v === null)) return null;
      const n = a as number[];
      const [d, h, mi, s] = n.length === 4 ? n : [0, n[0]!, n[1]!, n[2] ?? 0];
      if (!isWhole(d!, h!, mi!) || !Number.isFinite(s!)) return null;
      if (h! < 0 || h! > 23 || mi! < 0 || mi! > 59 || s! < 0 || s! >= 60) return null;
      return BigInt(d!) * TICKS_PER_DAY + BigInt(h!) * TICKS_PER_HOUR + BigInt(mi!) * TICKS_PER_MINUTE + secondsToTicks(s!);
    });
  },
};

/**
 * unixtime_X_todatetime(n): n units since the Unix epoch. The whole units and the fraction are
 * converted apart, so large second counts keep their sub-second digits; the fraction is rounded to
 * the nearest tick, and nanoseconds (a hundredth of a tick) are truncated to whole ticks.
 */
function fromUnix(name: string, ticksPerUnit: bigint | 'nano'): ScalarFunction {
  const convert = (n: number): bigint => {
    if (ticksPerUnit === 'nano') return BigInt(Math.trunc(n)) / 100n;
    const whole = Math.trunc(n);
    return BigInt(whole) * ticksPerUnit + BigInt(Math.round((n - whole) * Number(ticksPerUnit)));
  };
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    bind: (args) => fixed(name, args, [NUMBER], 'datetime', (a) => {
      const n = a[0] as number | null;
      if (n === null || !Number.isFinite(n) || Math.abs(n) > 1e22) return null;
      return inDatetimeRange(convert(n));
    }),
  };
}

// ── format strings ────────────────────────────────────────────────────────

/** A compiled format: the text of one value. */
type Formatter = (t: bigint) => string;

type Token = { readonly letter: string; readonly n: number } | { readonly literal: string };

/**
 * Splits a format into runs of specifier letters and literal text. Text in quotes and a character
 * after a backslash are literal, as in .NET custom formats; every other character is literal too
 * (the docs list ' ', '/', '-', ':', ',', '.', '_', '[' and ']' as delimiters).
 */
function tokenize(format: string, letters: string): Token[] | string {
  const tokens: Token[] = [];
  for (let i = 0; i < format.length;) {
    const c = format[i]!;
    if (c === "'" || c === '"') {
      const close = format.indexOf(c, i + 1);
      if (close < 0) return `unterminated quote in format '${format}'`;
      tokens.push({ literal: format.slice(i + 1, close) });
      i = close + 1;
    } else if (c === '\\') {
      if (i + 1 >= format.length) return `format '${format}' ends with a backslash`;
      tokens.push({ literal: format[i + 1]! });
      i += 2;
    } else if (letters.includes(c)) {
      let n = 1;
      while (format[i + n] === c) n++;
      tokens.push({ letter: c, n });
      i += n;
    } else {
      tokens.push({ literal: c });
      i++;
    }
  }
  return tokens;
}

const pad = (v: number | bigint, width: number) => v.toString().padStart(width, '0');

/** f: the first n digits of the 7-digit fraction; F: the same without trailing zeros (maybe none). */
function fraction(frac: number, n: number, trim: boolean): string {
  const digits = pad(frac, 7).slice(0, n);
  return trim ? digits.replace(/0+$/, '') : digits;
}

/** A piece of output, given the value's fields. F pieces may remove a '.' that precedes them. */
type Piece<F> = (fields: F, out: string[]) => void;

function run<F>(pieces: Piece<F>[], fields: F): string {
  const out: string[] = [];
  for (const p of pieces) p(fields, out);
  return out.join('');
}

function literalPiece<F>(text: string): Piece<F> {
  return (_, out) => void out.push(text);
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface DateFields { y: number; mo: number; d: number; h: number; mi: number; s: number; frac: number; dow: number }

function dateFields(t: bigint): DateFields {
  const { days, tod } = splitTicks(t);
  const [y, mo, d] = civilFromDays(days);
  const secs = Number(tod / TICKS_PER_SECOND);
  return { y, mo, d, h: Math.floor(secs / 3600), mi: Math.floor(secs / 60) % 60, s: secs % 60, frac: Number(tod % TICKS_PER_SECOND), dow: dayOfWeek(days) };
}

/** Up to two digits of a number: one letter unpadded, two (or more, as .NET clamps them) padded. */
const digits2 = (v: number, n: number) => (n === 1 ? String(v) : pad(v, 2));

/**
 * format_datetime's specifiers (the docs' table): d dd f..fffffff F..FFFFFFF h hh H HH m mm M MM
 * s ss y yy yyyy tt. Beyond the table the rest of .NET's invariant-culture meanings apply: ddd/dddd
 * day names, MMM/MMMM month names, yyy and longer pad the year, t is A or P, and an all-zero F run
 * also drops a '.' just before it.
 */
function datetimePiece(letter: string, n: number): Piece<DateFields> | string {
  switch (letter) {
    case 'd':
      if (n <= 2) return (f, out) => void out.push(digits2(f.d, n));
      return (f, out) => void out.push(n === 3 ? DAY_NAMES[f.dow]!.slice(0, 3) : DAY_NAMES[f.dow]!);
    case 'M':
      if (n <= 2) return (f, out) => void out.push(digits2(f.mo, n));
      return (f, out) => void out.push(n === 3 ? MONTH_NAMES[f.mo - 1]!.slice(0, 3) : MONTH_NAMES[f.mo - 1]!);
    case 'y':
      if (n <= 2) return (f, out) => void out.push(digits2(f.y % 100, n));
      return (f, out) => void out.push(pad(f.y, n));
    case 'h': return (f, out) => void out.push(digits2(f.h % 12 === 0 ? 12 : f.h % 12, n));
    case 'H': return (f, out) => void out.push(digits2(f.h, n));
    case 'm': return (f, out) => void out.push(digits2(f.mi, n));
    case 's': return (f, out) => void out.push(digits2(f.s, n));
    case 't': return (f, out) => void out.push((f.h < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2));
    case 'f':
    case 'F': {
      if (n > 7) return `'${letter.repeat(n)}' has more than 7 fraction digits`;
      const trim = letter === 'F';
      return (f, out) => {
        const text = fraction(f.frac, n, trim);
        if (text !== '') {
          out.push(text);
        } else if (out.length > 0 && out[out.length - 1]!.endsWith('.')) {
          out[out.length - 1] = out[out.length - 1]!.slice(0, -1);
        }
      };
    }
    default: return `unknown specifier '${letter}'`;
  }
}

export function compileDatetimeFormat(format: string): Formatter | string {
  const tokens = tokenize(format, 'dfFhHmMsyt');
  if (typeof tokens === 'string') return tokens;
  const pieces: Piece<DateFields>[] = [];
  for (const tok of tokens) {
    const piece = 'literal' in tok ? literalPiece<DateFields>(tok.literal) : datetimePiece(tok.letter, tok.n);
    if (typeof piece === 'string') return `invalid format '${format}': ${piece}`;
    pieces.push(piece);
  }
  return (t) => run(pieces, dateFields(t));
}

interface SpanFields { neg: boolean; days: bigint; h: number; mi: number; s: number; frac: number }

function spanFields(t: bigint): SpanFields {
  const neg = t < 0n;
  const a = neg ? -t : t;
  const tod = a % TICKS_PER_DAY;
  const secs = Number(tod / TICKS_PER_SECOND);
  return { neg, days: a / TICKS_PER_DAY, h: Math.floor(secs / 3600), mi: Math.floor(secs / 60) % 60, s: secs % 60, frac: Number(tod % TICKS_PER_SECOND) };
}

/**
 * format_timespan's specifiers (the docs' table): d..dddddddd (whole days, padded to the run's
 * length), h/H and hh/HH (hours 0-23), m mm, s ss, f..fffffff, F..FFFFFFF. Longer runs are errors,
 * as in .NET. A negative timespan is prefixed with '-' (the docs do not show one; .NET custom
 * formats would drop the sign).
 */
function timespanPiece(letter: string, n: number): Piece<SpanFields> | string {
  switch (letter) {
    case 'd':
      if (n > 8) return `'${'d'.repeat(n)}' has more than 8 digits`;
      return (f, out) => void out.push(pad(f.days, n));
    case 'h':
    case 'H':
    case 'm':
    case 's': {
      if (n > 2) return `'${letter.repeat(n)}' is not a specifier`;
      const get = letter === 'm' ? (f: SpanFields) => f.mi : letter === 's' ? (f: SpanFields) => f.s : (f: SpanFields) => f.h;
      return (f, out) => void out.push(digits2(get(f), n));
    }
    case 'f':
    case 'F': {
      if (n > 7) return `'${letter.repeat(n)}' has more than 7 fraction digits`;
      const trim = letter === 'F';
      return (f, out) => void out.push(fraction(f.frac, n, trim));
    }
    default: return `unknown specifier '${letter}'`;
  }
}

export function compileTimespanFormat(format: string): Formatter | string {
  const tokens = tokenize(format, 'dhHmsfF');
  if (typeof tokens === 'string') return tokens;
  const pieces: Piece<SpanFields>[] = [];
  for (const tok of tokens) {
    const piece = 'literal' in tok ? literalPiece<SpanFields>(tok.literal) : timespanPiece(tok.letter, tok.n);
    if (typeof piece === 'string') return `invalid format '${format}': ${piece}`;
    pieces.push(piece);
  }
  return (t) => {
    const f = spanFields(t);
    return (f.neg ? '-' : '') + run(pieces, f);
  };
}

/**
 * format_datetime / format_timespan: the format (a constant in Kusto) is compiled once at bind time;
 * a format that is not constant is compiled per distinct value, with a one-entry cache.
 */
function formatter(name: string, valueSpec: ArgSpec, compile: (format: string) => Formatter | string): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args): BindResult<ScalarBinding> {
      const bad = checkArgs(name, args, [valueSpec, STRING]);
      if (bad) return bad;
      const c = args[1]!.constant;
      if (c !== undefined) {
        const f = compile(String(c.value ?? ''));
        if (typeof f === 'string') return bindError(name, f);
        return { type: 'string', impl: (a) => (a[0] === null ? '' : f(a[0] as bigint)) };
      }
      let lastFormat: string | undefined;
      let last: Formatter | string = '';
      return {
        type: 'string',
        impl: (a) => {
          if (a[0] === null) return '';
          const format = a[1] as string;
          if (format !== lastFormat) {
            lastFormat = format;
            last = compile(format);
          }
          return typeof last === 'string' ? '' : last(a[0] as bigint);
        },
      };
    },
  };
}

// ── time zones ────────────────────────────────────────────────────────────

const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormat(zone: string): Intl.DateTimeFormat | null {
  let f = zoneFormats.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, calendar: 'gregory', numberingSystem: 'latn', hourCycle: 'h23',
        year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      f = null; // not a time zone Intl knows
    }
    zoneFormats.set(zone, f);
  }
  return f;
}

/** The wall clock an Intl format shows for an instant, as seconds on our day numbering. */
function wallSeconds(f: Intl.DateTimeFormat, ms: number): number {
  const p: Record<string, number> = {};
  for (const { type, value } of f.formatToParts(ms)) p[type] = Number(value);
  return daysFromCivil(p.year!, p.month!, p.day!) * 86400 + p.hour! * 3600 + p.minute! * 60 + p.second!;
}

/**
 * The zone's UTC offset at an instant, in ticks. Both wall clocks come from Intl, so its calendar
 * (Julian before 1582) cancels out in the difference.
 */
function zoneOffset(f: Intl.DateTimeFormat, t: bigint): bigint {
  const ms = Math.floor(Number(floorDiv(t, TICKS_PER_MS)) / 1000) * 1000;
  const utc = zoneFormat('UTC')!;
  return BigInt(wallSeconds(f, ms) - wallSeconds(utc, ms)) * TICKS_PER_SECOND;
}

/** datetime_utc_to_local(from, timezone): exact with Intl, which holds the IANA database. */
function utcToLocalTicks(f: Intl.DateTimeFormat, utc: bigint): bigint | null {
  return inDatetimeRange(utc + zoneOffset(f, utc));
}

/**
 * datetime_local_to_utc(from, timezone). A wall-clock time the zone skips (clocks jump forward) takes
 * the offset in force after the jump, as the page's Europe/Brussels example shows for 02:00; one the
 * zone repeats (clocks set back) is read as the later, standard-time instant, which the page leaves open.
 */
function localToUtcTicks(f: Intl.DateTimeFormat, local: bigint): bigint | null {
  const first = zoneOffset(f, local);
  const second = zoneOffset(f, local - first);
  if (first === second) return inDatetimeRange(local - first);
  const third = zoneOffset(f, local - second);
  return inDatetimeRange(local - (second === third || second > third ? second : third));
}

/** A conversion between UTC and a zone; an unknown constant zone is a bind error, a computed one null. */
function zoneConversion(name: string, convert: (f: Intl.DateTimeFormat, t: bigint) => bigint | null): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args) {
      const bad = checkArgs(name, args, [DATETIME, STRING]);
      if (bad) return bad;
      const c = args[1]!.constant;
      if (c !== undefined) {
        const f = zoneFormat(String(c.value ?? ''));
        if (f === null) return bindError(name, `unknown time zone '${String(c.value)}'`);
        return { type: 'datetime', impl: (a) => (a[0] === null ? null : convert(f, a[0] as bigint)) };
      }
      return {
        type: 'datetime',
        impl: (a) => {
          const f = zoneFormat(a[1] as string);
          return a[0] === null || f === null ? null : convert(f, a[0] as bigint);
        },
      };
    },
  };
}

// ── the family ────────────────────────────────────────────────────────────

export const datetimeFunctions: ScalarFunction[] = [
  now,
  ago,
  datetimeAdd,
  datetimeDiff,
  datetimePart,
  dayofweek,
  part('dayofmonth', [], 'day'),
  part('dayofyear', [], 'dayofyear'),
  part('hourofday', [], 'hour'),
  part('getmonth', [], 'month'),
  part('monthofyear', [], 'month'),
  part('getyear', [], 'year'),
  // weekofyear() is the deprecated name of week_of_year(); both are ISO 8601 weeks now.
  part('week_of_year', ['weekofyear'], 'week_of_year'),
  // Kusto.Language names startofday(x) after x, but not the other boundaries.
  boundary('startofday', 'day', false),
  boundary('startofweek', 'week', false),
  boundary('startofmonth', 'month', false),
  boundary('startofyear', 'year', false),
  boundary('endofday', 'day', true),
  boundary('endofweek', 'week', true),
  boundary('endofmonth', 'month', true),
  boundary('endofyear', 'year', true),
  formatter('format_datetime', DATETIME, compileDatetimeFormat),
  formatter('format_timespan', TIMESPAN, compileTimespanFormat),
  makeDatetime,
  makeTimespan,
  fromUnix('unixtime_seconds_todatetime', TICKS_PER_SECOND),
  fromUnix('unixtime_milliseconds_todatetime', TICKS_PER_MS),
  fromUnix('unixtime_microseconds_todatetime', 10n),
  fromUnix('unixtime_nanoseconds_todatetime', 'nano'),
  zoneConversion('datetime_utc_to_local', utcToLocalTicks),
  zoneConversion('datetime_local_to_utc', localToUtcTicks),
];

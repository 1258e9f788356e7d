/**
 * XQL's time functions (the *current_time*, *to_epoch*, *to_timestamp*, *timestamp_seconds*,
 * *timestamp_diff*, *extract_time*, *format_timestamp*, *parse_timestamp* and *date_floor* pages).
 * Timestamps are datetime ticks since the Unix epoch. current_time() is the run's now (`--now`).
 * Without a time zone argument, times are UTC (extract_time is "based on the GMT time"; the others'
 * pages default to UTC). to_epoch truncates to whole units.
 */
import { ticksToMs } from '../../types/datetime.js';
import { TICKS_PER_MS, TICKS_PER_SECOND } from '../../types/value.js';
import { bindError, checkArgs, floorDiv, STRING } from '../scalar/conversion.js';
import type { ArgInfo, BindResult, ScalarBinding, ScalarFunction } from '../types.js';
import { NUMERIC_OR_TEXT, numberOf, TEXT, textOf, TIMESTAMP } from './values.js';
import { instantOf, UTC, wallTime, type WallTime, type Zone, zoneOf } from '../../types/zone.js';

const UNIT_TICKS: Record<string, bigint> = {
  SECONDS: TICKS_PER_SECOND,
  MILLIS: TICKS_PER_MS,
  MICROS: 10n,
};

const DIFF_TICKS: Record<string, bigint> = {
  DAY: 86_400n * TICKS_PER_SECOND,
  HOUR: 3_600n * TICKS_PER_SECOND,
  MINUTE: 60n * TICKS_PER_SECOND,
  SECOND: TICKS_PER_SECOND,
  MILLISECOND: TICKS_PER_MS,
  MICROSECOND: 10n,
};

/** A constant, case-insensitive keyword argument, one of `allowed`. */
function constantWord(fn: string, args: readonly ArgInfo[], i: number, allowed: readonly string[]): string | { error: string } {
  const v = args[i]?.constant?.value;
  const word = typeof v === 'string' ? v.toUpperCase() : undefined;
  if (word === undefined || !allowed.includes(word)) return bindError(fn, `argument ${i + 1} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
  return word;
}

/** The zone of an optional constant argument; UTC when absent. */
function constantZone(fn: string, args: readonly ArgInfo[], i: number): Zone | { error: string } {
  if (args.length <= i) return UTC;
  const v = args[i]!.constant?.value;
  if (typeof v !== 'string') return bindError(fn, `the time zone (argument ${i + 1}) must be a constant string`);
  return zoneOf(v) ?? bindError(fn, `unknown time zone '${v}'`);
}

const currentTime: ScalarFunction = {
  name: 'current_time',
  pure: false,
  minArgs: 0,
  maxArgs: 0,
  bind: () => ({ type: 'datetime', impl: (_a, ctx) => ctx.now }),
};

const toEpoch: ScalarFunction = {
  name: 'to_epoch',
  minArgs: 1,
  maxArgs: 2,
  bind(args) {
    const bad = checkArgs('to_epoch', args, [TIMESTAMP, STRING]);
    if (bad) return bad;
    const unit = args.length > 1 ? constantWord('to_epoch', args, 1, Object.keys(UNIT_TICKS)) : 'SECONDS';
    if (typeof unit !== 'string') return unit;
    const per = UNIT_TICKS[unit]!;
    return { type: 'long', impl: (a) => (typeof a[0] === 'bigint' ? Number(floorDiv(a[0], per)) : null) };
  },
};

function fromEpoch(name: string, min: number): ScalarFunction {
  return {
    name,
    minArgs: min,
    maxArgs: min === 1 ? 1 : 2,
    bind(args) {
      const bad = checkArgs(name, args, [NUMERIC_OR_TEXT, STRING]);
      if (bad) return bad;
      const unit = args.length > 1 ? constantWord(name, args, 1, Object.keys(UNIT_TICKS)) : 'SECONDS';
      if (typeof unit !== 'string') return unit;
      const per = UNIT_TICKS[unit]!;
      return {
        type: 'datetime',
        impl: (a) => {
          const n = numberOf(a[0] ?? null);
          return n === null || !Number.isFinite(n) ? null : BigInt(Math.trunc(n)) * per;
        },
      };
    },
  };
}

const timestampDiff: ScalarFunction = {
  name: 'timestamp_diff',
  minArgs: 3,
  maxArgs: 3,
  bind(args) {
    const bad = checkArgs('timestamp_diff', args, [TIMESTAMP, TIMESTAMP, STRING]);
    if (bad) return bad;
    const unit = constantWord('timestamp_diff', args, 2, Object.keys(DIFF_TICKS));
    if (typeof unit !== 'string') return unit;
    const per = DIFF_TICKS[unit]!;
    // BigInt division truncates toward zero, as the difference is documented to.
    return { type: 'long', impl: (a) => (typeof a[0] === 'bigint' && typeof a[1] === 'bigint' ? Number((a[0] - a[1]) / per) : null) };
  },
};

const EXTRACT_PARTS: Record<string, (w: WallTime, ticks: bigint) => number> = {
  YEAR: (w) => w.year,
  QUARTER: (w) => Math.floor((w.month - 1) / 3) + 1,
  MONTH: (w) => w.month,
  DAY: (w) => w.day,
  DAYOFWEEK: (w) => w.weekday + 1, // 1 = Sunday, as BigQuery numbers them
  DAYOFYEAR: (w) => (Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86_400_000 + 1,
  HOUR: (w) => w.hour,
  MINUTE: (w) => w.minute,
  SECOND: (w) => w.second,
  MILLISECOND: (w) => w.ms,
  MICROSECOND: (_w, t) => Number(((t % TICKS_PER_SECOND) + TICKS_PER_SECOND) % TICKS_PER_SECOND / 10n),
};

const extractTime: ScalarFunction = {
  name: 'extract_time',
  minArgs: 2,
  maxArgs: 2,
  bind(args) {
    const bad = checkArgs('extract_time', args, [TIMESTAMP, STRING]);
    if (bad) return bad;
    const part = constantWord('extract_time', args, 1, Object.keys(EXTRACT_PARTS));
    if (typeof part !== 'string') return part;
    const f = EXTRACT_PARTS[part]!;
    return { type: 'long', impl: (a) => (typeof a[0] === 'bigint' ? f(wallTime(ticksToMs(a[0]), UTC), a[0]) : null) };
  },
};

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}${colon ? ':' : ''}${pad(m % 60)}`;
}

/** strftime, as BigQuery's FORMAT_TIMESTAMP reads it; an unknown element is kept as written. */
export function strftime(format: string, ms: number, zone: Zone): string {
  const w = wallTime(ms, zone);
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  const dayOfYear = EXTRACT_PARTS.DAYOFYEAR!(w, 0n);
  return format.replace(/%(E3S|Ez|[A-Za-z%])/g, (whole, c: string) => {
    switch (c) {
      case 'Y': return String(w.year);
      case 'y': return pad(w.year % 100);
      case 'C': return pad(Math.floor(w.year / 100));
      case 'm': return pad(w.month);
      case 'd': return pad(w.day);
      case 'e': return String(w.day).padStart(2, ' ');
      case 'H': return pad(w.hour);
      case 'k': return String(w.hour).padStart(2, ' ');
      case 'I': return pad(hour12);
      case 'l': return String(hour12).padStart(2, ' ');
      case 'M': return pad(w.minute);
      case 'S': return pad(w.second);
      case 'E3S': return `${pad(w.second)}.${pad(w.ms, 3)}`;
      case 'p': return w.hour < 12 ? 'AM' : 'PM';
      case 'P': return w.hour < 12 ? 'am' : 'pm';
      case 'j': return pad(dayOfYear, 3);
      case 'a': return DAYS[w.weekday]!.slice(0, 3);
      case 'A': return DAYS[w.weekday]!;
      case 'b': case 'h': return MONTHS[w.month - 1]!.slice(0, 3);
      case 'B': return MONTHS[w.month - 1]!;
      case 'u': return String(w.weekday === 0 ? 7 : w.weekday);
      case 'w': return String(w.weekday);
      case 'F': return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
      case 'T': return `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
      case 'R': return `${pad(w.hour)}:${pad(w.minute)}`;
      case 'D': return `${pad(w.month)}/${pad(w.day)}/${pad(w.year % 100)}`;
      case 's': return String(Math.floor(ms / 1000));
      case 'z': return offsetText(w.offset, false);
      case 'Ez': return offsetText(w.offset, true);
      case 'Z': return zone === UTC ? 'UTC' : zone.name;
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return whole;
    }
  });
}

const formatTimestamp: ScalarFunction = {
  name: 'format_timestamp',
  minArgs: 2,
  maxArgs: 3,
  bind(args): BindResult<ScalarBinding> {
    const bad = checkArgs('format_timestamp', args, [STRING, TIMESTAMP, STRING]);
    if (bad) return bad;
    const zone = constantZone('format_timestamp', args, 2);
    if ('error' in zone) return zone;
    return {
      type: 'string',
      impl: (a) => {
        const fmt = textOf(a[0] ?? null);
        return fmt === null || typeof a[1] !== 'bigint' ? null : strftime(fmt, ticksToMs(a[1]), zone);
      },
    };
  },
};

/** The pieces of a strptime format: a regex group per element, and how its text sets the time. */
const PARSE_ELEMENTS: Record<string, { re: string; set: (t: Partial<Record<string, number>>, s: string) => void }> = {
  Y: { re: '(\\d{4})', set: (t, s) => (t.year = Number(s)) },
  y: { re: '(\\d{2})', set: (t, s) => (t.year = 2000 + Number(s)) },
  m: { re: '(\\d{1,2})', set: (t, s) => (t.month = Number(s)) },
  d: { re: '(\\d{1,2})', set: (t, s) => (t.day = Number(s)) },
  e: { re: '\\s?(\\d{1,2})', set: (t, s) => (t.day = Number(s)) },
  H: { re: '(\\d{1,2})', set: (t, s) => (t.hour = Number(s)) },
  I: { re: '(\\d{1,2})', set: (t, s) => (t.hour12 = Number(s)) },
  M: { re: '(\\d{1,2})', set: (t, s) => (t.minute = Number(s)) },
  S: { re: '(\\d{1,2}(?:\\.\\d+)?)', set: (t, s) => (t.second = Number(s)) },
  p: { re: '(AM|PM|am|pm)', set: (t, s) => (t.pm = s.toUpperCase() === 'PM' ? 1 : 0) },
  b: { re: '([A-Za-z]{3,9})', set: (t, s) => (t.month = MONTHS.findIndex((m) => m.toLowerCase().startsWith(s.slice(0, 3).toLowerCase())) + 1) },
  z: { re: '([+-]\\d{2}:?\\d{2}|Z)', set: (t, s) => (t.offset = s === 'Z' ? 0 : (s[0] === '-' ? -1 : 1) * (Number(s.slice(1, 3)) * 60 + Number(s.slice(-2)))) },
  s: { re: '(\\d+)', set: (t, s) => (t.epoch = Number(s)) },
};
PARSE_ELEMENTS.B = PARSE_ELEMENTS.b!;
PARSE_ELEMENTS.h = PARSE_ELEMENTS.b!;
PARSE_ELEMENTS.Ez = PARSE_ELEMENTS.z!;

const EXPANSIONS: Record<string, string> = { F: '%Y-%m-%d', T: '%H:%M:%S', D: '%m/%d/%y', R: '%H:%M' };

/** strptime: a parser of the whole text, or undefined for an element it does not know. */
export function strptime(format: string): ((text: string, zone: Zone) => number | null) | undefined {
  const expanded = format.replace(/%([FTDR])/g, (_, c: string) => EXPANSIONS[c]!);
  const setters: ((t: Partial<Record<string, number>>, s: string) => void)[] = [];
  let re = '';
  let unknown = false;
  for (let i = 0; i < expanded.length; i++) {
    const c = expanded[i]!;
    if (c !== '%') {
      re += /\s/.test(c) ? '\\s+' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    const code = expanded.startsWith('Ez', i + 1) ? 'Ez' : expanded[i + 1]!;
    i += code.length;
    if (code === '%') {
      re += '%';
      continue;
    }
    const el = PARSE_ELEMENTS[code];
    if (!el) unknown = true;
    else {
      re += el.re;
      setters.push(el.set);
    }
  }
  if (unknown) return undefined;
  const whole = new RegExp(`^\\s*${re}\\s*$`);
  return (text, zone) => {
    const m = whole.exec(text);
    if (!m) return null;
    const t: Partial<Record<string, number>> = {};
    setters.forEach((set, k) => set(t, m[k + 1]!));
    if (t.epoch !== undefined) return t.epoch * 1000;
    const hour = t.hour12 !== undefined ? (t.hour12 % 12) + (t.pm ? 12 : 0) : (t.hour ?? 0);
    const second = t.second ?? 0;
    const wall = Date.UTC(t.year ?? 1970, (t.month ?? 1) - 1, t.day ?? 1, hour, t.minute ?? 0, Math.floor(second), Math.round((second % 1) * 1000));
    if (Number.isNaN(wall) || (t.month !== undefined && (t.month < 1 || t.month > 12))) return null;
    return t.offset !== undefined ? wall - t.offset * 60_000 : instantOf(wall, zone);
  };
}

const parseTimestamp: ScalarFunction = {
  name: 'parse_timestamp',
  minArgs: 2,
  maxArgs: 3,
  bind(args) {
    const bad = checkArgs('parse_timestamp', args, [STRING, TEXT, STRING]);
    if (bad) return bad;
    const fmt = args[0]!.constant?.value;
    if (typeof fmt !== 'string') return bindError('parse_timestamp', 'the format must be a constant string');
    const parse = strptime(fmt);
    if (!parse) return bindError('parse_timestamp', `the format '${fmt}' has an element kqlx does not parse (supported: %Y %y %m %d %e %H %I %M %S %p %b %B %z %s %F %T %D %R)`);
    const zone = constantZone('parse_timestamp', args, 2);
    if ('error' in zone) return zone;
    return {
      type: 'datetime',
      impl: (a) => {
        const text = textOf(a[1] ?? null);
        const ms = text === null ? null : parse(text, zone);
        return ms === null ? null : BigInt(ms) * TICKS_PER_MS;
      },
    };
  },
};

/** date_floor units: y, mo, w (weeks start on Sunday, as BigQuery's WEEK), d, h. */
const FLOORS: Record<string, (w: WallTime) => number> = {
  y: (w) => Date.UTC(w.year, 0, 1),
  mo: (w) => Date.UTC(w.year, w.month - 1, 1),
  w: (w) => Date.UTC(w.year, w.month - 1, w.day - w.weekday),
  d: (w) => Date.UTC(w.year, w.month - 1, w.day),
  h: (w) => Date.UTC(w.year, w.month - 1, w.day, w.hour),
};

const dateFloor: ScalarFunction = {
  name: 'date_floor',
  minArgs: 2,
  maxArgs: 3,
  bind(args) {
    const bad = checkArgs('date_floor', args, [TIMESTAMP, STRING, STRING]);
    if (bad) return bad;
    const unitValue = args[1]!.constant?.value;
    const floor = typeof unitValue === 'string' ? FLOORS[unitValue.toLowerCase()] : undefined;
    if (!floor) return bindError('date_floor', 'argument 2 must be one of "y", "mo", "w", "d", "h"');
    const zone = constantZone('date_floor', args, 2);
    if ('error' in zone) return zone;
    return {
      type: 'datetime',
      impl: (a) => (typeof a[0] === 'bigint' ? BigInt(instantOf(floor(wallTime(ticksToMs(a[0]), zone)), zone)) * TICKS_PER_MS : null),
    };
  },
};

export const xqlTimeFunctions: ScalarFunction[] = [
  currentTime,
  toEpoch,
  fromEpoch('to_timestamp', 2),
  fromEpoch('timestamp_seconds', 1),
  timestampDiff,
  extractTime,
  formatTimestamp,
  parseTimestamp,
  dateFloor,
];

/** Timespan literals and text: `5m`, `1.5h`, `10ms`, `1tick`, `2.03:04:05.5`, and Kusto's output form. */
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND } from './value.js';

const UNIT_TICKS: Record<string, number> = {
  d: 864e9, day: 864e9, days: 864e9,
  h: 36e9, hr: 36e9, hrs: 36e9, hour: 36e9, hours: 36e9,
  m: 6e8, min: 6e8, mins: 6e8, minute: 6e8, minutes: 6e8,
  s: 1e7, sec: 1e7, secs: 1e7, second: 1e7, seconds: 1e7,
  ms: 1e4, milli: 1e4, millis: 1e4, millisecond: 1e4, milliseconds: 1e4,
  microsecond: 10, microseconds: 10, micro: 10, micros: 10, microsec: 10,
  tick: 1, ticks: 1,
};

/** `1.5h` → ticks; undefined when the text is not a number followed by a unit. */
export function parseTimespanLiteral(text: string): bigint | undefined {
  const m = /^(-)?(\d+(?:\.\d+)?)([a-z]+)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = UNIT_TICKS[m[3]!.toLowerCase()];
  if (unit === undefined) return undefined;
  const ticks = numberTimesUnit(m[2]!, unit);
  return m[1] ? -ticks : ticks;
}

/** Exact decimal × unit: `1.5` hours must be exactly 54 000 000 000 ticks, not a float product. */
function numberTimesUnit(num: string, unitTicks: number): bigint {
  const [whole, frac = ''] = num.split('.');
  const scale = 10n ** BigInt(frac.length);
  const digits = BigInt(whole! + frac);
  return (digits * BigInt(unitTicks)) / scale;
}

/** `[-][d.]hh:mm[:ss[.fffffff]]`, as `timespan()` literals and `totimespan("...")` accept. */
export function parseTimespanText(text: string): bigint | undefined {
  const t = text.trim();
  const literal = parseTimespanLiteral(t);
  if (literal !== undefined) return literal;
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/.exec(t);
  if (m) {
    const ticks =
      BigInt(m[2] ?? 0) * TICKS_PER_DAY +
      BigInt(m[3]!) * TICKS_PER_HOUR +
      BigInt(m[4]!) * TICKS_PER_MINUTE +
      BigInt(m[5] ?? 0) * TICKS_PER_SECOND +
      BigInt((m[6] ?? '').padEnd(7, '0') || '0');
    return m[1] ? -ticks : ticks;
  }
  // A bare number in a timespan literal means days: timespan(2) == 2d.
  if (/^-?\d+(\.\d+)?$/.test(t)) return parseTimespanLiteral(`${t}d`);
  return undefined;
}

/** Kusto's output form: `[-][d.]hh:mm:ss[.fffffff]`, fraction only when non-zero. */
export function formatTimespan(ticks: bigint): string {
  const neg = ticks < 0n;
  let t = neg ? -ticks : ticks;
  const days = t / TICKS_PER_DAY;
  t %= TICKS_PER_DAY;
  const hours = t / TICKS_PER_HOUR;
  t %= TICKS_PER_HOUR;
  const minutes = t / TICKS_PER_MINUTE;
  t %= TICKS_PER_MINUTE;
  const seconds = t / TICKS_PER_SECOND;
  const frac = t % TICKS_PER_SECOND;
  const p2 = (n: bigint) => n.toString().padStart(2, '0');
  let s = `${neg ? '-' : ''}${days > 0n ? `${days}.` : ''}${p2(hours)}:${p2(minutes)}:${p2(seconds)}`;
  if (frac !== 0n) s += `.${frac.toString().padStart(7, '0')}`;
  return s;
}

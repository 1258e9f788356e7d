/**
 * Datetimes are bigint ticks (100 ns) since 1970-01-01T00:00:00Z, always UTC.
 * Parsing accepts the forms Kusto documents for datetime literals and todatetime():
 * ISO 8601 (with or without `T`, zone `Z` or ±hh:mm, up to 7 fraction digits), date only,
 * and RFC 822 / RFC 850 (`Sat, 8 Nov 2014 15:05:02 GMT`).
 */
import { TICKS_PER_MS } from './value.js';

/**
 * Ticks from 0001-01-01 (the origin of Kusto's/.NET's datetime ticks) to 1970-01-01 (kqlx's).
 * Kusto exposes its own ticks in `tolong(datetime)` and aligns `bin()` on them.
 */
export const EPOCH_TICKS = 621_355_968_000_000_000n;
/** The datetime range, in ticks since the Unix epoch: 0001-01-01T00:00:00Z ... */
export const MIN_DATETIME = -EPOCH_TICKS;
/** ... to 9999-12-31T23:59:59.9999999Z. */
export const MAX_DATETIME = 3_155_378_975_999_999_999n - EPOCH_TICKS;

/** A datetime result within the range, or null (Kusto's result outside it). */
export function inDatetimeRange(t: bigint): bigint | null {
  return t < MIN_DATETIME || t > MAX_DATETIME ? null : t;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$/i;
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const RFC = /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})[\s-]([A-Za-z]{3})[\s-](\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|Z|UT|[+-]\d{4})?$/;

export function ticksFromParts(
  y: number, mo: number, d: number, h = 0, mi = 0, s = 0, fracTicks = 0n, offsetMinutes = 0,
): bigint | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  // setUTCFullYear, because Date.UTC reads years 0..99 as 1900..1999 and Kusto's range starts at year 1.
  const date = new Date(Date.UTC(2000, 0, 1, h, mi, s));
  const ms = date.setUTCFullYear(y, mo - 1, d);
  if (date.getUTCDate() !== d) return undefined; // 2023-02-30 and the like
  return (BigInt(ms) - BigInt(offsetMinutes) * 60_000n) * TICKS_PER_MS + fracTicks;
}

function zoneMinutes(z: string | undefined): number {
  if (!z || /^(z|utc|gmt|ut)$/i.test(z)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z)!;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

export function parseDatetime(text: string): bigint | undefined {
  const t = text.trim();
  let m = ISO.exec(t);
  if (m) {
    const y = Number(m[1]);
    if (y < 1) return undefined;
    const frac = m[7] ? BigInt(m[7].slice(0, 7).padEnd(7, '0')) : 0n;
    return ticksFromParts(y, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), frac, zoneMinutes(m[8]));
  }
  m = RFC.exec(t);
  if (m) {
    const mo = MONTHS[m[2]!.toLowerCase()];
    if (!mo) return undefined;
    let y = Number(m[3]);
    if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900;
    return ticksFromParts(y, mo, +m[1]!, +m[4]!, +m[5]!, +(m[6] ?? 0), 0n, zoneMinutes(m[7]));
  }
  return undefined;
}

/** ISO 8601 UTC, `2024-05-01T00:00:00Z`, with a fraction only when it is non-zero (trailing zeros trimmed). */
export function formatDatetime(ticks: bigint): string {
  let ms = ticks / TICKS_PER_MS;
  let sub = ticks % TICKS_PER_MS;
  if (sub < 0n) {
    sub += TICKS_PER_MS;
    ms -= 1n;
  }
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString(); // yyyy-mm-ddThh:mm:ss.mmmZ
  const fraction = (iso.slice(20, 23) + sub.toString().padStart(4, '0')).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

/** Ticks → milliseconds (floor), for handing to Date. */
export function ticksToMs(ticks: bigint): number {
  const ms = ticks / TICKS_PER_MS;
  return Number(ticks % TICKS_PER_MS < 0n ? ms - 1n : ms);
}

export function msToTicks(ms: number): bigint {
  return BigInt(Math.round(ms)) * TICKS_PER_MS;
}

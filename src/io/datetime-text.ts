/**
 * Datetime cells as log exports write them, parsed to exact 100 ns ticks:
 *   - ISO 8601, `2024-05-01T04:48:00.110Z` (what Sentinel, kqlx and the generator write);
 *   - the US form of the Log Analytics portal's CSV export, `8/17/2023, 6:52:13.123 AM` (comma and
 *     AM/PM optional), month first, read as UTC;
 *   - anything else todatetime() accepts (RFC 822 and looser ISO), through types/datetime.ts.
 * The first two are scanned by hand straight from the bytes of a CSV cell, because a million of
 * them may arrive; text (from JSON) is copied into bytes first, so there is one scanner.
 * The result comes as two numbers, milliseconds and the ticks below a millisecond, so loaders can
 * store it without creating a BigInt per cell (see TicksBuilder.pushMs).
 */
import { parseDatetime } from '../types/datetime.js';

const MS_PER_DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (the era-based civil calendar algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1]! + (leap ? 1 : 0);
}

/** Milliseconds since the epoch, or NaN when a field is out of range. */
function civilMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return NaN;
  return daysFromCivil(y, mo, d) * MS_PER_DAY + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

/**
 * A cursor over bytes [i, end): the scanners below read through it, and every read past `end`
 * sees -1, so a cell never runs into the next one in the same buffer.
 */
class Cursor {
  b: Uint8Array = new Uint8Array(0);
  i = 0;
  end = 0;
  /** Set by number(), fraction() and seconds(). */
  value = 0;
  sub = 0;
  /** Set by seconds(). */
  sec = 0;

  reset(b: Uint8Array, start: number, end: number): void {
    this.b = b;
    this.i = start;
    this.end = end;
  }

  at(k: number): number {
    const j = this.i + k;
    return j < this.end ? this.b[j]! : -1;
  }

  digit(k: number): number {
    const c = this.at(k) - 48;
    return c >= 0 && c <= 9 ? c : -1;
  }

  twoDigits(k: number): number {
    const a = this.digit(k);
    const b = this.digit(k + 1);
    return a < 0 || b < 0 ? -1 : a * 10 + b;
  }

  /** 1..max digits into `value`; false when there are none or too many. */
  number(max: number): boolean {
    let v = 0;
    let n = 0;
    for (; n < max; n++) {
      const c = this.digit(n);
      if (c < 0) break;
      v = v * 10 + c;
    }
    if (n === 0 || this.digit(n) >= 0) return false;
    this.value = v;
    this.i += n;
    return true;
  }

  /**
   * A fraction of a second: `value` = milliseconds, `sub` = remaining ticks; digits past the
   * seventh are dropped, as Kusto does. False when there are no digits.
   */
  fraction(): boolean {
    let ticks = 0;
    let n = 0;
    for (;;) {
      const c = this.digit(n);
      if (c < 0) break;
      if (n < 7) ticks = ticks * 10 + c;
      n++;
    }
    if (n === 0) return false;
    for (let k = n; k < 7; k++) ticks *= 10;
    this.value = Math.floor(ticks / 10_000);
    this.sub = ticks % 10_000;
    this.i += n;
    return true;
  }

  /** An optional `:ss[.f…]`: `sec`, and the fraction in `value` and `sub` (0 when absent); false when malformed. */
  seconds(): boolean {
    this.sec = 0;
    this.value = 0;
    this.sub = 0;
    if (this.at(0) !== 58) return true;
    const s = this.twoDigits(1);
    if (s < 0) return false;
    this.sec = s;
    this.i += 3;
    if (this.at(0) !== 46) return true;
    this.i++;
    return this.fraction();
  }

  skipSpaces(): void {
    while (this.at(0) === 32) this.i++;
  }
}

const cur = new Cursor();

/** `yyyy-mm-dd[Thh:mm[:ss[.f…]]][Z|±hh:mm|±hhmm]` with two-digit fields; false when not this shape. */
function parseIso(c: Cursor, out: Float64Array): boolean {
  if (c.end - c.i < 10 || c.at(4) !== 45 || c.at(7) !== 45) return false;
  const y1 = c.twoDigits(0);
  const y2 = c.twoDigits(2);
  const mo = c.twoDigits(5);
  const d = c.twoDigits(8);
  if (y1 < 0 || y2 < 0 || mo < 0 || d < 0) return false;
  let h = 0, mi = 0, s = 0, ms = 0, sub = 0;
  c.i += 10;
  if (c.i < c.end) {
    const sep = c.at(0);
    if (sep !== 84 && sep !== 116 && sep !== 32) return false; // T, t, space
    h = c.twoDigits(1);
    mi = c.twoDigits(4);
    if (h < 0 || mi < 0 || c.at(3) !== 58) return false;
    c.i += 6;
    if (!c.seconds()) return false;
    s = c.sec;
    ms = c.value;
    sub = c.sub;
  }
  let offsetMin = 0;
  const rest = c.end - c.i;
  if (rest > 0) {
    const z = c.at(0);
    if ((z === 90 || z === 122) && rest === 1) {
      // Z: UTC
    } else if ((z === 43 || z === 45) && (rest === 6 || rest === 5)) {
      const oh = c.twoDigits(1);
      const om = c.twoDigits(rest - 2);
      if (oh < 0 || om < 0 || (rest === 6 && c.at(3) !== 58)) return false;
      offsetMin = (oh * 60 + om) * (z === 45 ? -1 : 1);
    } else {
      return false;
    }
  }
  const total = civilMs(y1 * 100 + y2, mo, d, h, mi, s, ms);
  if (Number.isNaN(total)) return false;
  out[0] = total - offsetMin * 60_000;
  out[1] = sub;
  return true;
}

/** `M/D/YYYY[,] h:mm[:ss[.f…]][ AM|PM]` or `M/D/YYYY`; false when not this shape. */
function parseUs(c: Cursor, out: Float64Array): boolean {
  if (!c.number(2) || c.at(0) !== 47) return false;
  const mo = c.value;
  c.i++;
  if (!c.number(2) || c.at(0) !== 47) return false;
  const d = c.value;
  c.i++;
  const yearStart = c.i;
  if (!c.number(4) || c.i - yearStart !== 4) return false;
  const y = c.value;
  let h = 0, mi = 0, s = 0, ms = 0, sub = 0;
  if (c.i < c.end) {
    if (c.at(0) === 44) c.i++; // ,
    if (c.at(0) !== 32) return false;
    c.skipSpaces();
    if (!c.number(2) || c.at(0) !== 58) return false;
    h = c.value;
    mi = c.twoDigits(1);
    if (mi < 0) return false;
    c.i += 3;
    if (!c.seconds()) return false;
    s = c.sec;
    ms = c.value;
    sub = c.sub;
    c.skipSpaces();
    if (c.i < c.end) {
      // AM / PM, in either case
      const a = c.at(0) | 32;
      if ((a !== 97 && a !== 112) || (c.at(1) | 32) !== 109 || c.end - c.i !== 2) return false;
      if (h < 1 || h > 12) return false;
      h = (h % 12) + (a === 112 ? 12 : 0);
    }
  }
  const total = civilMs(y, mo, d, h, mi, s, ms);
  if (Number.isNaN(total)) return false;
  out[0] = total;
  out[1] = sub;
  return true;
}

function isSpace(b: number): boolean {
  return b === 32 || b === 9;
}

/**
 * Parses the datetime in bytes [start, end) into out[0] = milliseconds since the Unix epoch and
 * out[1] = ticks below the millisecond (0..9999). Surrounding spaces are allowed. False when it is
 * not a datetime.
 */
export function parseDatetimeBytes(b: Uint8Array, start: number, end: number, out: Float64Array): boolean {
  while (start < end && isSpace(b[start]!)) start++;
  while (end > start && isSpace(b[end - 1]!)) end--;
  cur.reset(b, start, end);
  if (parseIso(cur, out)) return true;
  cur.reset(b, start, end);
  if (parseUs(cur, out)) return true;
  if (end - start < 8 || end - start > 64) return false;
  return fromTicks(parseDatetime(utf8.decode(b.subarray(start, end))), out);
}

const utf8 = new TextDecoder();

function fromTicks(ticks: bigint | undefined, out: Float64Array): boolean {
  if (ticks === undefined) return false;
  let ms = ticks / 10_000n;
  let sub = ticks % 10_000n;
  if (sub < 0n) {
    sub += 10_000n;
    ms -= 1n;
  }
  out[0] = Number(ms);
  out[1] = Number(sub);
  return true;
}

const scratch = new Uint8Array(64);

/** parseDatetimeBytes for text. */
export function parseDatetimeParts(text: string, out: Float64Array): boolean {
  const n = text.length;
  if (n > scratch.length) return fromTicks(parseDatetime(text), out);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return fromTicks(parseDatetime(text), out); // not ASCII: none of the fast forms
    scratch[i] = c;
  }
  return parseDatetimeBytes(scratch, 0, n, out);
}

const parts = new Float64Array(2);

/** The ticks of a datetime cell, or undefined. */
export function parseDatetimeText(text: string): bigint | undefined {
  if (!parseDatetimeParts(text, parts)) return undefined;
  return BigInt(parts[0]!) * 10_000n + BigInt(parts[1]!);
}

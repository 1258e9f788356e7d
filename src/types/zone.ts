/**
 * Wall-clock time in a time zone, for XQL's format_timestamp, parse_timestamp and date_floor. A zone
 * is an IANA name (`America/New_York`), `UTC`, or a fixed offset (`+03:00`, `-0500`). Intl provides
 * the IANA rules, so this runs in a browser too.
 */

export interface WallTime {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly ms: number;
  /** 0 = Sunday. */
  readonly weekday: number;
  /** Minutes east of UTC at this instant. */
  readonly offset: number;
}

export interface Zone {
  readonly name: string;
  /** Minutes east of UTC at the UTC instant `ms`. */
  offsetAt(ms: number): number;
}

const FIXED = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/i;
const cache = new Map<string, Zone | null>();

/** The zone a name denotes, or null when it denotes none. */
export function zoneOf(name: string): Zone | null {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const zone = makeZone(name.trim());
  cache.set(name, zone);
  return zone;
}

export const UTC: Zone = { name: 'UTC', offsetAt: () => 0 };

function makeZone(name: string): Zone | null {
  if (/^(utc|gmt|z)$/i.test(name)) return UTC;
  const m = FIXED.exec(name);
  if (m) {
    const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
    return { name, offsetAt: () => minutes };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    return null;
  }
  return {
    name,
    offsetAt(ms) {
      const p: Record<string, number> = {};
      for (const part of format.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
      const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
      return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
    },
  };
}

/** The wall-clock parts of the UTC instant `ms` in `zone`. */
export function wallTime(ms: number, zone: Zone): WallTime {
  const offset = zone.offsetAt(ms);
  const d = new Date(ms + offset * 60_000);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(), ms: d.getUTCMilliseconds(), weekday: d.getUTCDay(), offset,
  };
}

/** The UTC instant of a wall-clock time in `zone` (the earlier one when the clock repeats). */
export function instantOf(wallMs: number, zone: Zone): number {
  const first = wallMs - zone.offsetAt(wallMs) * 60_000;
  return wallMs - zone.offsetAt(first) * 60_000;
}

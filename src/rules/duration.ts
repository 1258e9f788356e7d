/**
 * Rule durations (queryFrequency, queryPeriod, suppressionDuration, ...) in every form a rule file
 * may carry them, as 100 ns ticks:
 *   - the template short form `5m`, `1h`, `14d` (the repo validator reads the last letter: m, h or d);
 *   - a .NET TimeSpan `hh:mm[:ss[.fffffff]]` or `d.hh:mm[:ss[.fffffff]]` (what the validator tries first);
 *   - ISO 8601 `PT5M`, `PT1H`, `P1D`, `P1DT12H` (what ARM templates and the REST API carry).
 * A bare number is refused: .NET would read `5` as five days, which is almost never what was meant.
 */
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND } from '../types/value.js';

export const MINUTE = TICKS_PER_MINUTE;
export const HOUR = TICKS_PER_HOUR;
export const DAY = TICKS_PER_DAY;

const SHORT = /^(\d+)([mhd])$/;
const DOTNET = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;
const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,7})?)S)?)?$/i;

const SHORT_UNIT: Record<string, bigint> = { m: MINUTE, h: HOUR, d: DAY };

/** Ticks, or undefined when the text is none of the accepted forms. */
export function parseRuleDuration(text: string): bigint | undefined {
  const t = text.trim();
  let m = SHORT.exec(t);
  if (m) return BigInt(m[1]!) * SHORT_UNIT[m[2]!]!;
  m = DOTNET.exec(t);
  if (m) {
    const [h, mi, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
    if (h > 23 || mi > 59 || s > 59) return undefined;
    return (
      BigInt(m[1] ?? 0) * DAY +
      BigInt(h) * HOUR +
      BigInt(mi) * MINUTE +
      BigInt(s) * TICKS_PER_SECOND +
      BigInt((m[5] ?? '').padEnd(7, '0') || '0')
    );
  }
  m = ISO.exec(t);
  // `P` and `PT` alone match the pattern but name no amount.
  if (m && /\d/.test(t)) {
    const [whole, frac = ''] = (m[5] ?? '0').split('.');
    return (
      BigInt(m[1] ?? 0) * 7n * DAY +
      BigInt(m[2] ?? 0) * DAY +
      BigInt(m[3] ?? 0) * HOUR +
      BigInt(m[4] ?? 0) * MINUTE +
      BigInt(whole!) * TICKS_PER_SECOND +
      BigInt(frac.padEnd(7, '0'))
    );
  }
  return undefined;
}

/** The shortest readable form: `14d`, `1h`, `90m` becomes `1h30m`, `1d12h`; seconds only when present. */
export function formatRuleDuration(ticks: bigint): string {
  if (ticks === 0n) return '0m';
  let rest = ticks < 0n ? -ticks : ticks;
  const parts: string[] = [];
  for (const [unit, size] of [['d', DAY], ['h', HOUR], ['m', MINUTE], ['s', TICKS_PER_SECOND]] as const) {
    const n = rest / size;
    if (n > 0n) parts.push(`${n}${unit}`);
    rest %= size;
  }
  if (rest > 0n) parts.push(`${rest * 100n}ns`);
  return `${ticks < 0n ? '-' : ''}${parts.join('')}`;
}

export const DURATION_FORMS = '5m, 1h, 14d, 01:00:00, 1.00:00:00 or PT1H';

/**
 * Runtime values. One JavaScript representation per KQL type, fixed so every layer agrees:
 *   bool → boolean; int, long, real, decimal → number; string, guid → string;
 *   datetime → bigint ticks (100 ns) since the Unix epoch; timespan → bigint ticks;
 *   dynamic → JSON-like value (null, boolean, number, string, array, plain object).
 * `null` is the null of every type; KQL's strings are never null (see StringNulls in table/column.ts).
 */
export type Dynamic = null | boolean | number | string | Dynamic[] | { [key: string]: Dynamic };
export type Value = null | boolean | number | string | bigint | Dynamic;

export const TICKS_PER_MS = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 600_000_000n;
export const TICKS_PER_HOUR = 36_000_000_000n;
export const TICKS_PER_DAY = 864_000_000_000n;

export function isPlainObject(v: unknown): v is { [key: string]: Dynamic } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

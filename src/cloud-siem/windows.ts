/**
 * Cloud SIEM rule windows, in milliseconds. A rule file gives one as the short form (`5m`, `60m`,
 * `24h`), the API's enumeration (`T05M`, `T10M`, `T30M`, `T60M`, `T12H`, `T24H`, `T05D`), or `CUSTOM`
 * with `window_size` in milliseconds. Sumo accepts windows from one minute to five days (the
 * Terraform provider's `window_size_millis`: 60,000 to 432,000,000; the aggregation rule page: "from
 * 5 minutes to 5 days"), so `0m` or `6d` are refused by name.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const MIN_WINDOW_MS = MINUTE_MS;
export const MAX_WINDOW_MS = 5 * DAY_MS;

const UNIT_MS: Record<string, number> = { s: 1000, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };

/** Milliseconds of `5m` / `T05M`, undefined for any other text (CUSTOM included). */
export function parseWindow(text: string): number | undefined {
  const m = /^(\d+)([smhd])$/.exec(text) ?? /^T(\d+)([MHD])$/.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]! : undefined;
}

/** The reason a window length is refused, or undefined when Sumo accepts it. */
export function windowProblem(ms: number, text: string): string | undefined {
  if (ms < MIN_WINDOW_MS) return `window '${text}' is shorter than Cloud SIEM's shortest window, 1 minute`;
  if (ms > MAX_WINDOW_MS) return `window '${text}' is longer than Cloud SIEM's longest window, 5 days`;
  return undefined;
}

/** `5m`, `1h`, `5d`, `90s`: the shortest whole-unit form. */
export function formatWindow(ms: number): string {
  for (const [unit, size] of [['d', DAY_MS], ['h', HOUR_MS], ['m', MINUTE_MS], ['s', 1000]] as const) {
    if (ms % size === 0 && ms >= size) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

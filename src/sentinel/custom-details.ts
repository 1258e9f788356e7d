/**
 * Custom details: each key gathers its column's values over the alert's rows, in row order, at most
 * 50 per key; null and empty values are skipped, and a key with no values is left out. The whole set
 * is capped at 2 KB of JSON; values past the cap are dropped, as Sentinel drops them.
 */
import type { Dynamic } from '../types/value.js';
import type { ResultRows } from '../rules/result-rows.js';
import type { CustomDetail } from './rule.js';

export const MAX_VALUES_PER_DETAIL = 50;
export const MAX_DETAILS_BYTES = 2 * 1024;

export function collectCustomDetails(details: readonly CustomDetail[], rows: ResultRows, rowIndexes: readonly number[]): Record<string, Dynamic[]> {
  const out: Record<string, Dynamic[]> = {};
  const encoder = new TextEncoder();
  let bytes = 2; // {}
  for (const d of details) {
    const values: Dynamic[] = [];
    for (const r of rowIndexes) {
      if (values.length >= MAX_VALUES_PER_DETAIL) break;
      const v = rows.json(r, d.column.column);
      if (v === undefined || v === null || v === '') continue;
      values.push(v);
    }
    if (values.length === 0) continue;
    // Key overhead: "Key":[] plus a comma.
    bytes += encoder.encode(JSON.stringify(d.key)).length + 4;
    const kept: Dynamic[] = [];
    for (const v of values) {
      const size = encoder.encode(JSON.stringify(v)).length + 1;
      if (bytes + size > MAX_DETAILS_BYTES) break;
      bytes += size;
      kept.push(v);
    }
    if (kept.length > 0) out[d.key] = kept;
    if (kept.length < values.length) break;
  }
  return out;
}

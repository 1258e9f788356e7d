/**
 * Names of documented Kusto functions and plugins that kqlx does not implement, so that a query using
 * one is refused by name ("unsupported function 'series_fir'") rather than called unknown.
 */
const PREFIXES = ['series_', 'geo_', 'hll', 'tdigest', 'row_', 'bitset_', 'dcount_hll', 'percentrank_', 'rank_'];
export const REFUSED_FUNCTION_NAMES: ReadonlySet<string> = new Set([
  'row_rank_dense', 'row_rank_min',
  'cursor_after', 'cursor_before_or_at', 'estimate_data_size', 'extent_id', 'extent_tags',
  'hash_combine', 'hash_many', 'hash_crc32', 'parse_user_agent',
  'parse_version', 'current_principal', 'current_principal_details', 'current_principal_is_member_of',
  'ipv4_lookup', 'ipv6_lookup', 'treepath', 'beta_cdf', 'beta_inv',
  'beta_pdf', 'welch_test', 'toarray', 'datetime_list_timezones', 'getschema',
]);

/** A reason when `name` is a Kusto function kqlx does not implement; undefined when it is no Kusto function. */
export function unsupportedFunctionReason(name: string): string | undefined {
  if (REFUSED_FUNCTION_NAMES.has(name) || PREFIXES.some((p) => name.startsWith(p))) return 'not implemented';
  return undefined;
}

/**
 * Names of documented Kusto functions and plugins that kqlx does not implement, so that a query using
 * one is refused by name ("unsupported function 'series_fir'") rather than called unknown.
 */
const PREFIXES = ['series_', 'geo_', 'hll', 'tdigest', 'row_', 'bitset_', 'dcount_hll', 'percentrank_', 'rank_'];
export const REFUSED_FUNCTION_NAMES: ReadonlySet<string> = new Set([
  'row_rank_dense', 'row_rank_min',
  'cursor_after', 'cursor_before_or_at', 'estimate_data_size', 'extent_id', 'extent_tags',
  'hash', 'hash_combine', 'hash_many', 'hash_xxhash64', 'hash_crc32', 'new_guid', 'rand', 'parse_user_agent',
  'parse_version', 'parse_csv', 'regex_quote', 'unicode_codepoints_from_string', 'unicode_codepoints_to_string',
  'to_utf8', 'current_principal', 'current_principal_details', 'current_principal_is_member_of',
  'ipv4_lookup', 'ipv6_lookup', 'has_ipv6', 'treepath', 'gamma', 'loggamma', 'beta_cdf', 'beta_inv',
  'beta_pdf', 'welch_test', 'erf', 'erfc', 'binary_and', 'binary_or', 'binary_xor', 'binary_not',
  'binary_shift_left', 'binary_shift_right', 'bitset_count_ones', 'degrees', 'radians', 'cot',
  'acos', 'asin', 'atan', 'atan2', 'cos', 'sin', 'tan', 'isutf8', 'punycode_from_string', 'punycode_to_string',
  'format_bytes',
  'convert_angle', 'convert_energy', 'convert_force', 'convert_length', 'convert_mass', 'convert_speed',
  'convert_temperature', 'convert_volume', 'zlib_compress_to_base64_string',
  'zlib_decompress_from_base64_string', 'gzip_compress_to_base64_string', 'gzip_decompress_from_base64_string',
  'toarray', 'datetime_list_timezones', 'getschema',
]);

/** A reason when `name` is a Kusto function kqlx does not implement; undefined when it is no Kusto function. */
export function unsupportedFunctionReason(name: string): string | undefined {
  if (REFUSED_FUNCTION_NAMES.has(name) || PREFIXES.some((p) => name.startsWith(p))) return 'not implemented';
  return undefined;
}

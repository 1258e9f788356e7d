/**
 * Result schemas of small queries, kqlx against the official binder, for the shapes where the corpus
 * comparison found the two apart: `*` in arg_min beside computed by-keys, and union's split columns;
 * and for operators no corpus rule uses (parse-kv's typed keys in each of its modes, top-nested's clause columns, search's and find's output columns,
 * graph-match's and graph-to-table's columns).
 */
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/table/table.js';
import { schemaOf, table } from '../helpers/run.js';
import { officialAnalyze, type OracleColumn } from './kusto-language.js';

interface Schemas {
  readonly kqlx: Record<string, Table>;
  readonly official: Record<string, OracleColumn[]>;
}

/** Empty tables from `name:type, ...` texts, for kqlx and for the official binder alike. */
function schemas(defs: Record<string, string>): Schemas {
  const columns = (text: string) => text.split(',').map((c) => {
    const [name, type] = c.trim().split(':') as [string, string];
    return { name, type };
  });
  return {
    kqlx: Object.fromEntries(Object.entries(defs).map(([name, text]) => [name, table(text, [])])),
    official: Object.fromEntries(Object.entries(defs).map(([name, text]) => [name, columns(text)])),
  };
}

/** The official binder finds no error in `query`, and its result columns are kqlx's. */
function expectOfficialSchema(query: string, tables: Schemas): void {
  const official = officialAnalyze(query, tables.official);
  expect(official.errors).toEqual([]);
  expect(schemaOf(query, tables.kqlx)).toEqual(official.resultColumns!.map((c) => `${c.name}:${c.type}`));
}

const TU = { T: 'a:long, b:dynamic, c:string', U: 'c:long, d:real' };

describe('result schema agrees with the official binder', () => {
  it.each([
    'T | summarize arg_min(a, *) by tostring(b)',
    'T | summarize arg_min(a, *) by c',
    'T | summarize arg_min(a, *) by x = c',
    'T | summarize arg_min(a, *) by c = tolower(c)',
    'T | summarize arg_min(a, *) by b = c',
    'T | summarize take_any(*) by c',
    'union T, U',
    'union U, T',
    "T | parse-kv c as (x:long, ['y z']:datetime) with (pair_delimiter=',', kv_delimiter='=', quote='\"', greedy=true)",
    "T | parse-kv c as (k:guid, v:real) with (regex=@'(\\w+)=(\\w+)')",
    'T | parse-kv c as (x:bool, y:timespan)',
    'T | top-nested 2 of c by sum(a)',
    'T | top-nested of c with others = "rest" by n = count(), top-nested 1 of a by dcount(c) asc',
    'T | top-nested 2 of c by avg(a), top-nested of c by max(a)',
    'T | top-nested 2 of c by a = count(), top-nested of a by sum(a) / count()',
    'T | top-nested 3 of x = bin(a, 10) by min(c), top-nested of b.k by percentile(a, 90)',
  ])('%s', (query) => expectOfficialSchema(query, schemas(TU)));
});

describe('scan: input columns, declared columns, then the match id', () => {
  // Without with_match_id the official binder still adds a match_id column; the page's examples
  // show none, and kqlx follows them (docs/semantics.md, scan), so only with_match_id shapes are compared.
  it.each([
    'T | scan with_match_id=id with (step s1: true; step s2: a > s1.a;)',
    'T | scan with_match_id=m declare (x:long, y:string) with (step s1: true => x = a; step s2 output=last: c == "q" => y = s1.c;)',
    'T | scan with_match_id=m declare (x:int=0, d:dynamic) with (step s1: true => x = 1.5, d = s1.b;)',
    'T | scan with_match_id=m declare (t:timespan, when:datetime) with (step s1 output=none: true => when = now(); step s2: true => t = now() - s1.when;)',
  ])('%s', (query) => expectOfficialSchema(query, schemas(TU)));
});

describe('ip lookups join the lookup table\'s columns after the input\'s, as the official binder does', () => {
  const tables = schemas({ T: 'ip:string, x:long', L: 'network:string, c:string' });
  it.each(['T | evaluate ipv4_lookup(L, ip, network)', 'T | evaluate ipv6_lookup(L, ip, network, true)'])('%s', (query) => expectOfficialSchema(query, tables));
});

describe('top-hitters names and types its column as the official binder does', () => {
  const tables = schemas({ H: 's:string, n:long, r:real, i:int' });
  it.each(['H | top-hitters 5 of s', 'H | top-hitters 5 of s by n', 'H | top-hitters 5 of s by r', 'H | top-hitters 5 of s by i', 'H | top-hitters 5 of n by n'])(
    '%s', (query) => expectOfficialSchema(query, tables));
});

describe('datetime arithmetic beyond the documented combinations is typed as the official binder types it', () => {
  const tables = schemas({ D: 'd:datetime, t:timespan, n:long, r:real' });
  it.each(['d / n', 'd * r', 'n * d', 'd % n', 'd + d', 'd / d', 'd / t', 'd % t', 'd % d', 't * t', 't % n'])('%s', (expr) => expectOfficialSchema(`D | project x = ${expr}`, tables));
});

describe("search's and find's output columns agree with the official binder", () => {
  const tables = schemas({ ...TU, V: 'a:long, e:string' });
  // find over a column with two types differs on purpose: docs/semantics.md, find.
  it.each([
    'search "x"',
    'search in (T) "x"',
    'search in (U, T) "x" and d > 1',
    'search in (T*) "x"',
    'search in (T, V) e:"x*" or * has "y"',
    'T | where a > 1 | search "x"',
    'search kind=case_sensitive in (U) "x" | project $table',
    'T | where * has "x"',
    'find in (T, U) where a > 1',
    'find in (T, V) where a > 1 project-smart',
    'find in (T, V) where e == "x" or b == 1',
    'find in (U, V) where d > 1 or e == "x"',
    'find in (T, V) where * has "x"',
    'find in (T, V) where a > 1 project a:string, e, b',
    'find withsource=S in (T, V, U) where a > 1 or d > 1',
    'find in (T, U) where d > 1 project c:string, d',
    'find "x"',
    'find a > 1',
  ])('%s', (query) => expectOfficialSchema(query, tables));
});

describe('math, bitwise, hash, text and conversion functions are typed as the official binder types them', () => {
  const tables = schemas({ F: 'i:int, l:long, r:real, s:string, t:datetime, d:dynamic' });
  it.each([
    'F | project a = acos(i), b = asin(r), c = atan(l), e = atan2(i, r), f = cos(l), g = sin(r), h = tan(i), k = cot(r)',
    'F | project degrees(i), radians(l), gamma(i), loggamma(r), erf(l), e = erfc(r)',
    'F | project binary_and(i, l), binary_or(l, l), x = binary_xor(i, i), y = binary_not(i), z = binary_shift_left(l, i), w = binary_shift_right(i, l), v = bitset_count_ones(i)',
    'F | project hash(s), hash(t, 10), hash(i, l), hash_xxhash64(r), hash_xxhash64(s, 7)',
    'F | project regex_quote(s), regex_quote(r), parse_csv(s), parse_csv(d), isutf8(s), punycode_from_string(s), punycode_to_string(s)',
    'F | project unicode_codepoints_from_string(s), to_utf8(s), unicode_codepoints_to_string(l, d), make_string(i)',
    "F | project format_bytes(l), format_bytes(r, 2), format_bytes(i, 1, 'MB')",
    "F | project convert_angle(r, 'Degree', 'Radian'), convert_energy(l, s, s), convert_force(i, 'Newton', s), convert_length(r, s, 'Foot')",
    "F | project convert_mass(r, s, s), convert_speed(l, s, s), convert_temperature(r, 'Kelvin', 'DegreeCelsius'), convert_volume(i, s, s)",
    'F | project zlib_compress_to_base64_string(s), zlib_decompress_from_base64_string(s), gzip_compress_to_base64_string(s), gzip_decompress_from_base64_string(s)',
  ])('%s', (query) => expectOfficialSchema(query, tables));
});

describe('series, set-like and packing functions are typed and named as the official binder types and names them', () => {
  const tables = schemas({ S: 'a:dynamic, b:dynamic, l:long, r:real, s:string, g:guid' });
  it.each([
    'S | extend series_abs(a), series_sign(a), series_exp(a), series_add(a, b), series_divide(a, l), series_pow(r, a), series_greater(a, b)',
    'S | project series_sum(a), series_product(a), series_magnitude(a), series_dot_product(a, l), series_cosine_similarity(a, b, r), series_pearson_correlation(a, b)',
    'S | project series_fill_backward(a), x = series_fill_forward(a, 0), y = series_fill_const(b, -1), series_fill_linear(b, real(null), false, 1.5)',
    'S | extend has_any_index(s, a), isascii(s), base64_encode_fromguid(g), base64_decode_toguid(s), replace_strings(s, a, b), bag_pack_columns(l, s)',
  ])('%s', (query) => expectOfficialSchema(query, tables));
});

describe('percentile, tdigest and deprecated arg-extreme aggregates are typed and named as the official binder does', () => {
  const tables = schemas({ P: 'a:long, i:int, r:real, t:datetime, c:string, d:dynamic' });
  // covariance*() differ on purpose: docs/semantics.md, Aggregates.
  it.each([
    'P | summarize percentiles(a, 50, 99.5), percentiles(r, 5, 1e2) by c',
    'P | summarize (x) = percentiles(t, 5, 95), percentilesw(i, a, 50, 50), percentilew(r, i, 0.5)',
    'P | summarize percentiles_array(a, 5, 50), percentilesw_array(t, i, dynamic([1])), percentiles(a, 50) + 1',
    'P | summarize tdigest(a), tdigest(t, i), tdigest(r * 2) by c',
    'P | summarize tdigest_merge(d), merge_tdigest(d) by c',
    'P | project percentile_tdigest(d, 50), p = percentile_tdigest(d, 50, typeof(int)), q = percentile_tdigest(d, a, typeof(datetime))',
    'P | project percentiles_array_tdigest(d, 5, 50), x = percentiles_array_tdigest(d, dynamic([5, 50]))',
    'P | project rank_tdigest(d, 1), percentrank_tdigest(d, t), merge_tdigest(d, d)',
    'P | summarize argmax(a, c, tolower(c)), argmin(t, *) by c',
    'P | summarize (x) = argmin(a * 2, r), argmax(a, a)',
  ])('%s', (query) => expectOfficialSchema(query, tables));
});

describe('graph-match and graph-to-table: the columns the official binder gives', () => {
  const tables = schemas({ E: 'source:string, destination:string, edge_type:string, w:long', N: 'name:string, age:long', P: 'name:string, x:real' });
  const graph = 'E | make-graph source --> destination with N on name';
  it.each([
    `${graph} | graph-match (a)-[e]->(b) where a.name == "x" project a.name, e.edge_type, b.age, A = a.age`,
    `${graph} | graph-match (a)-[e*1..3]->(b) project a.name, e.edge_type, e.w, b.age`,
    `${graph} | graph-match (a)<-[e*1..3]-(b)--(), (b)-->(c) project n = e.destination, tostring(b.age), c.name`,
    `${graph} | graph-match (a)-->(b) project toupper(tostring(a.name)), (b.age)`,
    `${graph}, P on name | graph-to-table nodes`,
    `${graph} | graph-to-table edges as X`,
    'E | make-graph source --> destination | graph-to-table nodes',
  ])('%s', (query) => expectOfficialSchema(query, tables));
});

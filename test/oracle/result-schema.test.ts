/**
 * Result schemas of small queries, kqlx against the official binder, for the shapes where the corpus
 * comparison found the two apart: `*` in arg_min beside computed by-keys, and union's split columns;
 * and for operators no corpus rule uses (parse-kv's typed keys in each of its modes, top-nested's clause columns, search's and find's output columns).
 */
import { describe, expect, it } from 'vitest';
import { schemaOf, table } from '../helpers/run.js';
import { officialAnalyze, type OracleColumn } from './kusto-language.js';

const T = table('a:long, b:dynamic, c:string', []);
const U = table('c:long, d:real', []);
const oracleTables: Record<string, OracleColumn[]> = {
  T: [{ name: 'a', type: 'long' }, { name: 'b', type: 'dynamic' }, { name: 'c', type: 'string' }],
  U: [{ name: 'c', type: 'long' }, { name: 'd', type: 'real' }],
};

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
  ])('%s', (query) => {
    const official = officialAnalyze(query, oracleTables);
    expect(official.errors).toEqual([]);
    expect(schemaOf(query, { T, U })).toEqual(official.resultColumns!.map((c) => `${c.name}:${c.type}`));
  });
});

describe('datetime arithmetic beyond the documented combinations is typed as the official binder types it', () => {
  const D = table('d:datetime, t:timespan, n:long, r:real', []);
  const oracle: Record<string, OracleColumn[]> = {
    D: [{ name: 'd', type: 'datetime' }, { name: 't', type: 'timespan' }, { name: 'n', type: 'long' }, { name: 'r', type: 'real' }],
  };
  it.each(['d / n', 'd * r', 'n * d', 'd % n', 'd + d', 'd / d', 'd / t', 'd % t', 'd % d', 't * t', 't % n'])('%s', (expr) => {
    const query = `D | project x = ${expr}`;
    const official = officialAnalyze(query, oracle);
    expect(official.errors).toEqual([]);
    expect(schemaOf(query, { D })).toEqual(official.resultColumns!.map((c) => `${c.name}:${c.type}`));
  });
});

describe("search's and find's output columns agree with the official binder", () => {
  const V = table('a:long, e:string', []);
  const tables: Record<string, OracleColumn[]> = { ...oracleTables, V: [{ name: 'a', type: 'long' }, { name: 'e', type: 'string' }] };
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
  ])('%s', (query) => {
    const official = officialAnalyze(query, tables);
    expect(official.errors).toEqual([]);
    expect(schemaOf(query, { T, U, V })).toEqual(official.resultColumns!.map((c) => `${c.name}:${c.type}`));
  });
});

describe('math, bitwise, hash, text and conversion functions are typed as the official binder types them', () => {
  const F = table('i:int, l:long, r:real, s:string, t:datetime, d:dynamic', []);
  const tables: Record<string, OracleColumn[]> = {
    F: [
      { name: 'i', type: 'int' }, { name: 'l', type: 'long' }, { name: 'r', type: 'real' },
      { name: 's', type: 'string' }, { name: 't', type: 'datetime' }, { name: 'd', type: 'dynamic' },
    ],
  };
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
  ])('%s', (query) => {
    const official = officialAnalyze(query, tables);
    expect(official.errors).toEqual([]);
    expect(schemaOf(query, { F })).toEqual(official.resultColumns!.map((c) => `${c.name}:${c.type}`));
  });
});

/**
 * XQL's scalar functions, called directly. Each test names the Cortex XQL reference page
 * (docs-cortex.paloaltonetworks.com, "<function>" under Functions) whose statement or example it checks.
 */
import { describe, expect, it } from 'vitest';
import { xqlScalarFunctions } from '../../../src/functions/xql/index.js';
import { isBindError } from '../../../src/functions/types.js';
import { KqlError } from '../../../src/diagnostics/diagnostic.js';
import { b, d, dt, l, r, s, type TypedArg, xqlCall as call, xqlCallScalar } from '../../helpers/functions.js';

const nul = (type: TypedArg['type']): TypedArg => ({ type, value: null });
const field = (a: TypedArg): TypedArg => ({ ...a, constant: false });

function bindError(name: string, ...args: TypedArg[]): string | undefined {
  const bound = xqlScalarFunctions.get(name)!.bind(args.map((a) => ({ type: a.type, constant: a.constant === false ? undefined : { value: a.value } })));
  return isBindError(bound) ? bound.error : undefined;
}

describe('if (the if page)', () => {
  it('two arguments: the value when true, else null', () => {
    expect(call('if', b(true), s('x'))).toBe('x');
    expect(call('if', b(false), s('x'))).toBeNull();
  });
  it('three arguments: then / else; a null condition takes the else branch', () => {
    expect(call('if', b(false), l(1), l(2))).toBe(2);
    expect(call('if', nul('bool'), l(1), l(2))).toBe(2);
  });
  it('2n+1 arguments are an else-if chain; the first true condition wins', () => {
    expect(call('if', b(false), s('a'), b(true), s('b'), b(true), s('c'), s('else'))).toBe('b');
    expect(call('if', b(false), s('a'), b(false), s('b'), s('else'))).toBe('else');
    expect(call('if', b(false), s('a'), b(false), s('b'))).toBeNull();
  });
  it('a condition must be boolean', () => {
    expect(bindError('if', s('x'), l(1))).toMatch(/condition 1 must be a boolean/);
  });
});

describe('coalesce (the coalesce page)', () => {
  it('the first non-null argument', () => {
    expect(call('coalesce', nul('string'), s('b'), s('c'))).toBe('b');
    expect(call('coalesce', nul('string'), nul('string'))).toBeNull();
  });
});

describe('arithmetic (the add, subtract, multiply, divide, round, floor pages)', () => {
  it('integers, or integers written as strings', () => {
    expect(xqlCallScalar('add', l(2), l(3))).toEqual({ type: 'long', value: 5 });
    expect(call('add', s('2'), l(3))).toBe(5);
    expect(call('subtract', l(10), l(4))).toBe(6);
    expect(call('multiply', l(6), s('7'))).toBe(42);
  });
  it('divide gives the fraction; round takes the nearest integer, halves away from zero', () => {
    expect(xqlCallScalar('divide', l(300), l(179))).toEqual({ type: 'real', value: 300 / 179 });
    expect(xqlCallScalar('round', r(2.5))).toEqual({ type: 'long', value: 3 });
    expect(call('round', r(1.5))).toBe(2);
    expect(call('round', r(-2.5))).toBe(-3);
    expect(call('round', r(1.49))).toBe(1);
    expect(call('floor', r(-1.5))).toBe(-2);
  });
  it('null in, null out; division by zero is null', () => {
    expect(call('add', nul('long'), l(1))).toBeNull();
    expect(call('divide', l(1), l(0))).toBeNull();
    expect(call('add', s('abc'), l(1))).toBeNull();
  });
});

describe('conversions (the to_string, to_integer, to_number, to_boolean pages)', () => {
  it('to_string prints integers without a fraction; null stays null', () => {
    expect(call('to_string', l(5))).toBe('5');
    expect(call('to_string', r(2.5))).toBe('2.5');
    expect(call('to_string', b(true))).toBe('true');
    expect(call('to_string', nul('long'))).toBeNull();
  });
  it('to_integer: text to an integer; a fraction is an error', () => {
    expect(call('to_integer', s('42'))).toBe(42);
    expect(call('to_integer', s('abc'))).toBeNull();
    expect(() => call('to_integer', s('1.5'))).toThrow(KqlError);
    expect(() => call('to_integer', s('1.5'))).toThrow("to_integer(): '1.5' is not an integer");
  });
  it('to_number (to_float) and to_boolean', () => {
    expect(call('to_number', s('1.25'))).toBe(1.25);
    expect(call('to_float', s('3'))).toBe(3);
    expect(call('to_boolean', s('TRUE'))).toBe(true);
    expect(call('to_boolean', s('no'))).toBeNull();
  });
});

describe('strings', () => {
  it('concat joins; any null or empty argument gives null (the concat page: "returns empty")', () => {
    expect(call('concat', s('a'), l(1), s(' → '), s('b'))).toBe('a1 → b');
    expect(call('concat', s('a'), nul('string'))).toBeNull();
    expect(call('concat', s('a'), s(''))).toBeNull();
  });
  it('lowercase, uppercase, len (characters, an emoji is one)', () => {
    expect(call('lowercase', s('AbC'))).toBe('abc');
    expect(call('uppercase', s('AbC'))).toBe('ABC');
    expect(call('len', s('🚨 x'))).toBe(3);
  });
  it('trim, ltrim, rtrim, with and without the characters to remove', () => {
    expect(call('trim', s('  a b  '))).toBe('a b');
    expect(call('ltrim', s('xxaxx'), s('x'))).toBe('axx');
    expect(call('rtrim', s('xxaxx'), s('x'))).toBe('xxa');
  });
  it('replace replaces every occurrence literally; replex a regex (RE2) with \\1 groups', () => {
    expect(call('replace', s('a.b.c'), s('.'), s('-'))).toBe('a-b-c');
    expect(call('replex', s('user=bob id=7'), s('(\\w+)=(\\w+)'), s('\\2'))).toBe('bob 7');
  });
  it('split: a single space by default', () => {
    expect(call('split', s('a b  c'))).toEqual(['a', 'b', '', 'c']);
    expect(call('split', s('a,b'), s(','))).toEqual(['a', 'b']);
  });
  it('regextract: every match; with one capture group, the group (the regextract page)', () => {
    expect(call('regextract', s('a1 b22 c333'), s('\\d+'))).toEqual(['1', '22', '333']);
    expect(call('regextract', s('user=bob user=amy'), s('user=(\\w+)'))).toEqual(['bob', 'amy']);
    expect(bindError('regextract', s('x'), s('('))).toMatch(/invalid regular expression/);
  });
  it('string_count and format_string', () => {
    expect(call('string_count', s('a,b,,c'), s(','))).toBe(3);
    expect(call('format_string', s('%s has %d ports (%.1f%%)'), s('h1'), l(20), r(12.345))).toBe('h1 has 20 ports (12.3%)');
  });
});

describe('arrays', () => {
  it('arrayindex is 0-based; a negative index counts from the end (the arrayindex page)', () => {
    expect(call('arrayindex', d(['a', 'b', 'c']), l(0))).toBe('a');
    expect(call('arrayindex', d(['a', 'b', 'c']), l(-1))).toBe('c');
    expect(call('arrayindex', d(['a']), l(5))).toBeNull();
  });
  it('arrayrange is [start, end) with the end clamped (the arrayrange page)', () => {
    expect(call('arrayrange', d([1, 2, 3, 4]), l(1), l(3))).toEqual([2, 3]);
    expect(call('arrayrange', d([1, 2, 3, 4]), l(2), l(99))).toEqual([3, 4]);
  });
  it('array_length is null for an empty array (the array_length page)', () => {
    expect(call('array_length', d([1, 2]))).toBe(2);
    expect(call('array_length', d([]))).toBeNull();
  });
  it('an array held as JSON text (a CSV cell) is read as the array', () => {
    expect(call('array_length', field(s('["10.50.9.7","10.50.9.8"]')))).toBe(2);
  });
  it('arraycreate, arraystring, arraydistinct, arrayconcat', () => {
    expect(call('arraycreate', s('a'), l(1))).toEqual(['a', 1]);
    expect(call('arraystring', d(['a', 'b']), s('|'))).toBe('a|b');
    expect(call('arraydistinct', d([1, 2, 1, '1']))).toEqual([1, 2, '1']);
    expect(call('arrayconcat', d([1]), d([2, 1]))).toEqual([1, 2, 1]);
  });
});

describe('JSON (the json_extract pages)', () => {
  const doc = s('{"a":{"b":"x","n":5,"arr":[1,{"c":2}],"dot.key":true}}');
  it('json_extract_scalar: the scalar as a string; null for an object or array', () => {
    expect(call('json_extract_scalar', doc, s('$.a.b'))).toBe('x');
    expect(call('json_extract_scalar', doc, s('$.a.n'))).toBe('5');
    expect(call('json_extract_scalar', doc, s("$.a['dot.key']"))).toBe('true');
    expect(call('json_extract_scalar', doc, s('$.a.arr'))).toBeNull();
    expect(call('json_extract_scalar', doc, s('$.a.missing'))).toBeNull();
  });
  it('json_extract: the JSON text; json_extract_array: the elements as JSON texts', () => {
    expect(call('json_extract', doc, s('$.a.arr[1]'))).toBe('{"c":2}');
    expect(call('json_extract_array', doc, s('$.a.arr'))).toEqual(['1', '{"c":2}']);
    expect(call('json_extract_scalar_array', s('{"x":["a",1,null]}'), s('$.x'))).toEqual(['a', '1']);
  });
  it('keys are case-sensitive; a bad path is a bind error', () => {
    expect(call('json_extract_scalar', doc, s('$.A.b'))).toBeNull();
    expect(bindError('json_extract', doc, s('a.b'))).toMatch(/invalid JSON path/);
  });
});

describe('time', () => {
  it('current_time is the run\'s now (--now)', () => {
    expect(call('current_time')).toBe('2024-05-01T00:00:00Z');
  });
  it('to_epoch: seconds by default, truncated; MILLIS and MICROS (the to_epoch page)', () => {
    expect(call('to_epoch', dt('2024-05-01T00:00:01.900Z'))).toBe(1714521601);
    expect(call('to_epoch', dt('2024-05-01T00:00:01.900Z'), s('MILLIS'))).toBe(1714521601900);
    expect(call('to_epoch', dt('1970-01-01T00:00:00.000005Z'), s('MICROS'))).toBe(5);
  });
  it('to_timestamp with its unit, and timestamp_seconds (the to_timestamp page)', () => {
    expect(call('to_timestamp', l(1714521600), s('SECONDS'))).toBe('2024-05-01T00:00:00Z');
    expect(call('to_timestamp', l(1714521600123), s('MILLIS'))).toBe('2024-05-01T00:00:00.123Z');
    expect(call('timestamp_seconds', l(0))).toBe('1970-01-01T00:00:00Z');
    expect(bindError('to_timestamp', l(1), s('HOURS'))).toMatch(/"SECONDS", "MILLIS", "MICROS"/);
  });
  it('timestamp_diff: the first minus the second, truncated (the timestamp_diff page)', () => {
    expect(call('timestamp_diff', dt('2024-05-01T02:59:59Z'), dt('2024-05-01T01:00:00Z'), s('HOUR'))).toBe(1);
    expect(call('timestamp_diff', dt('2024-05-01T00:00:00Z'), dt('2024-05-01T00:01:30Z'), s('MINUTE'))).toBe(-1);
  });
  it('extract_time: UTC parts; DAYOFWEEK counts Sunday as 1 (the extract_time page)', () => {
    const t = dt('2024-05-05T17:04:09.250Z'); // a Sunday
    expect(call('extract_time', t, s('HOUR'))).toBe(17);
    expect(call('extract_time', t, s('DAYOFWEEK'))).toBe(1);
    expect(call('extract_time', t, s('DAYOFYEAR'))).toBe(126);
    expect(call('extract_time', t, s('QUARTER'))).toBe(2);
    expect(call('extract_time', t, s('MILLISECOND'))).toBe(250);
  });
  it('format_timestamp: strftime in UTC, or in the given zone (the format_timestamp page)', () => {
    const t = dt('2024-05-01T03:04:05.678Z');
    expect(call('format_timestamp', s('%Y-%m-%d %H:%M:%S'), t)).toBe('2024-05-01 03:04:05');
    expect(call('format_timestamp', s('%Y-%m-%d'), t)).toBe('2024-05-01');
    expect(call('format_timestamp', s('%m/%d %H:%M'), t, s('America/New_York'))).toBe('04/30 23:04');
    expect(call('format_timestamp', s('%a %b %e %I:%M %p %z'), t, s('+05:30'))).toBe('Wed May  1 08:34 AM +0530');
    expect(bindError('format_timestamp', s('%Y'), t, s('Mars/Olympus'))).toMatch(/unknown time zone/);
  });
  it('parse_timestamp reads a strptime format, in UTC or the given zone (the parse_timestamp page)', () => {
    expect(call('parse_timestamp', s('%Y-%m-%d %H:%M:%S'), s('2024-05-01 03:04:05'))).toBe('2024-05-01T03:04:05Z');
    expect(call('parse_timestamp', s('%m/%d/%Y %H:%M'), s('12/31/2023 19:00'), s('America/New_York'))).toBe('2024-01-01T00:00:00Z');
    expect(call('parse_timestamp', s('%Y-%m-%d'), s('not a date'))).toBeNull();
  });
  it('date_floor to y, mo, w (Sunday), d, h (the date_floor page)', () => {
    const t = dt('2024-05-01T13:45:00Z'); // a Wednesday
    expect(call('date_floor', t, s('y'))).toBe('2024-01-01T00:00:00Z');
    expect(call('date_floor', t, s('mo'))).toBe('2024-05-01T00:00:00Z');
    expect(call('date_floor', t, s('w'))).toBe('2024-04-28T00:00:00Z');
    expect(call('date_floor', t, s('d'))).toBe('2024-05-01T00:00:00Z');
    expect(call('date_floor', t, s('h'))).toBe('2024-05-01T13:00:00Z');
    expect(call('date_floor', t, s('d'), s('America/New_York'))).toBe('2024-05-01T04:00:00Z');
  });
});

describe('IP (the incidr, incidr6, incidrlist pages)', () => {
  it('incidr: IPv4 membership; a comma-separated list of ranges is any of them', () => {
    expect(call('incidr', s('172.31.255.255'), s('172.16.0.0/12'))).toBe(true);
    expect(call('incidr', s('172.32.0.1'), s('172.16.0.0/12'))).toBe(false);
    expect(call('incidr', s('192.168.1.5'), s('10.0.0.0/8, 192.168.0.0/16'))).toBe(true);
  });
  it('a value that is not IPv4 is not in range, and does not fail', () => {
    expect(call('incidr', s('fd00:99::5'), s('10.0.0.0/8'))).toBe(false);
    expect(call('incidr', s('not an ip'), s('10.0.0.0/8'))).toBe(false);
    expect(call('incidr', nul('string'), s('10.0.0.0/8'))).toBeNull();
    expect(bindError('incidr', s('1.2.3.4'), s('10.0.0.0/33'))).toMatch(/not a list of IPv4 CIDR ranges/);
  });
  it('incidr6 and incidrlist', () => {
    expect(call('incidr6', s('fd00:99::5'), s('fd00:99::/32'))).toBe(true);
    expect(call('incidr6', s('10.0.0.1'), s('fd00::/8'))).toBe(false);
    expect(call('incidrlist', s('8.8.8.8,10.1.2.3'), s('10.0.0.0/8'))).toBe(true);
    expect(call('incidrlist', s('8.8.8.8,1.1.1.1'), s('10.0.0.0/8'))).toBe(false);
  });
  it('is_ipv4, is_ipv6, ip_to_int, int_to_ip', () => {
    expect(call('is_ipv4', s('10.0.0.1'))).toBe(true);
    expect(call('is_ipv6', s('10.0.0.1'))).toBe(false);
    expect(call('ip_to_int', s('10.0.0.1'))).toBe(167772161);
    expect(call('int_to_ip', l(167772161))).toBe('10.0.0.1');
  });
});

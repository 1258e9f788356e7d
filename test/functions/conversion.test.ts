/** The conversion family, checked against the examples of each function's page in the Kusto docs. */
import { describe, expect, it } from 'vitest';
import { b, bindErrorOf, call, d, dt, int, l, r, s, ts, type TypedArg, typeOf } from '../helpers/functions.js';

const guid = (value: string | null): TypedArg => ({ type: 'guid', value });

describe('tostring', () => {
  it('matches the docs example and gives "" for null', () => {
    expect(call('tostring', l(123))).toBe('123');
    expect(call('tostring', l(null))).toBe('');
    expect(call('tostring', d(null))).toBe('');
  });

  it('prints each type as Kusto does', () => {
    expect(call('tostring', r(1.5))).toBe('1.5');
    expect(call('tostring', r(2))).toBe('2');
    expect(call('tostring', b(true))).toBe('true');
    expect(call('tostring', dt('2024-05-01 10:00'))).toBe('2024-05-01T10:00:00Z');
    expect(call('tostring', ts('1.02:03:04'))).toBe('1.02:03:04');
    expect(call('tostring', d('text'))).toBe('text');
    expect(call('tostring', d({ a: [1, 2] }))).toBe('{"a":[1,2]}');
    expect(call('tostring', guid('12e8b78d-55b4-46ae-b068-26d7a0080254'))).toBe('12e8b78d-55b4-46ae-b068-26d7a0080254');
  });
});

describe('toint / tolong / toreal / todecimal', () => {
  it('match the docs examples', () => {
    expect(call('toint', s('123'))).toBe(123);
    expect(call('toint', r(2.3))).toBe(2);
    expect(call('todecimal', s('123.45678'))).toBe(123.45678);
    expect(typeOf('toint', s('1'))).toBe('int');
    expect(typeOf('tolong', s('1'))).toBe('long');
    expect(typeOf('toreal', s('1'))).toBe('real');
    expect(typeOf('todouble', s('1'))).toBe('real');
    expect(typeOf('todecimal', s('1'))).toBe('decimal');
  });

  it('truncate toward zero and give null when the text is not a number', () => {
    expect(call('toint', r(-2.7))).toBe(-2);
    expect(call('tolong', s('-42'))).toBe(-42);
    expect(call('tolong', s('not a number'))).toBeNull();
    expect(call('toint', s(''))).toBeNull();
    expect(call('toreal', s('1e3'))).toBe(1000);
    expect(call('todouble', s('2.5'))).toBe(2.5);
    expect(call('toreal', l(null))).toBeNull();
  });

  it('convert bools, dynamics and timespans', () => {
    expect(call('toint', b(true))).toBe(1);
    expect(call('tolong', d(42))).toBe(42);
    expect(call('tolong', d('42'))).toBe(42);
    expect(call('tolong', d([1]))).toBeNull();
    expect(call('tolong', ts('1s'))).toBe(10_000_000);
  });

  it('read a datetime as its ticks since 0001-01-01', () => {
    expect(call('tolong', dt('1970-01-01'))).toBe(621355968000000000);
  });
});

describe('tobool', () => {
  it('matches the docs examples', () => {
    expect(call('tobool', s('true'))).toBe(true);
    expect(call('tobool', s('false'))).toBe(false);
    expect(call('tobool', l(1))).toBe(true);
    expect(call('tobool', l(123))).toBe(true);
    expect(call('toboolean', l(0))).toBe(false);
  });

  it('is null when the text is not a bool', () => {
    expect(call('tobool', s('maybe'))).toBeNull();
    expect(call('tobool', d(true))).toBe(true);
  });
});

describe('todatetime / totimespan', () => {
  it('match the docs examples', () => {
    expect(call('todatetime', s('2015-12-31 23:59:59.9'))).toBe('2015-12-31T23:59:59.9Z');
    expect(call('totimespan', s('0.00:01:00'))).toBe('00:01:00');
    expect(call('totime', s('0.00:01:00'))).toBe('00:01:00');
  });

  it('give null for text that is not a datetime or timespan', () => {
    expect(call('todatetime', s('yesterday'))).toBeNull();
    expect(call('totimespan', s('soon'))).toBeNull();
    expect(call('todatetime', d('2024-05-01T00:00:00Z'))).toBe('2024-05-01T00:00:00Z');
    expect(call('todatetime', dt('2024-05-01'))).toBe('2024-05-01T00:00:00Z');
  });
});

describe('toguid', () => {
  it('matches the docs example', () => {
    expect(call('toguid', s('0123456789abcdef0123456789abcdef'))).toBe('01234567-89ab-cdef-0123-456789abcdef');
    expect(call('toguid', s('0123456789ab-cdef-0123-456789abcdef'))).toBe('01234567-89ab-cdef-0123-456789abcdef');
    expect(call('toguid', s('a string that is not a guid'))).toBeNull();
  });

  it('ignores what follows the 32 digits and lower-cases them', () => {
    expect(call('toguid', s('12E8B78D-55B4-46AE-B068-26D7A0080254 and more'))).toBe('12e8b78d-55b4-46ae-b068-26d7a0080254');
    expect(call('toguid', d('12e8b78d-55b4-46ae-b068-26d7a0080254'))).toBe('12e8b78d-55b4-46ae-b068-26d7a0080254');
    expect(bindErrorOf('toguid', l(1))).toMatch(/^toguid\(\): argument 1 must be a string or dynamic/);
  });
});

describe('tohex', () => {
  it('matches the docs example', () => {
    expect(call('tohex', l(256))).toBe('100');
    expect(call('tohex', l(-256))).toBe('ffffffffffffff00');
    expect(call('tohex', int(-256), l(8))).toBe('ffffff00');
    expect(call('tohex', l(256), l(8))).toBe('00000100');
    expect(call('tohex', l(256), l(2))).toBe('100');
  });

  it('caps the length at 16 and wants an integer', () => {
    expect(call('tohex', l(1), l(20))).toBe('0000000000000001');
    expect(bindErrorOf('tohex', r(1.5))).toMatch(/^tohex\(\): argument 1 must be an integer/);
  });
});

describe('gettype', () => {
  it('matches the docs table', () => {
    expect(call('gettype', s('a'))).toBe('string');
    expect(call('gettype', l(111))).toBe('long');
    expect(call('gettype', b(true))).toBe('bool');
    expect(call('gettype', dt('2024-05-01'))).toBe('datetime');
    expect(call('gettype', ts('1s'))).toBe('timespan');
    expect(call('gettype', d(1))).toBe('int');
    expect(call('gettype', d('abc'))).toBe('string');
    expect(call('gettype', d({ abc: 1 }))).toBe('dictionary');
    expect(call('gettype', d([1, 2, 3]))).toBe('array');
    expect(call('gettype', r(123.45))).toBe('real');
    expect(call('gettype', guid('12e8b78d-55b4-46ae-b068-26d7a0080254'))).toBe('guid');
    expect(call('gettype', d(null))).toBe('null');
  });

  it('tells long and real apart inside dynamic', () => {
    expect(call('gettype', d(2 ** 40))).toBe('long');
    expect(call('gettype', d(1.5))).toBe('real');
    expect(call('gettype', d(false))).toBe('bool');
  });
});

describe('isnull / isnotnull', () => {
  it('match the docs table', () => {
    expect(call('isnull', s(''))).toBe(false);
    expect(call('isnull', s('x'))).toBe(false);
    expect(call('isnull', d(null))).toBe(true);
    expect(call('isnull', d([]))).toBe(false);
    expect(call('isnull', d({}))).toBe(false);
  });

  it('test nulls of every type', () => {
    expect(call('isnull', l(null))).toBe(true);
    expect(call('isnull', l(0))).toBe(false);
    expect(call('isnotnull', dt(null))).toBe(false);
    expect(call('isnotnull', dt('2024-05-01'))).toBe(true);
    expect(call('isnotnull', s(''))).toBe(true);
    expect(call('notnull', l(1))).toBe(true);
  });
});


/** The conditional family, checked against the examples of each function's page in the Kusto docs. */
import { describe, expect, it } from 'vitest';
import { parseDatetime } from '../../src/types/datetime.js';
import { parseTimespanText } from '../../src/types/timespan.js';
import { b, bindErrorOf, callScalar, d, int, l, r, s, type TypedArg, typeOf } from '../helpers/functions.js';

const dt = (text: string): TypedArg => ({ type: 'datetime', value: parseDatetime(text)! });
const ts = (text: string): TypedArg => ({ type: 'timespan', value: parseTimespanText(text)! });
const dec = (value: number | null): TypedArg => ({ type: 'decimal', value });

const call = (name: string, ...args: TypedArg[]) => callScalar(name, ...args).value;

describe('iff / iif', () => {
  it('matches the docs example', () => {
    const rain = (eventType: string) =>
      call('iff', b(['Heavy Rain', 'Flash Flood', 'Flood'].includes(eventType)), s('Rain event'), s('Not rain event'));
    expect(rain('Heavy Rain')).toBe('Rain event');
    expect(rain('Tornado')).toBe('Not rain event');
    expect(call('iif', b(true), l(1), l(2))).toBe(1);
  });

  it('returns the else value for a false or null condition', () => {
    expect(call('iff', b(false), l(1), l(2))).toBe(2);
    expect(call('iff', b(null), l(1), l(2))).toBe(2);
    expect(call('iff', b(true), l(null), l(2))).toBeNull();
  });

  it('promotes mixed numbers to the widest type', () => {
    expect(typeOf('iff', b(true), int(1), l(2))).toBe('long');
    expect(typeOf('iff', b(true), l(1), r(2.5))).toBe('real');
    expect(typeOf('iff', b(true), r(1.5), dec(1))).toBe('decimal');
    expect(call('iff', b(false), int(1), r(2.5))).toBe(2.5);
  });

  it('takes the type of the non-dynamic branch and converts the dynamic one', () => {
    expect(typeOf('iff', b(true), d('x'), s('y'))).toBe('string');
    expect(call('iff', b(true), d('x'), s('y'))).toBe('x');
    expect(call('iff', b(true), d({ a: 1 }), s('y'))).toBe('{"a":1}');
    expect(typeOf('iff', b(true), d(1), l(2))).toBe('long');
    expect(call('iff', b(true), d('12'), l(2))).toBe(12);
    expect(typeOf('iff', b(true), d(1), d(2))).toBe('dynamic');
  });

  it('rejects branches of incompatible types and a non-bool condition', () => {
    expect(bindErrorOf('iff', b(true), l(1), s('a'))).toMatch(/^iff\(\): the then and else values must have the same type, not long, string/);
    expect(bindErrorOf('iff', b(true), dt('2024-01-01'), ts('1d'))).toMatch(/^iff\(\)/);
    expect(bindErrorOf('iff', l(1), l(1), l(2))).toMatch(/^iff\(\): argument 1 must be a bool, not long/);
  });
});

describe('case', () => {
  const bucket = (size: number) =>
    call('case', b(size <= 3), s('Small'), b(size <= 10), s('Medium'), s('Large'));

  it('matches the docs example', () => {
    const sizes = [1, 3, 5, 7, 9, 11, 13, 15];
    expect(sizes.map(bucket)).toEqual(['Small', 'Small', 'Medium', 'Medium', 'Medium', 'Large', 'Large', 'Large']);
  });

  it('takes the first true predicate; null predicates are not true', () => {
    expect(call('case', b(null), l(1), b(true), l(2), l(3))).toBe(2);
    expect(call('case', b(true), l(1), b(true), l(2), l(3))).toBe(1);
    expect(call('case', b(false), l(1), l(3))).toBe(3);
  });

  it('types like iff', () => {
    expect(typeOf('case', b(true), int(1), b(false), l(2), r(3.5))).toBe('real');
    expect(call('case', b(false), int(1), b(true), d('7'), l(3))).toBe(7);
  });

  it('rejects an even argument count, non-bool predicates and mixed values', () => {
    expect(bindErrorOf('case', b(true), l(1), b(false), l(2))).toMatch(/^case\(\): expects pairs/);
    expect(bindErrorOf('case', l(1), l(1), l(2))).toMatch(/^case\(\): argument 1 \(a predicate\) must be a bool/);
    expect(bindErrorOf('case', b(true), l(1), s('x'))).toMatch(/^case\(\): all values must have the same type/);
  });
});

describe('coalesce', () => {
  it('matches the docs example', () => {
    // coalesce(tolong("not a number"), tolong("42"), 33)
    expect(call('coalesce', l(null), l(42), l(33))).toBe(42);
  });

  it('returns the first non-empty string, or the empty string', () => {
    expect(call('coalesce', s(''), s('b'), s('c'))).toBe('b');
    expect(call('coalesce', s(''), s(''))).toBe('');
  });

  it('returns the first non-null value of other types, or null', () => {
    expect(call('coalesce', int(null), int(null))).toBeNull();
    expect(call('coalesce', d(null), d([]), d(1))).toEqual([]);
    expect(call('coalesce', dt('2024-05-01'), dt('2024-01-01'))).toBe(parseDatetime('2024-05-01'));
  });

  it('promotes numbers and rejects other mixes', () => {
    expect(typeOf('coalesce', int(null), l(1))).toBe('long');
    expect(bindErrorOf('coalesce', s('a'), l(1))).toMatch(/^coalesce\(\): all arguments must have the same type, not string, long/);
    expect(bindErrorOf('coalesce', d('a'), s('b'))).toMatch(/^coalesce\(\)/);
  });
});

describe('not', () => {
  it('negates, keeping null', () => {
    expect(call('not', b(true))).toBe(false);
    expect(call('not', b(false))).toBe(true);
    expect(call('not', b(null))).toBeNull();
    expect(bindErrorOf('not', l(1))).toMatch(/^not\(\): argument 1 must be a bool/);
  });
});

/** Trigonometry and angle units, checked against the examples of each function's page in the Kusto docs. */
import { describe, expect, it } from 'vitest';
import { bindErrorOf, call, d, int, l, r, s, typeOf } from '../helpers/functions.js';

/** The docs print reals to 15 or 17 significant digits; compare to the digits they print. */
const digits = (x: unknown, n = 14) => Number((x as number).toPrecision(n));

describe('sin, cos, tan, cot', () => {
  it('match the docs examples', () => {
    expect(call('sin', l(1))).toBeCloseTo(0.841470984807897, 15);
    expect(call('cos', l(1))).toBe(0.54030230586813977);
    expect(call('cot', l(1))).toBe(0.64209261593433065);
  });

  it('work in radians, cot as 1/tan', () => {
    expect(call('sin', r(Math.PI / 2))).toBe(1);
    expect(call('cos', r(0))).toBe(1);
    expect(call('tan', r(Math.PI / 4))).toBeCloseTo(1, 15);
    expect(call('cot', r(Math.PI / 4))).toBeCloseTo(1, 15);
    expect(call('cot', r(0))).toBe(Infinity);
  });
});

describe('asin, acos, atan, atan2', () => {
  it('match the docs examples', () => {
    expect(call('atan', r(0.5))).toBe(0.46364760900080609);
    expect(digits(call('atan2', l(1), l(1)), 15)).toBe(0.785398163397448);
    expect(digits(call('atan2', l(0), l(-1)), 15)).toBe(3.14159265358979);
    expect(digits(call('atan2', l(-1), l(0)), 14)).toBe(-1.5707963267949);
  });

  it('gives the arc sine of 0.5 as pi/6 (the page prints 1.2532358975033751, which is no arc sine of 0.5)', () => {
    expect(call('asin', r(0.5))).toBeCloseTo(Math.PI / 6, 15);
    expect(call('acos', r(0.5))).toBeCloseTo(Math.PI / 3, 15);
  });

  it('is null outside [-1, 1] for asin and acos, as the docs say', () => {
    expect(call('asin', r(1.5))).toBeNull();
    expect(call('acos', r(-1.01))).toBeNull();
    expect(call('asin', r(-1))).toBe(-Math.PI / 2);
    expect(call('acos', r(1))).toBe(0);
    expect(call('atan', r(1e300))).toBe(Math.PI / 2);
  });
});

describe('degrees and radians', () => {
  it('match the docs examples', () => {
    expect(call('degrees', r(Math.PI / 4))).toBe(45);
    expect(call('degrees', r(Math.PI * 1.5))).toBe(270);
    expect(call('degrees', l(0))).toBe(0);
    expect(digits(call('radians', l(90)))).toBe(1.5707963267949);
    expect(digits(call('radians', l(180)), 15)).toBe(3.14159265358979);
    expect(digits(call('radians', l(360)), 15)).toBe(6.28318530717959);
  });
});

describe('types and nulls', () => {
  it('take any number and give a real; null gives null', () => {
    for (const fn of ['sin', 'cos', 'tan', 'cot', 'asin', 'acos', 'atan', 'degrees', 'radians']) {
      expect(typeOf(fn, int(1)), fn).toBe('real');
      expect(call(fn, r(null)), fn).toBeNull();
    }
    expect(typeOf('atan2', int(1), r(2))).toBe('real');
    expect(call('atan2', r(null), r(1))).toBeNull();
  });

  it('reject text and dynamic arguments', () => {
    expect(bindErrorOf('sin', s('1'))).toMatch(/^sin\(\): argument 1 must be a number/);
    expect(bindErrorOf('atan2', r(1), d(1))).toMatch(/^atan2\(\): argument 2 must be a number/);
  });
});

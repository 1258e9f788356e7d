/**
 * gamma, loggamma, erf and erfc: the docs examples, and reference values (computed to 40 digits with
 * mpmath, rounded to doubles) at which the approximations must hold 14 significant digits.
 */
import { describe, expect, it } from 'vitest';
import { erf, erfc, gamma, logGamma } from '../../src/functions/scalar/special-math.js';
import { bindErrorOf, call, l, r, s, typeOf } from '../helpers/functions.js';

function expectRelative(got: number, want: number, tolerance = 1e-14) {
  expect(Math.abs((got - want) / want), `${got} vs ${want}`).toBeLessThan(tolerance);
}

describe('gamma', () => {
  it('matches the docs example', () => {
    expect(call('gamma', l(5))).toBe(24);
  });

  it('holds 14 digits over its range, negative arguments included', () => {
    const reference: [number, number][] = [
      [0.1, 9.51350769866873], [0.5, 1.772453850905516], [1.5, 0.886226925452758], [2.5, 1.329340388179137],
      [7.25, 1155.3810139199898], [10.5, 1133278.3889487856], [50.5, 4.29046291235196e63],
      [100.3, 3.711481867182677e156], [170.5, 5.56209241456e305], [-0.5, -3.544907701811032],
      [-2.7, -0.931082784838964], [1e-5, 99999.42279422555],
    ];
    for (const [x, want] of reference) expectRelative(gamma(x), want);
  });

  it('gives factorials exactly, and follows C tgamma at the poles and beyond the range', () => {
    expect(gamma(1)).toBe(1);
    expect(gamma(21)).toBe(2432902008176640000);
    expect(gamma(0)).toBe(Infinity);
    expect(gamma(-0)).toBe(-Infinity);
    expect(gamma(-3)).toBeNaN();
    expect(gamma(172)).toBe(Infinity);
    expect(gamma(200.5)).toBe(Infinity);
  });
});

describe('loggamma', () => {
  it('matches the docs example', () => {
    expect(call('loggamma', l(5))).toBe(3.1780538303479458);
  });

  it('holds 14 digits away from its zeros at 1 and 2, and beyond where gamma overflows', () => {
    const reference: [number, number][] = [
      [0.5, 0.5723649429247001], [100, 359.1342053695754], [200.5, 860.5822035097825],
      [1000, 5905.220423209181], [1e10, 220258509288.81058], [-0.5, 1.2655121234846454], [3.3, 0.9870985778947344],
    ];
    for (const [x, want] of reference) expectRelative(logGamma(x), want);
    expect(Math.abs(logGamma(1.001) - -0.0005763935982833062)).toBeLessThan(1e-15);
    expect(logGamma(1)).toBe(0);
    expect(logGamma(-2)).toBe(Infinity);
  });
});

describe('erf and erfc', () => {
  it('match the docs examples', () => {
    const erfs = [-0.999977909503001, -0.995322265018953, -0.842700792949715, 0, 0.842700792949715, 0.995322265018953, 0.999977909503001];
    const erfcs = [1.999977909503001, 1.995322265018953, 1.842700792949715, 1, 0.157299207050285, 0.00467773498104727, 2.20904969985854e-5];
    for (let x = -3; x <= 3; x++) {
      expect(call('erf', l(x))).toBeCloseTo(erfs[x + 3]!, 14);
      expect(call('erfc', l(x))).toBeCloseTo(erfcs[x + 3]!, 14);
    }
  });

  it('hold 14 digits, erfc deep into its tail', () => {
    const reference: [number, number, number][] = [
      [1e-8, 1.1283791670955126e-8, 0.9999999887162083], [0.3, 0.3286267594591274, 0.6713732405408726],
      [0.999, 0.8422852702064969, 0.15771472979350307], [1.5, 0.9661051464753108, 0.033894853524689274],
      [2.5, 0.999593047982555, 0.0004069520174449589], [5, 0.9999999999984626, 1.537459794428035e-12],
      [10, 1, 2.088487583762545e-45], [26, 1, 5.663192408856143e-296],
    ];
    for (const [x, wantErf, wantErfc] of reference) {
      expectRelative(erf(x), wantErf);
      expectRelative(erfc(x), wantErfc);
      expectRelative(erf(-x), -wantErf);
      expectRelative(erfc(-x), 2 - wantErfc);
    }
  });
});

describe('types and nulls', () => {
  it('take numbers, give reals, and pass null through', () => {
    for (const fn of ['gamma', 'loggamma', 'erf', 'erfc']) {
      expect(typeOf(fn, l(2)), fn).toBe('real');
      expect(call(fn, r(null)), fn).toBeNull();
      expect(bindErrorOf(fn, s('2')), fn).toMatch(/argument 1 must be a number/);
    }
  });
});

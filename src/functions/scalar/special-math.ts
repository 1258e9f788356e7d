/**
 * Scalar functions: the gamma and error functions (gamma, loggamma, erf, erfc).
 *
 * JavaScript has none of them, so they are computed here:
 *   - gamma by the Lanczos approximation with g = 7 and nine coefficients (Godfrey's set, as given in
 *     Press et al., Numerical Recipes, 3rd ed., §6.1) on [1, 2), carried to larger x by the recurrence
 *     gamma(x + 1) = x·gamma(x) and below 1/2 by Euler's reflection formula: about 15 significant
 *     digits. A whole number up to 171 gets its factorial, exact while it fits a double (gamma(5) is
 *     24, as documented). loggamma is ln|gamma| while gamma fits a double, then the Lanczos formula in
 *     logarithms; near its zeros at 1 and 2 its error is absolute (about 1e-15), not relative;
 *   - erf by its Maclaurin-type series erf(x) = 2x/√π · e^(−x²) · Σ (2x²)^n / (1·3·…·(2n+1)), whose
 *     terms are all positive (no cancellation), for |x| < 1, and erfc by Laplace's continued fraction
 *     for |x| ≥ 1 (evaluated by the modified Lentz method), so each keeps its relative accuracy where
 *     the other would lose it: about 15 significant digits throughout.
 * Poles follow C's tgamma and lgamma: gamma(±0) is ±∞, gamma of a negative whole number NaN, loggamma
 * at a non-positive whole number +∞.
 */
import type { ScalarFunction } from '../types.js';
import { unary } from './math.js';

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
/** Above this, gamma overflows a double. */
const GAMMA_MAX = 171.61447887182298;

/** The Lanczos series A_g(z) for gamma(z + 1) = √(2π) (z + g + ½)^(z + ½) e^−(z + g + ½) A_g(z). */
function lanczosSum(z: number): number {
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  return sum;
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** The Lanczos formula itself, for 1 ≤ x < 2 (where it is most accurate). */
function lanczosGamma(x: number): number {
  const z = x - 1;
  const t = z + LANCZOS_G + 0.5;
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * lanczosSum(z);
}

export function gamma(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return 1 / x;
  if (Number.isInteger(x)) {
    if (x < 0) return NaN;
    return x <= 171 ? factorial(x - 1) : Infinity;
  }
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  if (x > GAMMA_MAX) return Infinity;
  if (x < 1) return lanczosGamma(x + 1) / x;
  // gamma(x) = gamma(f)·f·(f+1)·…·(x−1) with f in [1, 2): the products keep the relative error near
  // one rounding each, where t^(z+½) of the formula at large x magnifies its own rounding by z.
  const steps = Math.floor(x) - 1;
  const f = x - steps;
  let product = lanczosGamma(f);
  for (let k = 0; k < steps; k++) product *= f + k;
  return product;
}

/** ln |gamma(x)|. */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  if (x < 171) return Math.log(Math.abs(gamma(x)));
  const z = x - 1;
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(lanczosSum(z));
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** erf(x) for |x| < 1: the positive series, summed until a term no longer changes the sum. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return TWO_OVER_SQRT_PI * x * Math.exp(-x2) * sum;
}

/**
 * erfc(x) for x ≥ 1: e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), by the modified
 * Lentz method (Numerical Recipes, §5.2).
 */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  if (Math.abs(x) < 1) return erfSeries(x);
  const tail = erfcFraction(Math.abs(x));
  return x > 0 ? 1 - tail : tail - 1;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x >= 1) return erfcFraction(x);
  if (x <= -1) return 2 - erfcFraction(-x);
  return 1 - erfSeries(x);
}

export const specialMathFunctions: ScalarFunction[] = [
  unary('gamma', 'real', gamma),
  unary('loggamma', 'real', logGamma),
  unary('erf', 'real', erf),
  unary('erfc', 'real', erfc),
];

/**
 * Scalar functions: trigonometry (sin, cos, tan, cot, asin, acos, atan, atan2) and angle units
 * (degrees, radians). Angles are in radians; every function takes numbers and gives a real.
 */
import type { ScalarFunction } from '../types.js';
import { NUMBER, fixed } from './conversion.js';
import { unary } from './math.js';

const real = (name: string, f: (x: number) => number | null) => unary(name, 'real', f);

/** The docs: asin() and acos() are null outside [-1, 1] (where JavaScript gives NaN). */
const inUnitRange = (f: (x: number) => number) => (x: number) => (x < -1 || x > 1 ? null : f(x));

const atan2: ScalarFunction = {
  name: 'atan2',
  minArgs: 2,
  maxArgs: 2,
  bind: (args) => fixed('atan2', args, [NUMBER, NUMBER], 'real', (a) =>
    a[0] === null || a[1] === null ? null : Math.atan2(a[0] as number, a[1] as number)),
};

export const trigFunctions: ScalarFunction[] = [
  real('sin', Math.sin),
  real('cos', Math.cos),
  real('tan', Math.tan),
  real('cot', (x) => 1 / Math.tan(x)),
  real('asin', inUnitRange(Math.asin)),
  real('acos', inUnitRange(Math.acos)),
  real('atan', Math.atan),
  atan2,
  // The formulas as the docs write them: degrees = (180 / pi) * radians, radians = (pi / 180) * degrees.
  real('degrees', (x) => (180 / Math.PI) * x),
  real('radians', (x) => (Math.PI / 180) * x),
];

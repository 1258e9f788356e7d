/** Scalar functions: encoding family. */
import type { ScalarFunction } from '../types.js';

export const encodingFunctions: ScalarFunction[] = [];

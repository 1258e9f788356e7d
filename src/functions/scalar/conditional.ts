/** Scalar functions: conditional family. */
import type { ScalarFunction } from '../types.js';

export const conditionalFunctions: ScalarFunction[] = [];

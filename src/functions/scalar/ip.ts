/** Scalar functions: ip family. */
import type { ScalarFunction } from '../types.js';

export const ipFunctions: ScalarFunction[] = [];

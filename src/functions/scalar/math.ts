/** Scalar functions: math family. */
import type { ScalarFunction } from '../types.js';

export const mathFunctions: ScalarFunction[] = [];

/** Scalar functions: string family. */
import type { ScalarFunction } from '../types.js';

export const stringFunctions: ScalarFunction[] = [];

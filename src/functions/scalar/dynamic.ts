/** Scalar functions: dynamic family. */
import type { ScalarFunction } from '../types.js';

export const dynamicFunctions: ScalarFunction[] = [];

/** Scalar functions: datetime family. */
import type { ScalarFunction } from '../types.js';

export const datetimeFunctions: ScalarFunction[] = [];

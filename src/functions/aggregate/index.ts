/** Aggregate functions. */
import type { AggregateFunction } from '../types.js';

export const aggregateFunctions: AggregateFunction[] = [];

/**
 * Aggregate functions, one family per file:
 *   counting.ts    count, countif, dcount, dcountif, count_distinct, count_distinctif
 *   numeric.ts     sum, sumif, avg, avgif, min, max, minif, maxif, binary_all_and/or/xor
 *   statistics.ts  stdev, stdevif, stdevp, variance, varianceif, variancep, variancepif, percentile
 *   collections.ts make_set (makeset, make_set_if), make_list (makelist, make_list_if,
 *                  make_list_with_nulls), make_bag (make_dictionary, make_bag_if),
 *                  take_any (any, take_anyif, anyif)
 *   hll.ts         hll, hll_if, hll_merge
 * arg_max, arg_min and percentiles (plural) return several columns and live in the core.
 */
import type { AggregateFunction } from '../types.js';
import { collectionFunctions } from './collections.js';
import { countingFunctions } from './counting.js';
import { hllFunctions } from './hll.js';
import { numericFunctions } from './numeric.js';
import { statisticsFunctions } from './statistics.js';

export const aggregateFunctions: AggregateFunction[] = [
  ...countingFunctions,
  ...numericFunctions,
  ...statisticsFunctions,
  ...collectionFunctions,
  ...hllFunctions,
];

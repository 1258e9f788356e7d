/**
 * Aggregate functions, one family per file:
 *   counting.ts    count, countif, dcount, dcountif, count_distinct, count_distinctif
 *   numeric.ts     sum, sumif, avg, avgif, min, max, minif, maxif, binary_all_and/or/xor
 *   statistics.ts  stdev, stdevif, stdevp, variance, varianceif, variancep, variancepif
 *   percentiles.ts percentile, percentilew, percentiles, percentilesw, percentiles_array,
 *                  percentilesw_array (over population.ts, the shared percentile computation)
 *   covariance.ts  covariance, covarianceif, covariancep, covariancepif
 *   collections.ts make_set (makeset, make_set_if), make_list (makelist, make_list_if,
 *                  make_list_with_nulls), make_bag (make_dictionary, make_bag_if),
 *                  take_any (any, take_anyif, anyif)
 *   hll.ts         hll, hll_if, hll_merge
 *   tdigest.ts     tdigest, tdigest_merge (merge_tdigest)
 * arg_max, arg_min (and the deprecated argmax, argmin) return several columns and live in the core,
 * as does the several-column form of percentiles and percentilesw (summarize gives their columns).
 */
import type { AggregateFunction } from '../types.js';
import { collectionFunctions } from './collections.js';
import { countingFunctions } from './counting.js';
import { covarianceFunctions } from './covariance.js';
import { hllFunctions } from './hll.js';
import { numericFunctions } from './numeric.js';
import { percentileFunctions } from './percentiles.js';
import { statisticsFunctions } from './statistics.js';
import { tdigestFunctions } from './tdigest.js';

export const aggregateFunctions: AggregateFunction[] = [
  ...countingFunctions,
  ...numericFunctions,
  ...statisticsFunctions,
  ...percentileFunctions,
  ...covarianceFunctions,
  ...collectionFunctions,
  ...hllFunctions,
  ...tdigestFunctions,
];

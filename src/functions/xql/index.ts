/**
 * XQL's function library, looked up by name: the scalar functions and the aggregates of the Cortex
 * XQL reference, each with its signature and implementation side by side, as the KQL library has
 * them. Documented functions kqlx does not run are refused by name, with the reason.
 */
import type { AggregateFunction, ScalarFunction } from '../types.js';
import { xqlAggregateFunctions } from './aggregates.js';
import { xqlArrayFunctions } from './array.js';
import { xqlConditionalFunctions } from './conditional.js';
import { xqlConversionFunctions } from './conversion.js';
import { xqlIpFunctions } from './ip.js';
import { xqlJsonFunctions } from './json.js';
import { xqlMathFunctions } from './math.js';
import { xqlOperatorFunctions } from './operators.js';
import { xqlStringFunctions } from './string.js';
import { xqlTimeFunctions } from './time.js';

function byName<F extends { name: string; aliases?: readonly string[] }>(fns: readonly F[]): Map<string, F> {
  const map = new Map<string, F>();
  for (const f of fns) {
    for (const n of [f.name, ...(f.aliases ?? [])]) {
      if (map.has(n)) throw new Error(`XQL function '${n}' is defined twice`);
      map.set(n, f);
    }
  }
  return map;
}

export const xqlScalarFunctions: ReadonlyMap<string, ScalarFunction> = byName([
  ...xqlConditionalFunctions,
  ...xqlMathFunctions,
  ...xqlConversionFunctions,
  ...xqlStringFunctions,
  ...xqlArrayFunctions,
  ...xqlJsonFunctions,
  ...xqlTimeFunctions,
  ...xqlIpFunctions,
  ...xqlOperatorFunctions,
]);

export const xqlAggregates: ReadonlyMap<string, AggregateFunction> = byName(xqlAggregateFunctions);

/** Documented XQL functions kqlx refuses by name, and why. */
export const xqlRefusedFunctions: ReadonlyMap<string, string> = new Map([
  ['approx_top', 'does not reproduce its approximation'],
  ['approx_quantiles', 'does not reproduce its approximation'],
  ['time_frame_end', "has no query time frame from the console's time picker"],
]);

export { TIME_ORDERED_AGGREGATES } from './aggregates.js';

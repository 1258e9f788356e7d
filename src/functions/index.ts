/** The built-in function library, looked up by name (and legacy alias). */
import { aggregateFunctions } from './aggregate/index.js';
import { textBuildingFunctions } from './scalar/text-building.js';
import { conditionalFunctions } from './scalar/conditional.js';
import { conversionFunctions } from './scalar/conversion.js';
import { datetimeFunctions } from './scalar/datetime.js';
import { dynamicFunctions } from './scalar/dynamic.js';
import { encodingFunctions } from './scalar/encoding.js';
import { hllFunctions } from './scalar/hll.js';
import { ipFunctions } from './scalar/ip.js';
import { seriesFunctions } from './scalar/series.js';
import { seriesElementwiseFunctions } from './scalar/series-elementwise.js';
import { seriesFillFunctions } from './scalar/series-fill.js';
import { seriesVectorFunctions } from './scalar/series-vector.js';
import { mathFunctions } from './scalar/math.js';
import { randomFunctions } from './scalar/random.js';
import { stringFunctions } from './scalar/string.js';
import { tdigestFunctions } from './scalar/tdigest.js';
import { bitwiseFunctions } from './scalar/bitwise.js';
import { compressionFunctions } from './scalar/compression.js';
import { hashFunctions } from './scalar/hash.js';
import { specialMathFunctions } from './scalar/special-math.js';
import { textCodecFunctions } from './scalar/text-codecs.js';
import { trigFunctions } from './scalar/trig.js';
import { unitFunctions } from './scalar/units.js';
import type { AggregateFunction, ScalarFunction } from './types.js';

function byName<F extends { name: string; aliases?: readonly string[] }>(fns: readonly F[]): Map<string, F> {
  const map = new Map<string, F>();
  for (const f of fns) {
    for (const n of [f.name, ...(f.aliases ?? [])]) {
      if (map.has(n)) throw new Error(`function '${n}' is defined twice`);
      map.set(n, f);
    }
  }
  return map;
}

export const scalarFunctions: ReadonlyMap<string, ScalarFunction> = byName([
  ...stringFunctions,
  ...encodingFunctions,
  ...datetimeFunctions,
  ...mathFunctions,
  ...randomFunctions,
  ...conversionFunctions,
  ...conditionalFunctions,
  ...dynamicFunctions,
  ...ipFunctions,
  ...hllFunctions,
  ...tdigestFunctions,
  ...textBuildingFunctions,
  ...seriesFunctions,
  ...seriesElementwiseFunctions,
  ...seriesVectorFunctions,
  ...seriesFillFunctions,
  ...trigFunctions,
  ...specialMathFunctions,
  ...bitwiseFunctions,
  ...hashFunctions,
  ...textCodecFunctions,
  ...unitFunctions,
  ...compressionFunctions,
]);

export const aggregates: ReadonlyMap<string, AggregateFunction> = byName(aggregateFunctions);

/**
 * Documented Kusto functions that kqlx refuses by name rather than approximating: they need data or
 * services that a local engine does not have, or an algorithm we have not reproduced exactly.
 */
export const refusedFunctions: ReadonlyMap<string, string> = new Map([
  ['geo_info_from_ip_address', 'needs a GeoIP database'],
  ['current_cluster_endpoint', 'has no cluster'],
  ['current_database', 'has no database'],
  ['cursor_current', 'has no ingestion cursors'],
]);

export { MULTI_COLUMN_FUNCTIONS } from './scalar/series.js';
export type { AggregateFunction, ScalarFunction } from './types.js';

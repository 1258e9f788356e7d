/**
 * tdigest() and tdigest_merge() (merge_tdigest): the intermediate results of percentiles, to be
 * stored, merged, and read by the scalars percentile_tdigest(), percentiles_array_tdigest(),
 * rank_tdigest() and percentrank_tdigest() (functions/scalar/tdigest.ts).
 *
 * Kusto returns a T-Digest as a dynamic array [[<version>], [<means>...], [<weights>...]] (the docs
 * show e.g. [[7],[0,250000],[15,1]]: centroid means and how many values each stands for). kqlx computes
 * percentiles exactly (population.ts), so its digest is the population itself in the same outer shape:
 *     [[7, "<type>"], [<values>...], [<weights>...]]
 * the distinct non-null values ascending, each with its total weight (its row count, or the sum of its
 * rows' weights for tdigest(X, W)). A percentile read from a digest is then exactly percentile() over
 * the same rows, and merging digests is adding populations. The header's second element is the values'
 * type as percentile() would type them (long, real, datetime or timespan), which Kusto's header does
 * not carry: percentile_tdigest() gives a datetime back as a datetime. Datetimes and timespans are held
 * as their text, as in any dynamic. A digest exported from Kusto (no type in its header) reads as real
 * numbers, each mean a value of its weight.
 *
 * tdigest() of a group with no rows is null (the summarize page's default for such aggregates); a group
 * whose values are all null gives an empty digest. The docs require the digests merged in one group to
 * share a type: tdigest_merge() keeps the first digest's type (long and real merge as real) and skips
 * digests of another type, values that are not digests, and nulls; it gives null when it saw no digest.
 */
import type { Accumulator, AggregateFunction } from '../types.js';
import { castDynamic, toDynamic } from '../../types/convert.js';
import { isNumeric, type ScalarType } from '../../types/scalar-type.js';
import type { Dynamic } from '../../types/value.js';
import { error, isSummable, prefixedName } from './common.js';
import { percentileResultType } from './percentiles.js';
import { type Orderable, Population, type SortedPopulation } from './population.js';

/** The version tag of Kusto's digests, as the first element of the header. */
const TDIGEST_VERSION = 7;
const DIGEST_TYPES: readonly ScalarType[] = ['long', 'real', 'datetime', 'timespan'];

export interface Digest {
  /** The type of the values: long, real, datetime or timespan. */
  readonly type: ScalarType;
  readonly population: SortedPopulation;
}

/** A digest value: `[[7, type], [values...], [weights...]]`. */
function makeDigest(type: ScalarType, population: SortedPopulation): Dynamic {
  return [[TDIGEST_VERSION, type], population.values.map((v) => toDynamic(v, type)), [...population.weights]];
}

/** The population a digest holds, or undefined when `v` is not a digest. */
export function readDigest(v: Dynamic | undefined): Digest | undefined {
  if (!Array.isArray(v) || v.length < 3) return undefined;
  const [header, values, weights] = v;
  if (!Array.isArray(header) || !Array.isArray(values) || !Array.isArray(weights) || values.length !== weights.length) return undefined;
  const named = header[1];
  const type = typeof named === 'string' && DIGEST_TYPES.includes(named as ScalarType) ? (named as ScalarType) : 'real';
  const population = new Population();
  values.forEach((x, i) => {
    const value = isNumeric(type) ? (typeof x === 'number' ? x : null) : castDynamic(x, type);
    const weight = weights[i];
    if (value !== null && typeof weight === 'number') population.add(value as Orderable, weight);
  });
  return { type, population: population.sorted() };
}

/** The type of a merge of digests of types `a` and `b`, or undefined when they do not merge. */
function mergedType(a: ScalarType, b: ScalarType): ScalarType | undefined {
  if (a === b) return a;
  return isNumeric(a) && isNumeric(b) ? 'real' : undefined;
}

/** Adds digests together: what tdigest_merge() does over a group and merge_tdigest() over its arguments. */
export class DigestMerge {
  private type: ScalarType | undefined;
  private readonly population = new Population();

  add(v: Dynamic | undefined): void {
    const digest = readDigest(v);
    if (digest === undefined) return;
    const type = this.type === undefined ? digest.type : mergedType(this.type, digest.type);
    if (type === undefined) return;
    this.type = type;
    digest.population.values.forEach((x, i) => this.population.add(x, digest.population.weights[i]));
  }

  result(): Dynamic {
    return this.type === undefined ? null : makeDigest(this.type, this.population.sorted());
  }
}

const tdigest: AggregateFunction = {
  name: 'tdigest',
  minArgs: 1,
  maxArgs: 2,
  defaultName: prefixedName('tdigest'),
  bind(args) {
    const t = args[0]!.type;
    if (!isSummable(t)) return error(`tdigest(): the value must be a number, timespan or datetime, not '${t}'`);
    const weighted = args.length > 1;
    const wt = args[1]?.type;
    if (weighted && wt !== 'int' && wt !== 'long') return error(`tdigest(): the weight (argument 2) must be an integer (int or long), not '${wt}'`);
    const type = percentileResultType(t);
    return {
      type: 'dynamic',
      create(): Accumulator {
        const population = new Population();
        let rows = 0;
        return {
          add(a) {
            rows++;
            const v = a[0];
            if (v === null || v === undefined) return;
            const weight = weighted ? a[1] : 1;
            if (typeof weight === 'number') population.add(v as Orderable, weight);
          },
          result: () => (rows === 0 ? null : makeDigest(type, population.sorted())),
        };
      },
    };
  },
};

const tdigestMerge: AggregateFunction = {
  name: 'tdigest_merge',
  aliases: ['merge_tdigest'],
  minArgs: 1,
  maxArgs: 1,
  defaultName: (args) => `merge_tdigests_${args[0] ?? ''}`,
  bind(args) {
    const t = args[0]!.type;
    if (t !== 'dynamic') return error(`tdigest_merge(): the value must be a dynamic tdigest() result, not '${t}'`);
    return {
      type: 'dynamic',
      create(): Accumulator {
        const merge = new DigestMerge();
        return {
          add: (a) => merge.add(a[0] as Dynamic),
          result: () => merge.result(),
        };
      },
    };
  },
};

export const tdigestFunctions: AggregateFunction[] = [tdigest, tdigestMerge];

/**
 * The population a percentile is taken over, and the nearest-rank percentile and rank over it. Every
 * percentile kqlx computes goes through here: percentile(), percentiles(), percentiles_array(), their
 * weighted forms, and the tdigest() family (whose digest is a population written out, see tdigest.ts).
 * So percentile_tdigest() over a digest gives exactly what percentile() gives over the same values.
 *
 * A population holds values with integer weights: a value of weight w counts as w members (the
 * weighted percentiles' "as if it was repeated weight times"); the plain forms add weight 1. Values
 * are numbers (int, long, real, decimal) or bigint ticks (datetime, timespan), never both in one
 * population. They are kept as distinct values with their total weight, so a population costs one
 * entry per distinct value whatever the row count.
 *
 * The nearest-rank P-th percentile, as the percentiles page defines it: of the members sorted
 * ascending, the smallest value such that P percent of the members are less or equal to it, i.e. the
 * member at 1-based rank ⌈P·n/100⌉; the 0-th percentile is the smallest member. P outside [0, 100] is
 * clamped. The rank of a value (rank_tdigest) is the number of members less or equal to it.
 */

/** A value a percentile can be taken over. */
export type Orderable = number | bigint;

/** A population sorted: its distinct values ascending, each with its total weight. */
export interface SortedPopulation {
  readonly values: readonly Orderable[];
  readonly weights: readonly number[];
  /** The sum of the weights: how many members the population has. */
  readonly total: number;
}

export class Population {
  /** Total weight per distinct value (a Map compares numbers and bigints by value). */
  private readonly weights = new Map<Orderable, number>();

  /** Adds `weight` members of value `v`; NaN and non-positive weights add nothing. */
  add(v: Orderable, weight = 1): void {
    if (typeof v === 'number' && Number.isNaN(v)) return;
    if (!(weight > 0)) return;
    this.weights.set(v, (this.weights.get(v) ?? 0) + weight);
  }

  sorted(): SortedPopulation {
    const values = [...this.weights.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const weights = values.map((v) => this.weights.get(v)!);
    return { values, weights, total: weights.reduce((s, w) => s + w, 0) };
  }
}

/** The 0-based index of the nearest-rank P-th percentile among n sorted members (n ≥ 1). */
export function nearestRankIndex(p: number, n: number): number {
  if (!(p > 0)) return 0;
  if (p >= 100) return n - 1;
  const x = (p * n) / 100;
  const r = Math.round(x);
  const rank = Math.abs(x - r) < 1e-9 ? r : Math.ceil(x); // P·n/100 that is integral up to rounding
  return Math.min(Math.max(rank - 1, 0), n - 1);
}

/** The nearest-rank P-th percentile of a population, or null when it has no members. */
export function percentileOf(pop: SortedPopulation, p: number): Orderable | null {
  if (pop.total === 0) return null;
  const index = nearestRankIndex(p, pop.total);
  let below = 0;
  for (let i = 0; i < pop.values.length; i++) {
    below += pop.weights[i]!;
    if (below > index) return pop.values[i]!;
  }
  return pop.values[pop.values.length - 1]!;
}

/** How many members are less or equal to `v`. */
export function rankOf(pop: SortedPopulation, v: Orderable): number {
  let rank = 0;
  for (let i = 0; i < pop.values.length && pop.values[i]! <= v; i++) rank += pop.weights[i]!;
  return rank;
}

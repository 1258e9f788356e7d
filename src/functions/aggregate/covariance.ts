/**
 * covariance(), covarianceif(), covariancep(), covariancepif(): the covariance of two variables over
 * the group's rows, covarianceif/covariancepif over the rows whose predicate is true.
 *
 * covariance treats the rows as a sample, Σ(x−x̄)(y−ȳ) / (n−1); covariancep as the population,
 * divided by n. Both values may be numbers, timespans or datetimes (the latter two over their ticks),
 * and the result is real. A row where either value is null is left out. A group with no pairs gives
 * null (the summarize page's default for aggregates it does not list); a sample of one pair gives 0
 * (n−1 = 0), as stdev and variance do. The co-moment is updated one pair at a time (Welford's method)
 * over values shifted by the first pair, so datetimes (ticks ~1e17) keep their precision.
 *
 * Names: the pages show `covariance_x_y` for `covariance(x, y)` (and `covarianceif_x_y`,
 * `covariancep_x_y`, `covariancepif_x_y`); an argument that is not a plain column leaves its part
 * empty (`covariance__y`). The official binder names only after the first argument (`covariance_x`).
 */
import type { Accumulator, AggregateFunction } from '../types.js';
import type { Value } from '../../types/value.js';
import { checkPredicate, error, isSummable, onlyWhere } from './common.js';

/** Running count, means and co-moment of (x, y) pairs, over values shifted by the first pair. */
function coMoments(): { add(x: Value, y: Value): void; n(): number; c(): number } {
  let n = 0;
  let meanX = 0;
  let meanY = 0;
  let c = 0;
  let originX: number | bigint | null = null;
  let originY: number | bigint | null = null;
  const shift = (v: number | bigint, origin: number | bigint): number =>
    typeof v === 'bigint' ? Number(v - (origin as bigint)) : v - (origin as number);
  return {
    add(xv, yv) {
      if (xv === null || xv === undefined || yv === null || yv === undefined) return;
      originX ??= xv as number | bigint;
      originY ??= yv as number | bigint;
      const x = shift(xv as number | bigint, originX);
      const y = shift(yv as number | bigint, originY);
      n++;
      const dx = x - meanX;
      meanX += dx / n;
      meanY += (y - meanY) / n;
      c += dx * (y - meanY);
    },
    n: () => n,
    c: () => c,
  };
}

function covarianceFunction(name: string, population: boolean, predicate: boolean): AggregateFunction {
  return {
    name,
    minArgs: predicate ? 3 : 2,
    maxArgs: predicate ? 3 : 2,
    defaultName: (args) => `${name}_${args[0] ?? ''}_${args[1] ?? ''}`,
    bind(args) {
      for (const i of [0, 1]) {
        const t = args[i]!.type;
        if (!isSummable(t)) return error(`${name}(): argument ${i + 1} must be a number, timespan or datetime, not '${t}'`);
      }
      if (predicate) {
        const bad = checkPredicate(name, args, 2);
        if (bad) return error(bad);
      }
      const create = (): Accumulator => {
        const m = coMoments();
        return {
          add(a) {
            m.add(a[0]!, a[1]!);
          },
          result() {
            const n = m.n();
            if (n === 0) return null;
            if (population) return m.c() / n;
            return n < 2 ? 0 : m.c() / (n - 1);
          },
        };
      };
      return { type: 'real', create: predicate ? onlyWhere(create, 2) : create };
    },
  };
}

export const covarianceFunctions: AggregateFunction[] = [
  covarianceFunction('covariance', false, false),
  covarianceFunction('covarianceif', false, true),
  covarianceFunction('covariancep', true, false),
  covarianceFunction('covariancepif', true, true),
];

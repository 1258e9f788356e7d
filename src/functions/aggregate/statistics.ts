/**
 * Statistical aggregates: stdev(), stdevif(), stdevp(), variance(), varianceif(), variancep(),
 * variancepif(). (percentile() and its family are in percentiles.ts.)
 *
 * stdev/variance treat the group as a sample (Bessel's correction, divide by n−1); stdevp/variancep
 * as a population (divide by n). All return real and accept numbers, timespans and datetimes (the
 * latter two over their ticks). Nulls are ignored. Documented defaults: stdev, stdevif, variance and
 * varianceif give 0 for a group with no values; kqlx also gives 0 for a single value (n−1 = 0). The
 * population forms give null with no values and 0 for one value. The sums use Welford's update over
 * values shifted by the first one, so datetimes (ticks ~1e17) keep their precision.
 */
import type { Accumulator, AggregateBinding, AggregateFunction, ArgInfo, BindResult } from '../types.js';
import type { Value } from '../../types/value.js';
import { checkPredicate, error, isSummable, onlyWhere, prefixedName } from './common.js';

type Kind = 'sample' | 'population';

/** Running count, mean and sum of squared deviations (Welford), over values shifted by the first. */
function moments(): { add(v: Value): void; n(): number; m2(): number } {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  let origin: number | bigint | null = null;
  return {
    add(v) {
      if (v === null || v === undefined) return;
      if (origin === null) origin = v as number | bigint;
      const x = typeof v === 'bigint' ? Number(v - (origin as bigint)) : (v as number) - (origin as number);
      n++;
      const delta = x - mean;
      mean += delta / n;
      m2 += delta * (x - mean);
    },
    n: () => n,
    m2: () => m2,
  };
}

function spread(name: string, kind: Kind, root: boolean, predicate: boolean): AggregateFunction {
  return {
    name,
    minArgs: predicate ? 2 : 1,
    maxArgs: predicate ? 2 : 1,
    defaultName: prefixedName(name),
    bind(args: readonly ArgInfo[]): BindResult<AggregateBinding> {
      const t = args[0]!.type;
      if (!isSummable(t)) return error(`${name}(): the value must be a number, timespan or datetime, not '${t}'`);
      if (predicate) {
        const bad = checkPredicate(name, args, 1);
        if (bad) return error(bad);
      }
      const create = (): Accumulator => {
        const m = moments();
        return {
          add(a) {
            m.add(a[0]!);
          },
          result() {
            const n = m.n();
            let variance: number;
            if (kind === 'sample') variance = n < 2 ? 0 : m.m2() / (n - 1);
            else if (n === 0) return null;
            else variance = m.m2() / n;
            if (variance < 0) variance = 0; // rounding can leave a tiny negative
            return root ? Math.sqrt(variance) : variance;
          },
        };
      };
      return { type: 'real', create: predicate ? onlyWhere(create, 1) : create };
    },
  };
}

export const statisticsFunctions: AggregateFunction[] = [
  spread('stdev', 'sample', true, false),
  spread('stdevif', 'sample', true, true),
  spread('stdevp', 'population', true, false),
  spread('variance', 'sample', false, false),
  spread('varianceif', 'sample', false, true),
  spread('variancep', 'population', false, false),
  spread('variancepif', 'population', false, true),
];

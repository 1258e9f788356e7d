/**
 * Statistical aggregates: stdev(), stdevif(), stdevp(), variance(), varianceif(), variancep(),
 * variancepif(), and percentile() (the single-percentile form; percentiles() with several columns is
 * the core's business).
 *
 * stdev/variance treat the group as a sample (Bessel's correction, divide by n−1); stdevp/variancep
 * as a population (divide by n). All return real and accept numbers, timespans and datetimes (the
 * latter two over their ticks). Nulls are ignored. Documented defaults: stdev, stdevif, variance and
 * varianceif give 0 for a group with no values; kqlx also gives 0 for a single value (n−1 = 0). The
 * population forms give null with no values and 0 for one value. The sums use Welford's update over
 * values shifted by the first one, so datetimes (ticks ~1e17) keep their precision.
 *
 * percentile(expr, P) is the nearest-rank percentile as the Kusto docs define it: of the non-null
 * values sorted ascending, the smallest value such that P percent of the values are less or equal to
 * it, i.e. the value at 1-based rank ⌈P·n/100⌉; the 0-th percentile is the smallest value. Kusto
 * estimates it with a T-Digest (exact at P = 0 and 100, within 1% of rank elsewhere); kqlx computes
 * it exactly, so its result is always a member of the population. P outside [0, 100] is clamped.
 * The result type is long for int/long input, real for real/decimal, and the input's own type for
 * datetime and timespan; null when the group has no values.
 */
import type { Accumulator, AggregateBinding, AggregateFunction, ArgInfo, BindResult } from '../types.js';
import { isNumeric, type ScalarType } from '../../types/scalar-type.js';
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

// ── percentile ─────────────────────────────────────────────────────────────

/** The 0-based index of the nearest-rank P-th percentile among n sorted values (n ≥ 1). */
export function nearestRankIndex(p: number, n: number): number {
  if (!(p > 0)) return 0;
  if (p >= 100) return n - 1;
  const x = (p * n) / 100;
  const r = Math.round(x);
  const rank = Math.abs(x - r) < 1e-9 ? r : Math.ceil(x); // P·n/100 that is integral up to rounding
  return Math.min(Math.max(rank - 1, 0), n - 1);
}

/**
 * The name suffix for the percentile: Kusto writes the constant with '.' as '_' (`percentile(X, 95)`
 * → `percentile_X_95`, `percentile(X, 99.5)` → `percentile_X_99_5`) and leaves it empty when the
 * percentile is not a literal. `text` is whatever the binder passes as the second "name".
 */
function percentileSuffix(text: string | undefined): string {
  if (text === undefined || !/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return '';
  return String(Number(text)).replace(/[^0-9A-Za-z]/g, '_');
}

function percentileResultType(t: ScalarType): ScalarType {
  if (t === 'int' || t === 'long') return 'long';
  if (t === 'real' || t === 'decimal') return 'real';
  return t;
}

const percentile: AggregateFunction = {
  name: 'percentile',
  minArgs: 2,
  maxArgs: 2,
  /**
   * `percentile_<column>_<P>`. `args[0]` is the column name; for `args[1]` the binder should pass the
   * percentile constant's text (e.g. "95"), since Kusto builds the name from it. Anything that is not
   * a non-negative number there gives an empty suffix (`percentile_X_`), as Kusto does for a
   * non-literal percentile.
   */
  defaultName: (args) => `percentile_${args[0] ?? ''}_${percentileSuffix(args[1])}`,
  bind(args) {
    const t = args[0]!.type;
    if (!isSummable(t)) return error(`percentile(): the value must be a number, timespan or datetime, not '${t}'`);
    const pt = args[1]!.type;
    if (!isNumeric(pt)) return error(`percentile(): the percentile (argument 2) must be a number, not '${pt}'`);
    const c = args[1]!.constant?.value;
    if (args[1]!.constant !== undefined && (typeof c !== 'number' || !Number.isFinite(c))) {
      return error('percentile(): the percentile (argument 2) must be a finite number');
    }
    const fixedP = typeof c === 'number' ? c : undefined;
    const ticks = t === 'datetime' || t === 'timespan';
    return {
      type: percentileResultType(t),
      create(): Accumulator {
        const values: (number | bigint)[] = [];
        let p = fixedP;
        return {
          add(a) {
            if (fixedP === undefined && typeof a[1] === 'number' && Number.isFinite(a[1])) p = a[1];
            const v = a[0];
            if (v === null || v === undefined) return;
            if (typeof v === 'number' && Number.isNaN(v)) return;
            values.push(v as number | bigint);
          },
          result() {
            if (values.length === 0 || p === undefined) return null;
            if (ticks) (values as bigint[]).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
            else (values as number[]).sort((x, y) => x - y);
            return values[nearestRankIndex(p, values.length)]!;
          },
        };
      },
    };
  },
};

export const statisticsFunctions: AggregateFunction[] = [
  spread('stdev', 'sample', true, false),
  spread('stdevif', 'sample', true, true),
  spread('stdevp', 'population', true, false),
  spread('variance', 'sample', false, false),
  spread('varianceif', 'sample', false, true),
  spread('variancep', 'population', false, false),
  spread('variancepif', 'population', false, true),
  percentile,
];

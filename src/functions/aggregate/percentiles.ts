/**
 * The percentile aggregates: percentile(), percentiles(), percentiles_array() and their weighted
 * forms percentilew(), percentilesw(), percentilesw_array(). All take the nearest-rank percentile of
 * the group's non-null values through population.ts; the weighted forms count each value as many
 * times as its weight (an int or long; rows whose weight is null, zero or negative count nothing).
 * Kusto estimates with a T-Digest (exact at P = 0 and 100, within 1% of rank elsewhere); kqlx computes
 * exactly, so a result is always a member of the population.
 *
 *   percentile(X, P), percentilew(X, W, P)       one value, typed: long for int/long input, real for
 *                                                real/decimal, the input's own type for datetime and
 *                                                timespan; null when the group has no values.
 *   percentiles(X, P1, P2, ...), percentilesw    one column per percentile, named as percentile()
 *                                                names it; summarize gives the columns (see
 *                                                semantics/operators/summarize.ts), so the function
 *                                                itself binds only with one percentile.
 *   percentiles_array(X, P1, P2, ... | dynamic), percentilesw_array
 *                                                one dynamic array, the values in percentile order
 *                                                (datetimes and timespans as their text, as in any
 *                                                dynamic); null when the group has no values.
 *
 * A percentile is a number; P outside [0, 100] is clamped. A percentile that is not a constant is read
 * from the rows (the last row's valid value is used); an element of a percentiles array that is not a
 * number gives null in its place.
 */
import type { Accumulator, AggregateBinding, AggregateFunction, ArgInfo, BindResult } from '../types.js';
import { toDynamic } from '../../types/convert.js';
import { isNumeric, type ScalarType } from '../../types/scalar-type.js';
import type { Value } from '../../types/value.js';
import { error, isSummable } from './common.js';
import { type Orderable, Population, percentileOf } from './population.js';

/** The type of a percentile of values of type `t`. */
export function percentileResultType(t: ScalarType): ScalarType {
  if (t === 'int' || t === 'long') return 'long';
  if (t === 'real' || t === 'decimal') return 'real';
  return t;
}

/**
 * The name suffix for a percentile: Kusto writes the constant with '.' as '_' (`percentile(X, 95)`
 * → `percentile_X_95`, `percentile(X, 99.5)` → `percentile_X_99_5`) and leaves it empty when the
 * percentile is not a literal. `text` is whatever the binder passes as the percentile's "name".
 */
function percentileSuffix(text: string | undefined): string {
  if (text === undefined || !/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return '';
  return String(Number(text)).replace(/[^0-9A-Za-z]/g, '_');
}

function percentNumber(v: Value | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * The percentiles a row's arguments ask for, from argument `first` on: the numbers written out, or the
 * elements of a dynamic array. A position whose value is not a number keeps what `previous` held there.
 */
function readPercents(a: readonly Value[], first: number, fromArray: boolean, previous: readonly (number | null)[]): (number | null)[] {
  if (fromArray) {
    const list = a[first];
    return Array.isArray(list) ? list.map(percentNumber) : [...previous];
  }
  return a.slice(first).map((v, i) => percentNumber(v) ?? previous[i] ?? null);
}

type Form = 'one' | 'columns' | 'array';

function percentileFunction(name: string, weighted: boolean, form: Form): AggregateFunction {
  const first = weighted ? 2 : 1;
  return {
    name,
    minArgs: first + 1,
    maxArgs: form === 'one' ? first + 1 : Infinity,
    /**
     * `percentile_<column>_<P>` (the array forms: `percentiles_<column>`). `args[first]` is the
     * percentile constant's text (e.g. "95"), since Kusto builds the name from it; anything that is
     * not a non-negative number there gives an empty suffix (`percentile_X_`), as for a non-literal
     * percentile in Kusto.
     */
    defaultName: (args) =>
      form === 'array' ? `percentiles_${args[0] ?? ''}` : `percentile_${args[0] ?? ''}_${percentileSuffix(args[first])}`,
    bind(args: readonly ArgInfo[]): BindResult<AggregateBinding> {
      const t = args[0]!.type;
      if (!isSummable(t)) return error(`${name}(): the value must be a number, timespan or datetime, not '${t}'`);
      if (weighted) {
        const wt = args[1]!.type;
        if (wt !== 'int' && wt !== 'long') return error(`${name}(): the weight (argument 2) must be an integer (int or long), not '${wt}'`);
      }
      const percentArgs = args.slice(first);
      if (form === 'columns' && percentArgs.length > 1) {
        return error(`${name}() gives one column per percentile: call it directly in summarize, or use ${name}_array()`);
      }
      const fromArray = form === 'array' && percentArgs.length === 1 && percentArgs[0]!.type === 'dynamic';
      if (!fromArray) {
        for (const [i, p] of percentArgs.entries()) {
          if (!isNumeric(p.type)) return error(`${name}(): the percentile (argument ${first + i + 1}) must be a number, not '${p.type}'`);
          if (p.constant !== undefined && percentNumber(p.constant.value) === null) {
            return error(`${name}(): the percentile (argument ${first + i + 1}) must be a finite number`);
          }
        }
      }
      const fixed = percentArgs.every((p) => p.constant !== undefined)
        ? readPercents(args.map((a) => a.constant?.value ?? null), first, fromArray, [])
        : undefined;
      const resultType = percentileResultType(t);
      return {
        type: form === 'array' ? 'dynamic' : resultType,
        create(): Accumulator {
          const population = new Population();
          let percents: (number | null)[] = fixed ?? [];
          return {
            add(a) {
              if (fixed === undefined) percents = readPercents(a, first, fromArray, percents);
              const v = a[0];
              if (v === null || v === undefined) return;
              const weight = weighted ? a[1] : 1;
              if (typeof weight === 'number') population.add(v as Orderable, weight);
            },
            result() {
              const sorted = population.sorted();
              if (sorted.total === 0) return null;
              if (form === 'array') return percents.map((p) => (p === null ? null : toDynamic(percentileOf(sorted, p), resultType)));
              const p = percents[0];
              return p === null || p === undefined ? null : percentileOf(sorted, p);
            },
          };
        },
      };
    },
  };
}

export const percentileFunctions: AggregateFunction[] = [
  percentileFunction('percentile', false, 'one'),
  percentileFunction('percentilew', true, 'one'),
  percentileFunction('percentiles', false, 'columns'),
  percentileFunction('percentilesw', true, 'columns'),
  percentileFunction('percentiles_array', false, 'array'),
  percentileFunction('percentilesw_array', true, 'array'),
];

/**
 * XQL's aggregate functions, for comp (and windowcomp): the *count*, *count_distinct*, *sum*,
 * *avg*, *min*, *max*, *values*, *list*, *first*, *last*, *earliest*, *latest*, *median*, *var*,
 * *stddev_population*, *stddev_sample* and *approx_count* pages.
 *
 * Nulls are skipped by every aggregate but count(): count() counts rows, count(f) the non-null values.
 * Values are compared exactly (case included) for grouping and distinctness. sum, avg, min, max and
 * median of no value are null. values() gives the distinct non-null values, sorted (its page leaves
 * the order open), and [] when there are none. earliest(f)/latest(f) take the value at the earliest/
 * latest `_time`: the XQL binder passes `_time` as their hidden second argument.
 * approx_count is counted exactly: an exact count is within any approximation's bound, and stable.
 */
import { compareValues } from '../../types/compare.js';
import { toDynamic } from '../../types/convert.js';
import { isNumeric, type ScalarType } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import { distinctKey, error, isOrderable, prefixedName } from '../aggregate/common.js';
import type { Accumulator, AggregateBinding, AggregateFunction, ArgInfo, BindResult } from '../types.js';
import { numberOf } from './values.js';

function aggregate(
  name: string,
  min: number,
  max: number,
  bind: (args: readonly ArgInfo[]) => BindResult<AggregateBinding>,
): AggregateFunction {
  return { name, minArgs: min, maxArgs: max, defaultName: prefixedName(name), bind };
}

/** Numbers, or text holding numbers (a CSV column XQL documents as an integer). */
function checkNumeric(fn: string, t: ScalarType): string | undefined {
  return isNumeric(t) || t === 'string' || t === 'dynamic' ? undefined : `${fn}(): the field must be a number, not ${t}`;
}

const count = aggregate('count', 0, 1, (args) => ({
  type: 'long',
  create(): Accumulator {
    let n = 0;
    const all = args.length === 0;
    return {
      add: (a) => {
        if (all || (a[0] !== null && a[0] !== undefined)) n++;
      },
      result: () => n,
    };
  },
}));

class Distinct implements Accumulator {
  readonly seen = new Map<unknown, Value>();

  constructor(private readonly type: ScalarType) {}

  add(a: Value[]): void {
    const v = a[0];
    if (v !== null && v !== undefined) {
      const k = distinctKey(v, this.type);
      if (!this.seen.has(k)) this.seen.set(k, v);
    }
  }

  result(): Value {
    return this.seen.size;
  }
}

function distinctCount(name: string) {
  return aggregate(name, 1, 1, (args) => ({ type: 'long', create: () => new Distinct(args[0]!.type) }));
}

/** values(): the distinct non-null values, sorted: strings by UTF-16 code unit, numbers numerically. */
class Values extends Distinct {
  constructor(private readonly elementType: ScalarType) {
    super(elementType);
  }

  override result(): Value {
    const vs = [...this.seen.values()].sort((x, y) => compareValues(x, y, this.elementType));
    return vs.map((v) => toDynamic(v, this.elementType));
  }
}

const values = aggregate('values', 1, 1, (args) => ({ type: 'dynamic', create: () => new Values(args[0]!.type) }));

/** list(): up to 100 non-null values, in row order, duplicates kept (its page). */
const LIST_LIMIT = 100;
const list = aggregate('list', 1, 1, (args) => ({
  type: 'dynamic',
  create(): Accumulator {
    const out: Dynamic[] = [];
    const t = args[0]!.type;
    return {
      add: (a) => {
        const v = a[0];
        if (v !== null && v !== undefined && out.length < LIST_LIMIT) out.push(toDynamic(v, t));
      },
      result: () => out,
    };
  },
}));

function numericFold(name: string, resultType: (t: ScalarType) => ScalarType, finish: (xs: number[]) => number | null) {
  return aggregate(name, 1, 1, (args) => {
    const bad = checkNumeric(name, args[0]!.type);
    if (bad) return error(bad);
    return {
      type: resultType(args[0]!.type),
      create(): Accumulator {
        const xs: number[] = [];
        return {
          add: (a) => {
            const n = numberOf(a[0] ?? null);
            if (n !== null) xs.push(n);
          },
          result: () => (xs.length === 0 ? null : finish(xs)),
        };
      },
    };
  });
}

const integralOrReal = (t: ScalarType): ScalarType => (t === 'int' || t === 'long' || t === 'string' ? 'long' : 'real');
const sumOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const mean = (xs: number[]) => sumOf(xs) / xs.length;
function variance(xs: number[], sample: boolean): number | null {
  if (sample && xs.length < 2) return null;
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (sample ? xs.length - 1 : xs.length);
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function extreme(name: string, sign: 1 | -1) {
  return aggregate(name, 1, 1, (args) => {
    const t = args[0]!.type;
    if (!isOrderable(t) && t !== 'dynamic') return error(`${name}(): cannot order values of type ${t}`);
    return {
      type: t,
      create(): Accumulator {
        let best: Value = null;
        return {
          add: (a) => {
            const v = a[0] ?? null;
            if (v !== null && (best === null || sign * compareValues(v, best, t) < 0)) best = v;
          },
          result: () => best,
        };
      },
    };
  });
}

/** first/last: the value of the group's first/last row, in the order the rows arrive. */
function positional(name: string, last: boolean) {
  return aggregate(name, 1, 1, (args) => ({
    type: args[0]!.type,
    create(): Accumulator {
      let seen = false;
      let value: Value = null;
      return {
        add: (a) => {
          if (last || !seen) value = a[0] ?? null;
          seen = true;
        },
        result: () => value,
      };
    },
  }));
}

/** earliest/latest(f, _time): f at the smallest/largest time; the first such row wins a tie. */
function chronological(name: string, latest: boolean) {
  return aggregate(name, 2, 2, (args) => ({
    type: args[0]!.type,
    create(): Accumulator {
      let at: bigint | null = null;
      let value: Value = null;
      return {
        add: (a) => {
          const t = a[1];
          if (typeof t !== 'bigint') return;
          if (at === null || (latest ? t > at : t < at)) {
            at = t;
            value = a[0] ?? null;
          }
        },
        result: () => value,
      };
    },
  }));
}

export const xqlAggregateFunctions: AggregateFunction[] = [
  count,
  distinctCount('count_distinct'),
  distinctCount('approx_count'),
  numericFold('sum', integralOrReal, sumOf),
  numericFold('avg', () => 'real', mean),
  numericFold('median', () => 'real', median),
  numericFold('var', () => 'real', (xs) => variance(xs, true)),
  numericFold('stddev_population', () => 'real', (xs) => Math.sqrt(variance(xs, false)!)),
  numericFold('stddev_sample', () => 'real', (xs) => {
    const v = variance(xs, true);
    return v === null ? null : Math.sqrt(v);
  }),
  extreme('min', 1),
  extreme('max', -1),
  values,
  list,
  positional('first', false),
  positional('last', true),
  chronological('earliest', false),
  chronological('latest', true),
];

/** Aggregates whose hidden last argument is the row's `_time`. */
export const TIME_ORDERED_AGGREGATES: ReadonlySet<string> = new Set(['earliest', 'latest']);

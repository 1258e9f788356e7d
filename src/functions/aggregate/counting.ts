/**
 * Aggregates that count: count(), countif(), dcount(), dcountif(), count_distinct(),
 * count_distinctif(). All return long, and 0 for a group with nothing to count (the documented
 * default of summarize over an empty input).
 *
 * dcount() and dcountif() are HyperLogLog estimates in Kusto; kqlx counts EXACTLY instead. Kusto's
 * estimate is within its documented error bound of the exact count (and is exact for small sets),
 * and an exact count is deterministic, so results never vary between runs. The accuracy argument is
 * checked (0..4, as documented) and otherwise ignored.
 *
 * Nulls are never counted as distinct values. Empty strings are values (strings have no null in
 * KQL). Dynamic values are distinct by their JSON text.
 */
import type { Accumulator, AggregateFunction, ArgInfo, BindResult, AggregateBinding } from '../types.js';
import type { ScalarType } from '../../types/scalar-type.js';
import type { Value } from '../../types/value.js';
import { checkIntegerParam, checkPredicate, distinctKey, error, onlyWhere, prefixedName } from './common.js';

/** count() or count(expr): the number of rows in the group, nulls included (as the docs show). */
const count: AggregateFunction = {
  name: 'count',
  minArgs: 0,
  maxArgs: 1,
  defaultName: prefixedName('count'),
  bind: () => ({
    type: 'long',
    create(): Accumulator {
      let n = 0;
      return {
        add() {
          n++;
        },
        result: () => n,
      };
    },
  }),
};

/** countif(predicate): the number of rows for which the predicate is true (null counts as false). */
const countif: AggregateFunction = {
  name: 'countif',
  minArgs: 1,
  maxArgs: 1,
  defaultName: prefixedName('countif'),
  bind(args) {
    const bad = checkPredicate('countif', args, 0);
    if (bad) return error(bad);
    return {
      type: 'long',
      create(): Accumulator {
        let n = 0;
        return {
          add(a) {
            if (a[0] === true) n++;
          },
          result: () => n,
        };
      },
    };
  },
};

/** One group's distinct values. A class, so a group allocates its Set and nothing else. */
class DistinctCounter implements Accumulator {
  private readonly seen = new Set<unknown>();

  constructor(private readonly type: ScalarType) {}

  add(a: Value[]): void {
    const v = a[0];
    if (v !== null && v !== undefined) this.seen.add(distinctKey(v, this.type));
  }

  result(): Value {
    return this.seen.size;
  }
}

function distinctCounter(type: ScalarType): () => Accumulator {
  return () => new DistinctCounter(type);
}

interface DistinctOptions {
  readonly name: string;
  /** Index of the predicate argument, for the `if` forms. */
  readonly predicate?: number;
  /** Index of the optional accuracy argument (dcount/dcountif only). */
  readonly accuracy?: number;
  /** count_distinct() refuses dynamic input (Kusto: "the value of type 'dynamic' is not allowed"). */
  readonly allowDynamic: boolean;
}

function distinctFunction(o: DistinctOptions): AggregateFunction {
  const fixed = 1 + (o.predicate !== undefined ? 1 : 0);
  return {
    name: o.name,
    minArgs: fixed,
    maxArgs: fixed + (o.accuracy !== undefined ? 1 : 0),
    defaultName: prefixedName(o.name),
    bind(args: readonly ArgInfo[]): BindResult<AggregateBinding> {
      const t = args[0]!.type;
      if (!o.allowDynamic && t === 'dynamic') return error(`${o.name}(): a value of type 'dynamic' is not allowed here`);
      if (o.predicate !== undefined) {
        const bad = checkPredicate(o.name, args, o.predicate);
        if (bad) return error(bad);
      }
      if (o.accuracy !== undefined) {
        const bad = checkIntegerParam(o.name, args, o.accuracy, 'accuracy', 0, 4);
        if (bad) return error(bad);
      }
      const create = distinctCounter(t);
      return { type: 'long', create: o.predicate !== undefined ? onlyWhere(create, o.predicate) : create };
    },
  };
}

export const countingFunctions: AggregateFunction[] = [
  count,
  countif,
  distinctFunction({ name: 'dcount', accuracy: 1, allowDynamic: true }),
  distinctFunction({ name: 'dcountif', predicate: 1, accuracy: 2, allowDynamic: true }),
  distinctFunction({ name: 'count_distinct', allowDynamic: false }),
  distinctFunction({ name: 'count_distinctif', predicate: 1, allowDynamic: false }),
];

/**
 * Aggregates that collect values into dynamic arrays and bags, and the row samplers:
 *   make_set(), makeset(), make_set_if(), make_list(), makelist(), make_list_if(),
 *   make_list_with_nulls(), make_bag(), make_dictionary(), make_bag_if(),
 *   take_any(), any(), take_anyif(), anyif().
 *
 * Collections
 *   - Elements are dynamic: numbers stay numbers, datetimes and timespans become their text
 *     (convert.ts toDynamic), dynamic values are kept as they are.
 *   - Nulls are skipped, except by make_list_with_nulls(). Strings have no null in KQL, so an empty
 *     string is an element.
 *   - make_set keeps the first-seen order and compares dynamic elements by their JSON text. Given a
 *     dynamic array it adds the array's elements, not the array (the documented "set from array
 *     column" example). make_list keeps arrays as single elements and follows the input order.
 *   - The optional maxSize caps the element count: adding stops once it is reached. Default and
 *     maximum 1048576; the deprecated spellings makeset(), makelist() and make_dictionary() default
 *     to 128, so they are separate functions rather than aliases. A constant maxSize must be within
 *     [1..1048576] (Kusto's SEM0248); a non-constant one is read from each row.
 *   - make_bag merges the property bags among the values (other values are skipped); when a key
 *     repeats, the first value seen is kept (Kusto picks an arbitrary one).
 *   - With nothing collected, sets and lists are []. make_bag gives {} for a group whose values held
 *     no bag, and [] when it received no rows at all: the documented default of every make_* for
 *     summarize over an empty input is "empty dynamic array ([])".
 *
 * Samplers
 *   take_any(expr) returns a value from the group; per the docs it prefers a non-null, non-empty
 *   value when one exists. kqlx returns the first such value (deterministic), else the first value
 *   seen. take_anyif() does the same over rows whose predicate is true, and gives null (empty string
 *   for strings) when there are none. any() and anyif() are the deprecated spellings; they are
 *   separate functions because Kusto names their columns differently: take_any(X) → X but
 *   any(X) → any_X. take_any with several arguments or `*` returns several columns and is the core's
 *   business; here it takes exactly one expression.
 */
import type { Accumulator, AggregateBinding, AggregateFunction, ArgInfo, BindResult } from '../types.js';
import { toDynamic } from '../../types/convert.js';
import type { ScalarType } from '../../types/scalar-type.js';
import { type Dynamic, isPlainObject, type Value } from '../../types/value.js';
import {
  checkIntegerParam,
  checkPredicate,
  constantInteger,
  error,
  LEGACY_COLLECTION_SIZE,
  MAX_COLLECTION_SIZE,
  onlyWhere,
  prefixedName,
  rowLimit,
} from './common.js';
import { dynamicToJson } from '../../types/json-text.js';

interface CollectOptions {
  readonly name: string;
  /** The column-name prefix: `set`, `list`, `bag`, `dictionary`. */
  readonly prefix: string;
  /** Index of the predicate argument for the `_if` forms. */
  readonly predicate?: number;
  /** Index of the optional maxSize argument; absent for make_list_with_nulls. */
  readonly limit?: number;
  readonly defaultLimit: number;
}

/** Shared binding logic: argument counts, predicate and maxSize checks, the limit per row. */
function collector(
  o: CollectOptions,
  check: (args: readonly ArgInfo[]) => string | undefined,
  make: (type: ScalarType, limitOf: (row: Value[]) => number) => () => Accumulator,
): AggregateFunction {
  const fixed = 1 + (o.predicate !== undefined ? 1 : 0);
  return {
    name: o.name,
    minArgs: fixed,
    maxArgs: fixed + (o.limit !== undefined ? 1 : 0),
    defaultName: prefixedName(o.prefix),
    bind(args: readonly ArgInfo[]): BindResult<AggregateBinding> {
      const bad =
        check(args) ??
        (o.predicate !== undefined ? checkPredicate(o.name, args, o.predicate) : undefined) ??
        (o.limit !== undefined ? checkIntegerParam(o.name, args, o.limit, 'maximum size', 1, MAX_COLLECTION_SIZE) : undefined);
      if (bad) return error(bad);
      const fixedLimit = o.limit !== undefined ? constantInteger(args, o.limit) : undefined;
      const li = o.limit;
      const limitOf =
        fixedLimit !== undefined || li === undefined || args[li] === undefined
          ? () => fixedLimit ?? o.defaultLimit
          : (row: Value[]) => rowLimit(row, li, o.defaultLimit);
      const create = make(args[0]!.type, limitOf);
      return { type: 'dynamic', create: o.predicate !== undefined ? onlyWhere(create, o.predicate) : create };
    },
  };
}

const anyType = (): undefined => undefined;

// ── make_set ───────────────────────────────────────────────────────────────

/** Below this many elements a set is searched in its array; beyond, a Set holds its keys. */
const SMALL_SET = 8;

/**
 * One group's set. A class, so a group allocates no closures; most groups hold a few elements,
 * so the Set of keys is only made once the array outgrows a linear search.
 */
class SetCollector implements Accumulator {
  private readonly items: Dynamic[] = [];
  private readonly keys: unknown[] = [];
  private seen: Set<unknown> | undefined;

  constructor(
    private readonly type: ScalarType,
    private readonly limitOf: (row: Value[]) => number,
  ) {}

  add(a: Value[]): void {
    const v = a[0];
    if (v === null || v === undefined) return;
    const limit = this.limitOf(a);
    if (this.type === 'dynamic' && Array.isArray(v)) {
      for (const e of v) this.put(e, limit);
    } else {
      this.put(toDynamic(v, this.type), limit);
    }
  }

  result(): Value {
    return this.items.slice();
  }

  private put(e: Dynamic, limit: number): void {
    if (e === null || this.items.length >= limit) return;
    const key = this.type === 'dynamic' ? dynamicToJson(e) : e;
    if (this.seen ? this.seen.has(key) : this.keys.includes(key)) return;
    this.items.push(e);
    if (this.seen) this.seen.add(key);
    else if (this.keys.push(key) > SMALL_SET) this.seen = new Set(this.keys);
  }
}

function makeSet(o: CollectOptions): AggregateFunction {
  return collector(o, anyType, (type, limitOf) => () => new SetCollector(type, limitOf));
}

// ── make_list ──────────────────────────────────────────────────────────────

function makeList(o: CollectOptions, keepNulls: boolean): AggregateFunction {
  return collector(o, anyType, (type, limitOf) => () => {
    const items: Dynamic[] = [];
    return {
      add(a) {
        const v = a[0];
        if ((v === null || v === undefined) && !keepNulls) return;
        if (items.length >= limitOf(a)) return;
        items.push(toDynamic(v ?? null, type));
      },
      result: () => items.slice(),
    };
  });
}

// ── make_bag ───────────────────────────────────────────────────────────────

function makeBag(o: CollectOptions): AggregateFunction {
  const check = (args: readonly ArgInfo[]): string | undefined =>
    args[0]!.type === 'dynamic' ? undefined : `${o.name}(): the value must be a dynamic property bag, not '${args[0]!.type}'`;
  return collector(o, check, (_type, limitOf) => () => {
    const bag: { [key: string]: Dynamic } = {};
    let keys = 0;
    let rows = 0;
    return {
      add(a) {
        rows++;
        const v = a[0];
        if (!isPlainObject(v)) return;
        const limit = limitOf(a);
        for (const k of Object.keys(v)) {
          if (Object.prototype.hasOwnProperty.call(bag, k)) continue;
          if (keys >= limit) return;
          bag[k] = v[k]!;
          keys++;
        }
      },
      result: () => (rows === 0 ? [] : { ...bag }),
    };
  });
}

// ── take_any / any ─────────────────────────────────────────────────────────

function isEmptyValue(v: Value): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return isPlainObject(v) && Object.keys(v).length === 0;
}

function sampler(name: string, predicate: boolean, defaultName: (args: readonly (string | undefined)[]) => string): AggregateFunction {
  return {
    name,
    minArgs: predicate ? 2 : 1,
    maxArgs: predicate ? 2 : 1,
    defaultName,
    bind(args) {
      if (predicate) {
        const bad = checkPredicate(name, args, 1);
        if (bad) return error(bad);
      }
      const type = args[0]!.type;
      const create = (): Accumulator => {
        let first: Value = null;
        let seen = false;
        let chosen: Value = null;
        let found = false;
        return {
          add(a) {
            if (found) return;
            const v = a[0] ?? null;
            if (!seen) {
              seen = true;
              first = v;
            }
            if (!isEmptyValue(v)) {
              chosen = v;
              found = true;
            }
          },
          result() {
            const v = found ? chosen : first;
            return v === null && type === 'string' ? '' : v;
          },
        };
      };
      return { type, create: predicate ? onlyWhere(create, 1) : create };
    },
  };
}

export const collectionFunctions: AggregateFunction[] = [
  makeSet({ name: 'make_set', prefix: 'set', limit: 1, defaultLimit: MAX_COLLECTION_SIZE }),
  makeSet({ name: 'makeset', prefix: 'set', limit: 1, defaultLimit: LEGACY_COLLECTION_SIZE }),
  makeSet({ name: 'make_set_if', prefix: 'set', predicate: 1, limit: 2, defaultLimit: MAX_COLLECTION_SIZE }),
  makeList({ name: 'make_list', prefix: 'list', limit: 1, defaultLimit: MAX_COLLECTION_SIZE }, false),
  makeList({ name: 'makelist', prefix: 'list', limit: 1, defaultLimit: LEGACY_COLLECTION_SIZE }, false),
  makeList({ name: 'make_list_if', prefix: 'list', predicate: 1, limit: 2, defaultLimit: MAX_COLLECTION_SIZE }, false),
  makeList({ name: 'make_list_with_nulls', prefix: 'list', defaultLimit: MAX_COLLECTION_SIZE }, true),
  makeBag({ name: 'make_bag', prefix: 'bag', limit: 1, defaultLimit: MAX_COLLECTION_SIZE }),
  makeBag({ name: 'make_dictionary', prefix: 'dictionary', limit: 1, defaultLimit: LEGACY_COLLECTION_SIZE }),
  makeBag({ name: 'make_bag_if', prefix: 'bag', predicate: 1, limit: 2, defaultLimit: MAX_COLLECTION_SIZE }),
  // take_any(X) → X; for an expression Kusto names the column any_arg0.
  sampler('take_any', false, (args) => args[0] ?? 'any_arg0'),
  sampler('any', false, prefixedName('any')),
  // take_anyif(X, p) → X; for an expression Kusto gives the generic Column1 (the binder numbers it).
  sampler('take_anyif', true, (args) => args[0] ?? 'Column1'),
  sampler('anyif', true, prefixedName('anyif')),
];

/**
 * Shared pieces of the aggregate functions: argument checks used at bind time, the default-name
 * rules Kusto applies to unnamed aggregate columns, the `*if` predicate wrapper, and the keys that
 * decide when two values are "the same" for distinct counting and sets.
 *
 * Default names (checked against Kusto.Language's own naming, which mirrors the engine):
 *   - most aggregates are `<prefix>_<column>` when the first argument is a plain column and
 *     `<prefix>_` otherwise: `sum(X)` → `sum_X`, `sum(X * 2)` → `sum_`, `count()` → `count_`;
 *   - a few take the column's own name (`take_any(X)` → `X`, `binary_all_and(X)` → `X`) and fall
 *     back to something else for expressions (see each function).
 * The binder passes `args` as the arguments' column names (undefined when not a plain column);
 * it is also expected to look through conversions the way Kusto does (`sum(tolong(X))` → `sum_X`)
 * and to de-duplicate clashes (`count_`, `count_1`).
 */
import type { Accumulator, ArgInfo } from '../types.js';
import { isNumeric, isTicks, type ScalarType } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import { dynamicToJson } from '../../types/json-text.js';

/** Default and maximum element count of make_set / make_list / make_bag (and their `_if` forms). */
export const MAX_COLLECTION_SIZE = 1_048_576;
/** Default size limit of the deprecated spellings makeset(), makelist() and make_dictionary(). */
export const LEGACY_COLLECTION_SIZE = 128;

/** `<prefix>_<first argument's column name>`, or `<prefix>_` when it is not a plain column. */
export function prefixedName(prefix: string): (args: readonly (string | undefined)[]) => string {
  return (args) => `${prefix}_${args[0] ?? ''}`;
}

export function error(message: string): { readonly error: string } {
  return { error: message };
}

/** Types that sum(), avg() and the statistics accept: numbers, timespans and datetimes. */
export function isSummable(t: ScalarType): boolean {
  return isNumeric(t) || isTicks(t);
}

/** Types that min(), max() and percentile-like selections can order. */
export function isOrderable(t: ScalarType): boolean {
  return isNumeric(t) || isTicks(t) || t === 'string' || t === 'bool';
}

/** Checks that argument `i` (0-based) of `fn` is a bool predicate. */
export function checkPredicate(fn: string, args: readonly ArgInfo[], i: number): string | undefined {
  const t = args[i]!.type;
  return t === 'bool' ? undefined : `${fn}(): argument ${i + 1} (the predicate) must be bool, not '${t}'`;
}

/**
 * Checks an optional integer parameter (a size limit or an accuracy level): it must be int or long,
 * and when it is a constant (as Kusto requires it to be) its value must lie in [min, max].
 */
export function checkIntegerParam(
  fn: string,
  args: readonly ArgInfo[],
  i: number,
  what: string,
  min: number,
  max: number,
): string | undefined {
  const a = args[i];
  if (a === undefined) return undefined;
  if (a.type !== 'int' && a.type !== 'long') return `${fn}(): the ${what} (argument ${i + 1}) must be an integer, not '${a.type}'`;
  if (a.constant !== undefined) {
    const v = a.constant.value;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      return `${fn}(): the ${what} (argument ${i + 1}) must be an integer in the range [${min}..${max}]`;
    }
  }
  return undefined;
}

/**
 * The value of an optional integer parameter: its constant when bound as one, otherwise whatever the
 * row carries (callers read it per row), otherwise `fallback`.
 */
export function constantInteger(args: readonly ArgInfo[], i: number): number | undefined {
  const v = args[i]?.constant?.value;
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : undefined;
}

/** Reads a size limit from row `args[i]` when the parameter was not a constant. */
export function rowLimit(args: Value[], i: number, fallback: number): number {
  const v = args[i];
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.min(Math.trunc(v), MAX_COLLECTION_SIZE) : fallback;
}

/** Wraps an accumulator factory so that only rows whose predicate (at `predIndex`) is true reach it. */
export function onlyWhere(create: () => Accumulator, predIndex: number): () => Accumulator {
  return () => {
    const inner = create();
    return {
      add(args) {
        if (args[predIndex] === true) inner.add(args);
      },
      result: () => inner.result(),
    };
  };
}

/**
 * The identity of a value for distinct counting and sets. Values of one scalar type are compared as
 * themselves (numbers, strings, booleans, bigint ticks are all primitives a Set compares by value);
 * dynamic values are compared by their JSON text, so `1` and `"1"` differ and `[1,2]` equals `[1,2]`.
 */
export function distinctKey(v: Value, type: ScalarType): unknown {
  return type === 'dynamic' ? dynamicToJson(v as Dynamic) : v;
}

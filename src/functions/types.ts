/**
 * The contract of a built-in function. Each function carries its signature (how to type a call)
 * and its implementation side by side, as Kusto.Language's FunctionSymbol does: the binder calls
 * `bind` once per call site with the argument types (and constant values, so regexes and formats are
 * compiled once), and the evaluator calls the returned `impl` once per row.
 */
import type { Random } from '../common/random.js';
import type { ScalarType } from '../types/scalar-type.js';
import type { Value } from '../types/value.js';

export interface ArgInfo {
  readonly type: ScalarType;
  /** Present when the argument is a constant (a literal or a folded constant expression). */
  readonly constant?: { readonly value: Value };
  /** The column name when the argument is a plain column reference (bag_pack_columns' keys). */
  readonly columnName?: string;
}

/** What every implementation may read besides its arguments. */
export interface EvalContext {
  /** The query's now(), in ticks; fixed for a whole query run. */
  readonly now: bigint;
  /** The run's random source (sample, rand()): seeded, so a run can be repeated exactly. */
  readonly random: Random;
}

/**
 * Called once per row. `args` is a reused array: read it, never keep it.
 * Arguments arrive in the representation of their bound type (see types/value.ts).
 */
export type ScalarImpl = (args: Value[], ctx: EvalContext) => Value;

export type BindResult<T> = T | { readonly error: string };

export interface ScalarBinding {
  readonly type: ScalarType;
  readonly impl: ScalarImpl;
}

export interface ScalarFunction {
  readonly name: string;
  /** Legacy or alternative spellings (`iif` for `iff`, `todynamic` for `parse_json`). */
  readonly aliases?: readonly string[];
  readonly minArgs: number;
  readonly maxArgs: number;
  /** false for a function whose value depends on the run (now(), rand()): never computed at bind time. */
  readonly pure?: false;
  bind(args: readonly ArgInfo[]): BindResult<ScalarBinding>;
}

/** Per-group state of an aggregate. `args` is a reused array: read it, never keep it. */
export interface Accumulator {
  add(args: Value[]): void;
  result(): Value;
}

export interface AggregateBinding {
  readonly type: ScalarType;
  create(): Accumulator;
}

export interface AggregateFunction {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly minArgs: number;
  readonly maxArgs: number;
  /**
   * The default result column name, as Kusto gives it: `count_`, `dcount_X`, `set_X`, `sum_X`, ...
   * `args` are the arguments' column names where they are plain column references.
   */
  defaultName(args: readonly (string | undefined)[]): string;
  bind(args: readonly ArgInfo[]): BindResult<AggregateBinding>;
}

export function isBindError<T>(r: BindResult<T>): r is { readonly error: string } {
  return typeof r === 'object' && r !== null && 'error' in r;
}

/**
 * A language's rules, as the generic binder asks for them. The binder, the plan and the evaluator are
 * shared by every language kqlx runs; what differs between KQL, XQL and Cloud SIEM rule expressions
 * is answered here: which functions exist, how operands of a comparison are converted, what a
 * comparison means (case, wildcards, nulls). Each language supplies one Dialect (languages/kql.ts);
 * how source names resolve (tables, watchlists, datasets) comes from the product's Catalog (context.ts).
 */
import type { CompareOp } from '../functions/operators.js';
import type { AggregateFunction, ArgInfo, ScalarFunction, ScalarImpl } from '../functions/types.js';
import type { StringNulls } from '../table/column.js';
import type { ScalarType } from '../types/scalar-type.js';

/** A function of several outputs (series_stats): one dynamic bag, spread into typed columns. */
export interface MultiColumnFunction {
  /** The scalar function that computes the bag. */
  readonly bag: string;
  readonly outputs: readonly { readonly name: string; readonly type: ScalarType }[];
}

/** The functions a language has, by the name its queries call them. */
export interface FunctionCatalog {
  scalar(name: string): ScalarFunction | undefined;
  aggregate(name: string): AggregateFunction | undefined;
  multiColumn(name: string): MultiColumnFunction | undefined;
  /**
   * A function the language has and kqlx does not run, refused by name (with a reason when there is
   * one); undefined for a name the language does not have, which is an unknown function.
   */
  refused(name: string): { readonly reason?: string } | undefined;
  /** Whether `name` is a plugin of the language (`evaluate name(...)`), implemented or not. */
  isPlugin(name: string): boolean;
  /** The names of the scalar (or aggregate) functions, for "did you mean" suggestions. */
  names?(kind: 'scalar' | 'aggregate'): Iterable<string>;
}

export interface Dialect {
  readonly name: string;
  readonly functions: FunctionCatalog;
  /**
   * The language's implicit conversion for a comparison: the one type both operands are converted to,
   * or undefined when the language rejects comparing the two.
   */
  comparisonType(left: ArgInfo, right: ArgInfo): ScalarType | undefined;
  /**
   * What `left op right` means once both are of `type`: case sensitivity and wildcards of string
   * equality, and how a null operand compares (KQL: the result is null; XQL: `= null` tests
   * nullness; Cloud SIEM: never true). The operands' ArgInfo tells constants (a null literal, a pattern).
   */
  comparison(op: CompareOp, type: ScalarType, operands: readonly [ArgInfo, ArgInfo]): ScalarImpl;
  /**
   * SQL `text LIKE pattern`, for languages that have it (Cloud SIEM); absent, `like` is refused by name.
   * Called with the pattern when it is a constant, so it is compiled once.
   */
  like?(constantPattern: string | undefined): ScalarImpl;
  /**
   * Whether a string can be null: `keep` for XQL and Cloud SIEM (`field = null`); `empty` for KQL,
   * whose strings are never null, so the evaluator reads and makes every null string as ''.
   */
  readonly stringNulls: StringNulls;
}

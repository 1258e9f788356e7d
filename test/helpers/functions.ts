/** Calls built-in functions directly, the way the evaluator does, for unit tests of function families. */
import { aggregates, scalarFunctions } from '../../src/functions/index.js';
import { isBindError, type ArgInfo } from '../../src/functions/types.js';
import type { ScalarType } from '../../src/types/scalar-type.js';
import type { Value } from '../../src/types/value.js';

export interface TypedArg {
  type: ScalarType;
  value: Value;
  /** Pass the value to bind() as a constant (as a literal in a query would be). Default true. */
  constant?: boolean;
}

export const NOW = 17145216000000000n; // 2024-05-01T00:00:00Z in ticks since the Unix epoch

/** Binds `name` for the argument types and calls it once; returns the result type and value. */
export function callScalar(name: string, ...args: TypedArg[]): { type: ScalarType; value: Value } {
  const fn = scalarFunctions.get(name);
  if (!fn) throw new Error(`no scalar function '${name}'`);
  const infos: ArgInfo[] = args.map((a) => ({ type: a.type, constant: a.constant === false ? undefined : { value: a.value } }));
  const bound = fn.bind(infos);
  if (isBindError(bound)) throw new Error(bound.error);
  return { type: bound.type, value: bound.impl(args.map((a) => a.value), { now: NOW }) };
}

/** Binds and feeds rows (each an argument list) to an aggregate; returns the result type and value. */
export function callAggregate(name: string, types: ScalarType[], rows: Value[][]): { type: ScalarType; value: Value } {
  const fn = aggregates.get(name);
  if (!fn) throw new Error(`no aggregate '${name}'`);
  const bound = fn.bind(types.map((type) => ({ type })));
  if (isBindError(bound)) throw new Error(bound.error);
  const acc = bound.create();
  for (const r of rows) acc.add(r);
  return { type: bound.type, value: acc.result() };
}

export const s = (value: string): TypedArg => ({ type: 'string', value });
export const l = (value: number | null): TypedArg => ({ type: 'long', value });
export const r = (value: number | null): TypedArg => ({ type: 'real', value });
export const b = (value: boolean | null): TypedArg => ({ type: 'bool', value });
export const d = (value: unknown): TypedArg => ({ type: 'dynamic', value: value as Value });

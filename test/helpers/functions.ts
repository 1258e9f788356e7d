/** Calls built-in functions directly, the way the evaluator does, for unit tests of function families. */
import { seededRandom } from '../../src/common/random.js';
import { aggregates, scalarFunctions } from '../../src/functions/index.js';
import { isBindError, type AggregateFunction, type ArgInfo, type ScalarFunction } from '../../src/functions/types.js';
import { xqlAggregates, xqlScalarFunctions } from '../../src/functions/xql/index.js';
import { formatDatetime, parseDatetime } from '../../src/types/datetime.js';
import type { ScalarType } from '../../src/types/scalar-type.js';
import { formatTimespan, parseTimespanText } from '../../src/types/timespan.js';
import type { Value } from '../../src/types/value.js';

export interface TypedArg {
  type: ScalarType;
  value: Value;
  /** Pass the value to bind() as a constant (as a literal in a query would be). Default true. */
  constant?: boolean;
}

export const NOW = 17145216000000000n; // 2024-05-01T00:00:00Z in ticks since the Unix epoch

/** One language's function library. */
interface Library {
  readonly scalars: ReadonlyMap<string, ScalarFunction>;
  readonly aggregates: ReadonlyMap<string, AggregateFunction>;
}

const KQL_LIBRARY: Library = { scalars: scalarFunctions, aggregates };
const XQL_LIBRARY: Library = { scalars: xqlScalarFunctions, aggregates: xqlAggregates };

/** Binds `name` for the argument types and calls it once; returns the result type and value. */
export function callScalar(name: string, ...args: TypedArg[]): { type: ScalarType; value: Value } {
  return callScalarIn(KQL_LIBRARY, name, args);
}

function callScalarIn(lib: Library, name: string, args: TypedArg[]): { type: ScalarType; value: Value } {
  const fn = lib.scalars.get(name);
  if (!fn) throw new Error(`no scalar function '${name}'`);
  const infos: ArgInfo[] = args.map((a) => ({ type: a.type, constant: a.constant === false ? undefined : { value: a.value } }));
  const bound = fn.bind(infos);
  if (isBindError(bound)) throw new Error(bound.error);
  return { type: bound.type, value: bound.impl(args.map((a) => a.value), { now: NOW, random: seededRandom(0) }) };
}

/** Binds and feeds rows (each an argument list) to an aggregate; returns the result type and value. */
export function callAggregate(name: string, types: ScalarType[], rows: Value[][]): { type: ScalarType; value: Value } {
  return callAggregateIn(KQL_LIBRARY, name, types, rows);
}

function callAggregateIn(lib: Library, name: string, types: ScalarType[], rows: Value[][]): { type: ScalarType; value: Value } {
  const fn = lib.aggregates.get(name);
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

export const int = (value: number | null): TypedArg => ({ type: 'int', value });
export const dt = (text: string | null): TypedArg => ({ type: 'datetime', value: text === null ? null : parseDatetime(text)! });
export const ts = (text: string | null): TypedArg => ({ type: 'timespan', value: text === null ? null : parseTimespanText(text)! });

/** callScalar's value, with datetimes and timespans as their text, for readable expectations. */
export function call(name: string, ...args: TypedArg[]): unknown {
  return readable(callScalar(name, ...args));
}

/** The XQL library's counterparts of callScalar, callAggregate and call. */
export const xqlCallScalar = (name: string, ...args: TypedArg[]) => callScalarIn(XQL_LIBRARY, name, args);
export const xqlCallAggregate = (name: string, types: ScalarType[], rows: Value[][]) => callAggregateIn(XQL_LIBRARY, name, types, rows);
export const xqlCall = (name: string, ...args: TypedArg[]): unknown => readable(xqlCallScalar(name, ...args));

function readable({ type, value }: { type: ScalarType; value: Value }): unknown {
  if (value === null) return null;
  if (type === 'datetime') return formatDatetime(value as bigint);
  if (type === 'timespan') return formatTimespan(value as bigint);
  return value;
}

export const typeOf = (name: string, ...args: TypedArg[]) => callScalar(name, ...args).type;

/** The bind error for these argument types (passed as constants), or undefined when they bind. */
export function bindErrorOf(name: string, ...args: TypedArg[]): string | undefined {
  const bound = scalarFunctions.get(name)!.bind(args.map((a) => ({ type: a.type, constant: { value: a.value } })));
  return isBindError(bound) ? bound.error : undefined;
}

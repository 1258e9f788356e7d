/**
 * Scalar functions: conditional family (iff/iif, case, coalesce, not).
 *
 * Typing follows Kusto.Language: the branches of iff()/case() and the arguments of coalesce() must
 * share a type; numeric types promote to the widest (int < long < real < decimal). A dynamic branch
 * of iff()/case() takes the type of the other branches (its value is converted at run time); where
 * the types have no common type the call is a bind error.
 */
import { convert } from '../../types/convert.js';
import { isNumeric, type ScalarType } from '../../types/scalar-type.js';
import type { Value } from '../../types/value.js';
import type { ArgInfo, ScalarFunction } from '../types.js';
import { BOOL, bindError, checkArgs } from './conversion.js';

/** Kusto.Language's widening order: decimal is wider than real (`iff(c, 1.5, decimal(1))` is decimal). */
const NUMERIC_RANK: Partial<Record<ScalarType, number>> = { int: 0, long: 1, real: 2, decimal: 3 };

/** The type both can be promoted to: the same type, or the wider of two numerics; else undefined. */
export function commonType(a: ScalarType, b: ScalarType): ScalarType | undefined {
  if (a === b) return a;
  if (isNumeric(a) && isNumeric(b)) return NUMERIC_RANK[a]! >= NUMERIC_RANK[b]! ? a : b;
  return undefined;
}

/** The common type of all the types, or undefined when two of them have none. */
export function commonTypeOf(types: readonly ScalarType[]): ScalarType | undefined {
  let result: ScalarType | undefined = types[0];
  for (let i = 1; i < types.length && result !== undefined; i++) result = commonType(result, types[i]!);
  return result;
}

/**
 * The result type of branches (iff, case): dynamic branches are left out unless all are dynamic,
 * as Kusto.Language's CommonNonDynamic return kind does.
 */
function branchType(types: readonly ScalarType[]): ScalarType | undefined {
  const typed = types.filter((t) => t !== 'dynamic');
  return typed.length === 0 ? 'dynamic' : commonTypeOf(typed);
}

/** Converts a branch value to the result's representation; numerics share one already. */
function branchConverter(from: ScalarType, to: ScalarType): ((v: Value) => Value) | undefined {
  if (from === to || (isNumeric(from) && isNumeric(to))) return undefined;
  return (v) => convert(v, from, to);
}

function describe(types: readonly ScalarType[]): string {
  return types.join(', ');
}

const iff: ScalarFunction = {
  name: 'iff',
  aliases: ['iif'],
  minArgs: 3,
  maxArgs: 3,
  bind(args) {
    const bad = checkArgs('iff', args, [BOOL]);
    if (bad) return bad;
    const types = [args[1]!.type, args[2]!.type];
    const type = branchType(types);
    if (type === undefined) return bindError('iff', `the then and else values must have the same type, not ${describe(types)}`);
    const thenConv = branchConverter(types[0]!, type);
    const elseConv = branchConverter(types[1]!, type);
    return {
      type,
      impl: (a) => {
        // A null condition is not true: the else value is returned.
        if (a[0] === true) return thenConv ? thenConv(a[1] ?? null) : (a[1] ?? null);
        return elseConv ? elseConv(a[2] ?? null) : (a[2] ?? null);
      },
    };
  },
};

const caseFn: ScalarFunction = {
  name: 'case',
  minArgs: 3,
  maxArgs: 2 * 64 + 1,
  bind(args: readonly ArgInfo[]) {
    if (args.length % 2 === 0) return bindError('case', 'expects pairs of predicate and value, then an else value');
    const values: ScalarType[] = [];
    for (let i = 0; i < args.length - 1; i += 2) {
      if (args[i]!.type !== 'bool') return bindError('case', `argument ${i + 1} (a predicate) must be a bool, not ${args[i]!.type}`);
      values.push(args[i + 1]!.type);
    }
    values.push(args[args.length - 1]!.type);
    const type = branchType(values);
    if (type === undefined) return bindError('case', `all values must have the same type, not ${describe(values)}`);
    const convs = values.map((t) => branchConverter(t, type));
    const last = args.length - 1;
    return {
      type,
      impl: (a) => {
        let index = last;
        for (let i = 0; i < last; i += 2) {
          if (a[i] === true) {
            index = i + 1;
            break;
          }
        }
        const conv = convs[index === last ? convs.length - 1 : (index - 1) / 2];
        const v = a[index] ?? null;
        return conv ? conv(v) : v;
      },
    };
  },
};

const coalesce: ScalarFunction = {
  name: 'coalesce',
  minArgs: 2,
  maxArgs: 64,
  bind(args) {
    const types = args.map((x) => x.type);
    const type = commonTypeOf(types);
    if (type === undefined) return bindError('coalesce', `all arguments must have the same type, not ${describe(types)}`);
    if (type === 'string') {
      // Strings are never null: the first non-empty one wins (and the empty string when none is).
      return {
        type,
        impl: (a) => {
          for (const v of a) if (v !== '') return v as string;
          return '';
        },
      };
    }
    return {
      type,
      impl: (a) => {
        for (const v of a) if (v !== null && v !== undefined) return v;
        return null;
      },
    };
  },
};

const not: ScalarFunction = {
  name: 'not',
  minArgs: 1,
  maxArgs: 1,
  bind(args) {
    return checkArgs('not', args, [BOOL]) ?? {
      type: 'bool',
      impl: (a) => (a[0] === null || a[0] === undefined ? null : !a[0]),
    };
  },
};

export const conditionalFunctions: ScalarFunction[] = [iff, caseFn, coalesce, not];

/**
 * XQL's if and coalesce (the *if* and *coalesce* pages).
 *
 * if(c, v) gives v when c is true, else null; if(c, v, e) gives e otherwise; if(c1, v1, c2, v2, ..., e)
 * is an else-if chain, and an even count (no else) ends in null. A branch is taken only when its
 * condition is true: a null condition is not true.
 */
import type { ScalarType } from '../../types/scalar-type.js';
import type { Value } from '../../types/value.js';
import { commonTypeOf } from '../scalar/conditional.js';
import { BOOL, bindError, checkArgs } from '../scalar/conversion.js';
import type { ArgInfo, ScalarFunction } from '../types.js';
import { xqlString } from './values.js';

/**
 * The type of the branches: their common type; null literals (dynamic) take the others' type; where
 * branches disagree otherwise, the result is a string of each value's text, as XQL's loosely typed
 * values print (the seed's `if(..., "🚫 DROPPED", ..., action)` mixes literals and a field).
 */
function branchType(types: readonly ScalarType[]): ScalarType {
  const typed = types.filter((t) => t !== 'dynamic');
  if (typed.length === 0) return 'dynamic';
  return commonTypeOf(typed) ?? 'string';
}

function converter(from: ScalarType, to: ScalarType): ((v: Value) => Value) | undefined {
  if (from === to || to === 'dynamic') return undefined;
  if (to === 'string') return (v) => xqlString(v, from);
  return undefined; // numerics share one representation
}

const ifFn: ScalarFunction = {
  name: 'if',
  minArgs: 2,
  maxArgs: 2 * 128 + 1,
  bind(args: readonly ArgInfo[]) {
    const conditions = args.map((_, i) => i).filter((i) => i % 2 === 0 && i + 1 < args.length);
    for (const i of conditions) {
      const bad = checkArgs('if', [args[i]!], [BOOL]);
      if (bad) return bindError('if', `condition ${i / 2 + 1} must be a boolean, not ${args[i]!.type}`);
    }
    const branchIndexes = args.map((_, i) => i).filter((i) => i % 2 === 1 || i === args.length - 1);
    const types = branchIndexes.map((i) => args[i]!.type);
    const type = branchType(types);
    const convs = args.map((a) => converter(a.type, type));
    const hasElse = args.length % 2 === 1;
    const pairs = hasElse ? args.length - 1 : args.length;
    return {
      type,
      impl: (a) => {
        for (let i = 0; i < pairs; i += 2) {
          if (a[i] === true) return convs[i + 1] ? convs[i + 1]!(a[i + 1] ?? null) : (a[i + 1] ?? null);
        }
        if (!hasElse) return null;
        const last = args.length - 1;
        return convs[last] ? convs[last]!(a[last] ?? null) : (a[last] ?? null);
      },
    };
  },
};

const coalesce: ScalarFunction = {
  name: 'coalesce',
  minArgs: 1,
  maxArgs: 64,
  bind(args) {
    const type = branchType(args.map((a) => a.type));
    const convs = args.map((a) => converter(a.type, type));
    return {
      type,
      impl: (a) => {
        for (let i = 0; i < args.length; i++) {
          const v = a[i] ?? null;
          if (v !== null) return convs[i] ? convs[i]!(v) : v;
        }
        return null;
      },
    };
  },
};

export const xqlConditionalFunctions: ScalarFunction[] = [ifFn, coalesce];

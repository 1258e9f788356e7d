/**
 * What XQL's operators mean, as functions the XQL front end lowers them to (syntax/xql/lower.ts).
 * Their names start with `$`, which XQL's names cannot, so a query cannot call them by name.
 *
 *  - `$fold(x)`: a string in lower case (other values unchanged), wrapped around both sides of `=` and
 *    `!=` unless `config case_sensitive = true`: XQL compares field values without case by default.
 *  - `$isnull(x)`: `x = null` tests nullness (the Supported operators and filter pages).
 *  - `$contains(a, b, caseSensitive)`: substring of a string; for an array, membership of an element.
 *
 * `not` is XQL's boolean not (the Supported operators page), written `not x`; null stays null.
 */
import type { ScalarType } from '../../types/scalar-type.js';
import { BOOL, checkArgs } from '../scalar/conversion.js';
import type { ScalarFunction } from '../types.js';
import { ANY, arrayOf, xqlString } from './values.js';

const fold: ScalarFunction = {
  name: '$fold',
  minArgs: 1,
  maxArgs: 1,
  bind(args) {
    const type = args[0]!.type;
    if (type !== 'string') return { type, impl: (a) => a[0] ?? null };
    return { type, impl: (a) => (typeof a[0] === 'string' ? a[0].toLowerCase() : (a[0] ?? null)) };
  },
};

const isnull: ScalarFunction = {
  name: '$isnull',
  minArgs: 1,
  maxArgs: 1,
  bind: () => ({ type: 'bool', impl: (a) => a[0] === null || a[0] === undefined }),
};

function textOrNull(v: unknown, type: ScalarType): string | null {
  return xqlString((v ?? null) as never, type);
}

const contains: ScalarFunction = {
  name: '$contains',
  minArgs: 3,
  maxArgs: 3,
  bind(args) {
    const bad = checkArgs('contains', args, [ANY, ANY, BOOL]);
    if (bad) return bad;
    const [haystackType, needleType] = [args[0]!.type, args[1]!.type];
    const caseSensitive = args[2]!.constant?.value === true;
    const norm = (s: string) => (caseSensitive ? s : s.toLowerCase());
    return {
      type: 'bool',
      impl: (a) => {
        const needle = textOrNull(a[1], needleType);
        if (needle === null || a[0] === null || a[0] === undefined) return null;
        const n = norm(needle);
        const array = haystackType === 'dynamic' ? arrayOf(a[0]) : null;
        if (array) return array.some((e) => e !== null && norm(xqlString(e, 'dynamic')!) === n);
        const text = textOrNull(a[0], haystackType);
        return text === null ? null : norm(text).includes(n);
      },
    };
  },
};

const not: ScalarFunction = {
  name: 'not',
  minArgs: 1,
  maxArgs: 1,
  bind: (args) => checkArgs('not', args, [BOOL]) ?? { type: 'bool', impl: (a) => (typeof a[0] === 'boolean' ? !a[0] : null) },
};

export const xqlOperatorFunctions: ScalarFunction[] = [fold, isnull, contains, not];

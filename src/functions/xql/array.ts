/**
 * XQL's array functions (the *arraycreate*, *arrayindex*, *arrayrange*, *array_length*,
 * *arraystring*, *arraydistinct*, *arrayconcat* and *arraymerge* pages). Arrays are dynamic arrays;
 * an array read from a CSV cell is its JSON text and is parsed. The functions that take an
 * `"@element"` expression (arraymap, arrayfilter, array_any, array_all, arrayindexof) evaluate it per
 * element, so the XQL binder builds them rather than this table.
 */
import { toDynamic } from '../../types/convert.js';
import type { Dynamic } from '../../types/value.js';
import { checkArgs } from '../scalar/conversion.js';
import type { ScalarFunction } from '../types.js';
import { ARRAY, arrayOf, NUMERIC_OR_TEXT, numberOf, TEXT, textOf, xqlString } from './values.js';

const arraycreate: ScalarFunction = {
  name: 'arraycreate',
  minArgs: 1,
  maxArgs: 1024,
  bind(args) {
    const types = args.map((a) => a.type);
    return { type: 'dynamic', impl: (a) => types.map((t, i) => toDynamic(a[i] ?? null, t)) };
  },
};

/** arrayindex(a, i): 0-based; a negative index counts from the end; out of range is null. */
const arrayindex: ScalarFunction = {
  name: 'arrayindex',
  minArgs: 2,
  maxArgs: 2,
  bind(args) {
    return checkArgs('arrayindex', args, [ARRAY, NUMERIC_OR_TEXT]) ?? {
      type: 'dynamic',
      impl: (a) => {
        const arr = arrayOf(a[0] ?? null);
        const i = numberOf(a[1] ?? null);
        if (arr === null || i === null || !Number.isInteger(i)) return null;
        const k = i < 0 ? arr.length + i : i;
        return k >= 0 && k < arr.length ? arr[k]! : null;
      },
    };
  },
};

/** arrayrange(a, start, end): the elements from start up to, not including, end; end is clamped. */
const arrayrange: ScalarFunction = {
  name: 'arrayrange',
  minArgs: 3,
  maxArgs: 3,
  bind(args) {
    return checkArgs('arrayrange', args, [ARRAY, NUMERIC_OR_TEXT, NUMERIC_OR_TEXT]) ?? {
      type: 'dynamic',
      impl: (a) => {
        const arr = arrayOf(a[0] ?? null);
        const start = numberOf(a[1] ?? null);
        const end = numberOf(a[2] ?? null);
        if (arr === null || start === null || end === null) return null;
        return arr.slice(Math.max(0, start), Math.min(arr.length, end));
      },
    };
  },
};

/** array_length: the element count; null for an empty array (its page). */
const arrayLength: ScalarFunction = {
  name: 'array_length',
  minArgs: 1,
  maxArgs: 1,
  bind(args) {
    return checkArgs('array_length', args, [ARRAY]) ?? {
      type: 'long',
      impl: (a) => {
        const arr = arrayOf(a[0] ?? null);
        return arr === null || arr.length === 0 ? null : arr.length;
      },
    };
  },
};

const arraystring: ScalarFunction = {
  name: 'arraystring',
  minArgs: 2,
  maxArgs: 2,
  bind(args) {
    return checkArgs('arraystring', args, [ARRAY, TEXT]) ?? {
      type: 'string',
      impl: (a) => {
        const arr = arrayOf(a[0] ?? null);
        const delim = textOf(a[1] ?? null);
        if (arr === null || delim === null) return null;
        return arr.filter((e) => e !== null).map((e) => xqlString(e, 'dynamic')).join(delim);
      },
    };
  },
};

/** Elements are the same when their JSON text is. */
function keyOf(e: Dynamic): string {
  return typeof e === 'string' ? `s${e}` : JSON.stringify(e);
}

const arraydistinct: ScalarFunction = {
  name: 'arraydistinct',
  minArgs: 1,
  maxArgs: 1,
  bind(args) {
    return checkArgs('arraydistinct', args, [ARRAY]) ?? {
      type: 'dynamic',
      impl: (a) => {
        const arr = arrayOf(a[0] ?? null);
        if (arr === null) return null;
        const seen = new Set<string>();
        return arr.filter((e) => {
          const k = keyOf(e);
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
      },
    };
  },
};

const arrayconcat: ScalarFunction = {
  name: 'arrayconcat',
  minArgs: 2,
  maxArgs: 64,
  bind(args) {
    return checkArgs('arrayconcat', args, [ARRAY], ARRAY) ?? {
      type: 'dynamic',
      impl: (a) => {
        const out: Dynamic[] = [];
        for (let i = 0; i < args.length; i++) {
          const arr = arrayOf(a[i] ?? null);
          if (arr === null) return null;
          out.push(...arr);
        }
        return out;
      },
    };
  },
};

export const xqlArrayFunctions: ScalarFunction[] = [arraycreate, arrayindex, arrayrange, arrayLength, arraystring, arraydistinct, arrayconcat];

/**
 * hll(), hll_if() and hll_merge(): the intermediate results of a distinct count, to be stored,
 * merged and finally counted by the scalar dcount_hll().
 *
 * Kusto returns a HyperLogLog sketch shaped as a dynamic array
 *     [[1024, <bits>], ["<hash>", "<hash>", ...], [<dense registers>]]
 * (the docs show e.g. [[1024,14],["3803688792395291579"],[]]), where <bits> follows the accuracy
 * level: 0 → 12, 1 → 14 (the default), 2 → 16, 3 → 17, 4 → 18.
 *
 * kqlx counts distinct values exactly (see counting.ts), so its "sketch" keeps the same outer shape
 * but the middle array holds one key per distinct non-null value: the value's JSON text as a dynamic
 * (`5`, `"abc"`, `"2024-05-01T00:00:00.0000000Z"` — a string's key keeps its quotes, so 1 and "1"
 * differ). The third array is always empty. Merging is the union of the middle arrays, and the
 * distinct count is the size of that union (`hllCardinality` below, for dcount_hll). A sketch
 * exported from Kusto in its sparse form merges the same way (its hashes act as keys); the dense
 * registers of a large Kusto sketch cannot be merged exactly and are ignored.
 *
 * hll() of a group with no rows is null (the documented empty-input default); a group whose values
 * are all null gives an empty sketch. hll_merge() skips values that are not sketches and gives null
 * when it saw none; it keeps the accuracy of the first sketch (Kusto refuses to merge sketches of
 * different accuracies).
 */
import type { Accumulator, AggregateBinding, AggregateFunction, ArgInfo, BindResult } from '../types.js';
import { toDynamic } from '../../types/convert.js';
import type { Dynamic } from '../../types/value.js';
import { checkIntegerParam, checkPredicate, constantInteger, error, onlyWhere, prefixedName } from './common.js';
import { dynamicToJson } from '../../types/json-text.js';

/** Sketch version tag, as the first element of Kusto's header. */
const HLL_VERSION = 1024;
/** Register bits per accuracy level 0..4. */
const ACCURACY_BITS = [12, 14, 16, 17, 18] as const;
const DEFAULT_ACCURACY = 1;

/** A sketch value: `[[1024, bits], [keys...], []]`. */
export function makeHll(bits: number, keys: Iterable<string>): Dynamic {
  return [[HLL_VERSION, bits], [...keys], []];
}

/** The parts of a sketch, or undefined when `v` is not one. */
export function readHll(v: Dynamic | undefined): { bits: number; keys: string[] } | undefined {
  if (!Array.isArray(v) || v.length < 2) return undefined;
  const [header, keys] = v;
  if (!Array.isArray(header) || header.length < 2 || typeof header[1] !== 'number' || !Array.isArray(keys)) return undefined;
  const out: string[] = [];
  for (const k of keys) {
    if (typeof k === 'string') out.push(k);
    else if (typeof k === 'number') out.push(String(k));
  }
  return { bits: header[1], keys: out };
}

/** The distinct count a sketch stands for (what dcount_hll returns), or null for a non-sketch. */
export function hllCardinality(v: Dynamic | undefined): number | null {
  const h = readHll(v);
  return h === undefined ? null : new Set(h.keys).size;
}

function hllFunction(name: string, predicate: boolean): AggregateFunction {
  const accuracyIndex = predicate ? 2 : 1;
  return {
    name,
    minArgs: predicate ? 2 : 1,
    maxArgs: predicate ? 3 : 2,
    defaultName: prefixedName(name),
    bind(args: readonly ArgInfo[]): BindResult<AggregateBinding> {
      if (predicate) {
        const bad = checkPredicate(name, args, 1);
        if (bad) return error(bad);
      }
      const bad = checkIntegerParam(name, args, accuracyIndex, 'accuracy', 0, 4);
      if (bad) return error(bad);
      const type = args[0]!.type;
      const fixed = constantInteger(args, accuracyIndex);
      const create = (): Accumulator => {
        const keys = new Set<string>();
        let rows = 0;
        let accuracy = fixed ?? DEFAULT_ACCURACY;
        return {
          add(a) {
            if (rows++ === 0 && fixed === undefined) {
              const acc = a[accuracyIndex];
              if (typeof acc === 'number' && acc >= 0 && acc <= 4) accuracy = Math.trunc(acc);
            }
            const v = a[0];
            if (v === null || v === undefined) return;
            keys.add(dynamicToJson(toDynamic(v, type)));
          },
          result: () => (rows === 0 ? null : makeHll(ACCURACY_BITS[accuracy]!, keys)),
        };
      };
      return { type: 'dynamic', create: predicate ? onlyWhere(create, 1) : create };
    },
  };
}

const hllMerge: AggregateFunction = {
  name: 'hll_merge',
  minArgs: 1,
  maxArgs: 1,
  defaultName: prefixedName('hll_merge'),
  bind(args) {
    const t = args[0]!.type;
    if (t !== 'dynamic') return error(`hll_merge(): the value must be a dynamic hll() result, not '${t}'`);
    return {
      type: 'dynamic',
      create(): Accumulator {
        const keys = new Set<string>();
        let bits: number | undefined;
        return {
          add(a) {
            const h = readHll(a[0] as Dynamic);
            if (h === undefined) return;
            bits ??= h.bits;
            for (const k of h.keys) keys.add(k);
          },
          result: () => (bits === undefined ? null : makeHll(bits, keys)),
        };
      },
    };
  },
};

export const hllFunctions: AggregateFunction[] = [hllFunction('hll', false), hllFunction('hll_if', true), hllMerge];

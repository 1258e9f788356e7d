/**
 * Scalars over the digests tdigest() and tdigest_merge() give (their shape: functions/aggregate/
 * tdigest.ts): percentile_tdigest(), percentiles_array_tdigest(), rank_tdigest(),
 * percentrank_tdigest(), and merge_tdigest() (also spelled tdigest_merge), which merges the digests
 * given as its arguments.
 *
 * A digest holds its population exactly, so percentile_tdigest(tdigest(X), P) is percentile(X, P), and
 * rank_tdigest() is the exact count of values less or equal to the one given (weighted, for a digest of
 * tdigest(X, W)). percentrank_tdigest() is that rank as a percentage of the digest's size.
 *
 * Result types follow the official binder: percentile_tdigest() is dynamic unless a type literal
 * (`typeof(long)`) is given, then of that type; percentiles_array_tdigest() is always a dynamic array;
 * the ranks are real. A percentile converts to the type literal only when it is a value of that type
 * (an integral number fits long and int, any number real and decimal, a datetime digest's values
 * datetime), otherwise it is null: the docs require the digests to be of the literal's type. Anything
 * that is not a digest (null included) gives null; so does a value to rank that is not of the digest's
 * kind (a number for a numeric digest, a datetime or timespan, or its text, for one of those).
 */
import { DigestMerge, readDigest, type Digest } from '../aggregate/tdigest.js';
import { type Orderable, percentileOf, rankOf } from '../aggregate/population.js';
import { castDynamic, toDynamic } from '../../types/convert.js';
import { isNumeric, parseTypeName, type ScalarType } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import type { ArgInfo, BindResult, ScalarBinding, ScalarFunction } from '../types.js';
import { bindError } from './conversion.js';

/** The type a type-literal argument names (the binder passes `typeof(long)` as the constant 'long'). */
function typeLiteral(arg: ArgInfo | undefined): ScalarType | undefined {
  const c = arg?.constant?.value;
  return arg?.type === 'string' && typeof c === 'string' ? parseTypeName(c.trim()) : undefined;
}

function checkDigestArg(fn: string, args: readonly ArgInfo[], i: number): { readonly error: string } | undefined {
  const t = args[i]!.type;
  return t === 'dynamic' ? undefined : bindError(fn, `argument ${i + 1} must be a dynamic tdigest() result, not ${t}`);
}

/** A percentile of a digest whose values are of type `from`, as a value of type `to`. */
function asType(v: Orderable, from: ScalarType, to: ScalarType): Value {
  if (to === from) return v;
  const held = toDynamic(v, from);
  return to === 'dynamic' ? held : castDynamic(held, to);
}

function percentNumber(v: Value | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const percentileTdigest: ScalarFunction = {
  name: 'percentile_tdigest',
  minArgs: 2,
  maxArgs: 3,
  bind(args): BindResult<ScalarBinding> {
    const bad = checkDigestArg('percentile_tdigest', args, 0);
    if (bad) return bad;
    if (!isNumeric(args[1]!.type)) return bindError('percentile_tdigest', `argument 2 (the percentile) must be a number, not ${args[1]!.type}`);
    const to = args.length > 2 ? typeLiteral(args[2]) : 'dynamic';
    if (to === undefined) return bindError('percentile_tdigest', 'argument 3 must be a type literal such as typeof(long)');
    return {
      type: to,
      impl(a) {
        const digest = readDigest(a[0] as Dynamic);
        const p = percentNumber(a[1]);
        if (digest === undefined || p === null) return null;
        const v = percentileOf(digest.population, p);
        return v === null ? null : asType(v, digest.type, to);
      },
    };
  },
};

const percentilesArrayTdigest: ScalarFunction = {
  name: 'percentiles_array_tdigest',
  minArgs: 2,
  maxArgs: Infinity,
  bind(args): BindResult<ScalarBinding> {
    const fn = 'percentiles_array_tdigest';
    const bad = checkDigestArg(fn, args, 0);
    if (bad) return bad;
    const last = args.length > 2 ? typeLiteral(args[args.length - 1]) : undefined;
    const percentArgs = args.slice(1, last === undefined ? args.length : -1);
    const fromArray = percentArgs.length === 1 && percentArgs[0]!.type === 'dynamic';
    if (!fromArray) {
      for (const [i, p] of percentArgs.entries()) {
        if (!isNumeric(p.type)) return bindError(fn, `argument ${i + 2} (a percentile) must be a number, not ${p.type}`);
      }
    }
    return {
      type: 'dynamic',
      impl(a) {
        const digest = readDigest(a[0] as Dynamic);
        if (digest === undefined || digest.population.total === 0) return null;
        const list = fromArray ? a[1] : a.slice(1, 1 + percentArgs.length);
        if (!Array.isArray(list)) return null;
        return list.map((x) => percentileElement(digest, percentNumber(x), last));
      },
    };
  },
};

/** One element of percentiles_array_tdigest(): the percentile in its dynamic form, typed first when a literal was given. */
function percentileElement(digest: Digest, p: number | null, to: ScalarType | undefined): Dynamic {
  const v = p === null ? null : percentileOf(digest.population, p);
  if (v === null) return null;
  return to === undefined ? toDynamic(v, digest.type) : toDynamic(asType(v, digest.type, to), to);
}

/** The value to rank, comparable with the digest's values, or null when it is not of the digest's kind. */
function rankable(v: Value, digest: Digest): Orderable | null {
  if (isNumeric(digest.type)) return typeof v === 'number' && !Number.isNaN(v) ? v : null;
  if (typeof v === 'bigint') return v;
  return typeof v === 'string' ? (castDynamic(v, digest.type) as bigint | null) : null;
}

function rankFunction(name: string, percent: boolean): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args): BindResult<ScalarBinding> {
      const bad = checkDigestArg(name, args, 0);
      if (bad) return bad;
      // A datetime value arrives as ticks and must meet a datetime digest, not a timespan one.
      const valueType = args[1]!.type;
      return {
        type: 'real',
        impl(a) {
          const digest = readDigest(a[0] as Dynamic);
          if (digest === undefined || a[1] === null) return null;
          if ((valueType === 'datetime' || valueType === 'timespan') && valueType !== digest.type) return null;
          const v = rankable(a[1]!, digest);
          if (v === null) return null;
          const rank = rankOf(digest.population, v);
          if (!percent) return rank;
          return digest.population.total === 0 ? null : (rank * 100) / digest.population.total;
        },
      };
    },
  };
}

const mergeTdigest: ScalarFunction = {
  name: 'merge_tdigest',
  aliases: ['tdigest_merge'],
  minArgs: 1,
  maxArgs: Infinity,
  bind(args): BindResult<ScalarBinding> {
    for (let i = 0; i < args.length; i++) {
      const bad = checkDigestArg('merge_tdigest', args, i);
      if (bad) return bad;
    }
    return {
      type: 'dynamic',
      impl(a) {
        const merge = new DigestMerge();
        for (const v of a) merge.add(v as Dynamic);
        return merge.result();
      },
    };
  },
};

export const tdigestFunctions: ScalarFunction[] = [
  percentileTdigest,
  percentilesArrayTdigest,
  rankFunction('rank_tdigest', false),
  rankFunction('percentrank_tdigest', true),
  mergeTdigest,
];

/**
 * rand() and new_guid(): values from the run's seeded random source (EvalContext.random), so a run
 * with the same seed gives the same values. Both are impure (pure: false): the binder never folds them.
 */
import type { ScalarFunction } from '../types.js';
import { fixed, NUMBER } from './conversion.js';

/** rand(): a real in [0, 1); rand(N): one of 0.0, 1.0, ..., N-1 (null when N is null or below 1). */
const rand: ScalarFunction = {
  name: 'rand',
  pure: false,
  minArgs: 0,
  maxArgs: 1,
  bind: (args) => fixed('rand', args, [NUMBER], 'real', (a, ctx) => {
    if (a.length === 0) return ctx.random();
    const n = a[0] === null ? NaN : Math.floor(Number(a[0]));
    return n >= 1 ? Math.floor(ctx.random() * n) : null;
  }),
};

const hex = (x: number, digits: number) => (x >>> 0).toString(16).padStart(8, '0').slice(8 - digits);

/** A version 4 (random) GUID, lowercase as Kusto writes guids. */
const newGuid: ScalarFunction = {
  name: 'new_guid',
  pure: false,
  minArgs: 0,
  maxArgs: 0,
  bind: (args) => fixed('new_guid', args, [], 'guid', (_a, ctx) => {
    const word = () => Math.floor(ctx.random() * 4294967296);
    const [a, b, c, d] = [word(), word(), word(), word()];
    const version = (b & 0xffff0fff) | 0x4000; // time_hi_and_version: version 4
    const variant = (c & 0x3fffffff) | 0x80000000; // clock_seq: RFC 4122 variant
    return `${hex(a, 8)}-${hex(b >>> 16, 4)}-${hex(version, 4)}-${hex(variant >>> 16, 4)}-${hex(variant, 4)}${hex(d, 8)}`;
  }),
};

export const randomFunctions: ScalarFunction[] = [rand, newGuid];

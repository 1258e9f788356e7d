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
 *
 *  - `$in_timeframe(_time, from, to)`: `config timeframe`'s restriction (the timeframe page). A bound is
 *    `now`, `begin` (unbounded), a relative `-7d` / `7d` (before now; units s, m, h, d, w, mo, y as
 *    30 and 365 days), or an absolute `YYYY-MM-DD HH:MM:SS [+hhmm]` (UTC without an offset).
 */
import { parseDatetime } from '../../types/datetime.js';
import type { ScalarType } from '../../types/scalar-type.js';
import { TICKS_PER_SECOND } from '../../types/value.js';
import { BOOL, bindError, checkArgs } from '../scalar/conversion.js';
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

const UNIT_SECONDS: Record<string, bigint> = { s: 1n, m: 60n, h: 3600n, d: 86_400n, w: 604_800n, mo: 2_592_000n, y: 31_536_000n };

/** A timeframe bound: ticks relative to now (`rel`), absolute ticks, or unbounded; undefined when malformed. */
function timeframeBound(text: string): { rel: bigint } | { abs: bigint } | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'now') return { rel: 0n };
  if (t === 'begin') return null;
  const m = /^-?(\d+)(s|mo|m|h|d|w|y)$/.exec(t);
  if (m) return { rel: -BigInt(m[1]!) * UNIT_SECONDS[m[2]!]! * TICKS_PER_SECOND };
  const a = /^(\d{4}-\d{2}-\d{2})[ t](\d{2}:\d{2}(?::\d{2})?)\s*([+-]\d{2}:?\d{2})?$/i.exec(text.trim());
  const abs = a ? parseDatetime(`${a[1]}T${a[2]}${a[3] ? a[3].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2') : 'Z'}`) : undefined;
  return abs === undefined ? undefined : { abs };
}

const inTimeframe: ScalarFunction = {
  name: '$in_timeframe',
  pure: false,
  minArgs: 3,
  maxArgs: 3,
  bind(args) {
    const bounds = [args[1]!.constant?.value, args[2]!.constant?.value].map((v) => (typeof v === 'string' ? timeframeBound(v) : undefined));
    const bad = bounds.findIndex((b) => b === undefined);
    if (bad >= 0) return bindError('config timeframe', `'${String(args[bad + 1]!.constant?.value)}' is not now, begin, a relative time such as 7d, or a time such as 2024-05-01 00:00:00 +0000`);
    const [from, to] = bounds as ({ rel: bigint } | { abs: bigint } | null)[];
    const at = (b: { rel: bigint } | { abs: bigint }, now: bigint) => ('rel' in b ? now + b.rel : b.abs);
    return {
      type: 'bool',
      impl: (a, ctx) => {
        const t = a[0];
        if (typeof t !== 'bigint') return null;
        return (from === null || t >= at(from!, ctx.now)) && (to === null || t <= at(to!, ctx.now));
      },
    };
  },
};

export const xqlOperatorFunctions: ScalarFunction[] = [fold, isnull, contains, not, inTimeframe];

/**
 * Scalar functions: IPv4 and IPv6 addresses (parse_ipv4, ipv4_is_in_range, has_ipv4, has_ipv6, ipv6_compare, ...).
 *
 * Addresses are parsed into a value and a prefix length (IP-prefix notation `a.b.c.d/n`); every
 * comparison masks both sides with the smaller prefix, as the Kusto pages describe ("the combined
 * IP-prefix mask calculated from argument prefixes, and the optional prefix argument").
 * IPv4 values are held as unsigned 32-bit numbers, IPv6 values as 128-bit bigints; IPv4 text given
 * to an IPv6 function is the IPv4-mapped address ::ffff:a.b.c.d and its prefix counts IPv4 bits
 * (so `/24` there means 96 + 24 bits), as the ipv6_compare and parse_ipv6_mask examples show.
 *
 * Null rules: an address that does not parse gives null (or, for the format_ and parse_ipv6
 * functions that return strings, the empty string), never an error.
 */
import { IPv4, IPv6 } from 'ip-num';
import { toKqlString } from '../../types/convert.js';
import { isNumeric, type ScalarType } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import type { ArgInfo, ScalarFunction, ScalarImpl } from '../types.js';
import { define as defineChecked, type ParamKind } from './string.js';

// ── parsing ────────────────────────────────────────────────────────────────

export interface V4 {
  /** Unsigned 32-bit value, already masked with `prefix`. */
  readonly value: number;
  readonly prefix: number;
}

export interface V6 {
  /** 128-bit value, already masked with `prefix`. */
  readonly value: bigint;
  readonly prefix: number;
}

const V6_ALL = (1n << 128n) - 1n;
const V4_MAPPED = 0xffffn << 32n;

/** A bare dotted quad (no prefix) as an unsigned number; ip-num rejects octets over 255 and leading zeros. */
/**
 * Dotted-quad text → 32-bit value, or null. Accepts what ip-num's IPv4.fromString accepts (four
 * decimal octets 0-255, no leading zeros) without its per-call objects: this runs once per row in
 * `ipv4_is_private(SrcIpAddr)`. test/functions/ip.test.ts checks the two agree.
 */
export function parseV4Address(text: string): number | null {
  const n = text.length;
  if (n < 7 || n > 15) return null;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 46; // a final '.' closes the last octet
    if (c === 46) {
      if (digits === 0 || octet > 255) return null;
      value = value * 256 + octet;
      parts++;
      octet = 0;
      digits = 0;
      continue;
    }
    if (c < 48 || c > 57) return null;
    if (digits > 0 && octet === 0) return null; // a leading zero
    octet = octet * 10 + (c - 48);
    if (++digits > 3) return null;
  }
  return parts === 4 ? value : null;
}

/** The `/n` suffix: undefined when absent, null when malformed or above `max`. */
function parseSuffix(text: string | undefined, max: number): number | undefined | null {
  if (text === undefined) return undefined;
  if (!/^\d{1,3}$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

function splitPrefix(text: string): [string, string | undefined] {
  const t = text.trim();
  const slash = t.indexOf('/');
  return slash < 0 ? [t, undefined] : [t.slice(0, slash), t.slice(slash + 1)];
}

function v4Mask(prefix: number): number {
  return prefix <= 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function v6Mask(prefix: number): bigint {
  return prefix <= 0 ? 0n : V6_ALL ^ ((1n << BigInt(128 - prefix)) - 1n);
}

/** `a.b.c.d` or `a.b.c.d/n` (surrounding blanks ignored). */
export function parseV4(text: string): V4 | null {
  const [addr, suffix] = splitPrefix(text);
  const prefix = parseSuffix(suffix, 32);
  if (prefix === null) return null;
  const value = parseV4Address(addr);
  if (value === null) return null;
  const p = prefix ?? 32;
  return { value: (value & v4Mask(p)) >>> 0, prefix: p };
}

/**
 * IPv6 text, or IPv4 text taken as ::ffff:a.b.c.d. An address whose last 32 bits are written as a
 * dotted quad and whose upper 96 bits are `::` or `::ffff:` is IPv4 too (the docs map
 * `::192.168.255.255` to `...:ffff:c0a8:ffff`), and its suffix then counts IPv4 bits.
 */
export function parseV6(text: string): V6 | null {
  const [addr, suffix] = splitPrefix(text);
  if (!addr.includes(':')) {
    const v4 = parseV4Address(addr);
    const p4 = parseSuffix(suffix, 32);
    if (v4 === null || p4 === null) return null;
    return maskV6(V4_MAPPED | BigInt(v4), 96 + (p4 ?? 32));
  }
  let hex = addr;
  const lastColon = addr.lastIndexOf(':');
  const tail = addr.slice(lastColon + 1);
  const dotted = tail.includes('.');
  if (dotted) {
    const v4 = parseV4Address(tail);
    if (v4 === null) return null;
    hex = `${addr.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  let value: bigint;
  try {
    value = IPv6.fromString(hex).getValue();
  } catch {
    return null;
  }
  const upper = value >> 32n;
  if (dotted && (upper === 0n || upper === 0xffffn)) {
    const p4 = parseSuffix(suffix, 32);
    if (p4 === null) return null;
    return maskV6(V4_MAPPED | (value & 0xffffffffn), 96 + (p4 ?? 32));
  }
  const p6 = parseSuffix(suffix, 128);
  if (p6 === null) return null;
  return maskV6(value, p6 ?? 128);
}

function maskV6(value: bigint, prefix: number): V6 {
  return { value: value & v6Mask(prefix), prefix };
}

function formatV4(value: number): string {
  return IPv4.fromNumber(value).toString();
}

/** The canonical form parse_ipv6 returns: eight groups of four lower-case hex digits. */
function formatV6Full(value: bigint): string {
  const hex = value.toString(16).padStart(32, '0');
  return hex.match(/.{4}/g)!.join(':');
}

// ── binding helpers ────────────────────────────────────────────────────────

/** The text of a string argument, or of a dynamic argument holding a string; otherwise null. */
function textOf(v: Value): string | null {
  return typeof v === 'string' ? v : null;
}

/** A prefix-length argument: an integer in [0, max], or null. */
function prefixOf(v: Value, max: number): number | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  const n = Math.trunc(v);
  return n >= 0 && n <= max ? n : null;
}

/** Remembers the last input: constant arguments parse once per call site, repeated values once per run. */
function lastValueCache<T>(parse: (s: string) => T): (s: string) => T {
  let key: string | undefined;
  let value!: T;
  return (s) => {
    if (s !== key) {
      value = parse(s);
      key = s;
    }
    return value;
  };
}

interface FunctionSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly kinds: ParamKind[];
  readonly rest?: ParamKind;
  readonly type: ScalarType;
  /** Builds the per-call-site implementation once the arguments have been checked. */
  readonly make: (args: readonly ArgInfo[]) => ScalarImpl;
}

/** An IP function: the library's argument checks, then a fixed result type. */
function define(spec: FunctionSpec): ScalarFunction {
  return defineChecked({ ...spec, bind: (args) => ({ type: spec.type, impl: spec.make(args) }) });
}

/**
 * The ranges of ipv4_is_in_any_range and friends: either string arguments (from index 1 on) or one
 * dynamic array. Returns per-row accessors; constant ranges are parsed once.
 */
function rangeList<T>(args: readonly ArgInfo[], parse: (s: string) => T | null): (row: Value[]) => (T | null)[] | null {
  const parseOne = (v: Dynamic | Value): T | null => (typeof v === 'string' ? parse(v) : null);
  const fromRow = (row: Value[]): (T | null)[] | null => {
    if (args.length === 2 && args[1]!.type === 'dynamic') {
      const list = row[1];
      if (Array.isArray(list)) return list.map(parseOne);
      // A dynamic holding one string is a single range.
      return typeof list === 'string' ? [parse(list)] : null;
    }
    return row.slice(1).map(parseOne);
  };
  if (args.slice(1).every((a) => a.constant !== undefined)) {
    // Only the ranges are constant; the first argument (the address) varies per row.
    const fixed = fromRow([null, ...args.slice(1).map((a) => a.constant!.value)]);
    return () => fixed;
  }
  return fromRow;
}

/** True when any range matches, null when none matches but some range did not parse, else false. */
function anyMatch<T>(ranges: (T | null)[], matches: (r: T) => boolean): boolean | null {
  let invalid = false;
  for (const r of ranges) {
    if (r === null) invalid = true;
    else if (matches(r)) return true;
  }
  return invalid ? null : false;
}

// ── IPv4 comparison ────────────────────────────────────────────────────────

function compareNumbers(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What the comparisons need of an address family: its parser, its width, and masking to a prefix. */
interface AddressFamily<T extends { prefix: number }> {
  parse: (text: string) => T | null;
  bits: number;
  masked: (ip: T, prefix: number) => number | bigint;
}

const IPV4: AddressFamily<V4> = { parse: parseV4, bits: 32, masked: (ip, prefix) => (ip.value & v4Mask(prefix)) >>> 0 };
const IPV6: AddressFamily<V6> = { parse: parseV6, bits: 128, masked: (ip, prefix) => ip.value & v6Mask(prefix) };

/** ipvN_compare and ipvN_is_match: both sides masked with the smallest of the three prefixes. */
function comparison<T extends { prefix: number }>(
  name: string, type: ScalarType, family: AddressFamily<T>, result: (cmp: number) => Value,
): ScalarFunction {
  return define({
    name, min: 2, max: 3, kinds: ['stringOrDynamic', 'stringOrDynamic', 'number'], type,
    make: (args) => {
      const p1 = lastValueCache(family.parse);
      const p2 = lastValueCache(family.parse);
      const withPrefix = args.length === 3;
      return (row) => {
        const s1 = textOf(row[0]!);
        const s2 = textOf(row[1]!);
        if (s1 === null || s2 === null) return null;
        const a = p1(s1);
        const b = p2(s2);
        if (!a || !b) return null;
        let prefix = Math.min(a.prefix, b.prefix);
        if (withPrefix) {
          const extra = prefixOf(row[2]!, family.bits);
          if (extra === null) return null;
          prefix = Math.min(prefix, extra);
        }
        return result(compareNumbers(family.masked(a, prefix), family.masked(b, prefix)));
      };
    },
  });
}

function v4InRange(ip: V4, range: V4): boolean {
  const mask = v4Mask(range.prefix);
  return ((ip.value & mask) >>> 0) === range.value;
}

function v6InRange(ip: V6, range: V6): boolean {
  return (ip.value & v6Mask(range.prefix)) === range.value;
}

// ── private ranges ─────────────────────────────────────────────────────────

/** RFC 1918, exactly the three blocks the ipv4_is_private page lists (not loopback, link-local, CGNAT). */
export const IPV4_PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
const PRIVATE_V4: readonly V4[] = IPV4_PRIVATE_RANGES.map((r) => parseV4(r)!);

// ── text search (has_ipv4 family) ──────────────────────────────────────────

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The IPv4 addresses that appear in text, properly delimited: each maximal run of digits and dots
 * that is not glued to a letter, with dots at its ends dropped (a sentence may end after an
 * address), must be a whole valid address. So "1.2.3.4.5" and "x1.2.3.4" hold none.
 */
function addressesIn(text: string): number[] {
  const found: number[] = [];
  for (const m of text.matchAll(/[0-9.]+/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start > 0 && LETTER_OR_DIGIT.test(text[start - 1]!)) continue;
    if (end < text.length && LETTER_OR_DIGIT.test(text[end]!)) continue;
    const v = parseV4Address(m[0].replace(/^\.+|\.+$/g, ''));
    if (v !== null) found.push(v);
  }
  return found;
}

/** A has_ipv4_prefix needle: a full address, or 1 to 3 octets each followed by a dot ("192.168."). */
interface V4Prefix {
  readonly value: number;
  readonly mask: number;
}

function parseV4Prefix(text: string): V4Prefix | null {
  const full = parseV4Address(text);
  if (full !== null) return { value: full, mask: 0xffffffff };
  if (!/^(\d{1,3}\.){1,3}$/.test(text)) return null;
  const octets = text.slice(0, -1).split('.');
  const padded = [...octets, ...Array<string>(4 - octets.length).fill('0')].join('.');
  const value = parseV4Address(padded);
  if (value === null) return null;
  const mask = v4Mask(octets.length * 8);
  return { value, mask };
}

/** The searched text of has_ipv4's source: a string, or a dynamic value's text. */
function sourceText(v: Value): string {
  return typeof v === 'string' ? v : toKqlString(v, 'dynamic');
}

function hasAny<T>(name: string, parse: (s: string) => T | null, found: (addr: number, needle: T) => boolean): ScalarFunction {
  return define({
    name, min: 2, max: Infinity, kinds: ['stringOrDynamic'], rest: 'stringOrDynamic', type: 'bool',
    make: (args) => {
      const needles = rangeList(args, parse);
      return (row) => {
        const list = needles(row);
        if (!list) return false;
        const wanted = list.filter((n): n is T => n !== null);
        if (wanted.length === 0) return false;
        return addressesIn(sourceText(row[0]!)).some((a) => wanted.some((w) => found(a, w)));
      };
    },
  });
}

function hasOne<T>(name: string, parse: (s: string) => T | null, found: (addr: number, needle: T) => boolean): ScalarFunction {
  return define({
    name, min: 2, max: 2, kinds: ['stringOrDynamic', 'stringOrDynamic'], type: 'bool',
    make: () => {
      const needleOf = lastValueCache(parse);
      return (row) => {
        const text = textOf(row[1]!);
        const needle = text === null ? null : needleOf(text);
        // The docs: false (not null) when the searched-for address is not a valid IPv4 address.
        if (needle === null) return false;
        return addressesIn(sourceText(row[0]!)).some((a) => found(a, needle));
      };
    },
  });
}

/**
 * has_ipv6(source, ip): whether the IPv6 address ip appears in source, delimited as the docs require:
 * each maximal run of letters, digits, ':' and '.' (dots at its end dropped) that holds a ':' is a
 * candidate, and must be a whole address equal to ip. So "05:04:54::1" holds 5:4:54::1, not ::1.
 * False when ip is not an IPv6 address.
 */
function hasIpv6(): ScalarFunction {
  const exactV6 = (text: string): bigint | null => {
    if (!text.includes(':')) return null;
    const ip = parseV6(text);
    return ip && ip.prefix === 128 ? ip.value : null;
  };
  return define({
    name: 'has_ipv6', min: 2, max: 2, kinds: ['stringOrDynamic', 'stringOrDynamic'], type: 'bool',
    make: () => {
      const needleOf = lastValueCache(exactV6);
      return (row) => {
        const text = textOf(row[1]!);
        const needle = text === null ? null : needleOf(text.trim());
        if (needle === null) return false;
        for (const m of sourceText(row[0]!).matchAll(/[\p{L}\p{N}:.]+/gu)) {
          if (exactV6(m[0].replace(/\.+$/, '')) === needle) return true;
        }
        return false;
      };
    },
  });
}

const sameAddress = (addr: number, needle: number): boolean => addr === needle;
const underPrefix = (addr: number, p: V4Prefix): boolean => ((addr & p.mask) >>> 0) === p.value;

// ── ipv4_range_to_cidr_list ────────────────────────────────────────────────

/** The fewest CIDR blocks covering [start, end]: at each step the largest aligned block that fits. */
function cidrList(start: number, end: number): string[] {
  const out: string[] = [];
  let cur = start;
  while (cur <= end) {
    let size = 32;
    while (size > 0) {
      const bigger = size - 1;
      const blockLen = 2 ** (32 - bigger);
      if (cur % blockLen !== 0 || cur + blockLen - 1 > end) break;
      size = bigger;
    }
    out.push(`${formatV4(cur)}/${size}`);
    cur += 2 ** (32 - size);
  }
  return out;
}

// ── the functions ──────────────────────────────────────────────────────────

/** `<family>_is_in_range(ip, range)` and `<family>_is_in_any_range(ip, ranges...)` for one address family. */
function rangeFunctions<T>(family: 'ipv4' | 'ipv6', parse: (s: string) => T | null, inRange: (ip: T, range: T) => boolean): ScalarFunction[] {
  return [
    define({
      name: `${family}_is_in_range`, min: 2, max: 2, kinds: ['stringOrDynamic', 'stringOrDynamic'], type: 'bool',
      make: () => {
        const parseIp = lastValueCache(parse);
        const parseRange = lastValueCache(parse);
        return (row) => {
          const s = textOf(row[0]!);
          const r = textOf(row[1]!);
          const ip = s === null ? null : parseIp(s);
          const range = r === null ? null : parseRange(r);
          return ip && range ? inRange(ip, range) : null;
        };
      },
    }),
    define({
      name: `${family}_is_in_any_range`, min: 2, max: Infinity, kinds: ['stringOrDynamic'], rest: 'stringOrDynamic', type: 'bool',
      make: (args) => {
        const parseIp = lastValueCache(parse);
        const ranges = rangeList(args, parse);
        return (row) => {
          const s = textOf(row[0]!);
          const ip = s === null ? null : parseIp(s);
          const list = ranges(row);
          if (!ip || !list) return null;
          return anyMatch(list, (r) => inRange(ip, r));
        };
      },
    }),
  ];
}

export const ipFunctions: ScalarFunction[] = [
  define({
    name: 'ipv4_is_private', min: 1, max: 1, kinds: ['stringOrDynamic'], type: 'bool',
    make: () => {
      const parse = lastValueCache(parseV4);
      return (row) => {
        const s = textOf(row[0]!);
        const ip = s === null ? null : parse(s);
        return ip ? PRIVATE_V4.some((r) => v4InRange(ip, r)) : null;
      };
    },
  }),

  ...rangeFunctions('ipv4', parseV4, v4InRange),

  comparison('ipv4_is_match', 'bool', IPV4, (cmp) => cmp === 0),
  comparison('ipv4_compare', 'long', IPV4, (cmp) => cmp),

  define({
    name: 'parse_ipv4', min: 1, max: 1, kinds: ['stringOrDynamic'], type: 'long',
    make: () => {
      const parse = lastValueCache(parseV4);
      return (row) => {
        const s = textOf(row[0]!);
        return (s === null ? null : parse(s))?.value ?? null;
      };
    },
  }),

  define({
    name: 'parse_ipv4_mask', min: 2, max: 2, kinds: ['stringOrDynamic', 'number'], type: 'long',
    make: () => {
      const parse = lastValueCache(parseV4);
      return (row) => {
        const s = textOf(row[0]!);
        const ip = s === null ? null : parse(s);
        const prefix = prefixOf(row[1]!, 32);
        if (!ip || prefix === null) return null;
        return (ip.value & v4Mask(prefix)) >>> 0;
      };
    },
  }),

  define({
    name: 'ipv4_netmask_suffix', min: 1, max: 1, kinds: ['stringOrDynamic'], type: 'long',
    make: () => {
      const parse = lastValueCache(parseV4);
      return (row) => {
        const s = textOf(row[0]!);
        return (s === null ? null : parse(s))?.prefix ?? null;
      };
    },
  }),

  formatV4Function('format_ipv4', false),
  formatV4Function('format_ipv4_mask', true),

  hasOne('has_ipv4', parseV4Address, sameAddress),
  hasAny('has_any_ipv4', parseV4Address, sameAddress),
  hasOne('has_ipv4_prefix', parseV4Prefix, underPrefix),
  hasAny('has_any_ipv4_prefix', parseV4Prefix, underPrefix),
  hasIpv6(),

  define({
    name: 'ipv4_range_to_cidr_list', min: 2, max: 2, kinds: ['stringOrDynamic', 'stringOrDynamic'], type: 'dynamic',
    make: () => (row) => {
      const s = textOf(row[0]!);
      const e = textOf(row[1]!);
      const start = s === null ? null : parseV4Address(s.trim());
      const end = e === null ? null : parseV4Address(e.trim());
      if (start === null || end === null || start > end) return null;
      return cidrList(start, end);
    },
  }),

  comparison('ipv6_compare', 'long', IPV6, (cmp) => cmp),
  comparison('ipv6_is_match', 'bool', IPV6, (cmp) => cmp === 0),

  ...rangeFunctions('ipv6', parseV6, v6InRange),

  define({
    name: 'parse_ipv6', min: 1, max: 1, kinds: ['stringOrDynamic'], type: 'string',
    make: () => {
      const parse = lastValueCache(parseV6);
      return (row) => {
        const s = textOf(row[0]!);
        const ip = s === null ? null : parse(s);
        return ip ? formatV6Full(ip.value) : '';
      };
    },
  }),

  define({
    name: 'parse_ipv6_mask', min: 2, max: 2, kinds: ['stringOrDynamic', 'number'], type: 'string',
    make: () => {
      const parse = lastValueCache(parseV6);
      return (row) => {
        const s = textOf(row[0]!);
        const ip = s === null ? null : parse(s);
        const prefix = prefixOf(row[1]!, 128);
        if (!ip || prefix === null) return '';
        return formatV6Full(ip.value & v6Mask(prefix));
      };
    },
  }),
];

/**
 * format_ipv4 / format_ipv4_mask: the address (text, or its number in big-endian order) masked with
 * the smaller of its own prefix and the prefix argument (default 32); the empty string on failure.
 */
function formatV4Function(name: string, withSuffix: boolean): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 2,
    bind(args) {
      if (args.length < 1 || args.length > 2) return { error: `${name}() expects 1 to 2 arguments, got ${args.length}` };
      const t = args[0]!.type;
      if (!(t === 'string' || t === 'dynamic' || isNumeric(t))) {
        return { error: `${name}(): argument 1 must be a string or a number, not ${t}` };
      }
      if (args.length === 2 && !isNumeric(args[1]!.type)) {
        return { error: `${name}(): argument 2 must be a number, not ${args[1]!.type}` };
      }
      const parse = lastValueCache(parseV4);
      const impl: ScalarImpl = (row) => {
        const v = row[0]!;
        let ip: V4 | null = null;
        if (typeof v === 'string') ip = parse(v);
        else if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) ip = { value: v, prefix: 32 };
        const prefix = args.length === 2 ? prefixOf(row[1]!, 32) : 32;
        if (!ip || prefix === null) return '';
        const p = Math.min(ip.prefix, prefix);
        const text = formatV4((ip.value & v4Mask(p)) >>> 0);
        return withSuffix ? `${text}/${p}` : text;
      };
      return { type: 'string', impl };
    },
  };
}

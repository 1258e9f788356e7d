/**
 * XQL's IP functions (the *incidr*, *incidr6*, *incidrlist*, *is_ipv4*, *is_ipv6*, *ip_to_int*
 * and *int_to_ip* pages). The CIDR argument may list several ranges separated by commas: the address
 * is in range when it is in any of them. An address that is not IPv4 (for incidr) is not in range,
 * and never fails the query; a malformed constant range is a bind error.
 */
import { parseV4, parseV4Address, parseV6, type V4, type V6 } from '../scalar/ip.js';
import { bindError, checkArgs } from '../scalar/conversion.js';
import type { ArgInfo, BindResult, ScalarBinding, ScalarFunction } from '../types.js';
import { NUMERIC_OR_TEXT, numberOf, TEXT, textOf } from './values.js';

function v4Contains(r: V4, addr: number): boolean {
  const mask = r.prefix <= 0 ? 0 : (0xffffffff << (32 - r.prefix)) >>> 0;
  return ((addr & mask) >>> 0) === r.value;
}

function v6Contains(r: V6, addr: V6): boolean {
  const all = (1n << 128n) - 1n;
  const mask = r.prefix <= 0 ? 0n : all ^ ((1n << BigInt(128 - r.prefix)) - 1n);
  return (addr.value & mask) === r.value;
}

/** Parses a comma-separated list of ranges; null when any is malformed. */
function ranges<R>(text: string, parse: (t: string) => R | null): R[] | null {
  const out: R[] = [];
  for (const part of text.split(',')) {
    const r = parse(part.trim());
    if (r === null) return null;
    out.push(r);
  }
  return out;
}

/** One address family: how its ranges parse, and whether an address text is in one of them. */
interface Family<R> {
  readonly bits: 4 | 6;
  parse(text: string): R | null;
  contains(ranges: readonly R[], ip: string): boolean;
}

const V4_FAMILY: Family<V4> = {
  bits: 4,
  parse: parseV4,
  contains(rs, ip) {
    const addr = parseV4Address(ip.trim());
    return addr !== null && rs.some((r) => v4Contains(r, addr));
  },
};

const V6_FAMILY: Family<V6> = {
  bits: 6,
  parse: parseV6,
  contains(rs, ip) {
    const addr = ip.includes(':') ? parseV6(ip.trim()) : null;
    return addr !== null && rs.some((r) => v6Contains(r, addr));
  },
};

function cidrFunction<R>(name: string, family: Family<R>): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args: readonly ArgInfo[]): BindResult<ScalarBinding> {
      const bad = checkArgs(name, args, [TEXT, TEXT]);
      if (bad) return bad;
      const constant = args[1]!.constant?.value;
      const fixedRanges = typeof constant === 'string' ? ranges(constant, (t) => family.parse(t)) : undefined;
      if (fixedRanges === null) return bindError(name, `'${String(constant)}' is not a list of IPv${family.bits} CIDR ranges`);
      return {
        type: 'bool',
        impl: (a) => {
          const ip = textOf(a[0] ?? null);
          if (ip === null) return null;
          const rs = fixedRanges ?? ranges(textOf(a[1] ?? null) ?? '', (t) => family.parse(t));
          return rs === null ? null : family.contains(rs, ip);
        },
      };
    },
  };
}

/** incidrlist("ip1,ip2", "cidr[, cidr]"): true when any of the listed addresses is in range. */
const incidrlist: ScalarFunction = {
  name: 'incidrlist',
  minArgs: 2,
  maxArgs: 2,
  bind(args) {
    const inner = cidrFunction('incidrlist', V4_FAMILY).bind(args);
    if ('error' in inner) return inner;
    return {
      type: 'bool',
      impl: (a, ctx) => {
        const list = textOf(a[0] ?? null);
        if (list === null) return null;
        const one = [null, a[1] ?? null] as Parameters<typeof inner.impl>[0];
        return list.split(',').some((ip) => {
          one[0] = ip.trim();
          return inner.impl(one, ctx) === true;
        });
      },
    };
  },
};

function predicate(name: string, test: (text: string) => boolean): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    bind: (args) => checkArgs(name, args, [TEXT]) ?? {
      type: 'bool',
      impl: (a) => {
        const t = textOf(a[0] ?? null);
        return t === null ? null : test(t);
      },
    },
  };
}

const ipToInt: ScalarFunction = {
  name: 'ip_to_int',
  minArgs: 1,
  maxArgs: 1,
  bind: (args) => checkArgs('ip_to_int', args, [TEXT]) ?? {
    type: 'long',
    impl: (a) => {
      const t = textOf(a[0] ?? null);
      return t === null ? null : parseV4Address(t.trim());
    },
  },
};

const intToIp: ScalarFunction = {
  name: 'int_to_ip',
  minArgs: 1,
  maxArgs: 1,
  bind: (args) => checkArgs('int_to_ip', args, [NUMERIC_OR_TEXT]) ?? {
    type: 'string',
    impl: (a) => {
      const n = numberOf(a[0] ?? null);
      if (n === null || !Number.isInteger(n) || n < 0 || n > 0xffffffff) return null;
      return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    },
  },
};

export const xqlIpFunctions: ScalarFunction[] = [
  cidrFunction('incidr', V4_FAMILY),
  cidrFunction('incidr6', V6_FAMILY),
  incidrlist,
  predicate('is_ipv4', (t) => parseV4Address(t.trim()) !== null),
  predicate('is_ipv6', (t) => t.includes(':') && parseV6(t.trim()) !== null),
  ipToInt,
  intToIp,
];

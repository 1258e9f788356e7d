/**
 * The functions of Cloud SIEM rule expressions ("Cloud SIEM Rules Syntax"), each with its signature
 * and implementation side by side. Names are matched without regard to case, as Spark SQL does
 * (the catalog writes both `lower` and `LOWER`). Null logic is two-valued, as the page's examples
 * show (`!(null) // true`, `null = "foo" // false`): a test whose operand is null is false, never null.
 */
import { compileCached, firstMatch } from '../../functions/regex.js';
import { parseV4Address } from '../../functions/scalar/ip.js';
import type { ArgInfo, BindResult, ScalarBinding, ScalarFunction, ScalarImpl } from '../../functions/types.js';
import type { ScalarType } from '../../types/scalar-type.js';
import { isPlainObject, type Value } from '../../types/value.js';

/** A value as text, the way concat and the string functions read their arguments; null stays null. */
export function textOf(v: Value): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** A value as a number: numbers as they are, numeric text parsed (`int(fields['SpamScore'])`); otherwise null. */
export function numberOf(v: Value): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function fn(name: string, minArgs: number, maxArgs: number, bind: (args: readonly ArgInfo[]) => BindResult<ScalarBinding>): ScalarFunction {
  return { name, minArgs, maxArgs, bind };
}

/** A function of fixed result type whose implementation reads the arguments' values only. */
function simple(name: string, minArgs: number, maxArgs: number, type: ScalarType, impl: ScalarImpl): ScalarFunction {
  return fn(name, minArgs, maxArgs, () => ({ type, impl }));
}

const textMap = (name: string, map: (s: string) => string) =>
  simple(name, 1, 1, 'string', (a) => {
    const s = textOf(a[0]!);
    return s === null ? null : map(s);
  });

function toInteger(v: Value): number | null {
  const n = numberOf(v);
  return n === null ? null : Math.trunc(n);
}

// ── IP addresses (the platform's operators of the same names) ─────────────

const PRIVATE_V4: readonly [number, number][] = [
  [0x0a000000, 8], [0xac100000, 12], [0xc0a80000, 16],
];
/** RFC 5735's special-use blocks (isReservedIP); RFC 1918 is among them. */
const SPECIAL_V4: readonly [number, number][] = [
  [0x00000000, 8], [0x0a000000, 8], [0x7f000000, 8], [0xa9fe0000, 16], [0xac100000, 12], [0xc0000000, 24],
  [0xc0000200, 24], [0xc0586300, 24], [0xc0a80000, 16], [0xc6120000, 15], [0xc6336400, 24], [0xcb007100, 24],
  [0xe0000000, 4], [0xf0000000, 4],
];

function inBlock(ip: number, [base, bits]: readonly [number, number]): boolean {
  return bits === 0 || Math.floor(ip / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits));
}

const v4 = (v: Value): number | null => {
  const s = textOf(v);
  return s === null ? null : parseV4Address(s.trim());
};

/** An invalid address gives null ("invalid IPv4 addresses are dropped"), which no test accepts. */
const ipTest = (name: string, test: (ip: number) => boolean) =>
  simple(name, 1, 1, 'bool', (a) => {
    const ip = v4(a[0]!);
    return ip === null ? null : test(ip);
  });

function prefixLength(v: Value): number | null {
  const n = numberOf(v);
  return n !== null && Number.isInteger(n) && n >= 0 && n <= 32 ? n : null;
}

function networkOf(ip: number, bits: number): number {
  return bits === 0 ? 0 : Math.floor(ip / 2 ** (32 - bits)) * 2 ** (32 - bits);
}

function formatV4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** The page's math functions of one or two numbers, by their names there. */
const MATH: Record<string, (...xs: number[]) => number> = {
  abs: Math.abs, acos: Math.acos, asin: Math.asin, atan: Math.atan, atan2: Math.atan2, cbrt: Math.cbrt, cos: Math.cos,
  cosh: Math.cosh, exp: Math.exp, expm1: Math.expm1, hypot: Math.hypot, log: Math.log, log10: Math.log10, log1p: Math.log1p,
  sin: Math.sin, sinh: Math.sinh, sqrt: Math.sqrt, tan: Math.tan, tanh: Math.tanh,
  toDegrees: (x) => (x * 180) / Math.PI, toRadians: (x) => (x * Math.PI) / 180,
};

// ── the catalogue ──────────────────────────────────────────────────────────

const lower = textMap('lower', (s) => s.toLowerCase());
const upper = textMap('upper', (s) => s.toUpperCase());

/** `not`: the logical NOT of the page, `!(null) // true`. */
const not = simple('not', 1, 1, 'bool', (a) => a[0] !== true);

const functions: ScalarFunction[] = [
  not,
  lower,
  { ...lower, name: 'toLowerCase' },
  upper,
  { ...upper, name: 'toUpperCase' },
  textMap('trim', (s) => s.trim()),
  /** "If the string is null, it returns 0." */
  simple('length', 1, 1, 'long', (a) => textOf(a[0]!)?.length ?? 0),
  /** Spark's concat: a null argument makes the result null. */
  simple('concat', 1, 64, 'string', (a) => {
    const parts = a.map(textOf);
    return parts.some((p) => p === null) ? null : parts.join('');
  }),
  /** `substring(s, start[, end])`: offsets from 0, the end exclusive and clamped to the length. */
  simple('substring', 2, 3, 'string', (a) => {
    const s = textOf(a[0]!);
    const start = toInteger(a[1]!);
    const end = a.length > 2 ? toInteger(a[2]!) : s?.length ?? 0;
    if (s === null || start === null || end === null || start < 0 || end < start) return null;
    return s.slice(start, end);
  }),
  /** The two branches keep their own types; the binder's result type is dynamic when they differ. */
  fn('if', 3, 3, (args) => ({
    type: args[1]!.type === args[2]!.type ? args[1]!.type : 'dynamic',
    impl: (a) => (a[0] === true ? a[1]! : a[2]!),
  })),
  /** `[a, b]`, as hasThreatMatch's field list is written. */
  simple('pack_array', 0, 64, 'dynamic', (a) => a.map((v) => (typeof v === 'bigint' ? String(v) : v)) as Value),
  simple('isNull', 1, 1, 'bool', (a) => a[0] === null || a[0] === undefined),
  /** Empty text, or null. */
  simple('isEmpty', 1, 1, 'bool', (a) => {
    const s = textOf(a[0]!);
    return s === null || s === '';
  }),
  /** "whitespace, empty (""), or null". */
  simple('isBlank', 1, 1, 'bool', (a) => {
    const s = textOf(a[0]!);
    return s === null || s.trim() === '';
  }),
  /** The number of elements; -1 for null (jsonArraySize, its equivalent: "Returns -1 if null"). */
  simple('size', 1, 1, 'long', (a) => {
    const v = a[0]!;
    if (Array.isArray(v)) return v.length;
    if (isPlainObject(v)) return Object.keys(v).length;
    return -1;
  }),
  /** An element equal to the value, compared as text case-sensitively; a null array contains nothing. */
  simple('array_contains', 2, 2, 'bool', (a) => {
    const list = a[0]!;
    const wanted = textOf(a[1]!);
    return Array.isArray(list) && wanted !== null && list.some((item) => textOf(item as Value) === wanted);
  }),
  ipTest('isPrivateIP', (ip) => PRIVATE_V4.some((b) => inBlock(ip, b))),
  ipTest('isReservedIP', (ip) => SPECIAL_V4.some((b) => inBlock(ip, b))),
  ipTest('isPublicIP', (ip) => !SPECIAL_V4.some((b) => inBlock(ip, b))),
  simple('isValidIPv4', 1, 1, 'bool', (a) => v4(a[0]!) !== null),
  simple('ipv4ToNumber', 1, 1, 'long', (a) => v4(a[0]!)),
  /** `compareCIDRPrefix("10.10.1.35", "10.10.1.100", "24") // true`. */
  simple('compareCIDRPrefix', 3, 3, 'bool', (a) => {
    const [x, y, bits] = [v4(a[0]!), v4(a[1]!), prefixLength(a[2]!)];
    return x !== null && y !== null && bits !== null && networkOf(x, bits) === networkOf(y, bits);
  }),
  /** `getCIDRPrefix("10.10.1.35", "24") // "10.10.1.0"`. */
  simple('getCIDRPrefix', 2, 2, 'string', (a) => {
    const [x, bits] = [v4(a[0]!), prefixLength(a[1]!)];
    return x === null || bits === null ? null : formatV4(networkOf(x, bits));
  }),
  /** Casts: numeric text becomes a number; anything else null. `int` truncates toward zero. */
  simple('int', 1, 1, 'long', (a) => toInteger(a[0]!)),
  simple('toInt', 1, 1, 'long', (a) => toInteger(a[0]!)),
  simple('toLong', 1, 1, 'long', (a) => toInteger(a[0]!)),
  simple('float', 1, 1, 'real', (a) => numberOf(a[0]!)),
  simple('toFloat', 1, 1, 'real', (a) => numberOf(a[0]!)),
  simple('toDouble', 1, 1, 'real', (a) => numberOf(a[0]!)),
  simple('num', 1, 1, 'real', (a) => numberOf(a[0]!)),
  simple('number', 1, 1, 'real', (a) => numberOf(a[0]!)),
  simple('toString', 1, 1, 'string', (a) => textOf(a[0]!)),
  ...Object.entries(MATH).map(([name, f]) => simple(name, f.length, f.length, 'real', (a) => {
    const xs = a.map(numberOf);
    return xs.some((x) => x === null) ? null : f(...(xs as number[]));
  })),
  simple('ceil', 1, 1, 'long', (a) => {
    const n = numberOf(a[0]!);
    return n === null ? null : Math.ceil(n);
  }),
  simple('floor', 1, 1, 'long', (a) => {
    const n = numberOf(a[0]!);
    return n === null ? null : Math.floor(n);
  }),
  /** `round(1.549, 2) // 1.55`; without digits, to the nearest integer. */
  simple('round', 1, 2, 'real', (a) => {
    const n = numberOf(a[0]!);
    const digits = a.length > 1 ? toInteger(a[1]!) : 0;
    if (n === null || digits === null) return null;
    const scale = 10 ** digits;
    return Math.round(n * scale) / scale;
  }),
  /** `contains(field1, field2)`: whether the second value's text occurs in the first's. */
  simple('contains', 2, 2, 'bool', (a) => {
    const [hay, needle] = [textOf(a[0]!), textOf(a[1]!)];
    return hay !== null && needle !== null && hay.includes(needle);
  }),
  /** `maskFromCIDR("30") // "255.255.255.252"`. */
  simple('maskFromCIDR', 1, 1, 'string', (a) => {
    const bits = prefixLength(a[0]!);
    return bits === null ? null : formatV4(networkOf(0xffffffff, bits));
  }),
  /** Whether any value of a map (HTTP headers) matches the regular expression, anywhere in it. */
  simple('anyHttpHeaderMatches', 2, 2, 'bool', (a) => {
    const headers = a[0]!;
    const pattern = textOf(a[1]!);
    const regex = pattern === null ? null : compileCached(pattern);
    if (!regex || !isPlainObject(headers)) return false;
    return Object.values(headers).some((v) => {
      const s = textOf(v as Value);
      return s !== null && firstMatch(regex, s) !== null;
    });
  }),
];

/** The page's equivalents: `jsonArrayContains` is `array_contains`, `jsonArraySize` is `size`. */
const EQUIVALENTS: Record<string, string> = { jsonArrayContains: 'array_contains', jsonArraySize: 'size' };

const byLowerName = new Map(functions.map((f) => [f.name.toLowerCase(), f]));
for (const [alias, name] of Object.entries(EQUIVALENTS)) byLowerName.set(alias.toLowerCase(), { ...byLowerName.get(name)!, name: alias });

/** The scalar function a call names, case-insensitively. */
export function cseFunction(name: string): ScalarFunction | undefined {
  return byLowerName.get(name.toLowerCase());
}

/**
 * Functions the syntax page documents that kqlx does not run, with the reason: each is refused by
 * name rather than reported unknown.
 */
const REFUSED: Record<string, string> = {
  json: 'does not run the json operator inside rule expressions',
  hexToAscii: 'does not implement the hex and base64 codecs yet', hexToDec: 'does not implement the hex and base64 codecs yet',
  decToHex: 'does not implement the hex and base64 codecs yet', asciiToHex: 'does not implement the hex and base64 codecs yet',
  base64Decode: 'does not implement the hex and base64 codecs yet', base64Encode: 'does not implement the hex and base64 codecs yet',
  urldecode: 'does not implement URL coding yet', urlencode: 'does not implement URL coding yet',
  luhn: 'does not implement it yet', haversine: 'does not implement it yet',
  isNumeric: "does not implement Java's number grammar", isValidIP: 'does not validate IPv6 addresses yet', isValidIPv6: 'does not validate IPv6 addresses yet',
};
const refusedByLowerName = new Map(Object.entries(REFUSED).map(([k, v]) => [k.toLowerCase(), { name: k, reason: v }]));

export function refusedCseFunction(name: string): { readonly name: string; readonly reason: string } | undefined {
  return refusedByLowerName.get(name.toLowerCase());
}

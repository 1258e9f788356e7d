/**
 * Punycode (RFC 3492): the Bootstring encoding of Unicode text into letters, digits and hyphens, as
 * IDNA uses for each label of a domain name (without the `xn--` prefix, which is IDNA's, not
 * Punycode's). Written from the RFC's section 6 (parameters in 5, bias adaptation in 6.1, overflow
 * handling in 6.4); the encoder and decoder give null where the RFC says "fail".
 */

const BASE = 36;
const TMIN = 1;
const TMAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;
const DELIMITER = '-';
/** The RFC's overflow limit for its integer variables (6.4): 32-bit signed. */
const MAX_INT = 0x7fffffff;
const MAX_CODE_POINT = 0x10ffff;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - TMIN) * TMAX) / 2) {
    d = Math.floor(d / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * d) / (d + SKEW));
}

/** The threshold t for digit position k (6.2). */
function threshold(k: number, bias: number): number {
  return k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
}

/** 0-25 are a-z, 26-35 are 0-9; the encoder writes lower case. */
function digitChar(d: number): string {
  return String.fromCharCode(d < 26 ? 97 + d : 22 + d);
}

/** A digit's value, letters of either case; -1 for anything else. */
function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 22;
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 97;
  return -1;
}

export function punycodeEncode(text: string): string | null {
  const input = Array.from(text, (c) => c.codePointAt(0)!);
  let output = input.filter((c) => c < INITIAL_N).map((c) => String.fromCharCode(c)).join('');
  const basic = output.length;
  if (basic > 0) output += DELIMITER;
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  for (let handled = basic; handled < input.length; ) {
    const m = input.reduce((least, c) => (c >= n && c < least ? c : least), Infinity);
    if (m - n > Math.floor((MAX_INT - delta) / (handled + 1))) return null;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of input) {
      if (c < n && ++delta > MAX_INT) return null;
      if (c !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = threshold(k, bias);
        if (q < t) break;
        output += digitChar(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      output += digitChar(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

export function punycodeDecode(text: string): string | null {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= INITIAL_N) return null;
  const cut = text.lastIndexOf(DELIMITER);
  const basic = cut > 0 ? cut : 0;
  const output = Array.from(text.slice(0, basic), (c) => c.charCodeAt(0));
  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  for (let at = basic > 0 ? basic + 1 : 0; at < text.length; ) {
    const before = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (at >= text.length) return null;
      const digit = digitValue(text.charCodeAt(at++));
      if (digit < 0 || digit > Math.floor((MAX_INT - i) / w)) return null;
      i += digit * w;
      const t = threshold(k, bias);
      if (digit < t) break;
      if (w > Math.floor(MAX_INT / (BASE - t))) return null;
      w *= BASE - t;
    }
    const points = output.length + 1;
    bias = adapt(i - before, points, before === 0);
    if (Math.floor(i / points) > MAX_INT - n) return null;
    n += Math.floor(i / points);
    i %= points;
    if (n < INITIAL_N || n > MAX_CODE_POINT) return null;
    output.splice(i, 0, n);
    i++;
  }
  return output.map((c) => String.fromCodePoint(c)).join('');
}

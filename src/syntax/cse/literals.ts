/** The values of Cloud SIEM expression literals: numbers with the platform's suffixes, strings, wildcard patterns. */
import type { Span } from '../../common/span.js';
import type * as A from '../ast.js';

/** The multiplier of each suffix the syntax page lists; time suffixes count milliseconds. */
const SUFFIXES: Record<string, number> = {
  ns: 1e-6, us: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8,
  k: 1e3, K: 1e3, M: 1e6, G: 1e9, B: 1e9, T: 1e12, P: 1e15,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5,
};

export function numberLiteral(image: string, span: Span): A.Literal {
  const m = /^([\d.]+(?:[eE][+-]?\d+)?)(.*)$/.exec(image)!;
  const value = Number(m[1]) * (m[2] ? SUFFIXES[m[2]]! : 1);
  const integral = Number.isInteger(value) && (m[2] !== '' || !/[.eE]/.test(m[1]!));
  return { kind: 'Literal', type: integral ? 'long' : 'real', value, span };
}

/**
 * A quoted string's value: the quotes removed, and in double quotes `\"` made a quote (`"\"foo\""` is
 * `"foo"`, the syntax page's example). Other backslashes stay, because the catalog's rules write
 * regular expressions (`'\bgpresult\b'`) and LIKE escapes (`'\%'`) in plain strings.
 */
export function stringValue(image: string): string {
  const body = image.slice(1, -1);
  return image[0] === '"' ? body.replace(/\\"/g, '"') : body;
}

/**
 * The regular expression a `matches "pattern"` wildcard stands for: `*` is any run of characters,
 * everything else is literal, and the whole string must match.
 */
export function wildcardRegex(pattern: string): string {
  return `^${pattern.split('*').map((part) => part.replace(/[\\^$.|?+()[\]{}]/g, '\\$&')).join('.*')}$`;
}

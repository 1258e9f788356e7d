/**
 * SQL `LIKE` as Cloud SIEM rules use it ("Cloud SIEM Rules Syntax", like): case-sensitive; `%` is any
 * run of characters, `_` exactly one; a backslash makes the next character literal
 * (`'\%SystemDrive\%\\Users%'`). The whole text must match. A null text or pattern never matches.
 */
import type { ScalarImpl } from '../../functions/types.js';

/** The pattern as an anchored regular expression. */
export function likeRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) source += escape(pattern[++i]!);
    else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += escape(ch);
  }
  return new RegExp(`^${source}$`, 'u');
}

function escape(ch: string): string {
  return /[\\^$.*+?()[\]{}|]/.test(ch) ? `\\${ch}` : ch;
}

/** `text LIKE pattern` for a constant pattern (compiled once) or a pattern known only per record. */
export function likeMatcher(constantPattern: string | undefined): ScalarImpl {
  if (constantPattern !== undefined) {
    const re = likeRegExp(constantPattern);
    return (a) => typeof a[0] === 'string' && re.test(a[0]);
  }
  let last: [string, RegExp] | undefined;
  return (a) => {
    const [text, pattern] = a;
    if (typeof text !== 'string' || typeof pattern !== 'string') return false;
    if (!last || last[0] !== pattern) last = [pattern, likeRegExp(pattern)];
    return last[1].test(text);
  };
}

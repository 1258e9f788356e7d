/** Spans of chevrotain tokens and of the nodes built from them, for both front ends. */
import type { IToken } from 'chevrotain';
import type { Span } from '../common/span.js';

export type Spanned = IToken | { span: Span } | undefined;

export function tokenSpan(t: IToken): Span {
  return { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
}

/** The smallest span covering the given tokens and nodes; parts missing after recovery are ignored. */
export function cover(...parts: Spanned[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const p of parts) {
    if (!p) continue;
    const s = 'span' in p ? p.span : tokenSpan(p);
    if (!s || Number.isNaN(s.start)) continue;
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  return start === Infinity ? { start: 0, end: 0 } : { start, end };
}

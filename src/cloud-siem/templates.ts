/**
 * `{{field}}` templates of summary_expression, name_expression and description_expression. A
 * placeholder holds a field name or a map access (`{{fields['urlCategories']}}`, `{{fields.yaraRuleName}}`),
 * read from the firing record; a null value renders as empty text.
 */
import type { Span } from '../common/span.js';
import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface Template {
  /** Literal text and placeholders, in order. */
  readonly parts: readonly (string | Placeholder)[];
}

export interface Placeholder {
  /** The expression between the braces, trimmed. */
  readonly expression: string;
  readonly span: Span;
}

export function parseTemplate(text: string): { template: Template; diagnostics: Diagnostic[] } {
  const parts: (string | Placeholder)[] = [];
  const diagnostics: Diagnostic[] = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf('{{', at);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) {
      diagnostics.push(diag.cseUnclosedPlaceholder({ start: open, end: open + 2 }));
      break;
    }
    if (open > at) parts.push(text.slice(at, open));
    const inner = text.slice(open + 2, close);
    const lead = inner.length - inner.trimStart().length;
    parts.push({ expression: inner.trim(), span: { start: open + 2 + lead, end: open + 2 + lead + inner.trim().length } });
    at = close + 2;
  }
  if (at < text.length) parts.push(text.slice(at));
  return { template: { parts }, diagnostics };
}

export function placeholders(t: Template): Placeholder[] {
  return t.parts.filter((p): p is Placeholder => typeof p !== 'string');
}

/** The text with each placeholder replaced by `valueOf(its expression)`. */
export function renderTemplate(t: Template, valueOf: (expression: string) => string | null): string {
  return t.parts.map((p) => (typeof p === 'string' ? p : valueOf(p.expression) ?? '')).join('');
}

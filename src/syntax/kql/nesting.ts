/**
 * How deeply a query nests, measured on its tokens before parsing. The parser is recursive descent,
 * so each level of parentheses, brackets, braces or prefix signs costs stack in it, in the binder and in
 * the evaluator; past MAX_NESTING the query is refused with a clear error instead of exhausting the
 * stack. Long flat chains (`a or b or ...`, many `|` stages, many `let`s) are not nesting and have no
 * such limit. The limit is kqlx's own (docs/semantics.md): Kusto documents none.
 */
import type { IToken } from 'chevrotain';
import { diag } from '../../diagnostics/catalog.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { LBrace, LBracket, LParen, Minus, Plus, RBrace, RBracket, RParen } from './tokens.js';

export const MAX_NESTING = 64;

const OPENING = new Set([LParen, LBracket, LBrace]);
const CLOSING = new Set([RParen, RBracket, RBrace]);
const SIGNS = new Set([Plus, Minus]);

/** The error for the first token that opens a level past MAX_NESTING, if any. */
export function nestingError(tokens: readonly IToken[]): Diagnostic | undefined {
  let depth = 0;
  let signs = 0; // prefix signs in a row (`- - - x`), each a level of the unary rule
  for (const t of tokens) {
    if (SIGNS.has(t.tokenType)) signs++;
    else signs = 0;
    if (OPENING.has(t.tokenType)) depth++;
    else if (CLOSING.has(t.tokenType)) depth = Math.max(0, depth - 1);
    if (depth + signs > MAX_NESTING) {
      return diag.nestedTooDeeply(MAX_NESTING, { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 });
    }
  }
  return undefined;
}

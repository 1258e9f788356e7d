/** parseCseExpression(): Cloud SIEM rule expression text → shared AST and syntax diagnostics. Never throws on user input. */
import { EOF } from 'chevrotain';
import { diag } from '../../diagnostics/catalog.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Expr } from '../ast.js';
import { CODE_SEPARATOR } from '../kql/errors.js';
import { CseParser } from './parser.js';
import { cseLexer, Matches, NotMatches, Slash, Star } from './tokens.js';

let shared: CseParser | undefined;

/** One parser instance, reused: building it runs chevrotain's grammar analysis. */
function parser(): CseParser {
  return (shared ??= new CseParser());
}

export interface CseParseResult {
  readonly ast: Expr | undefined;
  readonly diagnostics: Diagnostic[];
}

export function parseCseExpression(text: string): CseParseResult {
  const lexed = cseLexer.tokenize(text);
  const lexical = lexed.errors.map((e): Diagnostic => {
    const ch = text[e.offset]!;
    if (ch === "'" || ch === '"') {
      const eol = text.indexOf('\n', e.offset);
      return diag.cseUnterminatedString({ start: e.offset, end: eol < 0 ? text.length : eol });
    }
    return diag.cseUnexpectedCharacter(ch, { start: e.offset, end: e.offset + 1 });
  });
  // `/*` lexes as divide and multiply when its `*/` is missing; no valid expression has them adjacent.
  const open = lexed.tokens.findIndex((t, i) => t.tokenType === Slash && lexed.tokens[i + 1]?.tokenType === Star && lexed.tokens[i + 1]!.startOffset === t.startOffset + 1);
  if (open >= 0) lexical.push(diag.cseUnterminatedComment({ start: lexed.tokens[open]!.startOffset, end: lexed.tokens[open]!.startOffset + 2 }));
  // After matches, `/` lexes as divide only when the regular expression has no closing `/`.
  const regex = lexed.tokens.findIndex((t, i) => t.tokenType === Slash && (lexed.tokens[i - 1]?.tokenType === Matches || lexed.tokens[i - 1]?.tokenType === NotMatches));
  if (regex >= 0) lexical.push(diag.cseUnterminatedRegex({ start: lexed.tokens[regex]!.startOffset, end: lexed.tokens[regex]!.startOffset + 1 }));
  if (lexical.length > 0) return { ast: undefined, diagnostics: lexical.sort((a, b) => a.span!.start - b.span!.start).slice(0, 1) };
  if (lexed.tokens.length === 0) return { ast: undefined, diagnostics: [diag.cseEmptyExpression({ start: 0, end: Math.max(1, text.length) })] };
  const p = parser();
  p.actionDiagnostics = [];
  p.input = lexed.tokens;
  const ast = p.expression();
  const error = p.errors[0];
  if (!error) return p.actionDiagnostics.length > 0 ? { ast: undefined, diagnostics: p.actionDiagnostics.slice(0, 1) } : { ast, diagnostics: [] };
  const [code, message] = error.message.split(CODE_SEPARATOR) as [string, string];
  const t = error.token;
  let start = t.startOffset;
  let end = (t.endOffset ?? start) + 1;
  if (Number.isNaN(start) || t.tokenType === EOF) {
    // At the end of the text: point just past the last token.
    const last = lexed.tokens[lexed.tokens.length - 1]!;
    start = (last.endOffset ?? last.startOffset) + 1;
    end = start + 1;
  }
  return { ast: undefined, diagnostics: [{ code, category: 'syntax', severity: 'error', message, span: { start, end } }] };
}

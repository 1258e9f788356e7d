/** parse(): KQL text → AST and syntax diagnostics. Never throws on user input. */
import { createTokenInstance, EOF } from 'chevrotain';
import { diag } from '../../diagnostics/catalog.js';
import type { Category, Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Block } from '../ast.js';
import { CODE_SEPARATOR } from './errors.js';
import { nestingError } from './nesting.js';
import { KqlParser } from './parser.js';
import { kqlLexer, StringLiteral } from './tokens.js';

let shared: KqlParser | undefined;

/** One parser instance, reused: building it runs chevrotain's grammar analysis. */
function parser(): KqlParser {
  return (shared ??= new KqlParser());
}

export interface ParseResult {
  readonly ast: Block | undefined;
  readonly diagnostics: Diagnostic[];
}

export function parseKql(text: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const lexed = kqlLexer.tokenize(text);
  // An unterminated string runs to the end of its line; the tokens the lexer made of its text are dropped,
  // so the one mistake gives one error.
  const swallowed: { start: number; end: number }[] = [];
  for (const e of lexed.errors) {
    const ch = text[e.offset]!;
    if (ch === '"' || ch === "'" || ch === '@' || ch === '`') {
      const eol = text.indexOf('\n', e.offset);
      // A verbatim or obfuscated prefix (`@"`, `h"`, `h@"`) belongs to the string.
      let start = e.offset;
      while (start > 0 && /[@hH]/.test(text[start - 1]!) && !/\w/.test(text[start - 2] ?? ' ')) start--;
      const span = { start, end: eol < 0 ? text.length : eol };
      swallowed.push(span);
      diagnostics.push(diag.unterminatedString(span));
    } else {
      diagnostics.push(diag.unexpectedCharacter(ch, { start: e.offset, end: e.offset + Math.max(1, e.length) }));
    }
  }
  if (swallowed.length > 0) {
    // Stand-in string tokens let parsing go on as if the string had been closed at the end of its line.
    const standIns = swallowed.map((w) => {
      const body = text.slice(w.start, w.end);
      return createTokenInstance(StringLiteral, `${body}${body.replace(/^[hH]?@?/, '')[0]}`, w.start, w.end - 1, NaN, NaN, NaN, NaN);
    });
    lexed.tokens = [...lexed.tokens.filter((t) => !swallowed.some((w) => t.startOffset >= w.start && t.startOffset < w.end)), ...standIns]
      .sort((a, b) => a.startOffset - b.startOffset);
  }
  const tooDeep = nestingError(lexed.tokens);
  if (tooDeep) return { ast: undefined, diagnostics: [...diagnostics, tooDeep] };
  const p = parser();
  p.actionDiagnostics = [];
  p.input = lexed.tokens;
  let ast: Block | undefined;
  try {
    ast = p.query();
  } catch (e) {
    // A grammar action can trip over a part that error recovery left out; the syntax errors already
    // recorded explain the query's mistake, so they are the answer. Anything else is a bug.
    if (p.errors.length === 0) throw e;
  }
  for (const e of p.errors) {
    const [code, message] = e.message.includes(CODE_SEPARATOR) ? e.message.split(CODE_SEPARATOR) : ['KX103', e.message];
    const t = e.token;
    let start = t.startOffset;
    let end = (t.endOffset ?? start) + 1;
    if (Number.isNaN(start) || t.tokenType === EOF) {
      // Inserted by recovery or at end of input: point just past the previous token.
      const prev = (e as { previousToken?: typeof t }).previousToken ?? lexed.tokens[lexed.tokens.length - 1];
      start = prev && !Number.isNaN(prev.startOffset) ? (prev.endOffset ?? prev.startOffset) + 1 : text.length;
      end = start + 1;
    }
    diagnostics.push({ code: code!, category: 'syntax' as Category, severity: 'error', message: message!, span: { start, end } });
  }
  diagnostics.push(...p.actionDiagnostics);
  diagnostics.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  return { ast: diagnostics.length === 0 ? ast : ast, diagnostics: dedupe(diagnostics) };
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.span?.start}:${d.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

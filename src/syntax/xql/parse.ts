/** parseXql(): XQL text → AST and syntax diagnostics. Never throws on user input. */
import { createTokenInstance, EOF, type IToken } from 'chevrotain';
import { diag } from '../../diagnostics/catalog.js';
import type { Category, Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Pipeline } from '../ast.js';
import { CODE_SEPARATOR } from '../kql/errors.js';
import { XqlParser } from './parser.js';
import { RawString, xqlLexer } from './tokens.js';

let shared: XqlParser | undefined;

/** One parser instance, reused: building it runs chevrotain's grammar analysis. */
function parser(): XqlParser {
  return (shared ??= new XqlParser());
}

export interface XqlParseResult {
  readonly ast: Pipeline | undefined;
  readonly diagnostics: Diagnostic[];
}

export function parseXql(text: string): XqlParseResult {
  const diagnostics: Diagnostic[] = [];
  const lexed = xqlLexer.tokenize(text);
  lexed.tokens = standInStrings(text, lexed.errors, lexed.tokens, diagnostics);
  for (const c of lexed.groups['unclosed'] ?? []) diagnostics.push(diag.unterminatedComment({ start: c.startOffset, end: c.startOffset + 2 }));
  const p = parser();
  p.actionDiagnostics = [];
  p.input = lexed.tokens;
  const ast = p.query();
  for (const e of p.errors) {
    const [code, message] = e.message.includes(CODE_SEPARATOR) ? e.message.split(CODE_SEPARATOR) : ['KX103', e.message];
    const t = e.token;
    let start = t.startOffset;
    let end = (t.endOffset ?? start) + 1;
    if (Number.isNaN(start) || t.tokenType === EOF) {
      // Inserted by recovery or at end of input: point just past the previous token.
      const prev = (e as { previousToken?: IToken }).previousToken ?? lexed.tokens[lexed.tokens.length - 1];
      start = prev && !Number.isNaN(prev.startOffset) ? (prev.endOffset ?? prev.startOffset) + 1 : text.length;
      end = start + 1;
    }
    diagnostics.push({ code: code!, category: 'syntax' as Category, severity: 'error', message: message!, span: { start, end } });
  }
  diagnostics.push(...p.actionDiagnostics);
  diagnostics.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  return { ast, diagnostics: dedupe(diagnostics) };
}

/**
 * Lexing errors become diagnostics. An unterminated string runs to the end of its line (a `"""` one
 * to the end of the query); the tokens made of its text are replaced by one stand-in string, so the
 * one mistake gives one error.
 */
function standInStrings(text: string, errors: readonly { offset: number; length: number }[], tokens: IToken[], diagnostics: Diagnostic[]): IToken[] {
  const swallowed: { start: number; end: number }[] = [];
  for (const e of errors) {
    if (swallowed.some((w) => e.offset >= w.start && e.offset < w.end)) continue;
    const ch = text[e.offset]!;
    if (ch === '"' || ch === '`') {
      // `"""abc` lexes as an empty "" string, then fails at its third quote
      const start = text.startsWith('"""', e.offset - 2) ? e.offset - 2 : e.offset;
      const triple = text.startsWith('"""', start);
      const eol = text.indexOf('\n', start);
      const span = { start, end: triple || eol < 0 ? text.length : eol };
      swallowed.push(span);
      diagnostics.push(diag.unterminatedString(span));
    } else {
      diagnostics.push(diag.unexpectedCharacter(ch, { start: e.offset, end: e.offset + Math.max(1, e.length) }));
    }
  }
  if (swallowed.length === 0) return tokens;
  const standIns = swallowed.map((w) => createTokenInstance(RawString, '""', w.start, w.end - 1, NaN, NaN, NaN, NaN));
  return [...tokens.filter((t) => !swallowed.some((w) => t.startOffset >= w.start && t.startOffset < w.end)), ...standIns]
    .sort((a, b) => a.startOffset - b.startOffset);
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

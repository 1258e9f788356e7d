/**
 * XQL tokens. Keywords are case-insensitive (`filter`, `FILTER`, `Filter`). Stage names and the words
 * that only mean something in one place (`as`, `by`, `type`, `span`, ...) are in the Identifier
 * category, so a field may be called `tag` or `action`; operator words that can never be names
 * (`and`, `or`, `not`, `in`, `contains`) are not.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Every token except `|` and brackets: what a refused or unknown stage's arguments skip over. */
export const Skippable = createToken({ name: 'Skippable', pattern: Lexer.NA });

export const Identifier = createToken({
  name: 'Identifier',
  label: 'a name',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [Skippable],
});

function token(name: string, pattern: RegExp | string, label: string): TokenType {
  return createToken({ name, pattern, label, categories: [Skippable] });
}

/** A case-insensitive keyword; `soft` ones may also be names. */
function keyword(name: string, words: string, soft: boolean): TokenType {
  return createToken({
    name,
    pattern: new RegExp(`(?:${words})(?![A-Za-z0-9_])`, 'i'),
    label: `'${words.split('|')[0]}'`,
    categories: soft ? [Skippable, Identifier] : [Skippable],
  });
}

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED });
/** A `/*` never closed: kept aside in its own group, for parse() to report. */
export const UnclosedComment = createToken({ name: 'UnclosedComment', pattern: /\/\*[\s\S]*/, group: 'unclosed' });

// ── literals ──────────────────────────────────────────────────────────────
/** `"""..."""`: escape sequences are processed. */
export const TripleString = token('TripleString', /"""[\s\S]*?"""/, 'a string');
/** `"..."`: taken literally, backslashes included (the filter page: `"\test\"` looks for `\test\`). */
export const RawString = token('RawString', /"[^"\n]*"/, 'a string');
/** Backtick-quoted values appear in `view` options. */
export const BacktickString = token('BacktickString', /`[^`\n]*`/, 'a string');
/** `7d`, `1h`, `30m`, `10s`, `2w`, `1mo`, `1y`: config timeframe, bin span and transaction span values. */
export const Duration = token('Duration', /\d+(?:ms|mo|[smhdwy])(?![A-Za-z0-9_])/i, 'a duration');
export const RealLiteral = token('RealLiteral', /\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+/, 'a number');
export const IntLiteral = token('IntLiteral', /\d+/, 'an integer');

// ── words that are never names ────────────────────────────────────────────
export const True = keyword('True', 'true', false);
export const False = keyword('False', 'false', false);
export const Null = keyword('Null', 'null', false);
export const And = keyword('And', 'and', false);
export const Or = keyword('Or', 'or', false);
export const Not = keyword('Not', 'not', false);
export const In = keyword('In', 'in', false);
export const Contains = keyword('Contains', 'contains', false);

// ── stage names and clause words (also names) ─────────────────────────────
export const Dataset = keyword('Dataset', 'dataset', true);
export const ColdDataset = keyword('ColdDataset', 'cold_dataset', true);
export const Preset = keyword('Preset', 'preset', true);
export const Datamodel = keyword('Datamodel', 'datamodel', true);
export const Config = keyword('Config', 'config', true);
export const Filter = keyword('Filter', 'filter', true);
export const Alter = keyword('Alter', 'alter', true);
export const Comp = keyword('Comp', 'comp', true);
export const Fields = keyword('Fields', 'fields', true);
export const Sort = keyword('Sort', 'sort', true);
export const Limit = keyword('Limit', 'limit', true);
export const Dedup = keyword('Dedup', 'dedup', true);
export const Join = keyword('Join', 'join', true);
export const Union = keyword('Union', 'union', true);
export const ArrayExpand = keyword('ArrayExpand', 'arrayexpand', true);
export const Bin = keyword('Bin', 'bin', true);
export const ReplaceNull = keyword('ReplaceNull', 'replacenull', true);
export const WindowComp = keyword('WindowComp', 'windowcomp', true);
export const Transaction = keyword('Transaction', 'transaction', true);
export const Top = keyword('Top', 'top', true);
export const Tag = keyword('Tag', 'tag', true);
export const View = keyword('View', 'view', true);
/** Stages kqlx recognises and refuses: they need the tenant's services or write results. */
export const UnsupportedStage = keyword('UnsupportedStage', 'iploc|getrole|call|target', true);
export const Incidr = keyword('Incidr', 'incidr6|incidr', true);
export const As = keyword('As', 'as', true);
export const By = keyword('By', 'by', true);
export const Asc = keyword('Asc', 'asc', true);
export const Desc = keyword('Desc', 'desc', true);
export const Between = keyword('Between', 'between', true);

// ── punctuation ───────────────────────────────────────────────────────────
export const Pipe = createToken({ name: 'Pipe', pattern: '|', label: "'|'" });
export const LParen = createToken({ name: 'LParen', pattern: '(', label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: ')', label: "')'" });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', label: "'['" });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', label: "']'" });
export const LBrace = createToken({ name: 'LBrace', pattern: '{', label: "'{'" });
export const RBrace = createToken({ name: 'RBrace', pattern: '}', label: "'}'" });
export const Arrow = token('Arrow', '->', "'->'");
export const RegexMatch = token('RegexMatch', '~=', "'~='");
export const NotEq = token('NotEq', /!=|<>/, "'!='");
export const LessEq = token('LessEq', '<=', "'<='");
export const GreaterEq = token('GreaterEq', '>=', "'>='");
export const Less = token('Less', '<', "'<'");
export const Greater = token('Greater', '>', "'>'");
export const Equals = token('Equals', '=', "'='");
export const Dot = token('Dot', '.', "'.'");
export const Comma = token('Comma', ',', "','");
export const Plus = token('Plus', '+', "'+'");
export const Minus = token('Minus', '-', "'-'");
export const Star = token('Star', '*', "'*'");
export const Slash = token('Slash', '/', "'/'");
export const Colon = token('Colon', ':', "':'");

/** Lexing order: first match wins, so longer forms precede their prefixes. */
export const allTokens: TokenType[] = [
  WhiteSpace, LineComment, BlockComment, UnclosedComment,
  TripleString, RawString, BacktickString, Duration, RealLiteral, IntLiteral,
  True, False, Null, And, Or, Not, In, Contains,
  ColdDataset, Dataset, Preset, Datamodel, Config, Filter, Alter, Comp, Fields, Sort, Limit, Dedup, Join, Union,
  ArrayExpand, Bin, ReplaceNull, WindowComp, Transaction, Top, Tag, View, UnsupportedStage, Incidr,
  As, By, Asc, Desc, Between,
  Identifier,
  Pipe, LParen, RParen, LBracket, RBracket, LBrace, RBrace,
  Arrow, RegexMatch, NotEq, LessEq, GreaterEq, Less, Greater, Equals, Dot, Comma, Plus, Minus, Star, Slash, Colon,
  Skippable,
];

export const xqlLexer = new Lexer(allTokens, { ensureOptimizations: false, positionTracking: 'full' });

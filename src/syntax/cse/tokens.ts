/**
 * Tokens of the Sumo Logic Cloud SIEM rule expression language ("Cloud SIEM Rules Syntax").
 * Keywords are case-insensitive (`AND`, `and`, `NOT`, `not`); function and field names are not.
 * `/* ... *\/` is a comment; `//` is not (the syntax page says so). A `/regex/` literal exists only
 * after `matches`, so `/` elsewhere stays the division operator.
 */
import { createToken, type CustomPatternMatcherFunc, type IToken, Lexer, type TokenType } from 'chevrotain';

/** A word matched in any letter case and not followed by a name character. */
function keyword(name: string, word: string, label = `'${word.split('|')[0]!.toUpperCase()}'`) {
  return createToken({ name, pattern: new RegExp(`(?:${word})(?![A-Za-z0-9_])`, 'i'), label });
}

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED, line_breaks: true });

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: 'a field name' });

/**
 * Strings in single or double quotes. In double quotes `\"` is a quote (the syntax page's example);
 * in single quotes a backslash is an ordinary character, so `':\Program Files (x86)\'` ends at its
 * second quote, as the catalog's MATCH-S00464 needs.
 */
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /'[^']*'|"(?:[^"\\]|\\[\s\S])*"/,
  label: 'a string',
  line_breaks: true,
});

/** `/regex/` after `matches`: a custom pattern, because elsewhere `/` divides. */
const matchRegexLiteral: CustomPatternMatcherFunc = (text, offset, tokens: IToken[]) => {
  const prev = tokens[tokens.length - 1];
  if (!prev || (prev.tokenType !== Matches && prev.tokenType !== NotMatches) || text[offset] !== '/') return null;
  const m = /\/((?:[^/\\\n]|\\.)*)\//y;
  m.lastIndex = offset;
  return m.exec(text);
};
export const RegexLiteral = createToken({
  name: 'RegexLiteral',
  pattern: { exec: matchRegexLiteral },
  line_breaks: false,
  start_chars_hint: ['/'],
  label: 'a /regular expression/',
});

/**
 * Numbers, with the platform's suffixes the syntax page lists: time (ms-based: `5m` is 300000),
 * base-1000 (`K`, `M`, `G`, `B`, `T`, `P`) and base-1024 (`Ki` ... `Pi`).
 */
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?(?:ns|us|ms|Ki|Mi|Gi|Ti|Pi|[smhdwkKMGBTP])?(?![A-Za-z0-9_])/,
  label: 'a number',
});

export const And = keyword('And', 'and');
export const Or = keyword('Or', 'or');
export const Not = keyword('Not', 'not');
export const In = keyword('In', 'in');
export const Between = keyword('Between', 'between');
export const Like = keyword('Like', 'like');
export const RLike = keyword('RLike', 'rlike');
export const Matches = keyword('Matches', 'matches');
export const Is = keyword('Is', 'is');
export const Null = keyword('Null', 'null');
export const True = keyword('True', 'true');
export const False = keyword('False', 'false');
/** `!matches`, written as one word in the catalog (`x !matches /re/`). */
export const NotMatches = createToken({ name: 'NotMatches', pattern: /!matches(?![A-Za-z0-9_])/i, label: "'!matches'" });

/** The comparison operators, as one category so that the grammar consumes them in one place. */
export const Comparison = createToken({ name: 'Comparison', pattern: Lexer.NA, label: 'a comparison' });
const comparison = (name: string, pattern: string | RegExp, label: string) => createToken({ name, pattern, label, categories: [Comparison] });

export const AmpAmp = createToken({ name: 'AmpAmp', pattern: '&&', label: "'&&'" });
export const PipePipe = createToken({ name: 'PipePipe', pattern: '||', label: "'||'" });
export const EqEq = comparison('EqEq', '==', "'=='");
export const NotEq = comparison('NotEq', /!=|<>/, "'!='");
export const LessEq = comparison('LessEq', '<=', "'<='");
export const GreaterEq = comparison('GreaterEq', '>=', "'>='");
export const Less = comparison('Less', '<', "'<'");
export const Greater = comparison('Greater', '>', "'>'");
export const Equals = comparison('Equals', '=', "'='");
export const Bang = createToken({ name: 'Bang', pattern: '!', label: "'!'" });
export const Plus = createToken({ name: 'Plus', pattern: '+', label: "'+'" });
export const Minus = createToken({ name: 'Minus', pattern: '-', label: "'-'" });
export const Star = createToken({ name: 'Star', pattern: '*', label: "'*'" });
export const Slash = createToken({ name: 'Slash', pattern: '/', label: "'/'" });
export const Percent = createToken({ name: 'Percent', pattern: '%', label: "'%'" });
export const LParen = createToken({ name: 'LParen', pattern: '(', label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: ')', label: "')'" });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', label: "'['" });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', label: "']'" });
export const Comma = createToken({ name: 'Comma', pattern: ',', label: "','" });
export const Dot = createToken({ name: 'Dot', pattern: '.', label: "'.'" });

/** Lexing order: first match wins, so longer forms precede their prefixes. */
export const allTokens: TokenType[] = [
  WhiteSpace, BlockComment, RegexLiteral, StringLiteral, NumberLiteral,
  NotMatches, And, Or, Not, In, Between, Like, RLike, Matches, Is, Null, True, False,
  Identifier,
  AmpAmp, PipePipe, EqEq, NotEq, LessEq, GreaterEq, Less, Greater, Equals, Bang,
  Plus, Minus, Star, Slash, Percent, LParen, RParen, LBracket, RBracket, Comma, Dot, Comparison,
];

export const cseLexer = new Lexer(allTokens, { ensureOptimizations: false, positionTracking: 'full' });

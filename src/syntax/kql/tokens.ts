/**
 * KQL tokens. Keywords that Kusto also allows as names (`count`, `range`, `kind`, `by`, ...) are in
 * the Identifier category, so a rule that wants a name accepts them; operator words that can never be
 * names (`and`, `has`, `in`, `!contains`) are not.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Every token except brackets, pipe and semicolon: what an unsupported operator's arguments skip over. */
export const Skippable = createToken({ name: 'Skippable', pattern: Lexer.NA });

export const Identifier = createToken({
  name: 'Identifier',
  label: 'a name',
  pattern: /[A-Za-z_$][A-Za-z0-9_$]*/,
  categories: [Skippable],
});

function token(name: string, pattern: RegExp | string, label: string, extra: Partial<Parameters<typeof createToken>[0]> = {}) {
  const categories = [Skippable, ...((extra.categories as TokenType[] | undefined) ?? [])];
  return createToken({ name, pattern, label, ...extra, categories });
}

/** A keyword that may also be used as a name. */
function softKeyword(name: string, word: string) {
  return token(name, new RegExp(`(?:${word})(?![\\w$])`), `'${word.split('|')[0]}'`, { categories: [Identifier] });
}

/** A keyword that is never a name. */
function hardKeyword(name: string, pattern: RegExp, label: string) {
  return token(name, pattern, label);
}

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED });

// ── literals ──────────────────────────────────────────────────────────────
export const StringLiteral = token(
  'StringLiteral',
  /```[\s\S]*?```|~~~[\s\S]*?~~~|[hH]?@"(?:[^"]|"")*"|[hH]?@'(?:[^']|'')*'|[hH]?"(?:[^"\\\n]|\\.)*"|[hH]?'(?:[^'\\\n]|\\.)*'/,
  'a string',
);
/** `datetime(2024-01-01 10:00)`, `datetime('2024-01-01')`, `time(1.02:03:04)`, `guid(...)`: their contents are not expressions. */
export const TypedLiteral = token(
  'TypedLiteral',
  /(?:datetime|date|timespan|time|guid)[ \t]*\((?:[^()'"]*|[ \t]*(?:"[^"\n]*"|'[^'\n]*')[ \t]*)\)/,
  'a typed literal',
);
export const TimespanLiteral = token(
  'TimespanLiteral',
  /\d+(?:\.\d+)?(?:days?|d|hours?|hrs?|hr|h|minutes?|mins?|min|m|seconds?|secs?|sec|s|milliseconds?|millis?|milli|ms|microseconds?|micros?|microsec|micro|ticks?)(?![\w])/,
  'a timespan',
);
export const RealLiteral = token('RealLiteral', /\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+/, 'a real number');
export const IntLiteral = token('IntLiteral', /0[xX][0-9a-fA-F]+|\d+/, 'an integer');
export const BoolLiteral = token('BoolLiteral', /(?:true|false|True|False|TRUE|FALSE)(?![\w])/, 'true or false');

// ── hyphenated operator names (before the words they start with) ───────────
export const ProjectAway = hardKeyword('ProjectAway', /project-away/, "'project-away'");
export const ProjectKeep = hardKeyword('ProjectKeep', /project-keep/, "'project-keep'");
export const ProjectRename = hardKeyword('ProjectRename', /project-rename/, "'project-rename'");
export const ProjectReorder = hardKeyword('ProjectReorder', /project-reorder/, "'project-reorder'");
export const MvExpand = hardKeyword('MvExpand', /mv-expand|mvexpand(?![\w])/, "'mv-expand'");
export const ParseWhere = hardKeyword('ParseWhere', /parse-where/, "'parse-where'");
export const ParseKv = hardKeyword('ParseKv', /parse-kv(?![\w-])/, "'parse-kv'");
export const MakeSeries = hardKeyword('MakeSeries', /make-series/, "'make-series'");
export const MvApply = hardKeyword('MvApply', /mv-apply|mvapply(?![\w])/, "'mv-apply'");
export const TopNested = hardKeyword('TopNested', /top-nested(?![\w-])/, "'top-nested'");
export const TopHitters = hardKeyword('TopHitters', /top-hitters/, "'top-hitters'");
export const SampleDistinct = hardKeyword('SampleDistinct', /sample-distinct/, "'sample-distinct'");
export const MakeGraph = hardKeyword('MakeGraph', /make-graph(?![\w-])/, "'make-graph'");
export const GraphMatch = hardKeyword('GraphMatch', /graph-match(?![\w-])/, "'graph-match'");
export const GraphToTable = hardKeyword('GraphToTable', /graph-to-table(?![\w-])/, "'graph-to-table'");
/** Operators kqlx knows by name but does not run yet; they parse by skipping their arguments. */
export const UnsupportedOperatorName = token(
  'UnsupportedOperatorName',
  /(?:assert-schema|execute-and-cache|graph-merge|macro-expand|reduce|consume)(?![\w-])/,
  'an operator',
  { categories: [Identifier] },
);
/** find's output clause; after a pipe it is still refused by name, as an operator kqlx does not run. */
export const ProjectSmart = token('ProjectSmart', /project-smart(?![\w-])/, "'project-smart'", { categories: [UnsupportedOperatorName] });

// ── word operators ────────────────────────────────────────────────────────
export const NotIn = hardKeyword('NotIn', /!in~|!in(?![\w])/, "'!in'");
export const NotBetween = hardKeyword('NotBetween', /!between(?![\w])/, "'!between'");
export const NotStringOp = hardKeyword(
  'NotStringOp',
  /!(?:containscs|has_cs|hasprefix_cs|hasprefix|hassuffix_cs|hassuffix|has|contains_cs|contains|startswith_cs|startswith|endswith_cs|endswith|like)(?![\w])/,
  'a negated string operator',
);
export const StringOp = hardKeyword(
  'StringOp',
  /(?:has_cs|hasprefix_cs|hasprefix|hassuffix_cs|hassuffix|has|containscs|contains_cs|contains|startswith_cs|startswith|endswith_cs|endswith|like|notcontains|notcontainscs|notlike)(?![\w])/,
  'a string operator',
);
export const HasAny = hardKeyword('HasAny', /has_any(?![\w])|has_all(?![\w])/, "'has_any'");
export const InOp = hardKeyword('InOp', /in~|in(?![\w])/, "'in'");
export const Between = hardKeyword('Between', /between(?![\w])/, "'between'");
export const Matches = hardKeyword('Matches', /matches(?![\w])/, "'matches'");
export const And = hardKeyword('And', /and(?![\w])/, "'and'");
export const Or = hardKeyword('Or', /or(?![\w])/, "'or'");
export const Let = hardKeyword('Let', /let(?![\w])/, "'let'");
export const Set = hardKeyword('Set', /set(?![\w])/, "'set'");

// ── keywords that may also be names ───────────────────────────────────────
export const Where = softKeyword('Where', 'where|filter');
export const Extend = softKeyword('Extend', 'extend');
export const Project = softKeyword('Project', 'project');
export const Summarize = softKeyword('Summarize', 'summarize');
export const Count = softKeyword('Count', 'count');
export const Distinct = softKeyword('Distinct', 'distinct');
export const Sort = softKeyword('Sort', 'sort|order');
export const Take = softKeyword('Take', 'take');
export const Limit = softKeyword('Limit', 'limit');
export const Top = softKeyword('Top', 'top');
export const Union = softKeyword('Union', 'union');
export const Join = softKeyword('Join', 'join');
export const Lookup = softKeyword('Lookup', 'lookup');
export const Parse = softKeyword('Parse', 'parse');
export const As = softKeyword('As', 'as');
export const Serialize = softKeyword('Serialize', 'serialize');
export const Search = softKeyword('Search', 'search');
export const Find = softKeyword('Find', 'find');
export const Sample = softKeyword('Sample', 'sample');
export const Render = softKeyword('Render', 'render');
export const Partition = softKeyword('Partition', 'partition');
export const Scan = softKeyword('Scan', 'scan');
export const Fork = softKeyword('Fork', 'fork');
export const Facet = softKeyword('Facet', 'facet');
export const Of = softKeyword('Of', 'of');
export const Evaluate = softKeyword('Evaluate', 'evaluate');
export const Invoke = softKeyword('Invoke', 'invoke');
export const GetSchema = softKeyword('GetSchema', 'getschema');
export const Datatable = softKeyword('Datatable', 'datatable');
export const Print = softKeyword('Print', 'print');
export const Range = softKeyword('Range', 'range');
export const ExternalData = softKeyword('ExternalData', 'externaldata|external_data');
export const Declare = softKeyword('Declare', 'declare');
export const By = softKeyword('By', 'by');
export const On = softKeyword('On', 'on');
export const With = softKeyword('With', 'with');
export const Others = softKeyword('Others', 'others');
export const Asc = softKeyword('Asc', 'asc');
export const Desc = softKeyword('Desc', 'desc');
export const Nulls = softKeyword('Nulls', 'nulls');
export const First = softKeyword('First', 'first');
export const Last = softKeyword('Last', 'last');
export const To = softKeyword('To', 'to');
export const From = softKeyword('From', 'from');
export const Step = softKeyword('Step', 'step');
export const Typeof = softKeyword('Typeof', 'typeof');
export const Regex = softKeyword('Regex', 'regex');
export const View = softKeyword('View', 'view');

// ── punctuation ───────────────────────────────────────────────────────────
export const Pipe = createToken({ name: 'Pipe', pattern: '|', label: "'|'" });
export const Semicolon = createToken({ name: 'Semicolon', pattern: ';', label: "';'" });
export const LParen = createToken({ name: 'LParen', pattern: '(', label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: ')', label: "')'" });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', label: "'['" });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', label: "']'" });
export const LBrace = createToken({ name: 'LBrace', pattern: '{', label: "'{'" });
export const RBrace = createToken({ name: 'RBrace', pattern: '}', label: "'}'" });
export const DotDot = token('DotDot', '..', "'..'");
export const Dot = token('Dot', '.', "'.'");
export const Comma = token('Comma', ',', "','");
export const Colon = token('Colon', ':', "':'");
export const EqEq = token('EqEq', '==', "'=='");
export const NotEq = token('NotEq', /!=|<>/, "'!='");
export const EqTilde = token('EqTilde', '=~', "'=~'");
export const NotTilde = token('NotTilde', '!~', "'!~'");
export const Arrow = token('Arrow', '=>', "'=>'");
export const LessEq = token('LessEq', '<=', "'<='");
export const GreaterEq = token('GreaterEq', '>=', "'>='");
export const Less = token('Less', '<', "'<'");
export const Greater = token('Greater', '>', "'>'");
export const Equals = token('Equals', '=', "'='");
export const Plus = token('Plus', '+', "'+'");
export const Minus = token('Minus', '-', "'-'");
export const Star = token('Star', '*', "'*'");
export const Slash = token('Slash', '/', "'/'");
export const Percent = token('Percent', '%', "'%'");
export const Question = token('Question', '?', "'?'");
export const At = token('At', '@', "'@'");

/** Lexing order: first match wins, so longer forms precede their prefixes. */
export const allTokens: TokenType[] = [
  WhiteSpace, Comment,
  StringLiteral, TypedLiteral, TimespanLiteral, RealLiteral, IntLiteral, BoolLiteral,
  ProjectAway, ProjectKeep, ProjectRename, ProjectReorder, MvExpand, MvApply, TopNested, TopHitters, MakeSeries, ParseWhere, ParseKv, SampleDistinct, MakeGraph, GraphMatch, GraphToTable, ProjectSmart, UnsupportedOperatorName,
  NotIn, NotBetween, NotStringOp, HasAny, StringOp, InOp, Between, Matches, And, Or, Let, Set,
  Where, Extend, Project, Summarize, Count, Distinct, Sort, Take, Limit, Top, Union, Join, Lookup,
  Parse, As, Serialize, Search, Find, Sample, Render, Partition, Fork, Facet, Of, Evaluate, Invoke, GetSchema, Datatable, Print, Range, ExternalData, Declare, Scan,
  By, On, With, Others, Asc, Desc, Nulls, First, Last, To, From, Step, Typeof, Regex, View,
  Identifier,
  Pipe, Semicolon, LParen, RParen, LBracket, RBracket, LBrace, RBrace,
  DotDot, Dot, Comma, Colon, EqEq, NotEq, EqTilde, NotTilde, Arrow, LessEq, GreaterEq, Less, Greater,
  Equals, Plus, Minus, Star, Slash, Percent, Question, At,
  Skippable,
];

export const kqlLexer = new Lexer(allTokens, { ensureOptimizations: false, positionTracking: 'full' });

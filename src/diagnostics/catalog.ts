/**
 * Every diagnostic message kqlx can produce, each with its stable code.
 * KX1xx syntax, KX2xx semantic, KX3xx unsupported, KX4xx runtime. Rule-file problems (KX501 YAML
 * syntax, KX502 rule fields, KX503 a test file given to check) and parser-file problems (KX560–KX579,
 * sentinel/parsers/) have a line and column rather than a
 * query span; `kqlx check` turns the rules/ module's problems into them.
 */
import type { Span } from '../common/span.js';
import type { Category, Diagnostic } from './diagnostic.js';

function make(code: string, category: Category, message: string, span?: Span): Diagnostic {
  return { code, category, severity: 'error', message, span };
}

function warn(code: string, category: Category, message: string, span?: Span): Diagnostic {
  return { code, category, severity: 'warning', message, span };
}

export const diag = {
  // ── syntax ──────────────────────────────────────────────────────────────
  unterminatedString: (span: Span) => make('KX101', 'syntax', 'unterminated string literal', span),
  unexpectedCharacter: (ch: string, span: Span) =>
    make('KX102', 'syntax', `unexpected character '${ch}'`, span),
  unexpectedToken: (found: string, expected: string, span: Span) =>
    make('KX103', 'syntax', `expected ${expected} but found ${found}`, span),
  missingOperand: (after: string, span: Span) =>
    make('KX104', 'syntax', `missing operand after '${after}'`, span),
  unknownOperator: (name: string, candidates: readonly string[], span: Span) =>
    make('KX105', 'syntax', `unknown query operator '${name}'${didYouMean(name, candidates)}`, span),
  invalidLiteral: (text: string, type: string, span: Span) =>
    make('KX106', 'syntax', `invalid ${type} literal '${text}'`, span),
  unexpectedEnd: (expected: string, span: Span) =>
    make('KX107', 'syntax', `unexpected end of query; expected ${expected}`, span),
  // XQL's syntax
  unknownStage: (name: string, span: Span) => make('KX120', 'syntax', `unknown XQL stage '${name}'`, span),
  misplacedConfig: (span: Span) =>
    make('KX121', 'syntax', "'config' must come first: only other 'config' stages may precede it", span),
  misplacedSource: (name: string, span: Span) =>
    make('KX122', 'syntax', `'${name}' must be the first stage of a query (after any 'config')`, span),
  compWithoutAggregate: (span: Span) => make('KX123', 'syntax', "'comp' needs at least one aggregate function before 'by'", span),
  unknownConfigSetting: (name: string, span: Span) =>
    make('KX124', 'syntax', `unknown config setting '${name}': expected case_sensitive or timeframe`, span),
  invalidStageParameter: (stage: string, name: string, expected: string, span: Span) =>
    make('KX125', 'syntax', `'${stage}' has no parameter '${name}'; expected ${expected}`, span),
  invalidJsonPath: (text: string, span: Span) => make('KX126', 'syntax', `invalid JSON path after '->': ${text}`, span),
  unterminatedComment: (span: Span) => make('KX127', 'syntax', "unterminated comment: '/*' has no closing '*/'", span),

  // Cloud SIEM rule expressions (src/syntax/cse)
  cseUnterminatedString: (span: Span) => make('KX140', 'syntax', 'unterminated string literal', span),
  cseUnexpectedCharacter: (ch: string, span: Span) => make('KX141', 'syntax', `unexpected character '${ch}'`, span),
  cseUnterminatedComment: (span: Span) => make('KX145', 'syntax', "unterminated comment: '/*' without '*/'", span),
  cseUnterminatedRegex: (span: Span) => make('KX146', 'syntax', "unterminated regular expression: '/' without its closing '/'", span),
  cseEmptyExpression: (span: Span) => make('KX147', 'syntax', 'empty rule expression', span),
  cseUnclosedPlaceholder: (span: Span) => make('KX148', 'syntax', "unclosed placeholder: '{{' without '}}'", span),

  // ── explain (KX270–KX279) ───────────────────────────────────────────────
  explainUnsupported: (what: string, span?: Span) => make('KX270', 'unsupported', `explain does not show ${what}`, span),
  followPredicate: (problem: string) => make('KX271', 'semantic', `--follow: ${problem}`),

  // ── semantic ────────────────────────────────────────────────────────────
  unknownColumn: (name: string, candidates: string[], span: Span) =>
    make('KX201', 'semantic', `unknown column or name '${name}'${didYouMean(name, candidates)}`, span),
  unknownTable: (name: string, candidates: readonly string[], span: Span) =>
    make('KX202', 'semantic', `unknown table or tabular function '${name}'${didYouMean(name, candidates)}`, span),
  unknownFunction: (name: string, candidates: readonly string[], span: Span) =>
    make('KX203', 'semantic', `unknown function '${name}'${didYouMean(name, candidates)}`, span),
  wrongArgCount: (name: string, expected: string, got: number, span: Span) =>
    make('KX204', 'semantic', `function '${name}' expects ${expected} argument(s) but got ${got}`, span),
  typeMismatch: (what: string, span: Span) => make('KX205', 'semantic', what, span),
  notScalar: (name: string, span: Span) =>
    make('KX206', 'semantic', `'${name}' is a table, but a scalar value is needed here`, span),
  notTabular: (what: string, span: Span) =>
    make('KX207', 'semantic', `${what} is not a tabular expression`, span),
  aggregateOutsideSummarize: (name: string, span: Span) =>
    make('KX208', 'semantic', `aggregate function '${name}' can only be used in summarize, make-series or top-nested`, span),
  notAggregate: (span: Span, operator = 'summarize') =>
    make('KX209', 'semantic', `each ${operator} aggregate must be an aggregate function call`, span),
  duplicateColumn: (name: string, span: Span) => make('KX210', 'semantic', `duplicate column name '${name}'`, span),
  constantRequired: (what: string, span: Span) => make('KX211', 'semantic', `${what} must be a constant`, span),
  invalidArgument: (message: string, span: Span) => make('KX212', 'semantic', message, span),
  invalidRegex: (pattern: string, reason: string, span: Span) =>
    make('KX213', 'semantic', `invalid regular expression "${pattern}": ${reason}`, span),
  misplacedOperator: (name: string, where: string, span: Span) =>
    make('KX214', 'semantic', `'${name}' cannot be used ${where}`, span),

  cseNotBoolean: (type: string, span: Span) =>
    make('KX241', 'semantic', `a rule expression must be true or false, but this one gives ${type}`, span),
  // Sentinel parser functions (--parsers): a query reads one that cannot be used.
  brokenParser: (name: string, where: string, message: string, span: Span) =>
    make('KX260', 'semantic', `parser '${name}' cannot be used: ${where}: ${message}`, span),
  recursiveParser: (name: string, span: Span) => make('KX261', 'semantic', `parser '${name}' calls itself`, span),
  /** A problem inside a parser's query, moved to where the query reads it; its code and category stay. */
  inParser: (inner: Diagnostic, name: string, where: string, span: Span): Diagnostic =>
    ({ ...inner, message: `${inner.message} (in parser '${name}' at ${where})`, span }),

  // ── unsupported ─────────────────────────────────────────────────────────
  unsupportedOperator: (name: string, span: Span) =>
    make('KX301', 'unsupported', `unsupported operator '${name}'`, span),
  unsupportedFunction: (name: string, span: Span, reason?: string) =>
    make('KX302', 'unsupported', `unsupported function '${name}'${reason ? `: kqlx ${reason}` : ''}`, span),
  unsupportedFeature: (what: string, span?: Span) => make('KX303', 'unsupported', `unsupported ${what}`, span),
  unsupportedPlugin: (name: string, span: Span) =>
    make('KX304', 'unsupported', `unsupported operator 'evaluate ${name}'`, span),
  unknownPlugin: (name: string, span: Span) => make('KX215', 'semantic', `unknown plugin '${name}'`, span),
  unsupportedStage: (name: string, reason: string, span: Span) =>
    make('KX310', 'unsupported', `unsupported stage '${name}': kqlx ${reason}`, span),

  cseLikeEscape: (span: Span) =>
    make('KX321', 'unsupported', "unsupported LIKE ... ESCAPE: kqlx applies ESCAPE with one character to a constant pattern only", span),
  cseJavaRegex: (construct: string, span: Span) =>
    make('KX320', 'unsupported', `unsupported Java regular expression construct: ${construct} (kqlx runs rule regular expressions with RE2)`, span),

  // ── runtime ─────────────────────────────────────────────────────────────
  missingTable: (name: string, span?: Span) =>
    make('KX401', 'runtime', `no data for table '${name}': load it with -t ${name}=FILE or --data DIR`, span),
  missingWatchlist: (alias: string, name: string, span: Span) =>
    make('KX404', 'runtime', `unknown column or name '${name}': no data for watchlist '${alias}', whose own columns are known once it is given with --watchlist ${alias}=FILE`, span),
  runtime: (message: string, span?: Span) => make('KX402', 'runtime', message, span),
  resultTooLarge: (what: string, span?: Span) => make('KX403', 'runtime', `${what} exceeds the limit`, span),

  // ── notes on a run whose result may surprise (the command line prints them as warnings) ──
  rowsOutsideWindow: (what: string) => warn('KX430', 'runtime', what),
  absentWatchlist: (alias: string, candidates: readonly string[]) =>
    warn('KX431', 'runtime', `_GetWatchlist('${alias}') reads an empty watchlist: none was given as --watchlist ${alias}=FILE${didYouMean(alias, candidates)}`),
  emptyFile: (file: string, table: string) => warn('KX432', 'runtime', `${file} is empty (0 bytes): it adds no rows to table ${table}`),
  skippedDataFiles: (dir: string, files: readonly string[]) =>
    warn('KX433', 'runtime', `--data ${dir}: skipped ${files.length} file(s) kqlx cannot load as a table (.csv, .json, .jsonl, .ndjson, .parquet, or .gz of the text formats): ${files.slice(0, 5).join(', ')}${files.length > 5 ? ', ...' : ''}`),
  // ── limits (KX41x): what kqlx refuses to do rather than exhaust the stack or the machine ──
  nestedTooDeeply: (limit: number, span: Span) =>
    make('KX410', 'syntax', `the query nests more than ${limit} levels deep (parentheses, brackets, braces or signs); kqlx stops here`, span),
  callsTooDeep: (name: string, limit: number, span: Span) =>
    make('KX415', 'semantic', `calls of let functions nest more than ${limit} deep at this call to '${name}'; kqlx stops here`, span),
  tooComplex: (span?: Span) =>
    make('KX411', 'runtime', 'the query is too complex for kqlx to analyze or run (it exhausted the stack); simplify or split it', span),
  rowLimit: (operator: string, limit: number, span?: Span) =>
    make('KX412', 'runtime', `${operator} would produce more than ${limit.toLocaleString('en-US')} rows, the row limit (raise it with --max-rows)`, span),
  memoryLimit: (operator: string, limitMb: number, span?: Span) =>
    make('KX413', 'runtime', `${operator} would use more than ${limitMb.toLocaleString('en-US')} MB, the memory limit (raise it with --max-memory)`, span),
  valueTooLarge: (what: string, span?: Span) => make('KX414', 'runtime', `${what} is too large to build`, span),
  truncated: (operator: string, what: string, span?: Span): Diagnostic => ({
    ...make('KX416', 'runtime', `${operator} cut ${what}; the result holds the first points only`, span),
    severity: 'warning',
  }),
  cseNoTimestamp: (message: string) => make('KX490', 'runtime', message),
  cseNoRecords: (message: string) => make('KX491', 'runtime', message),

  // ── Cloud SIEM rule files (a line and column in the JSON file, no span) ─────
  cseRuleJson: (message: string) => make('KX520', 'syntax', message),
  cseUnknownRuleType: (type: string, known: readonly string[]) =>
    make('KX521', 'semantic', `unknown rule type '${type}'${didYouMean(type, [...known])}; Cloud SIEM rule types are ${known.join(', ')}`),
  cseInvalidWindow: (message: string) => make('KX522', 'semantic', message),
  cseRuleKey: (message: string) => make('KX523', 'semantic', message),
  cseRuleWarning: (message: string) => ({ ...make('KX524', 'semantic', message), severity: 'warning' as const }),
  xqlRuntime: (message: string, span?: Span) => make('KX480', 'runtime', message, span),
} as const;

/** Codes of parser-file problems (sentinel/parsers/), which have a file, line and column rather than a span. */
export const PARSER_FILE_CODES = {
  yamlSyntax: 'KX560',
  field: 'KX561',
  kqlSyntax: 'KX562',
  duplicate: 'KX563',
  folder: 'KX564',
} as const;

/** " (did you mean 'X'?)" when one candidate is close: case-insensitive equal or edit distance ≤ 2. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDist = 3;
  for (const c of candidates) {
    if (c === name) continue; // the name itself is in view but unusable here (a table only its data describes)
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase(), bestDist);
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  return best === undefined ? '' : ` (did you mean '${best}'?)`;
}

function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Every diagnostic message kqlx can produce, each with its stable code.
 * KX1xx syntax, KX2xx semantic, KX3xx unsupported, KX4xx runtime. Rule-file problems (KX501 YAML
 * syntax, KX502 rule fields, KX503 a test file given to check) have a line and column rather than a
 * query span; `kqlx check` turns the rules/ module's problems into them.
 */
import type { Span } from '../common/span.js';
import type { Category, Diagnostic } from './diagnostic.js';

function make(code: string, category: Category, message: string, span?: Span): Diagnostic {
  return { code, category, severity: 'error', message, span };
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
  unknownOperator: (name: string, span: Span) =>
    make('KX105', 'syntax', `unknown query operator '${name}'`, span),
  invalidLiteral: (text: string, type: string, span: Span) =>
    make('KX106', 'syntax', `invalid ${type} literal '${text}'`, span),
  unexpectedEnd: (expected: string, span: Span) =>
    make('KX107', 'syntax', `unexpected end of query; expected ${expected}`, span),

  // ── explain (KX270–KX279) ───────────────────────────────────────────────
  explainUnsupported: (what: string, span?: Span) => make('KX270', 'unsupported', `explain does not show ${what}`, span),
  followPredicate: (problem: string) => make('KX271', 'semantic', `--follow: ${problem}`),

  // ── semantic ────────────────────────────────────────────────────────────
  unknownColumn: (name: string, candidates: string[], span: Span) =>
    make('KX201', 'semantic', `unknown column or name '${name}'${didYouMean(name, candidates)}`, span),
  unknownTable: (name: string, span: Span) =>
    make('KX202', 'semantic', `unknown table or tabular function '${name}'`, span),
  unknownFunction: (name: string, span: Span) => make('KX203', 'semantic', `unknown function '${name}'`, span),
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

  // ── unsupported ─────────────────────────────────────────────────────────
  unsupportedOperator: (name: string, span: Span) =>
    make('KX301', 'unsupported', `unsupported operator '${name}'`, span),
  unsupportedFunction: (name: string, span: Span, reason?: string) =>
    make('KX302', 'unsupported', `unsupported function '${name}'${reason ? `: kqlx ${reason}` : ''}`, span),
  unsupportedFeature: (what: string, span?: Span) => make('KX303', 'unsupported', `unsupported ${what}`, span),
  unsupportedPlugin: (name: string, span: Span) =>
    make('KX304', 'unsupported', `unsupported operator 'evaluate ${name}'`, span),
  unknownPlugin: (name: string, span: Span) => make('KX215', 'semantic', `unknown plugin '${name}'`, span),

  // ── runtime ─────────────────────────────────────────────────────────────
  missingTable: (name: string, span?: Span) =>
    make('KX401', 'runtime', `no data for table '${name}': load it with -t ${name}=FILE or --data DIR`, span),
  missingWatchlist: (alias: string, name: string, span: Span) =>
    make('KX404', 'runtime', `unknown column or name '${name}': no data for watchlist '${alias}', whose own columns are known once it is given with --watchlist ${alias}=FILE`, span),
  runtime: (message: string, span?: Span) => make('KX402', 'runtime', message, span),
  resultTooLarge: (what: string, span?: Span) => make('KX403', 'runtime', `${what} exceeds the limit`, span),
} as const;

/** " (did you mean 'X'?)" when one candidate is close: case-insensitive equal or edit distance ≤ 2. */
function didYouMean(name: string, candidates: string[]): string {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDist = 3;
  for (const c of candidates) {
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

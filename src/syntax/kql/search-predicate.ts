/**
 * search's and find's predicate syntax, turned into ordinary expressions as the parser meets it: a
 * bare term is a string operator over every column (`"err"` is `* has "err"`), `Col:"term"` the
 * same over one column, `*` alone is true, and kind=case_sensitive makes the predicate's
 * case-insensitive string operators case-sensitive. The binder sees only expressions it knows.
 */
import type { Span } from '../../common/span.js';
import { diag } from '../../diagnostics/catalog.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../ast.js';

/**
 * A term over `left` (a column, or `*` for every column), by where its `*` wildcards stand: `err`
 * has, `*err` hassuffix, `err*` hasprefix, `*err*` contains. A `*` inside (`Lab*PC`) makes a regex
 * of whole terms, `\bLab.*PC\b`, case-insensitive unless the search is case-sensitive.
 */
export function termPredicate(left: A.Expr, term: string, span: Span, caseSensitive: boolean): A.Expr {
  const leading = term.startsWith('*');
  const trailing = term.length > 1 && term.endsWith('*');
  const core = term.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (leading && core === '') return { kind: 'Literal', type: 'bool', value: true, span };
  const operand = (op: A.BinaryOp, text: string): A.Binary => ({
    kind: 'Binary', op, left, right: { kind: 'Literal', type: 'string', value: text, span }, opSpan: span, span,
  });
  if (core.includes('*')) {
    const body = core.split('*').map(escapeRegex).join('.*');
    return operand('matches regex', `${caseSensitive ? '' : '(?i)'}${leading ? '' : '\\b'}${body}${trailing ? '' : '\\b'}`);
  }
  if (leading && trailing) return operand('contains', core);
  if (leading) return operand('hassuffix', core);
  if (trailing) return operand('hasprefix', core);
  return operand('has', core);
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/** The string operators kind=case_sensitive changes; `=~`, `in~` and `matches regex` keep their own rules. */
const CASE_SENSITIVE: Partial<Record<A.BinaryOp, A.BinaryOp>> = {
  has: 'has_cs', '!has': '!has_cs',
  hasprefix: 'hasprefix_cs', '!hasprefix': '!hasprefix_cs',
  hassuffix: 'hassuffix_cs', '!hassuffix': '!hassuffix_cs',
  contains: 'contains_cs', '!contains': '!contains_cs',
  startswith: 'startswith_cs', '!startswith': '!startswith_cs',
  endswith: 'endswith_cs', '!endswith': '!endswith_cs',
};

/** The predicate with its string operators made case-sensitive; subqueries inside it are left as written. */
export function caseSensitivePredicate(e: A.Expr): A.Expr {
  switch (e.kind) {
    case 'Binary':
      return { ...e, op: CASE_SENSITIVE[e.op] ?? e.op, left: caseSensitivePredicate(e.left), right: caseSensitivePredicate(e.right) };
    case 'Paren':
      return { ...e, inner: caseSensitivePredicate(e.inner) };
    case 'Unary':
      return { ...e, operand: caseSensitivePredicate(e.operand) };
    case 'Call':
      return { ...e, args: e.args.map(caseSensitivePredicate) };
    case 'Between':
      return { ...e, left: caseSensitivePredicate(e.left), low: caseSensitivePredicate(e.low), high: caseSensitivePredicate(e.high) };
    case 'InList':
      return { ...e, left: caseSensitivePredicate(e.left) };
    default:
      return e;
  }
}

const KINDS: Record<string, boolean> = { default: false, case_insensitive: false, case_sensitive: true };

/** Whether search's `kind=` asks for case-sensitive matching; another value is reported. */
export function searchCaseSensitivity(params: readonly A.OperatorParam[], diagnostics: Diagnostic[]): boolean {
  const kind = params.find((p) => p.name === 'kind');
  if (!kind) return false;
  const sensitive = KINDS[String(kind.value)];
  if (sensitive === undefined) {
    diagnostics.push(diag.unexpectedToken(`'${String(kind.value)}'`, "'default', 'case_insensitive' or 'case_sensitive'", kind.span));
  }
  return sensitive ?? false;
}

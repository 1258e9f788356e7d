/**
 * XQL's surface forms, lowered onto the shared AST the binder knows. What each XQL operator means is
 * decided here and in the functions it lowers to (functions/xql/operators.ts), not in the binder:
 *
 *  - `x = null`, `x != null` test nullness ($isnull);
 *  - `=` and `!=` compare strings without case unless `config case_sensitive = true` ($fold on both
 *    sides); the dialect's comparison then applies `*` wildcards and XQL's null rule;
 *  - `x in (a, b)` is `x = a or x = b` (so it shares `=`'s case, wildcard and null rules), `not in`
 *    its negation;
 *  - `contains` is $contains, with the query's case sensitivity;
 *  - `ENUM.X`, and an upper-case bare name on the right of `=`, `!=` or `in`, is the enum's name as a
 *    string (the datasets hold enum fields as their names);
 *  - arrayexpand skips rows whose array is null (an empty one gives no row either);
 *  - view is dropped: it shapes the display, not the rows;
 *  - alter's assignments become one extend each, so each sees the ones before it;
 *  - earliest()/latest() get `_time` as their hidden second argument; an aggregate without `as` is
 *    named `<function>_<n>`, n counting that function's unnamed uses in the stage from 1.
 *
 * The source stage becomes the dataset's name (a union of names for `dataset in (...)`), and
 * `config timeframe` a filter on `_time` ($in_timeframe).
 */
import type { Span } from '../../common/span.js';
import type * as A from '../ast.js';

interface Settings {
  readonly caseSensitive: boolean;
}

export function lowerQuery(q: A.Pipeline): A.Block {
  const expr = lowerPipeline(q);
  return { kind: 'Block', statements: [{ kind: 'ExprStatement', expr, span: q.span }], span: q.span };
}

export function lowerPipeline(q: A.Pipeline): A.Pipeline {
  const source = q.source as A.DatasetSource;
  const settings: Settings = { caseSensitive: source.config.some((c) => c.name === 'case_sensitive' && c.value === true) };
  const names = source.names.map((n): A.NameRef => ({ kind: 'Name', name: n.name, span: n.span }));
  const from: A.Expr = names.length === 1
    ? names[0]!
    : { kind: 'Union', params: [], tables: names, span: source.span };
  const operators = q.operators.flatMap((op) => lowerOperator(op, settings));
  const timeframe = source.config.find((c) => c.name === 'timeframe');
  return { kind: 'Pipeline', source: from, operators: timeframe ? [timeframeFilter(timeframe), ...operators] : operators, span: q.span };
}

/** `config timeframe = 7d` keeps the last 7 days up to now; `timeframe between a and b` the rows from a to b. */
function timeframeFilter(c: A.ConfigSetting): A.Where {
  const text = (v: unknown): A.Literal => ({ kind: 'Literal', type: 'string', value: String(v), span: c.span });
  const [from, to] = c.end === undefined ? [text(`-${String(c.value).replace(/^-/, '')}`), text('now')] : [text(c.value), text(c.end)];
  const predicate = call('$in_timeframe', [{ kind: 'Name', name: '_time', span: c.span }, from, to], c.span);
  return { kind: 'Where', predicate, span: c.span, keywordSpan: c.span };
}

function lowerOperator(op: A.Operator, s: Settings): A.Operator | A.Operator[] {
  const e = (x: A.Expr) => lowerExpr(x, s);
  switch (op.kind) {
    case 'Where':
      return { ...op, predicate: e(op.predicate) };
    case 'Extend':
      // alter's assignments run left to right, each seeing the ones before it: one extend each.
      return op.columns.map((c) => ({ ...op, columns: [{ ...c, expr: e(c.expr) }] }));
    case 'Summarize':
      return { ...op, aggregates: nameAggregates(op.aggregates).map((c) => ({ ...c, expr: withTimeArgument(e(c.expr)) })) };
    case 'XqlJoin':
      return { ...op, right: lowerPipeline(op.right), condition: e(op.condition) };
    case 'UnionOp':
      return { ...op, union: { ...op.union, tables: op.union.tables.map((t) => (t.kind === 'Pipeline' ? lowerPipeline(t) : t)) } };
    case 'ReplaceNull':
      return { ...op, value: e(op.value) };
    case 'Transaction':
      return { ...op, startsWith: op.startsWith && e(op.startsWith), endsWith: op.endsWith && e(op.endsWith) };
    case 'WindowComp':
      return { ...op, call: withTimeArgument(e(op.call)) as A.Call };
    case 'Render':
      return []; // view only shapes the display
    case 'MvExpand': {
      // A null array expands to no row (the shared mv-expand keeps one holding null).
      const field = op.columns[0]!.assignment.expr;
      const present = call('not', [call('$isnull', [field], field.span)], field.span);
      return [{ kind: 'Where', predicate: present, span: op.span, keywordSpan: op.keywordSpan }, op];
    }
    default:
      return op;
  }
}

/** Unnamed aggregates get `<function>_<n>`. */
function nameAggregates(items: readonly A.Assignment[]): A.Assignment[] {
  const counts = new Map<string, number>();
  return items.map((a) => {
    if (a.names.length > 0 || a.expr.kind !== 'Call') return a;
    const n = (counts.get(a.expr.name) ?? 0) + 1;
    counts.set(a.expr.name, n);
    return { ...a, names: [`${a.expr.name}_${n}`] };
  });
}

const TIME_ORDERED = new Set(['earliest', 'latest']);

function withTimeArgument(e: A.Expr): A.Expr {
  if (e.kind !== 'Call' || !TIME_ORDERED.has(e.name) || e.args.length !== 1) return e;
  const time: A.NameRef = { kind: 'Name', name: '_time', span: e.nameSpan };
  return { ...e, args: [...e.args, time], argNames: [...e.argNames, undefined] };
}

function call(name: string, args: A.Expr[], span: Span): A.Call {
  return { kind: 'Call', name, nameSpan: span, args, argNames: args.map(() => undefined), span };
}

function isNullLiteral(e: A.Expr): boolean {
  return e.kind === 'Literal' && e.value === null && e.type === 'dynamic';
}

/**
 * A bare enum name compared with a field (`event_type = PROCESS`, as the docs write ENUM.PROCESS too):
 * an upper-case name on the right of `=`, `!=` or `in` is the enum's name. Cortex's fields are lower-case.
 */
const ENUM_NAME = /^[A-Z][A-Z0-9_]*$/;

function enumName(e: A.Expr): A.Expr {
  return e.kind === 'Name' && ENUM_NAME.test(e.name) ? { kind: 'Literal', type: 'string', value: e.name, span: e.span } : e;
}

function equality(op: '==' | '!=', left: A.Expr, rightOperand: A.Expr, opSpan: Span, span: Span, s: Settings): A.Expr {
  const right = enumName(rightOperand);
  const nullSide = isNullLiteral(right) ? left : isNullLiteral(left) ? right : undefined;
  if (nullSide) {
    const test = call('$isnull', [nullSide], opSpan);
    return op === '==' ? { ...test, span } : call('not', [{ ...test, span }], span);
  }
  const fold = (x: A.Expr) => (s.caseSensitive ? x : call('$fold', [x], x.span));
  return { kind: 'Binary', op, left: fold(left), right: fold(right), opSpan, span };
}

export function lowerExpr(e: A.Expr, s: Settings): A.Expr {
  const r = (x: A.Expr) => lowerExpr(x, s);
  switch (e.kind) {
    case 'Binary': {
      const left = r(e.left);
      const right = r(e.right);
      if (e.op === '==' || e.op === '!=') return equality(e.op, left, right, e.opSpan, e.span, s);
      if (e.op === 'contains' || e.op === '!contains') {
        const sensitivity: A.Literal = { kind: 'Literal', type: 'bool', value: s.caseSensitive, span: e.opSpan };
        const test = call('$contains', [left, right, sensitivity], e.span);
        return e.op === 'contains' ? test : call('not', [test], e.span);
      }
      return { ...e, left, right };
    }
    case 'InList': {
      const left = r(e.left);
      const tests = e.items.map((item) => equality('==', left, r(item), e.opSpan, item.span, s));
      const any = tests.reduce((acc, t): A.Expr => ({ kind: 'Binary', op: 'or', left: acc, right: t, opSpan: e.opSpan, span: e.span }));
      const grouped: A.Expr = { kind: 'Paren', inner: any, span: e.span };
      return e.op === '!in' ? call('not', [grouped], e.span) : grouped;
    }
    case 'Enum':
      return { kind: 'Literal', type: 'string', value: e.name, span: e.span };
    case 'Call':
      return { ...e, args: e.args.map(r) };
    case 'Paren':
      return { ...e, inner: r(e.inner) };
    case 'Unary':
      return { ...e, operand: r(e.operand) };
    default:
      return e;
  }
}

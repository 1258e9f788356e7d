/**
 * Binding scalar expressions: names to columns or `let` values, calls to functions, operators to
 * implementations chosen by operand type. Implicit conversions Kusto performs are made explicit here.
 */
import type { Span } from '../common/span.js';
import { diag } from '../diagnostics/catalog.js';
import * as ops from '../functions/operators.js';
import { type ArgInfo, type EvalContext, isBindError, type ScalarImpl } from '../functions/types.js';
import type { CallLabel, PlanExpr } from '../plan/nodes.js';
import type * as A from '../syntax/ast.js';
import type { ColumnSchema } from '../table/table.js';
import { castDynamic, convert } from '../types/convert.js';
import { isNumeric, isTicks, parseTypeName, type ScalarType, widerNumeric } from '../types/scalar-type.js';
import { type Dynamic, isPlainObject, type Value } from '../types/value.js';
import type { BindContext } from './context.js';
import type { MultiColumnFunction } from './dialect.js';
import { isTabular } from './is-tabular.js';
import { Scope } from './scope.js';

/** Collects aggregate calls met while binding a summarize aggregate expression. */
export interface AggregateSink {
  add(call: A.Call, env: ExprEnv): PlanExpr;
}

export interface ExprEnv {
  readonly row: readonly ColumnSchema[];
  readonly scope: Scope;
  readonly ctx: BindContext;
  readonly aggregates?: AggregateSink;
}

/** Aggregates that give a chosen row's columns; summarize binds them itself (the deprecated argmax, argmin too). */
const ROW_PICKERS = new Set(['arg_max', 'arg_min', 'argmax', 'argmin']);

const constant = (value: Value, type: ScalarType): PlanExpr => ({ kind: 'Const', value, type });

/** What a constant call folds with: impure functions (now, rand) are never folded, so no clock or random source. */
const FOLDING: EvalContext = { now: 0n, random: () => 0 };

function apply(label: CallLabel, impl: ScalarImpl, args: PlanExpr[], type: ScalarType, fold = true): PlanExpr {
  if (fold && args.every((a) => a.kind === 'Const')) {
    return constant(impl(args.map((a) => (a as { value: Value }).value), FOLDING), type);
  }
  return { kind: 'Apply', ...label, impl, args, type };
}

const func = (name: string): CallLabel => ({ name, notation: 'function' });
const infix = (name: string): CallLabel => ({ name, notation: 'infix' });
/** An operator whose right side is a list; constant items the implementation holds are shown from `items`. */
const list = (name: string, items?: { value: Value; type: ScalarType }[]): CallLabel =>
  ({ name, notation: 'list', constants: items?.map((i) => constant(i.value, i.type)) });

/** The environment of expressions over a row of columns. */
export function exprEnv(row: readonly ColumnSchema[], scope: Scope, ctx: BindContext): ExprEnv {
  return { row, scope, ctx };
}

/** Converts an expression to another type (a no-op when it already has it). */
export function convertTo(e: PlanExpr, to: ScalarType): PlanExpr {
  if (e.type === to) return e;
  const from = e.type;
  return apply(func(`to${to}`), (a) => convert(a[0]!, from, to), [e], to);
}

export function bindExpr(e: A.Expr, env: ExprEnv): PlanExpr {
  const { ctx } = env;
  switch (e.kind) {
    case 'Literal':
      return constant(e.value, e.type);
    case 'Paren':
      return bindExpr(e.inner, env);
    case 'Name':
      return bindName(e, env);
    case 'Call':
      return bindCall(e, env);
    case 'Binary':
      return bindBinary(e, env);
    case 'InList':
      return bindInList(e, env);
    case 'Between':
      return bindBetween(e, env);
    case 'Unary': {
      const operand = bindExpr(e.operand, env);
      if (ctx.isError(operand)) return operand;
      if (!isNumeric(operand.type) && operand.type !== 'timespan') {
        return fail(env, diag.typeMismatch(`unary '-' needs a number or timespan, not ${operand.type}`, e.span));
      }
      return apply({ name: '-', notation: 'prefix' }, ops.negate(operand.type), [operand], operand.type);
    }
    case 'Member':
      return bindMember(e.object, constant(e.name, 'string'), e.span, env);
    case 'Index':
      return bindMember(e.object, bindExpr(e.index, env), e.span, env);
    case 'Star':
      return fail(env, diag.typeMismatch("'*' is not a value here; it stands for every column only before a string operator or matches regex (* has \"x\")", e.span));
    default:
      return fail(env, diag.notScalar(describe(e), e.span));
  }
}

function describe(e: A.Expr): string {
  return e.kind === 'Name' ? e.name : e.kind.toLowerCase();
}

function fail(env: ExprEnv, d: import('../diagnostics/diagnostic.js').Diagnostic): PlanExpr {
  env.ctx.report(d);
  return env.ctx.errorExpr();
}

function bindName(e: A.NameRef, env: ExprEnv): PlanExpr {
  const index = env.row.findIndex((c) => c.name === e.name);
  if (index >= 0) return { kind: 'Column', index, type: env.row[index]!.type };
  const b = env.scope.lookup(e.name);
  if (b?.kind === 'scalar') return b.expr;
  if (b?.kind === 'tabular') return fail(env, diag.notScalar(e.name, e.span));
  if (b?.kind === 'function') return bindCall({ kind: 'Call', name: e.name, nameSpan: e.span, args: [], argNames: [], span: e.span }, env);
  if (e.name === 'null') return constant(null, 'dynamic');
  if (env.ctx.dataDependent) return constant(null, 'dynamic'); // resolved when bound again over the data
  const [absent] = env.ctx.absentSources;
  if (absent) return fail(env, absent(e.name, e.span));
  return fail(env, diag.unknownColumn(e.name, env.row.map((c) => c.name), e.span));
}

// ── calls ─────────────────────────────────────────────────────────────────

function bindCall(call: A.Call, env: ExprEnv): PlanExpr {
  const { ctx, scope } = env;
  const user = scope.lookup(call.name);
  if (user?.kind === 'function') {
    return ctx.withinCall(call.name, call.span, () => bindUserScalarCall(call, user.lambda, user.scope, env)) ?? ctx.errorExpr();
  }

  switch (call.name) {
    case 'column_ifexists':
    case 'columnifexists': {
      const [nameArg, fallback] = call.args;
      if (call.args.length !== 2 || nameArg?.kind !== 'Literal' || typeof nameArg.value !== 'string') {
        return fail(env, diag.invalidArgument(`${call.name}() takes a constant column name and a default value`, call.span));
      }
      const index = env.row.findIndex((c) => c.name === nameArg.value);
      return index >= 0 ? { kind: 'Column', index, type: env.row[index]!.type } : bindExpr(fallback!, env);
    }
    case 'toscalar': {
      if (call.args.length !== 1) return fail(env, diag.wrongArgCount('toscalar', '1', call.args.length, call.span));
      // toscalar of a scalar is the scalar itself.
      if (!isTabular(call.args[0]!, env.scope, env.ctx, env.row)) return bindExpr(call.args[0]!, env);
      const plan = ctx.bindTabular(call.args[0]!, scope);
      const type = plan.schema[0]?.type ?? 'dynamic';
      return { kind: 'Scalar', plan, type };
    }
    case 'pack_all':
      return { kind: 'Row', type: 'dynamic' };
    case 'row_number':
    case 'prev':
    case 'next':
    case 'row_cumsum':
    case 'row_window_session':
      return bindRowOrder(call, env);
    case 'ingestion_time':
      // Tables loaded from files have no ingestion-time policy, for which Kusto documents null.
      if (call.args.length !== 0) return fail(env, diag.wrongArgCount('ingestion_time', '0', call.args.length, call.span));
      return constant(null, 'datetime');
    case 'typeof': {
      // `typeof(long)` names a type, as extract() and extract_json() take it: passed as the constant 'long'.
      const arg = call.args[0];
      const type = call.args.length === 1 && arg?.kind === 'Name' ? parseTypeName(arg.name) : undefined;
      if (!type) return fail(env, diag.invalidArgument('typeof() takes a type name, such as typeof(long)', call.span));
      return constant(type, 'string');
    }
  }

  const functions = ctx.dialect.functions;
  if (functions.aggregate(call.name) || ROW_PICKERS.has(call.name)) {
    if (env.aggregates) return env.aggregates.add(call, env);
    // merge_tdigest (tdigest_merge) is also a scalar: outside an aggregation, that one is meant.
    if (!functions.scalar(call.name)) return fail(env, diag.aggregateOutsideSummarize(call.name, call.nameSpan));
  }

  const multi = functions.multiColumn(call.name);
  if (multi) {
    // Anywhere a single value is needed, a call of several outputs stands for its first.
    const bag = bindExpr({ ...call, name: multi.bag }, env);
    return ctx.isError(bag) ? bag : multiColumnOutput(bag, multi.outputs[0]!);
  }
  const fn = functions.scalar(call.name);
  if (!fn) {
    const refused = functions.refused(call.name);
    if (refused) return fail(env, diag.unsupportedFunction(call.name, call.nameSpan, refused.reason));
    const candidates = [...(functions.names?.('scalar') ?? []), ...(env.aggregates ? functions.names?.('aggregate') ?? [] : []), ...env.scope.namesOf('function')];
    return fail(env, diag.unknownFunction(call.name, candidates, call.nameSpan));
  }
  if (call.args.length < fn.minArgs || call.args.length > fn.maxArgs) {
    const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs === Infinity ? 'any number of' : fn.maxArgs}`;
    return fail(env, diag.wrongArgCount(call.name, expected, call.args.length, call.span));
  }
  const args = call.args.map((a) => bindExpr(a, env));
  if (args.some((a) => ctx.isError(a))) return ctx.errorExpr();
  // A name that is a column also passes the name (bag_pack_columns keys its bag by it).
  const infos = args.map((a, i) => {
    const written = call.args[i]!;
    return a.kind === 'Column' && written.kind === 'Name' ? { ...argInfo(a), columnName: written.name } : argInfo(a);
  });
  const bound = fn.bind(infos);
  if (isBindError(bound)) return fail(env, diag.invalidArgument(bound.error, call.span));
  return apply(func(call.name), bound.impl, args, bound.type, fn.pure !== false);
}

/** One output of a multi-column call, read from its bag. */
export function multiColumnOutput(bag: PlanExpr, output: MultiColumnFunction['outputs'][number]): PlanExpr {
  const { name, type } = output;
  return {
    kind: 'Apply', name: '[]', notation: 'member', constants: [constant(name, 'string')],
    impl: (a) => (isPlainObject(a[0]) ? castDynamic(a[0][name] ?? null, type) : null), args: [bag], type,
  };
}

export function argInfo(e: PlanExpr): ArgInfo {
  return { type: e.type, constant: e.kind === 'Const' ? { value: e.value } : undefined };
}

/** Calls a `let` lambda in scalar position: its parameters are bound to the argument expressions. */
function bindUserScalarCall(call: A.Call, lambda: A.Lambda, defScope: Scope, env: ExprEnv): PlanExpr {
  const inner = bindLambdaScope(call, lambda, defScope, env);
  if (!inner) return env.ctx.errorExpr();
  const stmts = lambda.body.statements;
  const last = stmts[stmts.length - 1];
  if (!last || last.kind !== 'ExprStatement') {
    return fail(env, diag.invalidArgument(`function '${call.name}' has no result expression`, call.span));
  }
  return bindExpr(last.expr, { ...env, scope: inner });
}

/** A new scope for a lambda body: parameters bound to arguments (or defaults), then the body's lets. */
export function bindLambdaScope(call: A.Call, lambda: A.Lambda, defScope: Scope, env: ExprEnv): Scope | undefined {
  const { ctx } = env;
  const scope = new Scope(defScope);
  if (call.args.length > lambda.params.length) {
    ctx.report(diag.wrongArgCount(call.name, `at most ${lambda.params.length}`, call.args.length, call.span));
    return undefined;
  }
  for (let i = 0; i < lambda.params.length; i++) {
    const p = lambda.params[i]!;
    const named = call.argNames.indexOf(p.name);
    const arg = named >= 0 ? call.args[named] : call.argNames[i] === undefined ? call.args[i] : undefined;
    const source = arg ?? p.default;
    if (!source) {
      ctx.report(diag.invalidArgument(`missing argument '${p.name}' in call to '${call.name}'`, call.span));
      return undefined;
    }
    if (typeof p.type === 'object') {
      scope.define(p.name, { kind: 'tabular', plan: ctx.bindTabular(source, env.scope) });
    } else if (arg && isTabular(arg, env.scope, env.ctx, env.row)) {
      // A table given for a scalar parameter (the official binder accepts it): a dynamic parameter
      // gets the first column as an array, any other type the first value (as toscalar would).
      const plan = ctx.bindTabular(arg, env.scope);
      const expr: PlanExpr = p.type === 'dynamic'
        ? { kind: 'ColumnValues', plan, type: 'dynamic' }
        : convertTo({ kind: 'Scalar', plan, type: plan.schema[0]?.type ?? 'dynamic' }, p.type);
      scope.define(p.name, { kind: 'scalar', expr });
    } else {
      const value = bindExpr(source, arg ? env : { ...env, scope: defScope });
      scope.define(p.name, { kind: 'scalar', expr: ctx.isError(value) ? value : convertTo(value, p.type) });
    }
  }
  for (const s of lambda.body.statements.slice(0, -1)) ctx.bindLet(s, scope, env);
  return scope;
}

// ── operators ─────────────────────────────────────────────────────────────

/** The operators that test a text: the string operators and `matches regex`. */
const NON_TEXT_OPERATORS = new Set<A.BinaryOp>(['or', 'and', '==', '!=', '<', '<=', '>', '>=', '=~', '!~', '+', '-', '*', '/', '%']);

/** `* has "x"`: a test over every column, bound by bindAnyColumn. */
const isAnyColumnTest = (e: A.Binary) => e.left.kind === 'Star' && !NON_TEXT_OPERATORS.has(e.op);

/**
 * A binary operator, and the operators chained to its left: `a or b or c ...` and `x + y + z ...` parse
 * as a tree leaning left, as deep as the chain is long (generated IOC rules have thousands of terms),
 * so the chain is walked with a loop from its first operand, never by recursion. A run of the same
 * `and`/`or` becomes one n-ary test: three-valued and/or are associative, so this changes no result.
 */
function bindBinary(e: A.Binary, env: ExprEnv): PlanExpr {
  if (isAnyColumnTest(e)) return bindAnyColumn(e, env);
  const chain: A.Binary[] = [];
  let first: A.Expr = e;
  while (first.kind === 'Binary' && !isAnyColumnTest(first)) {
    chain.push(first);
    first = first.left;
  }
  const { ctx } = env;
  let left = bindExpr(first, env);
  let logicArgs: PlanExpr[] | undefined; // the operands of `left` while it is the n-ary test this chain builds
  for (let i = chain.length - 1; i >= 0; i--) {
    const node = chain[i]!;
    const right = bindExpr(node.right, env);
    if (ctx.isError(left) || ctx.isError(right)) {
      left = ctx.errorExpr();
      logicArgs = undefined;
      continue;
    }
    const op = node.op;
    if (op === 'and' || op === 'or') {
      if (logicArgs && left.kind === 'Logic' && left.op === op) {
        logicArgs.push(convertTo(right, 'bool'));
      } else {
        logicArgs = [convertTo(left, 'bool'), convertTo(right, 'bool')];
        left = { kind: 'Logic', op, args: logicArgs, type: 'bool' };
      }
      continue;
    }
    logicArgs = undefined;
    left = bindOperator(node, left, right, env);
  }
  return left;
}

/** One binary operator over its bound operands (not and/or, which bindBinary gathers). */
function bindOperator(e: A.Binary, left: PlanExpr, right: PlanExpr, env: ExprEnv): PlanExpr {
  const { ctx } = env;
  const op = e.op;
  if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
    const t = ctx.dialect.comparisonType(argInfo(left), argInfo(right));
    if (!t) return fail(env, diag.typeMismatch(`cannot compare ${left.type} with ${right.type} using '${op}'`, e.opSpan));
    const operands = [convertTo(left, t), convertTo(right, t)];
    return apply(infix(op), ctx.dialect.comparison(op, t, [argInfo(operands[0]!), argInfo(operands[1]!)]), operands, 'bool');
  }
  if (op === '=~' || op === '!~') {
    return apply(infix(op), ops.caseInsensitiveEquality(op === '!~'), [convertTo(left, 'string'), convertTo(right, 'string')], 'bool');
  }
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') return bindArithmetic(op, left, right, e, env);
  const test = textTest(e, right, env);
  return typeof test === 'function' ? test(convertTo(left, 'string')) : test;
}

/**
 * A string operator or `matches regex` with its right operand bound: a function from the left
 * operand's text to the test, or the error expression.
 */
function textTest(e: A.Binary, right: PlanExpr, env: ExprEnv): ((text: PlanExpr) => PlanExpr) | PlanExpr {
  const op = e.op as A.StringOp;
  if (op === 'matches regex') {
    if (right.kind !== 'Const' || typeof right.value !== 'string') {
      return fail(env, diag.constantRequired('the pattern of matches regex', e.right.span));
    }
    let impl: ScalarImpl;
    try {
      impl = ops.regexMatcher(right.value);
    } catch (err) {
      return fail(env, diag.invalidRegex(right.value, (err as Error).message, e.right.span));
    }
    return (text) => apply({ ...infix(op), constants: [right] }, impl, [text], 'bool');
  }
  if (op === 'like' || op === '!like') {
    const like = env.ctx.dialect.like;
    if (!like || op === '!like') return fail(env, diag.unsupportedFeature(`operator '${op}'`, e.opSpan));
    const pattern = convertTo(right, 'string');
    const impl = like(pattern.kind === 'Const' && typeof pattern.value === 'string' ? pattern.value : undefined);
    return (text) => apply(infix('like'), impl, [text, pattern], 'bool');
  }
  const impl = ops.stringOperator(op);
  if (!impl) return fail(env, diag.unsupportedFeature(`operator '${op}'`, e.opSpan));
  const needle = convertTo(right, 'string');
  return (text) => apply(infix(op), impl, [text, needle], 'bool');
}

/**
 * `* has "x"` (any string operator or `matches regex` after `*`): the test over every column of the
 * row, each as the text tostring() gives it; true when some column passes. A negated operator
 * (`* !has "x"`) is true when every column passes it, so no column has the term.
 */
function bindAnyColumn(e: A.Binary, env: ExprEnv): PlanExpr {
  const right = bindExpr(e.right, env);
  if (env.ctx.isError(right)) return right;
  const test = textTest(e, right, env);
  if (typeof test !== 'function') return test;
  const negated = e.op.startsWith('!');
  const tests = env.row.map((c, index) => test(convertTo({ kind: 'Column', index, type: c.type }, 'string')));
  if (tests.length <= 1) return tests[0] ?? constant(negated, 'bool');
  return { kind: 'Logic', op: negated ? 'and' : 'or', args: tests, type: 'bool' };
}

function bindArithmetic(op: ops.ArithOp, left: PlanExpr, right: PlanExpr, e: A.Binary, env: ExprEnv): PlanExpr {
  const l = left.type === 'dynamic' ? convertTo(left, 'real') : left;
  const r = right.type === 'dynamic' ? convertTo(right, 'real') : right;
  if (isNumeric(l.type) && isNumeric(r.type)) {
    const t = widerNumeric(l.type, r.type);
    return apply(infix(op), ops.numericArithmetic(op, t), [l, r], t);
  }
  const ticks = ops.ticksArithmetic(op, l.type, r.type);
  // datetime + datetime is not a sum of instants: it is counted below, from 0001-01-01.
  if (ticks && !(l.type === 'datetime' && r.type === 'datetime' && op === '+')) {
    let type: ScalarType = 'timespan';
    if (l.type === 'datetime' && r.type === 'timespan') type = 'datetime';
    else if (l.type === 'timespan' && r.type === 'datetime' && op === '+') type = 'datetime';
    else if (l.type === 'timespan' && r.type === 'timespan' && op === '/') type = 'real';
    return apply(infix(op), ticks, [l, r], type);
  }
  const counted = tickCountResult(op, l.type, r.type);
  if (counted) return apply(infix(op), ops.tickCountArithmetic(op, l.type, r.type, counted), [l, r], counted);
  return fail(env, diag.typeMismatch(`cannot apply '${op}' to ${left.type} and ${right.type}`, e.opSpan));
}

/**
 * The result type of the datetime and timespan arithmetic the documentation does not define but the
 * official binder accepts (see ops.tickCountArithmetic): its types, pinned by test/oracle/result-schema.test.ts.
 */
function tickCountResult(op: ops.ArithOp, l: ScalarType, r: ScalarType): ScalarType | undefined {
  const num = (t: ScalarType) => isNumeric(t);
  if (l === 'datetime' && num(r) && (op === '*' || op === '/' || op === '%')) return 'datetime';
  if (num(l) && r === 'datetime' && op === '*') return 'datetime';
  if (l === 'datetime' && r === 'datetime' && op === '+') return 'datetime';
  if (l === 'datetime' && (r === 'datetime' || r === 'timespan')) return op === '/' ? 'real' : op === '%' ? 'timespan' : undefined;
  if (l === 'timespan' && r === 'timespan' && op === '*') return 'timespan';
  if (l === 'timespan' && num(r) && op === '%') return 'timespan';
  return undefined;
}

/** Flattens the constant items of an `in` list (dynamic arrays contribute their elements). */
function constantItems(items: PlanExpr[]): { value: Value; type: ScalarType }[] | undefined {
  const out: { value: Value; type: ScalarType }[] = [];
  for (const item of items) {
    if (item.kind !== 'Const') return undefined;
    if (item.type === 'dynamic' && Array.isArray(item.value)) {
      for (const v of item.value as Dynamic[]) out.push({ value: v as Value, type: 'dynamic' });
    } else out.push({ value: item.value, type: item.type });
  }
  return out;
}

function bindInList(e: A.InList, env: ExprEnv): PlanExpr {
  const { ctx } = env;
  let left = bindExpr(e.left, env);
  if (ctx.isError(left)) return left;
  const items: PlanExpr[] = [];
  for (const item of e.items) {
    const tabular = isTabular(item, env.scope, env.ctx, env.row);
    const bound = tabular ? ({ kind: 'ColumnValues', plan: ctx.bindTabular(item, env.scope), type: 'dynamic' } as PlanExpr) : bindExpr(item, env);
    if (ctx.isError(bound)) return bound;
    items.push(bound);
  }
  const caseInsensitive = e.op === 'in~' || e.op === '!in~';
  const negated = e.op.startsWith('!');

  if (e.op === 'has_any' || e.op === 'has_all') {
    left = convertTo(left, 'string');
    const all = e.op === 'has_all';
    const consts = constantItems(items);
    if (consts) return apply(list(e.op, consts), ops.hasAnyAll(consts.map((c) => convert(c.value, c.type, 'string') as string), all), [left], 'bool');
    return apply(
      list(e.op),
      (a, ctx) => {
        const terms = flattenRuntime(a.slice(1)).map((v) => convert(v, 'dynamic', 'string') as string);
        return ops.hasAnyAll(terms, all)([a[0]!], ctx);
      },
      [left, ...items],
      'bool',
      false,
    );
  }

  // Membership is tested in the left operand's type; a dynamic left side compares as text.
  if (left.type === 'dynamic' || caseInsensitive) left = convertTo(left, 'string');
  const target = left.type;
  const normalize = (v: Value, from: ScalarType): Value => {
    const c = convert(v, from, target);
    return caseInsensitive && typeof c === 'string' ? c.toLowerCase() : c;
  };
  const consts = constantItems(items);
  if (consts) {
    const set = new Set<Value>(consts.map((c) => normalize(c.value, c.type)));
    return apply(list(e.op, consts), ops.membership(set, negated, caseInsensitive), [left], 'bool');
  }
  // Some items are only known at run time (a subquery): build the set once, on the first row.
  let cached: { key: Value[]; impl: ScalarImpl } | undefined;
  const itemTypes = items.map((i) => i.type);
  return apply(
    list(e.op),
    (a, c) => {
      const rest = a.slice(1);
      if (!cached || cached.key.some((k, i) => k !== rest[i])) {
        const set = new Set<Value>();
        rest.forEach((v, i) => {
          if (itemTypes[i] === 'dynamic' && Array.isArray(v)) for (const x of v) set.add(normalize(x as Value, 'dynamic'));
          else set.add(normalize(v, itemTypes[i]!));
        });
        cached = { key: rest, impl: ops.membership(set, negated, caseInsensitive) };
      }
      return cached.impl([a[0]!], c);
    },
    [left, ...items],
    'bool',
    false,
  );
}

function flattenRuntime(values: Value[]): Value[] {
  return values.flatMap((v) => (Array.isArray(v) ? (v as Value[]) : [v]));
}

function bindBetween(e: A.Between, env: ExprEnv): PlanExpr {
  const { ctx } = env;
  let left = bindExpr(e.left, env);
  const low = bindExpr(e.low, env);
  let high = bindExpr(e.high, env);
  if ([left, low, high].some((x) => ctx.isError(x))) return ctx.errorExpr();
  // `datetime between (start .. 1d)`: a timespan upper bound is relative to the lower one.
  if (left.type === 'datetime' && high.type === 'timespan') {
    high = apply(infix('+'), (a) => (a[0] === null || a[1] === null ? null : (a[0] as bigint) + (a[1] as bigint)), [convertTo(low, 'datetime'), high], 'datetime');
  }
  let t = left.type;
  if (isNumeric(t) && isNumeric(low.type) && isNumeric(high.type)) t = widerNumeric(t, widerNumeric(low.type, high.type));
  if (t === 'dynamic') t = isNumeric(low.type) ? 'real' : low.type;
  left = convertTo(left, t);
  return apply({ name: e.negated ? '!between' : 'between', notation: 'range' }, ops.between(e.negated, t), [left, convertTo(low, t), convertTo(high, t)], 'bool');
}

/** `d.name`, `d['name']`, `d[0]`: member access into a dynamic value (missing members are null). */
function bindMember(objectAst: A.Expr, key: PlanExpr, span: Span, env: ExprEnv): PlanExpr {
  const field = recordField(objectAst, key, span, env);
  if (field) return field;
  const object = bindExpr(objectAst, env);
  if (env.ctx.isError(object) || env.ctx.isError(key)) return env.ctx.errorExpr();
  if (object.type !== 'dynamic') {
    return fail(env, diag.typeMismatch(`member access needs a dynamic value, not ${object.type}`, span));
  }
  return apply(
    { name: '[]', notation: 'member' },
    (a) => {
      const o = a[0];
      const k = a[1];
      if (Array.isArray(o)) {
        if (typeof k !== 'number') return null;
        const i = k < 0 ? o.length + k : k;
        return (o[i] ?? null) as Value;
      }
      if (isPlainObject(o) && typeof k === 'string') return (Object.hasOwn(o, k) ? o[k] : null) as Value;
      return null;
    },
    [object, isTicks(key.type) ? convertTo(key, 'string') : key],
    'dynamic',
  );
}

/** `Step.Column` where `Step` names a record (a scan step) and no column: that record's field. */
function recordField(objectAst: A.Expr, key: PlanExpr, span: Span, env: ExprEnv): PlanExpr | undefined {
  if (objectAst.kind !== 'Name' || key.kind !== 'Const' || env.row.some((c) => c.name === objectAst.name)) return undefined;
  const b = env.scope.lookup(objectAst.name);
  if (b?.kind !== 'record') return undefined;
  const name = String(key.value);
  return b.fields.get(name) ?? fail(env, diag.unknownColumn(name, [...b.fields.keys()], span));
}

/**
 * row_number([start]), prev(x [, offset [, default]]), next(...), row_cumsum(x),
 * row_window_session(t, maxFromFirst, maxBetweenNeighbors): functions of the row order.
 */
function bindRowOrder(call: A.Call, env: ExprEnv): PlanExpr {
  const fn = call.name as 'row_number' | 'prev' | 'next' | 'row_cumsum' | 'row_window_session';
  const [min, max] = fn === 'row_number' ? [0, 2] : fn === 'row_cumsum' ? [1, 2] : fn === 'row_window_session' ? [3, 4] : [1, 3];
  if (call.args.length < min || call.args.length > max) {
    return fail(env, diag.wrongArgCount(fn, `${min} to ${max}`, call.args.length, call.span));
  }
  if ((fn === 'row_number' || fn === 'row_cumsum') && call.args.length > 1) {
    return fail(env, diag.unsupportedFeature(`the restart argument of ${fn}()`, call.span));
  }
  const args = call.args.map((a) => bindExpr(a, env));
  if (args.some((a) => env.ctx.isError(a))) return env.ctx.errorExpr();
  let type: ScalarType = 'long';
  if (fn === 'prev' || fn === 'next' || fn === 'row_window_session') type = args[0]!.type;
  else if (fn === 'row_cumsum') type = args[0]!.type === 'int' ? 'long' : args[0]!.type;
  if ((fn === 'prev' || fn === 'next') && args[2]) args[2] = convertTo(args[2], type);
  return { kind: 'RowOrder', fn, args, type };
}

/**
 * Binding tabular expressions: sources (tables, `let` tables, datatable, union, print, range) and
 * pipelines. Each query operator is bound by its own function in ./operators/, which returns the
 * plan node and so the operator's output schema.
 */
import { diag } from '../diagnostics/catalog.js';
import type { PlanExpr, PlanNode } from '../plan/nodes.js';
import type * as A from '../syntax/ast.js';
import { type ColumnSchema, Table } from '../table/table.js';
import { convert } from '../types/convert.js';
import type { ScalarType } from '../types/scalar-type.js';
import type { Value } from '../types/value.js';
import { bindExpr, bindLambdaScope, convertTo, exprEnv } from './bind-expr.js';
import type { BindContext } from './context.js';
import { ColumnNamer, uniqueName } from './naming.js';
import { bindFind } from './operators/find.js';
import { bindOperator } from './operators/index.js';
import { bindSearch } from './operators/search.js';
import type { Scope } from './scope.js';
import { tableCandidates, tableScan } from './table-scan.js';
import { bindUnion } from './union.js';

export function bindTabular(e: A.Expr, scope: Scope, ctx: BindContext): PlanNode {
  switch (e.kind) {
    case 'Paren':
      return bindTabular(e.inner, scope, ctx);
    case 'Pipeline': {
      let plan = bindTabular(e.source, scope, ctx);
      for (const op of e.operators) {
        if (ctx.isFailed(plan)) break;
        plan = bindOperator(op, plan, scope, ctx);
      }
      if (plan.kind === 'MakeGraph') {
        // A graph is no table: it cannot be a result, a let value or an operand.
        const last = e.operators[e.operators.length - 1]!;
        ctx.report(diag.misplacedOperator('make-graph', 'without graph-match or graph-to-table after it: its result is a graph, not a table', last.keywordSpan));
        return ctx.errorPlan();
      }
      return plan;
    }
    case 'Name':
      return bindTableName(e, scope, ctx);
    case 'Call':
      return bindTabularCall(e, scope, ctx);
    case 'Datatable':
      return bindDatatable(e, scope, ctx);
    case 'Union':
      return bindUnion(e, [], scope, ctx);
    case 'Search':
      return bindSearch(e, undefined, scope, ctx);
    case 'Find':
      return bindFind(e, scope, ctx);
    case 'Print':
      return bindPrint(e, scope, ctx);
    case 'Range':
      return bindRange(e, scope, ctx);
    case 'ExternalData':
      return bindExternalData(e, scope, ctx);
    default:
      ctx.report(diag.notTabular(e.kind === 'Literal' ? 'a literal' : 'this expression', e.span));
      return ctx.errorPlan();
  }
}

function bindTableName(e: A.NameRef, scope: Scope, ctx: BindContext): PlanNode {
  const b = scope.lookup(e.name);
  if (b?.kind === 'tabular') return b.plan;
  if (b?.kind === 'function') {
    return bindTabularCall({ kind: 'Call', name: e.name, nameSpan: e.span, args: [], argNames: [], span: e.span }, scope, ctx);
  }
  if (b?.kind === 'scalar') {
    ctx.report(diag.notTabular(`'${e.name}'`, e.span));
    return ctx.errorPlan();
  }
  // A function with parameters named without parentheses runs with its defaults.
  if (ctx.catalog.sourceFunction(e.name)?.bareName) return bindTabularCall({ kind: 'Call', name: e.name, nameSpan: e.span, args: [], argNames: [], span: e.span }, scope, ctx);
  return tableScan(e.name, e.span, ctx, scope);
}

function bindTabularCall(call: A.Call, scope: Scope, ctx: BindContext): PlanNode {
  const user = scope.lookup(call.name);
  if (user?.kind === 'function') {
    const lambda = user.lambda;
    return ctx.withinCall(call.name, call.span, () => {
      const inner = bindLambdaScope(call, lambda, user.scope, exprEnv([], scope, ctx));
      if (!inner) return ctx.errorPlan();
      const last = lambda.body.statements[lambda.body.statements.length - 1];
      if (last?.kind !== 'ExprStatement') {
        ctx.report(diag.invalidArgument(`function '${call.name}' has no result`, call.span));
        return ctx.errorPlan();
      }
      return bindTabular(last.expr, inner, ctx);
    }) ?? ctx.errorPlan();
  }
  switch (call.name) {
    case 'table': {
      const arg = call.args[0];
      const value = arg ? bindExpr(arg, exprEnv([], scope, ctx)) : undefined;
      if (!value || value.kind !== 'Const' || typeof value.value !== 'string') {
        ctx.report(diag.constantRequired("table()'s argument", call.span));
        return ctx.errorPlan();
      }
      return tableScan(value.value, call.span, ctx);
    }
    case 'materialize': {
      if (call.args.length !== 1) {
        ctx.report(diag.wrongArgCount('materialize', '1', call.args.length, call.span));
        return ctx.errorPlan();
      }
      const input = bindTabular(call.args[0]!, scope, ctx);
      return { kind: 'Cache', input, id: ctx.nextCacheId(), schema: input.schema, span: call.span };
    }
  }
  const source = ctx.catalog.sourceFunction(call.name);
  if (source) return source.bind(call, scope, ctx);
  if (ctx.catalog.tableSchema(call.name)) {
    if (call.args.length === 0) return tableScan(call.name, call.nameSpan, ctx);
    ctx.report(diag.unsupportedFeature(`parameters of the tabular function '${call.name}'`, call.span));
    return ctx.errorPlan();
  }
  ctx.report(diag.unknownTable(call.name, tableCandidates(ctx, scope), call.nameSpan));
  return ctx.errorPlan();
}

function bindExternalData(e: A.ExternalData, scope: Scope, ctx: BindContext): PlanNode {
  const uris: string[] = [];
  for (const u of e.uris) {
    const v = bindExpr(u, exprEnv([], scope, ctx));
    if (v.kind !== 'Const' || typeof v.value !== 'string') {
      ctx.report(diag.constantRequired('an externaldata URL', u.span));
      return ctx.errorPlan();
    }
    uris.push(v.value);
  }
  return { kind: 'External', uris, schema: e.columns.map((c) => ({ name: c.name, type: c.type })), span: e.span };
}

/** Evaluates a constant expression at bind time (datatable cells, print of constants, range bounds). */
function constantValue(e: A.Expr, type: ScalarType, scope: Scope, ctx: BindContext): Value | undefined {
  const bound = bindExpr(e, exprEnv([], scope, ctx));
  if (ctx.isError(bound)) return undefined;
  if (bound.kind !== 'Const') {
    ctx.report(diag.constantRequired('a datatable value', e.span));
    return undefined;
  }
  return convert(bound.value, bound.type, type);
}

function bindDatatable(e: A.Datatable, scope: Scope, ctx: BindContext): PlanNode {
  const schema: ColumnSchema[] = e.columns.map((c) => ({ name: c.name, type: c.type }));
  const width = schema.length;
  if (width === 0 || e.values.length % width !== 0) {
    ctx.report(diag.invalidArgument(`datatable has ${e.values.length} values, not a multiple of its ${width} columns`, e.span));
    return ctx.errorPlan();
  }
  const rows: Value[][] = [];
  for (let i = 0; i < e.values.length; i += width) {
    rows.push(schema.map((c, j) => constantValue(e.values[i + j]!, c.type, scope, ctx) ?? null));
  }
  return { kind: 'Values', table: Table.fromRows(schema, rows), schema, span: e.span };
}

function bindPrint(e: A.Print, scope: Scope, ctx: BindContext): PlanNode {
  const one: PlanNode = { kind: 'Values', table: new Table([], [], 1), schema: [] };
  const env = exprEnv([], scope, ctx);
  const namer = new ColumnNamer('print');
  const taken = new Set<string>();
  const columns = e.columns.map((a, i) => {
    const expr = bindExpr(a.expr, env);
    const name = uniqueName(a.names[0] ?? namer.next(i), taken);
    taken.add(name);
    return { name, expr };
  });
  return { kind: 'Project', input: one, columns, schema: columns.map((c) => ({ name: c.name, type: c.expr.type })), span: e.span };
}

function bindRange(e: A.RangeSource, scope: Scope, ctx: BindContext): PlanNode {
  const env = exprEnv([], scope, ctx);
  const from = bindExpr(e.from, env);
  const to = bindExpr(e.to, env);
  const step = bindExpr(e.step, env);
  if ([from, to, step].some((x) => ctx.isError(x))) return ctx.errorPlan();
  const type: ScalarType = from.type === 'int' ? 'long' : from.type;
  const cast = (x: PlanExpr) => (x.type === 'timespan' && type === 'datetime' ? x : convertTo(x, type === 'datetime' ? 'datetime' : type));
  return { kind: 'Range', from: cast(from), to: cast(to), step, schema: [{ name: e.column, type }], span: e.span };
}


/**
 * Binding tabular expressions: sources (tables, `let` tables, datatable, union, print, range) and
 * pipelines. Each query operator is bound by its own function in ./operators/, which returns the
 * plan node and so the operator's output schema.
 */
import type { Span } from '../common/span.js';
import { diag } from '../diagnostics/catalog.js';
import type { PlanExpr, PlanNode } from '../plan/nodes.js';
import type * as A from '../syntax/ast.js';
import { type ColumnSchema, Table } from '../table/table.js';
import { convert } from '../types/convert.js';
import type { ScalarType } from '../types/scalar-type.js';
import type { Value } from '../types/value.js';
import { bindExpr, bindLambdaScope, convertTo, type ExprEnv } from './bind-expr.js';
import type { BindContext } from './context.js';
import { ColumnNamer, expressionName, uniqueName } from './naming.js';
import { ASIM_SOURCE, asimParser } from './asim.js';
import { bindFind } from './operators/find.js';
import { bindOperator } from './operators/index.js';
import { bindSearch } from './operators/search.js';
import { Scope } from './scope.js';

/** Plans that stand for a failed binding: the operators after one are not bound, so one mistake gives one error. */
const failedPlans = new WeakSet<PlanNode>();

export function errorPlan(): PlanNode {
  const plan: PlanNode = { kind: 'Values', table: Table.empty([]), schema: [] };
  failedPlans.add(plan);
  return plan;
}

/** A plan every reference shares, evaluated once per run (a `let` table, the input of fork's results). */
export function cached(plan: PlanNode, ctx: BindContext): PlanNode {
  if (plan.kind === 'Cache' || plan.kind === 'Scan' || plan.kind === 'Values') return plan;
  return { kind: 'Cache', input: plan, id: ctx.nextCacheId(), schema: plan.schema, span: plan.span };
}

export function exprEnv(row: readonly ColumnSchema[], scope: Scope, ctx: BindContext): ExprEnv {
  return { row, scope, ctx, bindTabular };
}

export function bindTabular(e: A.Expr, scope: Scope, ctx: BindContext): PlanNode {
  switch (e.kind) {
    case 'Paren':
      return bindTabular(e.inner, scope, ctx);
    case 'Pipeline': {
      let plan = bindTabular(e.source, scope, ctx);
      for (const op of e.operators) {
        if (failedPlans.has(plan)) break;
        plan = bindOperator(op, plan, scope, ctx);
      }
      if (plan.kind === 'MakeGraph') {
        // A graph is no table: it cannot be a result, a let value or an operand.
        const last = e.operators[e.operators.length - 1]!;
        ctx.report(diag.misplacedOperator('make-graph', 'without graph-match or graph-to-table after it: its result is a graph, not a table', last.keywordSpan));
        return errorPlan();
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
      return errorPlan();
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
    return errorPlan();
  }
  // A function with parameters named without parentheses runs with its defaults.
  if (asimParser(e.name)) return bindTabularCall({ kind: 'Call', name: e.name, nameSpan: e.span, args: [], argNames: [], span: e.span }, scope, ctx);
  return scan(e.name, e.span, ctx);
}

function scan(name: string, span: A.NameRef['span'], ctx: BindContext): PlanNode {
  const schema = ctx.catalog.tableSchema(name);
  if (!schema) {
    ctx.report(diag.unknownTable(name, span));
    return errorPlan();
  }
  return { kind: 'Scan', table: name, schema, span };
}

function bindTabularCall(call: A.Call, scope: Scope, ctx: BindContext): PlanNode {
  const user = scope.lookup(call.name);
  if (user?.kind === 'function') {
    const lambda = user.lambda;
    return ctx.withinCall(call.name, call.span, () => {
      const inner = bindLambdaScope(call, lambda, user.scope, exprEnv([], scope, ctx));
      if (!inner) return errorPlan();
      const last = lambda.body.statements[lambda.body.statements.length - 1];
      if (last?.kind !== 'ExprStatement') {
        ctx.report(diag.invalidArgument(`function '${call.name}' has no result`, call.span));
        return errorPlan();
      }
      return bindTabular(last.expr, inner, ctx);
    }) ?? errorPlan();
  }
  switch (call.name) {
    case 'table': {
      const arg = call.args[0];
      const value = arg ? bindExpr(arg, exprEnv([], scope, ctx)) : undefined;
      if (!value || value.kind !== 'Const' || typeof value.value !== 'string') {
        ctx.report(diag.constantRequired("table()'s argument", call.span));
        return errorPlan();
      }
      return scan(value.value, call.span, ctx);
    }
    case 'materialize': {
      if (call.args.length !== 1) {
        ctx.report(diag.wrongArgCount('materialize', '1', call.args.length, call.span));
        return errorPlan();
      }
      const input = bindTabular(call.args[0]!, scope, ctx);
      return { kind: 'Cache', input, id: ctx.nextCacheId(), schema: input.schema, span: call.span };
    }
    case '_GetWatchlist': {
      const alias = call.args[0] ? bindExpr(call.args[0], exprEnv([], scope, ctx)) : undefined;
      if (!alias || alias.kind !== 'Const' || typeof alias.value !== 'string') {
        ctx.report(diag.constantRequired("_GetWatchlist()'s alias", call.span));
        return errorPlan();
      }
      const table = watchlistTableName(alias.value);
      const given = ctx.catalog.tableSchema(table);
      if (!given) ctx.absentWatchlists.add(alias.value);
      return { kind: 'Scan', table, schema: given ?? WATCHLIST_COLUMNS, optional: true, span: call.span };
    }
  }
  const asim = asimParser(call.name);
  if (asim) return bindAsimCall(call, asim, scope, ctx);
  if (ctx.catalog.tableSchema(call.name)) {
    if (call.args.length === 0) return scan(call.name, call.nameSpan, ctx);
    ctx.report(diag.unsupportedFeature(`parameters of the tabular function '${call.name}'`, call.span));
    return errorPlan();
  }
  ctx.report(diag.unknownTable(call.name, call.nameSpan));
  return errorPlan();
}

/**
 * Sentinel watchlists: `_GetWatchlist('alias')` has these columns plus one per column of the
 * watchlist's CSV. A watchlist that was not provided reads as an empty table of these columns.
 */
export const WATCHLIST_COLUMNS: readonly ColumnSchema[] = [
  { name: '_DTItemId', type: 'string' },
  { name: 'LastUpdatedTimeUTC', type: 'datetime' },
  { name: 'SearchKey', type: 'string' },
  { name: 'WatchlistItem', type: 'dynamic' },
];

/** The catalogue name under which a watchlist's table is provided. */
export function watchlistTableName(alias: string): string {
  return `_GetWatchlist('${alias}')`;
}

function bindExternalData(e: A.ExternalData, scope: Scope, ctx: BindContext): PlanNode {
  const uris: string[] = [];
  for (const u of e.uris) {
    const v = bindExpr(u, exprEnv([], scope, ctx));
    if (v.kind !== 'Const' || typeof v.value !== 'string') {
      ctx.report(diag.constantRequired('an externaldata URL', u.span));
      return errorPlan();
    }
    uris.push(v.value);
  }
  return { kind: 'External', uris, schema: e.columns.map((c) => ({ name: c.name, type: c.type })), span: e.span };
}

/**
 * An ASIM unifying parser: its filtering parameters applied to the normalized data loaded under its
 * name, or else under its schema's canonical name (`imDns` reads `_Im_Dns`).
 */
function bindAsimCall(call: A.Call, asim: NonNullable<ReturnType<typeof asimParser>>, scope: Scope, ctx: BindContext): PlanNode {
  const dataName = ctx.catalog.tableNames().includes(call.name) ? call.name : asim.schemaName;
  const source = scan(dataName, call.nameSpan, ctx);
  if (source.kind !== 'Scan') return source;
  const defScope = new Scope();
  defScope.define(ASIM_SOURCE, { kind: 'tabular', plan: source });
  // Arguments are bound where the call stands; the body sees only its parameters and its source.
  const inner = bindLambdaScope(call, asim.lambda, defScope, exprEnv([], scope, ctx));
  if (!inner) return errorPlan();
  const last = asim.lambda.body.statements[asim.lambda.body.statements.length - 1]!;
  return bindTabular((last as A.ExprStatement).expr, inner, ctx);
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
    return errorPlan();
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
  if ([from, to, step].some((x) => ctx.isError(x))) return errorPlan();
  const type: ScalarType = from.type === 'int' ? 'long' : from.type;
  const cast = (x: PlanExpr) => (x.type === 'timespan' && type === 'datetime' ? x : convertTo(x, type === 'datetime' ? 'datetime' : type));
  return { kind: 'Range', from: cast(from), to: cast(to), step, schema: [{ name: e.column, type }], span: e.span };
}

/**
 * `union`: columns are the union of the inputs' columns in order of appearance. A name that appears
 * with two types becomes two columns, `name_type` each, as Kusto does. `isfuzzy=true` skips missing tables.
 */
export function bindUnion(e: A.Union, leading: PlanNode[], scope: Scope, ctx: BindContext): PlanNode {
  const fuzzy = e.params.some((p) => p.name === 'isfuzzy' && p.value === true);
  const withSource = e.params.find((p) => p.name === 'withsource')?.value as string | undefined;
  const inputs = [...leading.map((plan) => ({ plan, label: 'union_arg0' })), ...unionInputs(e.tables, fuzzy, leading.length, scope, ctx)];
  return unionOf(inputs, withSource, e.span);
}

/** A union input and the name its withsource column gives its rows. */
export interface LabelledPlan {
  readonly plan: PlanNode;
  readonly label: string;
}

/**
 * The inputs a union's table list names (search's and find's `in (...)` too): tables, subqueries,
 * and `Prefix*` or `*` wildcards over the loaded tables. `fuzzy` skips names of missing tables.
 * A subquery's label is `union_argN`, N its position among all inputs (`first` come before the list).
 */
export function unionInputs(tables: readonly A.Expr[], fuzzy: boolean, first: number, scope: Scope, ctx: BindContext): LabelledPlan[] {
  const inputs: LabelledPlan[] = [];
  for (const t of tables) {
    const prefix = t.kind === 'Star' ? '' : t.kind === 'Name' && t.name.endsWith('*') ? t.name.slice(0, -1) : undefined;
    if (prefix !== undefined) {
      for (const name of ctx.catalog.tableNames().filter((n) => n.startsWith(prefix))) inputs.push({ plan: scan(name, t.span, ctx), label: name });
      continue;
    }
    if (fuzzy && (t.kind === 'Name' || t.kind === 'Call') && isMissingTable(t, scope, ctx)) continue;
    inputs.push({ plan: bindTabular(t, scope, ctx), label: t.kind === 'Name' ? t.name : `union_arg${first + inputs.length}` });
  }
  return inputs;
}

/** The union of labelled inputs, with a `withSource` column of their labels first when asked. */
export function unionOf(labelled: readonly LabelledPlan[], withSource: string | undefined, span: Span): PlanNode {
  const inputs = labelled.map((l) => l.plan);
  const labels = labelled.map((l) => l.label);
  const types = new Map<string, Set<ScalarType>>();
  for (const input of inputs) {
    for (const c of input.schema) {
      if (!types.has(c.name)) types.set(c.name, new Set());
      types.get(c.name)!.add(c.type);
    }
  }
  const schema: ColumnSchema[] = [];
  const index = new Map<string, number>();
  if (withSource) schema.push({ name: withSource, type: 'string' });
  // A name with several types puts all its `name_type` columns where the name first appears (as the
  // official binder orders them), in the order its types first appear.
  for (const input of inputs) {
    for (const c of input.schema) {
      const variants = types.get(c.name)!;
      for (const type of variants.size > 1 ? variants : [c.type]) {
        const name = variants.size > 1 ? `${c.name}_${type}` : c.name;
        if (!index.has(name)) {
          index.set(name, schema.length);
          schema.push({ name, type });
        }
      }
    }
  }
  const mappings = inputs.map((input) =>
    input.schema.map((c) => index.get(types.get(c.name)!.size > 1 ? `${c.name}_${c.type}` : c.name)!),
  );
  return { kind: 'Union', inputs, mappings, source: withSource ? { labels } : undefined, schema, span };
}

/** Whether a union input names a table that does not exist (which `isfuzzy=true` tolerates). */
function isMissingTable(t: A.NameRef | A.Call, scope: Scope, ctx: BindContext): boolean {
  if (scope.lookup(t.name)) return false;
  if (t.kind === 'Call' && (t.name === 'table' || t.name === 'materialize')) return false;
  return ctx.catalog.tableSchema(t.name) === undefined;
}

export { expressionName };

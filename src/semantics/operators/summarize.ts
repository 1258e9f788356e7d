/**
 * summarize, count and distinct. Output columns: the by-keys in order, then the aggregates as written.
 * An aggregate may sit inside a scalar expression (`round(avg(x), 2)`): the aggregate is computed per
 * group, and the expression is evaluated over the group's row afterwards.
 */
import { diag } from '../../diagnostics/catalog.js';
import { isBindError } from '../../functions/types.js';
import { castDynamic } from '../../types/convert.js';
import type { AggregateSpec, ArgExtremeSpec, NamedExpr, PlanExpr, PlanNode } from '../../plan/nodes.js';
import type { Span } from '../../common/span.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import { type AggregateSink, argInfo, bindExpr, type ExprEnv, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import { ColumnNamer, expressionName, uniqueName } from '../naming.js';
import type { Scope } from '../scope.js';

/** Names the group row's columns as they are produced, to let output expressions refer to them. */
class GroupRow {
  readonly columns: ColumnSchema[] = [];
  add(name: string, type: ColumnSchema['type']): PlanExpr {
    this.columns.push({ name, type });
    return { kind: 'Column', index: this.columns.length - 1, type };
  }
}

export function bindSummarize(op: A.Summarize, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const env = exprEnv(input.schema, scope, ctx);
  const taken = new Set<string>();
  const namer = new ColumnNamer();
  const group = new GroupRow();
  const keys: NamedExpr[] = [];
  const outputs: NamedExpr[] = [];

  for (const a of op.by) {
    const expr = bindExpr(a.expr, env);
    const name = uniqueName(a.names[0] ?? expressionName(a.expr) ?? namer.next(0), taken);
    taken.add(name);
    keys.push({ name, expr });
    outputs.push({ name, expr: group.add(name, expr.type) });
  }

  const specs: AggregateSpec[] = [];
  const extremes: ArgExtremeSpec[] = [];
  // `*` in arg_max leaves out the input columns a by-key *is* (`by c`, `by x = c`), not those a key is
  // named like (`by c = tolower(c)` keeps the input c, as c1): the official binder's rule.
  const keyColumns = new Set(keys.flatMap((k) => (k.expr.kind === 'Column' ? [k.expr.index] : [])));
  /** How many output columns each plain (not row-picking) aggregation gave: one, or one per percentile. */
  const outputCounts = new Map<A.Assignment, number>();

  for (const a of op.aggregates) {
    const direct = a.expr.kind === 'Call' ? a.expr : undefined;
    if (direct && isRowPicker(direct)) {
      const spec = bindArgExtreme(direct, a.names, env, keyColumns, taken, ctx);
      if (spec) {
        extremes.push(spec);
      }
      continue;
    }
    if (direct && isPercentileColumns(direct)) {
      const columns = bindPercentileColumns(direct, a.names, env, taken, ctx);
      if (columns) {
        specs.push(columns.spec);
        const slot = group.add(columns.spec.name, columns.spec.binding.type);
        outputs.push(...columns.outputs(slot));
        outputCounts.set(a, columns.count);
      }
      continue;
    }
    const bound = bindAggregation(a, env, ctx, 'summarize');
    if (!bound) continue;
    outputCounts.set(a, 1);
    const defaultName =
      direct && bound.calls.length === 1 && bound.calls[0]!.call === direct ? aggregateDefaultName(direct, ctx) : undefined;
    const name = uniqueName(a.names[0] ?? defaultName ?? namer.next(0), taken);
    taken.add(name);
    const slots = bound.calls.map((p, i) => {
      specs.push({ ...p.spec, name: `${name}#${i}` });
      return group.add(`${name}#${i}`, p.spec.binding.type);
    });
    outputs.push({ name, expr: resolveSlots(bound.expr, slots) });
  }

  // Extreme outputs come after the aggregates in the group row; their output columns keep their order.
  const extremeStart = group.columns.length;
  for (const x of extremes) {
    if (x.byName !== undefined) group.add(x.byName, x.by.type);
    for (const c of x.columns) group.add(c.name, c.expr.type);
  }
  let k = extremeStart;
  const extremeOutputs: NamedExpr[] = [];
  for (const x of extremes) {
    if (x.byName !== undefined) extremeOutputs.push({ name: x.byName, expr: { kind: 'Column', index: k++, type: x.by.type } });
    for (const c of x.columns) extremeOutputs.push({ name: c.name, expr: { kind: 'Column', index: k++, type: c.expr.type } });
  }
  // Written order: arg_max/arg_min outputs sit where they were written among the aggregates.
  const ordered = orderOutputs(op, outputs, outputCounts, extremeOutputs, keys.length);
  return {
    kind: 'Summarize',
    input,
    keys,
    aggregates: specs,
    extremes,
    outputs: ordered,
    schema: ordered.map((o) => ({ name: o.name, type: o.expr.type })),
    span: op.span,
  };
}

/** Keys first, then each aggregate assignment's columns in written order. */
function orderOutputs(
  op: A.Summarize, outputs: NamedExpr[], outputCounts: ReadonlyMap<A.Assignment, number>, extremeOutputs: NamedExpr[], keyCount: number,
): NamedExpr[] {
  const result = outputs.slice(0, keyCount);
  let plain = keyCount;
  let ext = 0;
  for (const a of op.aggregates) {
    const isExtreme = a.expr.kind === 'Call' && isRowPicker(a.expr);
    if (isExtreme) {
      const call = a.expr as A.Call;
      const count = extremeOutputCount(call, extremeOutputs, ext);
      result.push(...extremeOutputs.slice(ext, ext + count));
      ext += count;
    } else {
      const count = outputCounts.get(a) ?? 0;
      result.push(...outputs.slice(plain, plain + count));
      plain += count;
    }
  }
  return result;
}

/** Aggregates that output columns of one chosen row: arg_max, arg_min (argmax, argmin), and take_any(*) or take_any(a, b). */
export function isRowPicker(call: A.Call): boolean {
  if (call.name === 'arg_max' || call.name === 'arg_min' || isDeprecatedArgExtreme(call)) return true;
  return (call.name === 'take_any' || call.name === 'any') && (call.args.length > 1 || call.args.some((x) => x.kind === 'Star'));
}

/** The deprecated spellings of arg_max and arg_min: the same rows, other column names (see bindArgExtreme). */
function isDeprecatedArgExtreme(call: A.Call): boolean {
  return call.name === 'argmax' || call.name === 'argmin';
}

/** percentiles() or percentilesw() with several percentiles, which gives one column per percentile. */
function isPercentileColumns(call: A.Call): boolean {
  const first = call.name === 'percentiles' ? 1 : call.name === 'percentilesw' ? 2 : undefined;
  return first !== undefined && call.args.length > first + 1;
}

/**
 * percentiles(X, P1, P2, ...) and percentilesw(X, W, P1, P2, ...): one column per percentile, named as
 * percentile(X, Pk) names its column (`percentile_X_50`) unless `(a, b) = ...` names it. Each group
 * computes one percentiles_array() (percentilesw_array()), and each column takes its element back in
 * the percentile's type. The call is first bound with its first percentile alone, so that mistakes are
 * reported under the name written and the columns' type is known.
 */
function bindPercentileColumns(
  call: A.Call, names: readonly string[], env: ExprEnv, taken: Set<string>, ctx: BindContext,
): { spec: AggregateSpec; count: number; outputs(slot: PlanExpr): NamedExpr[] } | undefined {
  const first = call.name === 'percentiles' ? 1 : 2;
  const single = bindAggregateCall({ ...call, args: call.args.slice(0, first + 1), argNames: call.argNames.slice(0, first + 1) }, env, ctx);
  if (!single) return undefined;
  const array = bindAggregateCall({ ...call, name: `${call.name}_array` }, env, ctx);
  if (!array) return undefined;
  const type = single.binding.type;
  const valueName = expressionName(call.args[0]!);
  const columnNames = call.args.slice(first).map((p, k) => {
    const percentText = p.kind === 'Literal' ? String(p.value) : expressionName(p);
    const name = uniqueName(names[k] ?? ctx.dialect.functions.aggregate('percentile')!.defaultName([valueName, percentText]), taken);
    taken.add(name);
    return name;
  });
  return {
    spec: { ...array, name: `${columnNames[0]}#0` },
    count: columnNames.length,
    outputs: (slot) =>
      columnNames.map((name, k) => ({
        name,
        expr: {
          kind: 'Apply', name: '[]', notation: 'member', constants: [{ kind: 'Const', value: k, type: 'long' }],
          impl: (a) => (Array.isArray(a[0]) ? castDynamic(a[0][k] ?? null, type) : null), args: [slot], type,
        },
      })),
  };
}

const extremeCounts = new WeakMap<A.Call, number>();
function extremeOutputCount(call: A.Call, _outputs: NamedExpr[], _from: number): number {
  return extremeCounts.get(call) ?? 0;
}

/** An aggregation expression bound: its aggregate calls, and the expression with a placeholder for each call's result. */
export interface BoundAggregation {
  /** Placeholders are columns with negative indexes (the -1st is the first call); resolveSlots replaces them. */
  readonly expr: PlanExpr;
  readonly calls: readonly { readonly spec: Omit<AggregateSpec, 'name'>; readonly call: A.Call }[];
}

/**
 * Binds one aggregation (`count()`, `round(avg(x), 2)`, `sum(a) / count()`): the aggregate calls found
 * inside are bound and stand in the expression as placeholders. Undefined, reported, when it fails or
 * holds no aggregate call.
 */
export function bindAggregation(a: A.Assignment, env: ExprEnv, ctx: BindContext, operator: string): BoundAggregation | undefined {
  const calls: { spec: Omit<AggregateSpec, 'name'>; call: A.Call }[] = [];
  const sink: AggregateSink = {
    add(call, innerEnv) {
      const bound = bindAggregateCall(call, innerEnv, ctx);
      if (!bound) return ctx.errorExpr();
      calls.push({ spec: bound, call });
      return { kind: 'Column', index: -calls.length, type: bound.binding.type };
    },
  };
  const expr = bindExpr(a.expr, { ...env, aggregates: sink });
  if (ctx.isError(expr)) return undefined;
  if (calls.length === 0) {
    ctx.report(diag.notAggregate(a.span, operator));
    return undefined;
  }
  return { expr, calls };
}

/** Replaces the placeholder columns (negative indexes) by the group-row columns of the aggregates. */
export function resolveSlots(e: PlanExpr, slots: PlanExpr[]): PlanExpr {
  switch (e.kind) {
    case 'Column':
      return e.index < 0 ? slots[-e.index - 1]! : e;
    case 'Apply':
    case 'Logic':
      return { ...e, args: e.args.map((a) => resolveSlots(a, slots)) } as PlanExpr;
    default:
      return e;
  }
}

export function aggregateDefaultName(call: A.Call, ctx: BindContext): string | undefined {
  const fn = ctx.dialect.functions.aggregate(call.name);
  if (!fn) return undefined;
  // Kusto names through conversions (`sum(tolong(X))` → `sum_X`); literal arguments give their text (`percentile_X_95`).
  return fn.defaultName(call.args.map((a) => (a.kind === 'Literal' ? String(a.value) : expressionName(a))));
}

export function bindAggregateCall(call: A.Call, env: ExprEnv, ctx: BindContext): Omit<AggregateSpec, 'name'> | undefined {
  const fn = ctx.dialect.functions.aggregate(call.name);
  if (!fn) {
    ctx.report(diag.unsupportedFunction(call.name, call.nameSpan));
    return undefined;
  }
  if (call.args.length < fn.minArgs || call.args.length > fn.maxArgs) {
    ctx.report(diag.wrongArgCount(call.name, fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`, call.args.length, call.span));
    return undefined;
  }
  // Arguments of an aggregate are row expressions: no nested aggregates.
  const rowEnv: ExprEnv = { ...env, aggregates: undefined };
  const args = call.args.map((a) => bindExpr(a, rowEnv));
  if (args.some((a) => ctx.isError(a))) return undefined;
  const binding = fn.bind(args.map(argInfo));
  if (isBindError(binding)) {
    ctx.report(diag.invalidArgument(binding.error, call.span));
    return undefined;
  }
  return { fn: call.name, binding, args };
}

/**
 * arg_max(by, cols...) / arg_min: the row of each group where `by` is largest (smallest). `*` means
 * every input column except the by-keys that are input columns; names that clash with earlier outputs
 * get a numeric suffix.
 */
function bindArgExtreme(
  call: A.Call, names: readonly string[], env: ExprEnv, keyColumns: ReadonlySet<number>, taken: Set<string>, ctx: BindContext,
): ArgExtremeSpec | undefined {
  const picksAny = call.name === 'take_any' || call.name === 'any';
  const byAst: A.Expr | undefined = picksAny ? undefined : call.args[0];
  const rest: readonly A.Expr[] = picksAny ? call.args : call.args.slice(1);
  if (!picksAny && (!byAst || rest.length === 0)) {
    ctx.report(diag.wrongArgCount(call.name, 'at least 2', call.args.length, call.span));
    return undefined;
  }
  const rowEnv: ExprEnv = { ...env, aggregates: undefined };
  const by: PlanExpr = byAst ? bindExpr(byAst, rowEnv) : { kind: 'Const', value: true, type: 'bool' };
  if (ctx.isError(by)) return undefined;
  const which = picksAny ? 'any' : call.name === 'arg_max' || call.name === 'argmax' ? 'max' : 'min';
  // The deprecated argmax/argmin name every column after the extremum, as the official binder does:
  // `argmax(X, Y, tolower(Y))` gives max_X, max_X_Y and max_X_arg2 (an expression: its argument index).
  const legacyPrefix = byAst && isDeprecatedArgExtreme(call) ? `${which}_${expressionName(byAst) ?? ''}` : undefined;
  let byName: string | undefined;
  if (byAst) {
    byName = uniqueName(names[0] ?? legacyPrefix ?? expressionName(byAst) ?? `${which}_`, taken);
    taken.add(byName);
  }
  const columns: NamedExpr[] = [];
  const namer = new ColumnNamer();
  let n = 1;
  for (const [i, a] of rest.entries()) {
    if (a.kind === 'Star') {
      env.row.forEach((c, index) => {
        if (keyColumns.has(index) || (byAst?.kind === 'Name' && byAst.name === c.name)) return;
        const name = uniqueName(legacyPrefix === undefined ? c.name : `${legacyPrefix}_${c.name}`, taken);
        taken.add(name);
        columns.push({ name, expr: { kind: 'Column', index, type: c.type } });
      });
      continue;
    }
    const expr = bindExpr(a, rowEnv);
    if (ctx.isError(expr)) return undefined;
    const argIndex = picksAny ? i : i + 1;
    const defaultName =
      legacyPrefix === undefined ? expressionName(a) ?? namer.next(0) : `${legacyPrefix}_${expressionName(a) ?? `arg${argIndex}`}`;
    const name = uniqueName(names[picksAny ? n - 1 : n] ?? defaultName, taken);
    n++;
    taken.add(name);
    columns.push({ name, expr });
  }
  extremeCounts.set(call, (byName === undefined ? 0 : 1) + columns.length);
  return { which, by, byName, columns };
}

export function bindCount(op: A.Count, input: PlanNode, ctx: BindContext): PlanNode {
  return countRows(input, [], 'Count', op.span, ctx);
}

/** `summarize <countName> = count() by <keys>`: the plan count and facet share. */
export function countRows(input: PlanNode, keys: readonly NamedExpr[], countName: string, span: Span, ctx: BindContext): PlanNode {
  const fn = ctx.dialect.functions.aggregate('count');
  const binding = fn && fn.bind([]);
  if (!binding || isBindError(binding)) throw new Error('the count aggregate is missing');
  const schema: ColumnSchema[] = [...keys.map((k) => ({ name: k.name, type: k.expr.type })), { name: countName, type: 'long' }];
  const outputs: NamedExpr[] = schema.map((c, index) => ({ name: c.name, expr: { kind: 'Column', index, type: c.type } }));
  return { kind: 'Summarize', input, keys, aggregates: [{ name: countName, fn: 'count', binding, args: [] }], extremes: [], outputs, schema, span };
}

export function bindDistinct(op: A.Distinct, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const env = exprEnv(input.schema, scope, ctx);
  const keys: NamedExpr[] = op.all
    ? input.schema.map((c, index) => ({ name: c.name, expr: { kind: 'Column', index, type: c.type } }))
    : op.columns.map((c, i) => ({ name: expressionName(c) ?? `Column${i + 1}`, expr: bindExpr(c, env) }));
  return {
    kind: 'Summarize',
    input,
    keys,
    aggregates: [],
    extremes: [],
    outputs: keys.map((k, index) => ({ name: k.name, expr: { kind: 'Column', index, type: k.expr.type } })),
    schema: keys.map((k) => ({ name: k.name, type: k.expr.type })),
    span: op.span,
  };
}

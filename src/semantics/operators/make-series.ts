/**
 * make-series: output columns are the by-keys, one dynamic array per aggregate, then the axis as an
 * array of bin starts (the official binder's shape). Only aggregates with numeric results qualify,
 * as the documentation says; `default` (0 unless given) fills bins without rows.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { MakeSeriesNode, NamedExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import { convert } from '../../types/convert.js';
import { isNumeric, isTicks } from '../../types/scalar-type.js';
import { bindExpr, convertTo, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import { ColumnNamer, expressionName, uniqueName } from '../naming.js';
import type { Scope } from '../scope.js';
import { aggregateDefaultName, bindAggregateCall } from './summarize.js';

export function bindMakeSeries(op: A.MakeSeries, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const unsupported = op.params.find((p) => !p.name.startsWith('hint.'));
  if (unsupported) {
    ctx.report(diag.unsupportedFeature(`make-series ${unsupported.name}=${String(unsupported.value)}`, unsupported.span));
    return ctx.errorPlan();
  }
  const env = exprEnv(input.schema, scope, ctx);
  const constEnv = exprEnv([], scope, ctx);
  const taken = new Set<string>();
  const namer = new ColumnNamer();
  const keys: NamedExpr[] = op.by.map((a) => {
    const name = uniqueName(a.names[0] ?? expressionName(a.expr) ?? namer.next(0), taken);
    taken.add(name);
    return { name, expr: bindExpr(a.expr, env) };
  });
  const aggregates: MakeSeriesNode['aggregates'][number][] = [];
  for (const { assignment, default: def } of op.aggregates) {
    const call = assignment.expr;
    if (call.kind !== 'Call') {
      ctx.report(diag.notAggregate(assignment.span));
      return ctx.errorPlan();
    }
    const bound = bindAggregateCall(call, env, ctx);
    if (!bound) return ctx.errorPlan();
    if (!isNumeric(bound.binding.type) && !isTicks(bound.binding.type)) {
      ctx.report(diag.invalidArgument(`make-series needs aggregates with numeric results; ${call.name}() gives ${bound.binding.type}`, call.span));
      return ctx.errorPlan();
    }
    const defaultExpr = def ? bindExpr(def, constEnv) : undefined;
    if (defaultExpr && defaultExpr.kind !== 'Const') {
      ctx.report(diag.constantRequired('a make-series default', def!.span));
      return ctx.errorPlan();
    }
    const name = uniqueName(assignment.names[0] ?? aggregateDefaultName(call, ctx) ?? namer.next(0), taken);
    taken.add(name);
    const dflt = defaultExpr ? convert(defaultExpr.value, defaultExpr.type, bound.binding.type) : 0;
    aggregates.push({ ...bound, name, default: dflt });
  }
  const axis = bindExpr(op.axis, env);
  if (ctx.isError(axis)) return ctx.errorPlan();
  const boundType = axis.type === 'datetime' ? 'datetime' : axis.type;
  const bound = (e: A.Expr | undefined) => (e ? convertTo(bindExpr(e, constEnv), boundType) : undefined);
  const axisName = uniqueName(expressionName(op.axis) ?? namer.next(0), taken);
  const schema = [
    ...keys.map((k) => ({ name: k.name, type: k.expr.type })),
    ...aggregates.map((a) => ({ name: a.name, type: 'dynamic' as const })),
    { name: axisName, type: 'dynamic' as const },
  ];
  return {
    kind: 'MakeSeries', input, keys, aggregates, axis, from: bound(op.from), to: bound(op.to), step: bindExpr(op.step, constEnv),
    inRange: op.inRange, schema, span: op.span,
  };
}

/**
 * top-nested. Each clause gives two output columns: its `of` value (named after the expression, or
 * as given) and its aggregation (named as given, else `aggregated_<of column>`), the official binder's
 * names. The aggregation is bound as summarize binds one: any aggregate call, or a scalar expression
 * over several.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { PlanExpr, PlanNode, TopNestedLevel } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import { isNumeric, type ScalarType } from '../../types/scalar-type.js';
import { bindExpr, convertTo, type ExprEnv, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import { ColumnNamer, expressionName, uniqueName } from '../naming.js';
import type { Scope } from '../scope.js';
import { bindAggregation, isRowPicker, resolveSlots } from './summarize.js';

export function bindTopNested(op: A.TopNested, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const env = exprEnv(input.schema, scope, ctx);
  const taken = new Set<string>();
  const namer = new ColumnNamer();
  const levels: TopNestedLevel[] = [];
  const schema: ColumnSchema[] = [];
  let failed = false;

  for (const clause of op.levels) {
    const key = bindExpr(clause.key.expr, env);
    const keyName = uniqueName(clause.key.names[0] ?? expressionName(clause.key.expr) ?? namer.next(0), taken);
    taken.add(keyName);
    const count = clause.count && bindCount(clause.count, env, ctx);
    const others = clause.others && !ctx.isError(key) ? bindOthers(clause.others, key.type, env, ctx) : undefined;
    const aggregation = bindLevelAggregation(clause.aggregation, env, ctx);
    const valueName = uniqueName(clause.aggregation.names[0] ?? `aggregated_${keyName}`, taken);
    taken.add(valueName);
    if (ctx.isError(key) || count === null || others === null || !aggregation) {
      failed = true;
      continue;
    }
    levels.push({ key, count, others, ...aggregation, descending: clause.descending });
    schema.push({ name: keyName, type: key.type }, { name: valueName, type: aggregation.value.type });
  }
  if (failed) return ctx.errorPlan();
  return { kind: 'TopNested', input, levels, schema, span: op.span };
}

/** N: a constant integer. Null when it is not (reported). */
function bindCount(e: A.Expr, env: ExprEnv, ctx: BindContext): PlanExpr | null {
  const count = constant(e, 'the top-nested count', env, ctx);
  if (count === null) return null;
  if (count.type !== 'int' && count.type !== 'long') {
    ctx.report(diag.typeMismatch(`the top-nested count must be an integer, not ${count.type}`, e.span));
    return null;
  }
  return convertTo(count, 'long');
}

/** ConstExpr of `with others`: a constant the key column can hold. Null when it is not (reported). */
function bindOthers(e: A.Expr, keyType: ScalarType, env: ExprEnv, ctx: BindContext): PlanExpr | null {
  const others = constant(e, 'the with others value', env, ctx);
  if (others === null) return null;
  const fits = others.type === keyType || keyType === 'dynamic' || (isNumeric(others.type) && isNumeric(keyType));
  if (!fits) {
    ctx.report(diag.typeMismatch(`the with others value must be of the of column's type (${keyType}), not ${others.type}`, e.span));
    return null;
  }
  return convertTo(others, keyType);
}

function constant(e: A.Expr, what: string, env: ExprEnv, ctx: BindContext): PlanExpr | null {
  const bound = bindExpr(e, env);
  if (ctx.isError(bound)) return null;
  if (readsRow(bound)) {
    ctx.report(diag.constantRequired(what, e.span));
    return null;
  }
  return bound;
}

function readsRow(e: PlanExpr): boolean {
  switch (e.kind) {
    case 'Column':
    case 'Row':
    case 'RowOrder':
      return true;
    case 'Apply':
    case 'Logic':
      return e.args.some(readsRow);
    default:
      return false;
  }
}

/** The aggregation, as its aggregate calls and the value computed from their results (columns 0, 1, ...). */
function bindLevelAggregation(a: A.Assignment, env: ExprEnv, ctx: BindContext): Pick<TopNestedLevel, 'aggregates' | 'value'> | undefined {
  // arg_max and its kind give a row's columns, not one value to rank the groups by.
  if (a.expr.kind === 'Call' && isRowPicker(a.expr)) {
    ctx.report(diag.invalidArgument(`'${a.expr.name}' gives columns of a row, not one value: a top-nested aggregation must give one value`, a.expr.span));
    return undefined;
  }
  const bound = bindAggregation(a, env, ctx, 'top-nested');
  if (!bound) return undefined;
  const aggregates = bound.calls.map((c, i) => ({ ...c.spec, name: `#${i}` }));
  const slots = bound.calls.map((c, index): PlanExpr => ({ kind: 'Column', index, type: c.spec.binding.type }));
  return { aggregates, value: resolveSlots(bound.expr, slots) };
}

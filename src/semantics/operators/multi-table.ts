/**
 * What search and find share: the tables they read, and their predicate bound over each table's own
 * columns. A column the predicate names that one table lacks (and another has) is null in that
 * table, as it would be after a union, so each table is in effect filtered by the part of the
 * predicate it has; and `*` stands for that table's columns only.
 */
import type { Span } from '../../common/span.js';
import { diag } from '../../diagnostics/catalog.js';
import type { PlanExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import type { ScalarType } from '../../types/scalar-type.js';
import { bindExpr, exprEnv } from '../bind-expr.js';
import { type LabelledPlan, unionInputs } from '../union.js';
import type { BindContext } from '../context.js';
import { Scope } from '../scope.js';

/** The tables of `in (...)`, or every loaded table when there is no list. */
export function sourceTables(tables: readonly A.Expr[] | undefined, span: Span, scope: Scope, ctx: BindContext): LabelledPlan[] {
  return unionInputs(tables ?? [{ kind: 'Star', span }], false, 0, scope, ctx);
}

export function hasColumn(plan: PlanNode, name: string): boolean {
  return plan.schema.some((c) => c.name === name);
}

/** The distinct types a column has across the tables, in the order they first appear. */
export function columnTypes(name: string, sources: readonly LabelledPlan[]): ScalarType[] {
  const types: ScalarType[] = [];
  for (const s of sources) for (const c of s.plan.schema) if (c.name === name && !types.includes(c.type)) types.push(c.type);
  return types;
}

/** The columns the predicate names that some table has, in the order the predicate names them. */
export function predicateColumns(predicate: A.Expr, sources: readonly LabelledPlan[]): string[] {
  const names: string[] = [];
  const visit = (e: A.Expr): void => {
    switch (e.kind) {
      case 'Name':
        if (!names.includes(e.name) && sources.some((s) => hasColumn(s.plan, e.name))) names.push(e.name);
        return;
      case 'Binary':
        return [e.left, e.right].forEach(visit);
      case 'Paren':
        return visit(e.inner);
      case 'Unary':
        return visit(e.operand);
      case 'Call':
        return e.args.forEach(visit);
      case 'Between':
        return [e.left, e.low, e.high].forEach(visit);
      case 'InList':
        return [e.left, ...e.items].forEach(visit);
      case 'Member':
        return visit(e.object);
      case 'Index':
        return [e.object, e.index].forEach(visit);
    }
  };
  visit(predicate);
  return names;
}

/**
 * Each table filtered by the predicate bound over its own columns; the `named` columns (see
 * predicateColumns) it lacks are null there (see absent), typed as the first table that has them types them.
 * Undefined when the predicate does not bind; a mistake met in several tables is reported once.
 */
export function filterEach(
  predicate: A.Expr, sources: readonly LabelledPlan[], named: readonly string[], scope: Scope, ctx: BindContext,
): LabelledPlan[] | undefined {
  const before = ctx.diagnostics.length;
  let failed = false;
  const bindOver = (row: readonly ColumnSchema[]) => {
    const inner = new Scope(scope);
    for (const name of named) {
      if (!row.some((c) => c.name === name)) inner.define(name, { kind: 'scalar', expr: absent(columnTypes(name, sources)[0]!) });
    }
    const bound = bindExpr(predicate, exprEnv(row, inner, ctx));
    if (ctx.isError(bound)) failed = true;
    else if (bound.type !== 'bool' && bound.type !== 'dynamic') {
      ctx.report(diag.typeMismatch(`the predicate must be bool, not ${bound.type}`, predicate.span));
      failed = true;
    }
    return bound;
  };
  // With no table the predicate is still checked, over no columns.
  if (sources.length === 0) bindOver([]);
  const filtered = sources.map(({ plan, label }): LabelledPlan => ({
    plan: { kind: 'Filter', input: plan, predicate: bindOver(plan.schema), schema: plan.schema, span: predicate.span },
    label,
  }));
  reportOnce(ctx, before);
  return failed ? undefined : filtered;
}

/** The value of a column a table lacks: null, or for a string the empty string (strings are never null). */
export function absent(type: ScalarType): PlanExpr {
  return { kind: 'Const', value: type === 'string' ? '' : null, type };
}

/** Keeps the first of the diagnostics since `from` that share a code and a span. */
function reportOnce(ctx: BindContext, from: number): void {
  const seen = new Set<string>();
  const kept = ctx.diagnostics.slice(from).filter((d) => {
    const key = `${d.code}@${d.span?.start}-${d.span?.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  ctx.diagnostics.splice(from, ctx.diagnostics.length - from, ...kept);
}

/**
 * XQL's join: `join [type = inner|left|right] [conflict_strategy = right|left] (subquery) as alias
 * condition`. In the condition the subquery's fields are `alias.field`; each `a = alias.b` conjunct is a
 * key of the hash join (null keys never match), any other conjunct filters the joined rows (for an
 * inner join). A field both sides have takes the right side's value (the default strategy) or the
 * left's. The output is the left fields, then the right side's other fields.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { JoinKind, NamedExpr, PlanExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import { bindExpr, convertTo, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import type { Scope } from '../scope.js';

const KINDS: Record<string, JoinKind> = { inner: 'inner', left: 'leftouter', right: 'rightouter' };

function conjuncts(e: A.Expr): A.Expr[] {
  if (e.kind === 'Paren') return conjuncts(e.inner);
  if (e.kind === 'Binary' && e.op === 'and') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

/** Which sides an expression's names refer to. */
function sides(e: A.Expr, alias: string): { left: boolean; right: boolean } {
  const found = { left: false, right: false };
  const walk = (x: A.Expr): void => {
    if (x.kind === 'Name') {
      if (x.name.startsWith(`${alias}.`)) found.right = true;
      else found.left = true;
    } else if (x.kind === 'Call') x.args.forEach(walk);
    else if (x.kind === 'Binary') [x.left, x.right].forEach(walk);
    else if (x.kind === 'Paren') walk(x.inner);
    else if (x.kind === 'Unary') walk(x.operand);
  };
  walk(e);
  return found;
}

/** The expression with `alias.` taken off its names, to bind on the right side alone. */
function unaliased(e: A.Expr, alias: string): A.Expr {
  const r = (x: A.Expr) => unaliased(x, alias);
  switch (e.kind) {
    case 'Name':
      return e.name.startsWith(`${alias}.`) ? { ...e, name: e.name.slice(alias.length + 1) } : e;
    case 'Call':
      return { ...e, args: e.args.map(r) };
    case 'Binary':
      return { ...e, left: r(e.left), right: r(e.right) };
    case 'Paren':
      return { ...e, inner: r(e.inner) };
    default:
      return e;
  }
}

function withKeys(input: PlanNode, keys: readonly PlanExpr[]): PlanNode {
  const columns: NamedExpr[] = [
    ...input.schema.map((c, index): NamedExpr => ({ name: c.name, expr: { kind: 'Column', index, type: c.type } })),
    ...keys.map((expr, i): NamedExpr => ({ name: `#key${i}`, expr })),
  ];
  return { kind: 'Project', input, columns, schema: columns.map((c) => ({ name: c.name, type: c.expr.type })), span: input.span };
}

export function bindXqlJoin(op: A.XqlJoin, left: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const right = ctx.bindTabular(op.right, scope);
  const typeParam = op.params.find((p) => p.name === 'type');
  const joinKind = KINDS[String(typeParam?.value ?? 'inner').toLowerCase()];
  if (!joinKind) {
    ctx.report(diag.invalidArgument(`join type must be inner, left or right, not '${String(typeParam!.value)}'`, typeParam!.span));
    return ctx.errorPlan();
  }
  const strategyParam = op.params.find((p) => p.name === 'conflict_strategy');
  const strategy = String(strategyParam?.value ?? 'right').toLowerCase();
  if (strategy === 'both') {
    ctx.report(diag.unsupportedFeature("join conflict_strategy = both: the docs do not say how the right side's copy is named", strategyParam!.span));
    return ctx.errorPlan();
  }
  if (strategy !== 'right' && strategy !== 'left') {
    ctx.report(diag.invalidArgument(`conflict_strategy must be right, left or both, not '${strategy}'`, strategyParam!.span));
    return ctx.errorPlan();
  }
  const alias = op.alias.name;
  const leftEnv = exprEnv(left.schema, scope, ctx);
  const rightEnv = exprEnv(right.schema, scope, ctx);
  const leftKeys: PlanExpr[] = [];
  const rightKeys: PlanExpr[] = [];
  const residual: A.Expr[] = [];
  for (const c of conjuncts(op.condition)) {
    if (c.kind === 'Binary' && c.op === '==') {
      const [l, r] = [sides(c.left, alias), sides(c.right, alias)];
      const pair = l.left && !l.right && r.right && !r.left ? [c.left, c.right] : r.left && !r.right && l.right && !l.left ? [c.right, c.left] : undefined;
      if (pair) {
        const lk = bindExpr(pair[0]!, leftEnv);
        const rk = bindExpr(unaliased(pair[1]!, alias), rightEnv);
        if (ctx.isError(lk) || ctx.isError(rk)) return ctx.errorPlan();
        const t = ctx.dialect.comparisonType({ type: lk.type }, { type: rk.type });
        if (!t) {
          ctx.report(diag.typeMismatch(`cannot compare ${lk.type} with ${rk.type} in a join key`, c.opSpan));
          return ctx.errorPlan();
        }
        leftKeys.push(convertTo(lk, t));
        rightKeys.push(convertTo(rk, t));
        continue;
      }
    }
    residual.push(c);
  }
  if (leftKeys.length === 0) {
    ctx.report(diag.invalidArgument(`the join condition needs at least one equality between a field and a field of '${alias}'`, op.condition.span));
    return ctx.errorPlan();
  }
  if (residual.length > 0 && joinKind !== 'inner') {
    ctx.report(diag.unsupportedFeature(`a condition other than equalities in a ${String(typeParam?.value)} join`, residual[0]!.span));
    return ctx.errorPlan();
  }
  const l = withKeys(left, leftKeys);
  const r = withKeys(right, rightKeys);
  const nl = left.schema.length;
  const nr = right.schema.length;
  // The joined row: the left fields, then the right ones as `alias.field`.
  const joinedSchema: ColumnSchema[] = [...left.schema, ...right.schema.map((c) => ({ name: `${alias}.${c.name}`, type: c.type }))];
  const join: PlanNode = {
    kind: 'Join', left: l, right: r, joinKind,
    leftKeys: leftKeys.map((_, i) => nl + i), rightKeys: rightKeys.map((_, i) => nr + i),
    outputs: [...left.schema.map((_, index) => ({ side: 'left' as const, index })), ...right.schema.map((_, index) => ({ side: 'right' as const, index }))],
    schema: joinedSchema, span: op.span,
  };
  let joined: PlanNode = join;
  if (residual.length > 0) {
    const env = exprEnv(joinedSchema, scope, ctx);
    const predicate = residual.map((e) => bindExpr(e, env));
    if (predicate.some((p) => ctx.isError(p))) return ctx.errorPlan();
    joined = { kind: 'Filter', input: join, predicate: { kind: 'Logic', op: 'and', args: predicate.map((p) => convertTo(p, 'bool')), type: 'bool' }, schema: joinedSchema, span: op.span };
  }
  const column = (index: number): PlanExpr => ({ kind: 'Column', index, type: joinedSchema[index]!.type });
  const rightIndex = new Map(right.schema.map((c, i) => [c.name, nl + i]));
  const columns: NamedExpr[] = left.schema.map((c, i) => {
    const fromRight = rightIndex.get(c.name);
    return { name: c.name, expr: column(fromRight !== undefined && strategy === 'right' ? fromRight : i) };
  });
  const leftNames = new Set(left.schema.map((c) => c.name));
  right.schema.forEach((c, i) => {
    if (!leftNames.has(c.name)) columns.push({ name: c.name, expr: column(nl + i) });
  });
  return { kind: 'Project', input: joined, columns, schema: columns.map((c) => ({ name: c.name, type: c.expr.type })), span: op.span };
}

/**
 * fork and facet: operators after which the query returns several tables. Each result runs on the
 * same input, evaluated once. Their results cannot be piped further, so they end the query.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { BindContext } from '../context.js';
import type { Scope } from '../scope.js';
import { bindSubquery } from './subquery.js';
import { countRows } from './summarize.js';

/** The operators the fork page lists as allowed in a leg (`reduce` is refused by name anyway). */
const FORK_LEG_OPERATORS: ReadonlySet<A.Operator['kind']> = new Set<A.Operator['kind']>([
  'As', 'Count', 'Extend', 'Parse', 'Where', 'Take', 'Project', 'ProjectAway', 'ProjectKeep', 'ProjectRename',
  'ProjectReorder', 'Summarize', 'Top', 'TopNested', 'Sort', 'MvExpand', 'Unsupported',
]);

export function bindFork(op: A.Fork, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const source = ctx.cached(input);
  const allowed = { kinds: FORK_LEG_OPERATORS, where: 'in a fork leg' };
  const results = op.legs.map((leg, i) => ({
    name: leg.name ?? `fork_${i + 1}`,
    plan: bindSubquery(leg.operators, source, scope, ctx, allowed) ?? ctx.errorPlan(),
  }));
  return resultsNode(results, op.span);
}

export function bindFacet(op: A.Facet, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const source = ctx.cached(input);
  const results: { name: string; plan: PlanNode }[] = [];
  if (op.with) results.push({ name: op.with.name ?? 'with', plan: bindSubquery(op.with.operators, source, scope, ctx) });
  for (const c of op.columns) {
    const index = source.schema.findIndex((s) => s.name === c.name);
    if (index < 0) {
      ctx.report(diag.unknownColumn(c.name, source.schema.map((s) => s.name), c.span));
      continue;
    }
    const key = { name: c.name, expr: { kind: 'Column' as const, index, type: source.schema[index]!.type } };
    results.push({ name: c.name, plan: countRows(source, [key], `count_${c.name}`, c.span, ctx) });
  }
  return resultsNode(results, op.span);
}

function resultsNode(results: { name: string; plan: PlanNode }[], span: A.Fork['span']): PlanNode {
  return { kind: 'Results', results, schema: results[0]?.plan.schema ?? [], span };
}

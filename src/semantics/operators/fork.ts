/**
 * fork and facet: operators after which the query returns several tables. Each result runs on the
 * same input, evaluated once. Their results cannot be piped further, so they end the query.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import { errorPlan } from '../bind-tabular.js';
import type { BindContext } from '../context.js';
import type { Scope } from '../scope.js';
import { bindOperator } from './index.js';
import { countRows } from './summarize.js';

/** The operators the fork page lists as allowed in a leg (`reduce` is refused by name anyway). */
const FORK_LEG_OPERATORS: ReadonlySet<A.Operator['kind']> = new Set([
  'As', 'Count', 'Extend', 'Parse', 'Where', 'Take', 'Project', 'ProjectAway', 'ProjectKeep', 'ProjectRename',
  'ProjectReorder', 'Summarize', 'Top', 'TopNested', 'Sort', 'MvExpand', 'Unsupported',
] as A.Operator['kind'][]);

/** The input every result reads, computed once. */
function shared(input: PlanNode, ctx: BindContext): PlanNode {
  if (input.kind === 'Cache' || input.kind === 'Scan' || input.kind === 'Values') return input;
  return { kind: 'Cache', input, id: ctx.nextCacheId(), schema: input.schema, span: input.span };
}

function bindSubquery(sub: A.Subquery, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  return sub.operators.reduce((plan, op) => bindOperator(op, plan, scope, ctx), input);
}

export function bindFork(op: A.Fork, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const source = shared(input, ctx);
  const results = op.legs.map((leg, i) => {
    const misplaced = leg.operators.find((o) => !FORK_LEG_OPERATORS.has(o.kind));
    if (misplaced) {
      ctx.report(diag.misplacedOperator(operatorWord(misplaced), 'in a fork leg', misplaced.keywordSpan));
      return { name: '', plan: errorPlan() };
    }
    return { name: leg.name ?? `fork_${i + 1}`, plan: bindSubquery(leg, source, scope, ctx) };
  });
  return resultsNode(results, op.span);
}

export function bindFacet(op: A.Facet, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const source = shared(input, ctx);
  const results: { name: string; plan: PlanNode }[] = [];
  if (op.with) results.push({ name: op.with.name ?? 'with', plan: bindSubquery(op.with, source, scope, ctx) });
  for (const c of op.columns) {
    const index = source.schema.findIndex((s) => s.name === c.name);
    if (index < 0) {
      ctx.report(diag.unknownColumn(c.name, source.schema.map((s) => s.name), c.span));
      continue;
    }
    const key = { name: c.name, expr: { kind: 'Column' as const, index, type: source.schema[index]!.type } };
    results.push({ name: c.name, plan: countRows(source, [key], `count_${c.name}`, c.span) });
  }
  return resultsNode(results, op.span);
}

function resultsNode(results: { name: string; plan: PlanNode }[], span: A.Fork['span']): PlanNode {
  return { kind: 'Results', results, schema: results[0]?.plan.schema ?? [], span };
}

/** The operator's keyword, for messages: `ProjectAway` is `project-away`. */
function operatorWord(op: A.Operator): string {
  if (op.kind === 'UnionOp') return 'union';
  if (op.kind === 'GetSchema') return 'getschema';
  return op.kind.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase();
}

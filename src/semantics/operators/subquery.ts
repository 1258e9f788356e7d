/**
 * Operators over an implicit source: fork legs, facet's `with`, partition's `( ... )`. They are bound
 * in order over the input; `as Name` names the rows so far for the operators after it; an operator
 * the caller's page does not allow there is refused with its name.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { BindContext } from '../context.js';
import { Scope } from '../scope.js';

export interface AllowedOperators {
  readonly kinds: ReadonlySet<A.Operator['kind']>;
  /** Where they are allowed, for the message: 'in a fork leg'. */
  readonly where: string;
}

/** The subquery's plan; with `allowed`, undefined when an operator is not allowed there (reported). */
export function bindSubquery(operators: readonly A.Operator[], input: PlanNode, scope: Scope, ctx: BindContext): PlanNode;
export function bindSubquery(
  operators: readonly A.Operator[], input: PlanNode, scope: Scope, ctx: BindContext, allowed: AllowedOperators | undefined,
): PlanNode | undefined;
export function bindSubquery(
  operators: readonly A.Operator[], input: PlanNode, scope: Scope, ctx: BindContext, allowed?: AllowedOperators,
): PlanNode | undefined {
  let plan = input;
  let inner = scope;
  for (const op of operators) {
    if (allowed && !allowed.kinds.has(op.kind)) {
      ctx.report(diag.misplacedOperator(operatorWord(op), allowed.where, op.keywordSpan));
      return undefined;
    }
    if (op.kind === 'As') {
      inner = new Scope(inner);
      inner.define(op.name, { kind: 'tabular', plan });
      continue;
    }
    plan = ctx.bindOperator(op, plan, inner);
  }
  return plan;
}

/** The operator's keyword, for messages: `ProjectAway` is `project-away`. */
function operatorWord(op: A.Operator): string {
  if (op.kind === 'UnionOp') return 'union';
  if (op.kind === 'GetSchema') return 'getschema';
  if (op.kind === 'Parse') return op.keyword;
  return op.kind.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase();
}

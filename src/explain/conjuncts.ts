/** The top-level conjuncts of a filter: its predicate split at `and`, with each part's text as written. */
import type { SourceText } from '../common/source.js';
import type { PlanExpr } from '../plan/nodes.js';
import { printExpr, rowOf } from '../plan/print-expr.js';
import type { ColumnSchema } from '../table/table.js';
import type { Expr, Operator } from '../syntax/ast.js';

export interface Conjunct {
  readonly expr: PlanExpr;
  readonly text: string;
}

/** The operands of a chain of `and`s, in written order. */
export function planConjuncts(e: PlanExpr): PlanExpr[] {
  return e.kind === 'Logic' && e.op === 'and' ? e.args.flatMap(planConjuncts) : [e];
}

function syntaxConjuncts(e: Expr): Expr[] {
  if (e.kind === 'Paren') return syntaxConjuncts(e.inner);
  return e.kind === 'Binary' && e.op === 'and' ? [...syntaxConjuncts(e.left), ...syntaxConjuncts(e.right)] : [e];
}

/**
 * A filter's conjuncts, each with its text: as written when the operator's own predicate splits into
 * as many parts as the bound one (the usual case), otherwise as the plan printer writes them.
 */
export function filterConjuncts(predicate: PlanExpr, input: readonly ColumnSchema[], syntax: Expr | Operator, source: SourceText): Conjunct[] {
  const bound = planConjuncts(predicate);
  const written = syntax.kind === 'Where' ? syntaxConjuncts(syntax.predicate) : [];
  const row = rowOf(input);
  return bound.map((expr, i) => {
    const w = written.length === bound.length ? written[i] : undefined;
    const text = w ? source.text.slice(w.span.start, w.span.end) : printExpr(expr, { row, subquery: () => 'subquery' });
    return { expr, text };
  });
}

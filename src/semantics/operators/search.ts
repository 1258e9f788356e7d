/**
 * search: the rows of its tables (`in (...)`, every loaded table, or the piped input) for which the
 * predicate holds, combined as union combines them, after a `$table` column naming each row's table.
 * The parser has already made the predicate's search syntax ordinary expressions.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import { unionOf } from '../union.js';
import type { BindContext } from '../context.js';
import type { Scope } from '../scope.js';
import { filterEach, predicateColumns, sourceTables } from './multi-table.js';

export function bindSearch(e: A.Search, input: PlanNode | undefined, scope: Scope, ctx: BindContext): PlanNode {
  if (input && e.tables) {
    const span = { start: e.tables[0]!.span.start, end: e.tables[e.tables.length - 1]!.span.end };
    ctx.report(diag.misplacedOperator('search in (...)', "after '|': a piped search reads its input", span));
    return ctx.errorPlan();
  }
  const sources = input ? [{ plan: input, label: pipedLabel(input) }] : sourceTables(e.tables, e.span, scope, ctx);
  const filtered = filterEach(e.predicate, sources, predicateColumns(e.predicate, sources), scope, ctx);
  return filtered ? unionOf(filtered, '$table', e.span) : ctx.errorPlan();
}

/**
 * The `$table` of a piped input's rows: the table they come from when the pipe only filters, orders
 * or reshapes one table's rows; otherwise the name union gives a piped input.
 */
function pipedLabel(plan: PlanNode): string {
  let p = plan;
  while (p.kind === 'Filter' || p.kind === 'Sort' || p.kind === 'Take' || p.kind === 'Project' || p.kind === 'Cache') p = p.input;
  return p.kind === 'Scan' ? p.table : 'union_arg0';
}

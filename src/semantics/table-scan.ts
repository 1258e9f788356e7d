/** A read of a table the catalogue knows by name; unknown names are reported. */
import type { Span } from '../common/span.js';
import { diag } from '../diagnostics/catalog.js';
import type { PlanNode } from '../plan/nodes.js';
import type { BindContext } from './context.js';
import type { Scope } from './scope.js';

/** Names a misspelt table might have meant: let-bound tables and functions, loaded tables, the product's schema pack. */
export function tableCandidates(ctx: BindContext, scope?: Scope): string[] {
  return [...(scope?.namesOf('tabular', 'function') ?? []), ...ctx.catalog.tableNames(), ...(ctx.catalog.knownTableNames?.() ?? [])];
}

export function tableScan(name: string, span: Span, ctx: BindContext, scope?: Scope): PlanNode {
  const schema = ctx.catalog.tableSchema(name);
  if (!schema) {
    ctx.report(diag.unknownTable(name, tableCandidates(ctx, scope), span));
    return ctx.errorPlan();
  }
  return { kind: 'Scan', table: name, schema, span };
}

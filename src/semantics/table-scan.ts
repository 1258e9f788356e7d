/** A read of a table the catalogue knows by name; unknown names are reported. Inside a product's function it may be absent (read as empty). */
import type { Span } from '../common/span.js';
import { diag } from '../diagnostics/catalog.js';
import type { PlanNode } from '../plan/nodes.js';
import type { BindContext } from './context.js';

export function tableScan(name: string, span: Span, ctx: BindContext): PlanNode {
  const schema = ctx.catalog.tableSchema(name);
  if (!schema) {
    ctx.report(diag.unknownTable(name, span));
    return ctx.errorPlan();
  }
  return ctx.sourcesOptional > 0 ? { kind: 'Scan', table: name, schema, optional: true, span } : { kind: 'Scan', table: name, schema, span };
}

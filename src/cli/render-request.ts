/** The chart a query asks for: the visualization of the `render` that ends its last statement, if any. */
import type { Analyzed } from '../engine.js';

export function renderRequest(analyzed: Analyzed): string | undefined {
  const statements = analyzed.ast?.statements ?? [];
  const last = statements[statements.length - 1];
  if (last?.kind !== 'ExprStatement' || last.expr.kind !== 'Pipeline') return undefined;
  const op = last.expr.operators[last.expr.operators.length - 1];
  return op?.kind === 'Render' ? op.visualization : undefined;
}

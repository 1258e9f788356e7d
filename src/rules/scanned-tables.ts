/**
 * The tables a bound plan must be given: every Scan the plan walker reaches, subqueries inside
 * expressions (toscalar, `in (T)`) included. Optional scans (a watchlist not provided reads as empty)
 * are not required.
 */
import type { PlanNode } from '../plan/nodes.js';
import { walkPlan } from '../plan/walk.js';

/** `withOptional`: also the tables that read as empty when absent (those worth loading when given). */
export function scannedTables(plan: PlanNode, { withOptional = false } = {}): string[] {
  const found = new Set<string>();
  walkPlan(plan, (node) => {
    if (node.kind === 'Scan' && (withOptional || node.optional !== true)) found.add(node.table);
  });
  return [...found].sort();
}

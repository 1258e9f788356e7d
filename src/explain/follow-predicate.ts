/**
 * The `--follow` predicate, bound over the source table's columns. It is written in KQL whatever the
 * query's language (docs/semantics.md, "explain"): a where-clause predicate, as `T | where P` takes it.
 */
import { analyzeQuery } from '../engine.js';
import { kql } from '../languages/kql.js';
import type { Language } from '../languages/language.js';
import type { PlanExpr } from '../plan/nodes.js';
import type { ColumnSchema } from '../table/table.js';

const SOURCE = 'FollowedSource';

export function bindFollow(text: string, schema: readonly ColumnSchema[], _language: Language): { expr: PlanExpr } | { problem: string } {
  const catalog = {
    tableSchema: (name: string) => (name === SOURCE ? schema : undefined),
    tableNames: () => [SOURCE],
    sourceFunction: () => undefined,
  };
  const analyzed = analyzeQuery(`${SOURCE} | where ${text}`, { catalog, language: kql });
  const error = analyzed.diagnostics.find((d) => d.severity === 'error');
  if (error) return { problem: `${error.message} (in '${text}')` };
  const plan = analyzed.plan;
  if (plan?.kind !== 'Filter') return { problem: `'${text}' is not a single predicate` };
  return { expr: plan.predicate };
}

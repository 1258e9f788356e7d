/** What binding needs from outside: the table catalogue, and where diagnostics go. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PlanExpr } from '../plan/nodes.js';
import type { ColumnSchema } from '../table/table.js';

export interface Catalog {
  /** The schema of a table or tabular source known by name (loaded data first, then the schema pack). */
  tableSchema(name: string): readonly ColumnSchema[] | undefined;
  /** Every known table name, for wildcards such as `union Security*`. */
  tableNames(): readonly string[];
}

export class BindContext {
  readonly diagnostics: Diagnostic[] = [];
  private cacheIds = 0;
  /** Expressions that stand for a failed binding: checks on them are skipped, so one mistake gives one error. */
  readonly errors = new WeakSet<object>();

  constructor(readonly catalog: Catalog) {}

  report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  nextCacheId(): number {
    return ++this.cacheIds;
  }

  errorExpr(): PlanExpr {
    const e: PlanExpr = { kind: 'Const', value: null, type: 'dynamic' };
    this.errors.add(e);
    return e;
  }

  isError(e: PlanExpr): boolean {
    return this.errors.has(e);
  }
}

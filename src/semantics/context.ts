/** What binding needs from outside: the table catalogue, and where diagnostics go. */
import type { Span } from '../common/span.js';
import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PlanExpr, PlanNode } from '../plan/nodes.js';
import type { ColumnSchema, Table } from '../table/table.js';

export interface Catalog {
  /** The schema of a table or tabular source known by name (loaded data first, then the schema pack). */
  tableSchema(name: string): readonly ColumnSchema[] | undefined;
  /** Every known table name, for wildcards such as `union Security*`. */
  tableNames(): readonly string[];
}

/** Runs a plan on the query's data, for operators whose output columns depend on it (bag_unpack, pivot). */
export type Probe = (plan: PlanNode) => Table;

/**
 * How deeply calls of `let` functions may nest (a function whose body calls one whose body calls ...):
 * each call binds its body in place, by recursion, so a chain of thousands would exhaust the stack.
 * kqlx's own limit (docs/semantics.md); Kusto documents none and forbids recursion outright.
 */
export const MAX_CALL_DEPTH = 100;

export class BindContext {
  readonly diagnostics: Diagnostic[] = [];
  private cacheIds = 0;
  private callDepth = 0;
  /**
   * Set when an operator's output columns depend on the data and no probe was given (`kqlx check`):
   * names after it that cannot be resolved bind to null instead of failing, and the query must be
   * bound again with a probe before it runs.
   */
  dataDependent = false;
  /** The operator that ends the query, the only place fork and facet may stand (their results are several tables). */
  queryEnd?: object;
  /**
   * Watchlists the query reads that were not given (`--watchlist alias=FILE`): they read as empty with
   * Sentinel's four standard columns, so a name the query takes from one is unknown until it is given.
   */
  readonly absentWatchlists = new Set<string>();
  /** Expressions that stand for a failed binding: checks on them are skipped, so one mistake gives one error. */
  readonly errors = new WeakSet<object>();

  constructor(
    readonly catalog: Catalog,
    readonly probe?: Probe,
  ) {}

  report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  /**
   * Binds the body of a call to a `let` function with `bind`, or reports the call and returns undefined
   * when calls already nest MAX_CALL_DEPTH deep.
   */
  withinCall<T>(name: string, span: Span, bind: () => T): T | undefined {
    if (this.callDepth >= MAX_CALL_DEPTH) {
      this.report(diag.callsTooDeep(name, MAX_CALL_DEPTH, span));
      return undefined;
    }
    this.callDepth++;
    try {
      return bind();
    } finally {
      this.callDepth--;
    }
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

/**
 * What binding needs from outside — the product's catalogue of sources, the language's dialect, where
 * diagnostics go — and the binders every operator calls back into (tabular expressions, operators,
 * `let` statements), carried here so that the operator binders import none of them.
 */
import type { Span } from '../common/span.js';
import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PlanExpr, PlanNode } from '../plan/nodes.js';
import type * as A from '../syntax/ast.js';
import { type ColumnSchema, Table } from '../table/table.js';
import type { ExprEnv } from './bind-expr.js';
import type { Dialect } from './dialect.js';
import type { Scope } from './scope.js';

/** A tabular function a product defines (Sentinel's `_GetWatchlist`, its ASIM parsers), bound where it is called. */
export interface SourceFunction {
  /** Whether naming it without parentheses calls it with its defaults (as a function with parameters). */
  readonly bareName: boolean;
  bind(call: A.Call, scope: Scope, ctx: BindContext): PlanNode;
}

export interface Catalog {
  /** The schema of a table or tabular source known by name (loaded data first, then the product's schemas). */
  tableSchema(name: string): readonly ColumnSchema[] | undefined;
  /** Every known table name, for wildcards such as `union Security*`. */
  tableNames(): readonly string[];
  /** The product's own tabular functions, by name. */
  sourceFunction(name: string): SourceFunction | undefined;
  /** Names known without data (the product's schema pack), for "did you mean" suggestions. */
  knownTableNames?(): readonly string[];
}

/** What a product knows by name without loaded data: table schemas and its own tabular functions. */
export type ProductCatalog = Pick<Catalog, 'tableSchema' | 'sourceFunction' | 'knownTableNames'>;

/** Runs a plan on the query's data, for operators whose output columns depend on it (bag_unpack, pivot). */
export type Probe = (plan: PlanNode) => Table;

/**
 * How deeply calls of `let` functions may nest (a function whose body calls one whose body calls ...):
 * each call binds its body in place, by recursion, so a chain of thousands would exhaust the stack.
 * kqlx's own limit (docs/semantics.md); Kusto documents none and forbids recursion outright.
 */
export const MAX_CALL_DEPTH = 100;

/** The binders of the whole-query level, given to the context by the query binder. */
export interface Binders {
  tabular(e: A.Expr, scope: Scope, ctx: BindContext): PlanNode;
  operator(op: A.Operator, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode;
  /** A `let`, `set` or `declare` statement, into the scope. */
  statement(s: A.Statement, scope: Scope, env: ExprEnv): void;
}

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
   * Sources the query reads that were not given (a Sentinel watchlist without `--watchlist`): they read
   * as empty, so a column name taken from one is unknown until it is given. Each explains that for a name.
   */
  readonly absentSources: ((column: string, span: A.Expr['span']) => Diagnostic)[] = [];
  /** Expressions that stand for a failed binding: checks on them are skipped, so one mistake gives one error. */
  readonly errors = new WeakSet<object>();
  /** Plans that stand for a failed binding: the operators after one are not bound, so one mistake gives one error. */
  private readonly failedPlans = new WeakSet<PlanNode>();

  constructor(
    readonly catalog: Catalog,
    readonly dialect: Dialect,
    private readonly binders: Binders,
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

  errorPlan(): PlanNode {
    const plan: PlanNode = { kind: 'Values', table: Table.empty([]), schema: [] };
    this.failedPlans.add(plan);
    return plan;
  }

  isFailed(plan: PlanNode): boolean {
    return this.failedPlans.has(plan);
  }

  /** A plan every reference shares, evaluated once per run (a `let` table, the input of fork's results). */
  cached(plan: PlanNode): PlanNode {
    if (plan.kind === 'Cache' || plan.kind === 'Scan' || plan.kind === 'Values') return plan;
    return { kind: 'Cache', input: plan, id: this.nextCacheId(), schema: plan.schema, span: plan.span };
  }

  bindTabular(e: A.Expr, scope: Scope): PlanNode {
    return this.binders.tabular(e, scope, this);
  }

  bindOperator(op: A.Operator, input: PlanNode, scope: Scope): PlanNode {
    return this.binders.operator(op, input, scope, this);
  }

  bindLet(s: A.Statement, scope: Scope, env: ExprEnv): void {
    this.binders.statement(s, scope, env);
  }
}

/** What one query run carries: the clock, the tables, and the results computed once and shared. */
import type { EvalContext } from '../functions/types.js';
import type { PlanNode } from '../plan/nodes.js';
import type { StringNulls } from '../table/column.js';
import type { Table } from '../table/table.js';
import type { Limits } from './limits.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Supplies a table by name at run time (the rule runner narrows it to the rule's time window). */
export type TableProvider = (name: string) => Table | undefined;

/** Supplies the rows for an externaldata URL, from a local file the user mapped to it. */
export type ExternalDataProvider = (uri: string) => Table | undefined;

export interface RunState {
  readonly ctx: EvalContext;
  /** How many rows and how much memory one operator may produce. */
  readonly limits: Limits;
  /** Warnings met while running (a documented cap that truncated a result), returned with the result. */
  readonly warnings: Diagnostic[];
  readonly tables: TableProvider;
  /**
   * The language's rule for null strings, applied where the evaluator makes values: to the tables a
   * query reads and to every column it builds. KQL's strings are never null ('empty').
   */
  readonly stringNulls: StringNulls;
  readonly externalData?: ExternalDataProvider;
  /** `materialize()` and `let` tables, by cache id. */
  readonly cache: Map<number, Table>;
  /** Subquery results (toscalar, `in (T)`), by plan node. */
  readonly subqueries: Map<PlanNode, Table>;
  /** Implicit subquery sources (mv-apply), by id. */
  readonly inputs?: ReadonlyMap<number, Table>;
}

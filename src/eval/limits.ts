/**
 * Resource limits of a run: how many rows one operator may produce, and about how much memory its
 * output may take. Past either, the run stops with an error naming the operator and the limit (KX412,
 * KX413) instead of exhausting the machine. The defaults protect a laptop; `--max-rows` and
 * `--max-memory` (or RunOptions.limits) change them. docs/semantics.md lists them beside Kusto's own caps.
 */
import type { Span } from '../common/span.js';
import { diag } from '../diagnostics/catalog.js';
import { KqlError } from '../diagnostics/diagnostic.js';

export interface Limits {
  /** Rows one operator may produce (join, mv-expand, range, make-series, ...). */
  readonly maxRows: number;
  /** Megabytes one operator's output may take, estimated at 8 bytes a cell. */
  readonly maxMemoryMb: number;
}

export const DEFAULT_LIMITS: Limits = { maxRows: 10_000_000, maxMemoryMb: 2048 };

/** The estimate of a cell's size the memory limit uses: a number, or a reference to a shared value. */
const BYTES_PER_CELL = 8;

/**
 * The most rows an operator may produce with `columns` output columns under both limits, and the
 * error for going past them: call `check(rows)` as the output grows (it is cheap) and `fail()` on excess.
 */
export class RowBudget {
  readonly maxRows: number;
  private readonly byMemory: boolean;

  constructor(
    private readonly limits: Limits,
    private readonly operator: string,
    columns: number,
    private readonly span?: Span,
  ) {
    const memoryRows = Math.floor((limits.maxMemoryMb * 1024 * 1024) / (BYTES_PER_CELL * Math.max(1, columns)));
    this.byMemory = memoryRows < limits.maxRows;
    this.maxRows = Math.min(limits.maxRows, memoryRows);
  }

  /** Throws the limit's error when `rows` is past it. */
  check(rows: number): void {
    if (rows > this.maxRows) this.fail();
  }

  fail(): never {
    throw new KqlError(
      this.byMemory ? diag.memoryLimit(this.operator, this.limits.maxMemoryMb, this.span) : diag.rowLimit(this.operator, this.limits.maxRows, this.span),
    );
  }
}

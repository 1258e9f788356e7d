/** The options and result shared by every table loader. */
import type { ColumnSchema, Table } from '../table/table.js';
import type { ProgressCallback } from './file-window.js';
import type { LoadProblem } from './problems.js';

export interface LoadOptions {
  /** The name the table is queried by. */
  tableName: string;
  /** Column types to convert to (the Sentinel pack's schema when the table is known); other columns are inferred. */
  schema?: readonly ColumnSchema[];
  /** Called after each chunk read. */
  onProgress?: ProgressCallback;
  /** Problems listed in full before the rest are only counted (default 1000). */
  maxProblems?: number;
  /** Bytes per read (default 4 MiB); tests use tiny reads to put chunk boundaries everywhere. */
  chunkBytes?: number;
}

export interface LoadResult {
  table: Table;
  problems: LoadProblem[];
  /** Data rows found in the file, including the skipped ones (table.rowCount has the rows kept). */
  rowsRead: number;
}

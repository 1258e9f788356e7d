/**
 * The loader entry point: reads a log file into a Table, choosing the format by extension.
 *   .csv            Log Analytics / Sentinel exports and other CSV (csv-loader.ts)
 *   .json           an array of objects, or a {columns, rows} table object (json-loader.ts)
 *   .jsonl, .ndjson one object per line (json-loader.ts)
 *   any of those + .gz  the same, decompressed as it streams (byte-source.ts)
 *   .parquet        Azure Data Explorer and data-lake exports (parquet-loader.ts)
 * A file that cannot be read throws LoadError; problems inside a readable file come back in
 * `problems`, and the rows around them still load.
 */
import { extname } from 'node:path';
import { isGzipPath } from './byte-source.js';
import { loadCsv } from './csv-loader.js';
import { loadJson, loadJsonLines } from './json-loader.js';
import type { LoadOptions, LoadResult } from './load-types.js';
import { loadParquet } from './parquet-loader.js';
import { LoadError } from './problems.js';
import { ConstColumn } from '../table/column.js';
import { Table } from '../table/table.js';

export type { LoadOptions, LoadResult } from './load-types.js';
export { LoadError, type LoadProblem } from './problems.js';

export const TABLE_FILE_EXTENSIONS = ['.csv', '.json', '.jsonl', '.ndjson', '.parquet', '.csv.gz', '.json.gz', '.jsonl.gz', '.ndjson.gz'] as const;

/** Whether kqlx can load a file of this name. */
export const isTableFile = (path: string): boolean => TABLE_FILE_EXTENSIONS.some((ext) => path.toLowerCase().endsWith(ext));

/** The table a file holds when named after it: `SecurityEvent.csv.gz` → `SecurityEvent`. */
export function tableNameOfFile(fileName: string): string {
  const ext = TABLE_FILE_EXTENSIONS.filter((e) => fileName.toLowerCase().endsWith(e)).sort((a, b) => b.length - a.length)[0];
  return ext ? fileName.slice(0, -ext.length) : fileName;
}

export async function loadTableFile(path: string, options: LoadOptions): Promise<LoadResult> {
  return withTypeColumn(await loadByExtension(path, options), options.tableName);
}

function loadByExtension(path: string, options: LoadOptions): Promise<LoadResult> {
  const gz = isGzipPath(path);
  const ext = extname(gz ? path.slice(0, -3) : path).toLowerCase();
  switch (ext) {
    case '.csv':
      return loadCsv(path, options);
    case '.json':
      return loadJson(path, options);
    case '.jsonl':
    case '.ndjson':
      return loadJsonLines(path, options);
    case '.parquet':
      // Parquet compresses inside the file, so `.parquet.gz` is not a format kqlx reads.
      if (!gz) return loadParquet(path, options);
      break;
  }
  throw new LoadError(
    `cannot load ${path}: unsupported file type '${(ext || '(none)') + (gz ? '.gz' : '')}' (expected ${TABLE_FILE_EXTENSIONS.join(', ')})`,
    path,
  );
}

/**
 * Log Analytics stores each table's name in its `Type` column; an export that left the column out
 * gets it back, so `where Type == "SecurityEvent"` behaves as in the workspace.
 */
function withTypeColumn(result: LoadResult, tableName: string): LoadResult {
  const t = result.table;
  const at = t.columnIndex('Type');
  const col = t.columns[at];
  if (at < 0 || t.schema[at]!.type !== 'string' || !(col instanceof ConstColumn) || col.value !== null) return result;
  const columns = t.columns.map((c, i) => (i === at ? new ConstColumn('string', tableName, t.rowCount) : c));
  return { ...result, table: new Table(t.schema, columns, t.rowCount) };
}

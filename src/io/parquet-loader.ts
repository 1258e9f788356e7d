/**
 * Loads Parquet files (Azure Data Explorer and data-lake exports) with hyparquet, a maintained
 * pure-JavaScript reader (no native code, so kqlx stays installable everywhere), with the common
 * codecs from hyparquet-compressors. Row groups are read one at a time, so memory holds one group's
 * rows beside the table being built. Column types come from the file's schema unless the table's
 * known schema (the Sentinel pack) declares them; values go through the same sinks as JSON rows.
 */
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { ColumnSchema } from '../table/table.js';
import { formatDatetime } from '../types/datetime.js';
import type { ScalarType } from '../types/scalar-type.js';
import type { LoadContext } from './column-sinks.js';
import type { LoadOptions, LoadResult } from './load-types.js';
import { ObjectRowWriter } from './object-rows.js';
import { LoadError, ProblemLog } from './problems.js';
import { TableAssembler } from './table-assembler.js';

interface ParquetElement {
  name: string;
  type?: string;
  converted_type?: string;
  logical_type?: { type: string };
  num_children?: number;
}

/** The KQL type of a Parquet column, from its logical type, else its converted type, else its physical type. */
function kqlType(e: ParquetElement): ScalarType {
  if (e.num_children) return 'dynamic';
  const logical = e.logical_type?.type;
  if (logical === 'TIMESTAMP' || logical === 'DATE') return 'datetime';
  if (logical === 'STRING' || logical === 'ENUM' || logical === 'UUID') return logical === 'UUID' ? 'guid' : 'string';
  if (logical === 'JSON' || logical === 'LIST' || logical === 'MAP' || logical === 'VARIANT') return 'dynamic';
  if (logical === 'DECIMAL') return 'decimal';
  switch (e.converted_type) {
    case 'TIMESTAMP_MILLIS': case 'TIMESTAMP_MICROS': case 'DATE': return 'datetime';
    case 'UTF8': case 'ENUM': return 'string';
    case 'JSON': case 'LIST': case 'MAP': return 'dynamic';
    case 'DECIMAL': return 'decimal';
  }
  switch (e.type) {
    case 'BOOLEAN': return 'bool';
    case 'INT32': return 'int';
    case 'INT64': return 'long';
    case 'FLOAT': case 'DOUBLE': return 'real';
    case 'BYTE_ARRAY': case 'FIXED_LEN_BYTE_ARRAY': return 'string';
    default: return 'dynamic';
  }
}

/**
 * Timestamps decoded straight to ISO text in ticks of 100 ns, Kusto's resolution, instead of
 * hyparquet's default Date (milliseconds), so microseconds survive; nanoseconds beyond the tick are cut.
 */
const iso = (ticks: bigint) => formatDatetime(ticks);
const TIMESTAMPS = {
  timestampFromMilliseconds: (v: bigint | number) => iso(BigInt(v) * 10_000n),
  timestampFromMicroseconds: (v: bigint | number) => iso(BigInt(v) * 10n),
  timestampFromNanoseconds: (v: bigint | number) => iso(BigInt(v) / 100n),
  dateFromDays: (v: number) => iso(BigInt(v) * 864_000_000_000n),
};

/** A value as the JSON sinks take it: datetimes as ISO text, 64-bit integers as numbers (text past 2^53), bytes as base64. */
function plain(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

export async function loadParquet(path: string, options: LoadOptions): Promise<LoadResult> {
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LoadError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : `not a readable Parquet file (${(e as Error).message})`}`, path);
  }
  const declared = new Map((options.schema ?? []).map((c) => [c.name, c]));
  const fileColumns: ColumnSchema[] = parquetSchema(metadata).children.map((c) => {
    const e = c.element as ParquetElement;
    return declared.get(e.name) ?? { name: e.name, type: kqlType(e) };
  });
  const log = new ProblemLog(path, options.maxProblems);
  const ctx: LoadContext = { line: 0, log };
  const assembler = new TableAssembler([...(options.schema ?? []), ...fileColumns.filter((c) => !declared.has(c.name))], ctx, 'json');
  const rows = new ObjectRowWriter(assembler, ctx);
  // A column the file has is made in file order even when no row holds a value.
  for (const c of fileColumns) rows.sinkFor(c.name, 1);
  const total = Number(metadata.num_rows);
  assembler.reserve(total);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let objects: Record<string, unknown>[];
    try {
      objects = await parquetReadObjects({ file, metadata, compressors, rowStart, rowEnd, parsers: TIMESTAMPS as never });
    } catch (e) {
      throw new LoadError(`cannot read ${path}: rows ${rowStart + 1} to ${rowEnd}: ${(e as Error).message}`, path);
    }
    // Rows are numbered from 1 in problems ("line" of a Parquet file is its row number).
    objects.forEach((o, i) => rows.add(plain(o) as Record<string, unknown>, rowStart + i + 1));
    rowStart = rowEnd;
    options.onProgress?.(rowStart, total);
  }
  return { table: assembler.finish(), problems: log.problems(), rowsRead: rowStart };
}

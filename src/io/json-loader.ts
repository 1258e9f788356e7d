/**
 * Loads JSON tables:
 *   - JSONL / NDJSON: one object per line; a line that is not a JSON object is reported and skipped;
 *   - a JSON array of objects, streamed element by element (Sentinel's sample data is in this form);
 *   - a table object, `{columns, rows}` as kqlx writes results (rows as arrays or objects, columns
 *     as names or {name, type}), also with Kusto's `Columns`/`Rows`/`ColumnName`/`DataType`
 *     spellings, or the Log Analytics API's `{tables: [{name, columns, rows}]}`. Declared column
 *     types are used like a schema. This form is parsed whole, so it suits results, not huge logs.
 */
import type { ColumnSchema } from '../table/table.js';
import { parseTypeName, type ScalarType } from '../types/scalar-type.js';
import { isPlainObject } from '../types/value.js';
import type { LoadContext } from './column-sinks.js';
import { FileWindow } from './file-window.js';
import { JsonArrayScanner } from './json-array-scanner.js';
import { repeatedKey } from './json-duplicate-keys.js';
import type { LoadOptions, LoadResult } from './load-types.js';
import { ObjectRowWriter } from './object-rows.js';
import { LoadError, ProblemLog, quoteCell } from './problems.js';
import { RowEstimator } from './row-estimate.js';
import { TableAssembler } from './table-assembler.js';
import { INVALID_UTF8, readTextFile } from './text-encoding.js';

const LF = 10;

interface Loading {
  log: ProblemLog;
  ctx: LoadContext;
  assembler: TableAssembler;
  rows: ObjectRowWriter;
  rowsRead: number;
}

function startLoading(path: string, options: LoadOptions, schema = options.schema ?? []): Loading {
  const log = new ProblemLog(path, options.maxProblems);
  const ctx: LoadContext = { line: 0, log };
  const assembler = new TableAssembler(schema, ctx, 'json');
  return { log, ctx, assembler, rows: new ObjectRowWriter(assembler, ctx), rowsRead: 0 };
}

function result(l: Loading): LoadResult {
  return { table: l.assembler.finish(), problems: l.log.problems(), rowsRead: l.rowsRead };
}

/**
 * Parses one row, bytes [start, end) of buf; reports and returns undefined when it is not a JSON
 * object. A key repeated in an object keeps its last value, as JSON.parse has it, and is reported.
 */
function parseObject(l: Loading, buf: Buffer, start: number, end: number, line: number): Record<string, unknown> | undefined {
  const text = buf.toString('utf8', start, end);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    l.log.add(line, `invalid JSON (${(err as Error).message}); row skipped`);
    return undefined;
  }
  if (!isPlainObject(v)) {
    l.log.add(line, `expected a JSON object, found ${quoteCell(text.trim())}; row skipped`);
    return undefined;
  }
  const repeated = repeatedKey(buf, start, end, v);
  if (repeated !== undefined) l.log.add(line, `key ${quoteCell(repeated)} appears more than once in one object; its last value is kept`);
  return v;
}

export async function loadJsonLines(path: string, options: LoadOptions): Promise<LoadResult> {
  const l = startLoading(path, options);
  const window = await FileWindow.open(path, options.onProgress, options.chunkBytes, (line) => l.log.add(line, INVALID_UTF8));
  const estimator = new RowEstimator(window.totalBytes, 3, (rows) => l.assembler.reserve(rows));
  let line = 1;
  let atFileStart = true;
  await window.feed((buf, start, end, eof) => {
    const view = buf.subarray(0, end); // bounds indexOf to the window
    let pos = start;
    if (atFileStart) {
      if (end - pos < 3 && !eof) return pos; // too few bytes yet to tell whether there is a byte-order mark
      atFileStart = false;
      if (view[pos] === 0xef && view[pos + 1] === 0xbb && view[pos + 2] === 0xbf) pos += 3;
    }
    for (;;) {
      let nl = view.indexOf(LF, pos);
      if (nl < 0) {
        if (!eof || pos === end) break;
        nl = end;
      }
      if (!isBlank(buf, pos, nl)) {
        l.rowsRead++;
        estimator.add(nl - pos + 1);
        const row = parseObject(l, buf, pos, nl, line);
        if (row !== undefined) l.rows.add(row, line);
      }
      line++;
      pos = Math.min(nl + 1, end);
    }
    return pos;
  });
  return result(l);
}

/** Whether bytes [start, end) are only spaces, tabs and line ends. */
function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b !== 32 && b !== 9 && b !== 10 && b !== 13) return false;
  }
  return true;
}

/** Peeks at the first significant byte, to tell an array from a table object. */
async function firstByte(path: string): Promise<number | undefined> {
  const window = await FileWindow.open(path, undefined, 64 << 10);
  try {
    await window.refill(0);
    for (let i = window.start; i < window.end; i++) {
      const b = window.buf[i]!;
      if (i === window.start && b === 0xef) {
        i += 2; // byte-order mark
        continue;
      }
      if (b !== 32 && b !== 9 && b !== 10 && b !== 13) return b;
    }
    return undefined;
  } finally {
    await window.close();
  }
}

export async function loadJson(path: string, options: LoadOptions): Promise<LoadResult> {
  const first = await firstByte(path);
  if (first === undefined) return result(startLoading(path, options));
  if (first === 91) return loadJsonArray(path, options);
  if (first === 123) return loadTableObject(path, options);
  throw new LoadError(`${path}: expected a JSON array of objects or a {columns, rows} object`, path);
}

async function loadJsonArray(path: string, options: LoadOptions): Promise<LoadResult> {
  const l = startLoading(path, options);
  const window = await FileWindow.open(path, options.onProgress, options.chunkBytes, (line) => l.log.add(line, INVALID_UTF8));
  const estimator = new RowEstimator(window.totalBytes, 3, (rows) => l.assembler.reserve(rows));
  const scanner = new JsonArrayScanner({
    element(buf, start, end, line) {
      l.rowsRead++;
      estimator.add(end - start + 2);
      const row = parseObject(l, buf, start, end, line);
      if (row !== undefined) l.rows.add(row, line);
    },
    problem(line, message) {
      l.log.add(line, message);
    },
  });
  await window.feed((buf, start, end, eof) => scanner.scan(buf, start, end, eof));
  return result(l);
}

// ---- the table-object form ----

/** Type names as Kusto's and Log Analytics' result formats spell them. */
function columnType(name: unknown): ScalarType | undefined {
  if (typeof name !== 'string') return undefined;
  const t = name.trim().toLowerCase();
  return parseTypeName(t) ?? ({ sbyte: 'bool', object: 'dynamic', int16: 'int', byte: 'int' } as Record<string, ScalarType>)[t];
}

function field(o: Record<string, unknown>, ...names: string[]): unknown {
  for (const n of names) if (o[n] !== undefined) return o[n];
  return undefined;
}

interface DeclaredColumn {
  name: string;
  type?: ScalarType;
}

function declaredColumns(columns: unknown[], log: ProblemLog): DeclaredColumn[] {
  return columns.map((c, i) => {
    if (typeof c === 'string') return { name: c };
    if (!isPlainObject(c)) return { name: `Column${i + 1}` };
    const name = String(field(c, 'name', 'Name', 'ColumnName') ?? `Column${i + 1}`);
    const typeName = field(c, 'type', 'Type', 'ColumnType', 'DataType');
    const type = columnType(typeName);
    if (typeName !== undefined && type === undefined) log.add(0, `column ${name}: unknown type ${quoteCell(String(typeName))}; its type is inferred`);
    return type === undefined ? { name } : { name, type };
  });
}

async function loadTableObject(path: string, options: LoadOptions): Promise<LoadResult> {
  let doc: unknown;
  let invalidLines: number[];
  try {
    const read = await readTextFile(path);
    if ('undecodable' in read) throw new LoadError(`cannot load ${path}: ${read.undecodable}`, path);
    invalidLines = read.invalidLines;
    doc = JSON.parse(read.text);
  } catch (err) {
    if (err instanceof LoadError) throw err;
    if (err instanceof SyntaxError) throw new LoadError(`${path}: invalid JSON (${err.message})`, path);
    throw new LoadError(`cannot read ${path}: ${(err as Error).message}`, path);
  }
  let table = doc as Record<string, unknown>;
  const tables = field(table, 'tables', 'Tables');
  if (Array.isArray(tables)) {
    table = (tables.find((t) => isPlainObject(t) && field(t, 'name', 'TableName') === 'PrimaryResult') ?? tables[0]) as Record<string, unknown>;
  }
  const columns = isPlainObject(table) ? field(table, 'columns', 'Columns') : undefined;
  const rows = isPlainObject(table) ? field(table, 'rows', 'Rows') : undefined;
  if (!Array.isArray(rows) || (columns !== undefined && !Array.isArray(columns))) {
    throw new LoadError(`${path}: expected a JSON array of objects or a {columns, rows} object`, path);
  }

  const probe = new ProblemLog(path, options.maxProblems);
  const declared = declaredColumns((columns as unknown[] | undefined) ?? [], probe);
  // Declared types act as a schema; the caller's schema wins where both name a column.
  const schema: ColumnSchema[] = [...(options.schema ?? [])];
  const known = new Set(schema.map((c) => c.name));
  for (const c of declared) if (c.type !== undefined && !known.has(c.name)) schema.push({ name: c.name, type: c.type });

  const l = startLoading(path, options, schema);
  for (const line of invalidLines) l.log.add(line, INVALID_UTF8);
  for (const p of probe.problems()) l.log.add(p.line, p.message);
  const seen = new Set<string>();
  const sinks = declared.map((c) => {
    // A repeated name is a column of its own (renamed by the assembler), not the earlier one.
    const repeated = seen.has(c.name);
    seen.add(c.name);
    return repeated ? l.assembler.addColumn(c.name, 0) : l.rows.sinkFor(c.name, 0);
  });
  l.assembler.reserve(rows.length);
  rows.forEach((row, i) => {
    l.rowsRead++;
    if (isPlainObject(row)) {
      l.rows.add(row, 0);
    } else if (Array.isArray(row) && row.length === sinks.length) {
      l.ctx.line = 0;
      for (let c = 0; c < sinks.length; c++) sinks[c]!.addJson(row[c]);
      l.assembler.rowCount++;
    } else {
      const found = Array.isArray(row) ? `${row.length} values` : quoteCell(JSON.stringify(row));
      l.log.add(0, `row ${i + 1}: expected ${sinks.length} values, found ${found}; row skipped`);
    }
  });
  return result(l);
}

/**
 * Rows that arrive as JSON objects (a JSON array, JSONL, or kqlx's `{columns, rows}` with object
 * rows). Keys become columns the first time they appear; earlier rows read null there, and a row
 * without a key reads null in that column.
 */
import { isUtcLabel, parseColumnName } from './column-names.js';
import type { ColumnSink, LoadContext } from './column-sinks.js';
import type { ColumnSchema, Table } from '../table/table.js';
import { isPlainObject } from '../types/value.js';
import { type LoadProblem, ProblemLog, quoteCell } from './problems.js';
import { TableAssembler } from './table-assembler.js';

export class ObjectRowWriter {
  private readonly byKey = new Map<string, ColumnSink>();
  private readonly sinks: ColumnSink[] = [];

  constructor(
    private readonly assembler: TableAssembler,
    private readonly ctx: LoadContext,
  ) {}

  /** The sink of a key, creating the column the first time (`TimeGenerated [UTC]` is `TimeGenerated`). */
  sinkFor(key: string, line: number): ColumnSink {
    let sink = this.byKey.get(key);
    if (sink === undefined) {
      const { name, label } = parseColumnName(key);
      const colName = name === '' ? `Column${this.sinks.length + 1}` : name;
      if (label !== undefined && !isUtcLabel(label)) {
        this.ctx.log.add(line, `column ${colName} was exported in "${label}" time; its values are read as UTC`);
      }
      sink = this.assembler.addColumn(colName, line);
      this.byKey.set(key, sink);
      this.sinks.push(sink);
    }
    return sink;
  }

  add(row: Record<string, unknown>, line: number): void {
    this.ctx.line = line;
    const index = this.assembler.rowCount;
    for (const key of Object.keys(row)) {
      const value = row[key];
      if (typeof value === 'number' && !Number.isSafeInteger(value)) this.checkNumber(key, value, line);
      this.sinkFor(key, line).addJson(value);
    }
    for (const sink of this.sinks) if (sink.length === index) sink.addNull();
    this.assembler.rowCount++;
  }

  /**
   * JSON.parse has already turned a number too large for a double into Infinity, and an integer past
   * 2^53 into the nearest double: the value changed, so the row says so.
   */
  private checkNumber(key: string, value: number, line: number): void {
    if (!Number.isFinite(value)) {
      this.ctx.log.add(line, `key ${quoteCell(key)}: a number beyond the range of real (about ±1.8e308); read as ${value}`);
    } else if (Number.isInteger(value)) {
      this.ctx.log.add(line, `key ${quoteCell(key)}: an integer beyond ±2^53, which kqlx holds only approximately; read as ${value}`);
    }
  }
}

/** A table from rows given as JavaScript objects (the library's `tables: {T: [...]}`), read as a JSON file's rows are. */
export function tableFromObjects(rows: readonly Record<string, unknown>[], name: string, schema: readonly ColumnSchema[] = []): { table: Table; problems: LoadProblem[] } {
  const log = new ProblemLog(name);
  const ctx: LoadContext = { line: 0, log };
  const assembler = new TableAssembler(schema, ctx, 'json');
  const writer = new ObjectRowWriter(assembler, ctx);
  rows.forEach((row, i) => {
    if (isPlainObject(row)) writer.add(row, i + 1);
    else log.add(i + 1, `row ${i + 1} is not an object; row skipped`);
  });
  return { table: assembler.finish(), problems: log.problems() };
}

/**
 * Matches a file's columns to the expected schema and puts the finished columns together as a
 * Table. The result has the schema's columns in schema order (so a query binds the same way
 * whatever subset of columns an export happened to include), then the file's other columns in
 * file order. Schema columns the file lacks are constant null ('' for strings), which costs nothing
 * per row: CommonSecurityLog has 161 columns and an export often carries 30.
 */
import { ConstColumn, type Column } from '../table/column.js';
import { type ColumnSchema, Table } from '../table/table.js';
import { type ColumnSink, type LoadContext, typedSink } from './column-sinks.js';
import { JsonInferSink, TextInferSink } from './infer-sinks.js';

export type CellKind = 'text' | 'json';

export class TableAssembler {
  /** Rows completed so far; sinks added later are back-filled with this many nulls. */
  rowCount = 0;
  private readonly sinks: ColumnSink[] = [];
  private readonly byName = new Map<string, ColumnSink>();
  private readonly schemaTypes = new Map<string, ColumnSchema>();
  private reserved = 0;

  constructor(
    schema: readonly ColumnSchema[],
    private readonly ctx: LoadContext,
    private readonly cells: CellKind,
  ) {
    for (const col of schema) if (!this.schemaTypes.has(col.name)) this.schemaTypes.set(col.name, col);
  }

  /**
   * A sink for a column of the file. A name already taken gets a numeric suffix (`Name1`), as
   * Kusto names clashing columns, and a problem at `line` says so.
   */
  addColumn(name: string, line: number): ColumnSink {
    let unique = name;
    for (let n = 1; this.byName.has(unique); n++) unique = `${name}${n}`;
    if (unique !== name) this.ctx.log.add(line, `column ${name} appears twice; the second is named ${unique}`);
    const declared = this.schemaTypes.get(unique);
    const sink = declared
      ? typedSink(unique, declared.type, this.ctx)
      : this.cells === 'text' ? new TextInferSink(unique) : new JsonInferSink(unique);
    if (this.reserved > 0) sink.reserve(this.reserved);
    for (let i = 0; i < this.rowCount; i++) sink.addNull();
    this.sinks.push(sink);
    this.byName.set(unique, sink);
    return sink;
  }

  /** Sizes every column for `rows` rows, once a loader can estimate how many the file holds. */
  reserve(rows: number): void {
    this.reserved = rows;
    for (const sink of this.sinks) sink.reserve(rows);
  }

  finish(): Table {
    const schema: ColumnSchema[] = [];
    const columns: Column[] = [];
    const done = new Map<string, { type: ColumnSchema['type']; column: Column }>();
    for (const sink of this.sinks) done.set(sink.name, sink.finish());
    for (const col of this.schemaTypes.values()) {
      const got = done.get(col.name);
      schema.push({ name: col.name, type: col.type });
      columns.push(got?.column ?? new ConstColumn(col.type, null, this.rowCount));
    }
    for (const sink of this.sinks) {
      if (this.schemaTypes.has(sink.name)) continue;
      const got = done.get(sink.name)!;
      schema.push({ name: sink.name, type: got.type });
      columns.push(got.column);
    }
    return new Table(schema, columns, this.rowCount);
  }
}

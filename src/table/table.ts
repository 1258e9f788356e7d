/** A table: named, typed columns of equal length. Immutable; operators build new tables. */
import type { ScalarType } from '../types/scalar-type.js';
import type { Value } from '../types/value.js';
import { type Column, ColumnBuilder, emptyForNullStrings, gather, type StringNulls } from './column.js';

export interface ColumnSchema {
  readonly name: string;
  readonly type: ScalarType;
}

export class Table {
  readonly rowCount: number;

  constructor(
    readonly schema: readonly ColumnSchema[],
    readonly columns: readonly Column[],
    rowCount?: number,
  ) {
    this.rowCount = rowCount ?? columns[0]?.length ?? 0;
  }

  static empty(schema: readonly ColumnSchema[]): Table {
    return new Table(schema, schema.map((c) => new ColumnBuilder(c.type, 'keep').finish()), 0);
  }

  /** Null strings stay null: whoever reads the table applies its language's rule (withStringNulls). */
  static fromRows(schema: readonly ColumnSchema[], rows: readonly (readonly Value[])[]): Table {
    const builders = schema.map((c) => new ColumnBuilder(c.type, 'keep'));
    for (const row of rows) builders.forEach((b, i) => b.push(row[i] ?? null));
    return new Table(schema, builders.map((b) => b.finish()), rows.length);
  }

  columnIndex(name: string): number {
    return this.schema.findIndex((c) => c.name === name);
  }

  /** Rows picked by index, in the given order. */
  take(rows: Uint32Array): Table {
    const composed = new Map<Uint32Array, Uint32Array>();
    return new Table(this.schema, this.columns.map((c) => gather(c, rows, composed)), rows.length);
  }

  /** The table as a language with this string rule reads it; itself when nothing changes. */
  withStringNulls(strings: StringNulls): Table {
    if (strings === 'keep') return this;
    const columns = this.columns.map(emptyForNullStrings);
    return columns.every((c, i) => c === this.columns[i]) ? this : new Table(this.schema, columns, this.rowCount);
  }

  row(i: number): Value[] {
    return this.columns.map((c) => c.get(i));
  }

  rows(): Value[][] {
    const out: Value[][] = [];
    for (let i = 0; i < this.rowCount; i++) out.push(this.row(i));
    return out;
  }
}

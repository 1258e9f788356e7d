/** Reading a query result by column name, as alert building needs: values, their text and JSON form. */
import type { Table } from '../table/table.js';
import { toDynamic, toKqlString } from '../types/convert.js';
import type { Dynamic, Value } from '../types/value.js';

export class ResultRows {
  private readonly index = new Map<string, number>();

  constructor(readonly table: Table) {
    table.schema.forEach((c, i) => this.index.set(c.name, i));
  }

  has(column: string): boolean {
    return this.index.has(column);
  }

  value(row: number, column: string): Value | undefined {
    const i = this.index.get(column);
    return i === undefined ? undefined : this.table.columns[i]!.get(row);
  }

  /** The column's text as tostring() gives it ('' for null); undefined when there is no such column. */
  text(row: number, column: string): string | undefined {
    const i = this.index.get(column);
    if (i === undefined) return undefined;
    return toKqlString(this.table.columns[i]!.get(row), this.table.schema[i]!.type);
  }

  json(row: number, column: string): Dynamic | undefined {
    const i = this.index.get(column);
    if (i === undefined) return undefined;
    return toDynamic(this.table.columns[i]!.get(row), this.table.schema[i]!.type);
  }

  /** Whether the column is a datetime column (for alert start and end times). */
  isDatetime(column: string): boolean {
    const i = this.index.get(column);
    return i !== undefined && this.table.schema[i]!.type === 'datetime';
  }
}

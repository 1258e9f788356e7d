/**
 * Columns: one typed store per KQL type, all behind the same small interface.
 * Numbers (int/long/real/decimal) live in Float64Array, datetimes and timespans in BigInt64Array
 * (exact 100 ns ticks), bools in Uint8Array; each with a separate null mask. Strings in string[],
 * with a null mask too when one is null: storage keeps what it is given, and a language whose strings
 * are never null (KQL) reads them through emptyForNullStrings, or builds with StringNulls 'empty'.
 */
import type { ScalarType } from '../types/scalar-type.js';
import type { Value } from '../types/value.js';

export interface Column {
  readonly type: ScalarType;
  readonly length: number;
  get(row: number): Value;
}

export class NumberColumn implements Column {
  constructor(
    readonly type: ScalarType,
    readonly data: Float64Array,
    readonly nulls: Uint8Array | null,
  ) {}
  get length() {
    return this.data.length;
  }
  get(row: number): number | null {
    return this.nulls !== null && this.nulls[row] ? null : this.data[row]!;
  }
}

export class TicksColumn implements Column {
  constructor(
    readonly type: ScalarType,
    readonly data: BigInt64Array,
    readonly nulls: Uint8Array | null,
  ) {}
  get length() {
    return this.data.length;
  }
  get(row: number): bigint | null {
    return this.nulls !== null && this.nulls[row] ? null : this.data[row]!;
  }
}

/** 0 = false, 1 = true, 2 = null. */
export class BoolColumn implements Column {
  readonly type = 'bool' as const;
  constructor(readonly data: Uint8Array) {}
  get length() {
    return this.data.length;
  }
  get(row: number): boolean | null {
    const v = this.data[row];
    return v === 2 ? null : v === 1;
  }
}

/**
 * A null row holds '' in `data` as well as its mark in `nulls`, so dropping the mask is all it takes
 * to read the column as KQL does (emptyForNullStrings), without copying the values.
 */
export class StringColumn implements Column {
  readonly type = 'string' as const;
  constructor(
    readonly data: string[],
    readonly nulls: Uint8Array | null = null,
  ) {}
  get length() {
    return this.data.length;
  }
  get(row: number): string | null {
    return this.nulls !== null && this.nulls[row] ? null : this.data[row]!;
  }
}

/**
 * What a column builder makes of a null string: `keep` it (the null mask), or store `empty` text,
 * as KQL does, whose strings are never null. The language's Dialect chooses; RunState carries it.
 */
export type StringNulls = 'keep' | 'empty';

/** guid and dynamic values, and anything else held as plain JS values. */
export class ValueColumn implements Column {
  constructor(
    readonly type: ScalarType,
    readonly data: Value[],
  ) {}
  get length() {
    return this.data.length;
  }
  get(row: number): Value {
    return this.data[row] ?? null;
  }
}

export class ConstColumn implements Column {
  constructor(
    readonly type: ScalarType,
    readonly value: Value,
    readonly length: number,
  ) {}
  get(): Value {
    return this.value;
  }
}

/** Rows of `base` picked by `rows`: a filter or reorder without copying the values. */
export class GatherColumn implements Column {
  constructor(
    readonly base: Column,
    readonly rows: Uint32Array,
  ) {}
  get type() {
    return this.base.type;
  }
  get length() {
    return this.rows.length;
  }
  get(row: number): Value {
    return this.base.get(this.rows[row]!);
  }
}

/**
 * Picks rows of a column; gathers over gathers are flattened so reads stay one hop deep. `composed`
 * shares the flattened row lists among the columns of one table: the columns one filter gathered hold
 * the same list, which is then composed once for all of them, not once per column.
 */
export function gather(col: Column, rows: Uint32Array, composed = new Map<Uint32Array, Uint32Array>()): Column {
  if (col instanceof ConstColumn) return new ConstColumn(col.type, col.value, rows.length);
  if (col instanceof GatherColumn) {
    let flat = composed.get(col.rows);
    if (!flat) {
      flat = new Uint32Array(rows.length);
      for (let i = 0; i < rows.length; i++) flat[i] = col.rows[rows[i]!]!;
      composed.set(col.rows, flat);
    }
    return new GatherColumn(col.base, flat);
  }
  return new GatherColumn(col, rows);
}

/** Accumulates values of one type, then freezes them into the matching column store. */
export class ColumnBuilder {
  private values: Value[] = [];
  constructor(
    readonly type: ScalarType,
    private readonly strings: StringNulls,
  ) {}

  push(v: Value): void {
    this.values.push(v);
  }

  get length() {
    return this.values.length;
  }

  finish(): Column {
    return columnFromValues(this.type, this.values, this.strings);
  }
}

/** A column of n rows from a per-row function, in the store that fits its type. */
export function buildColumn(type: ScalarType, n: number, at: (row: number) => Value, strings: StringNulls): Column {
  switch (type) {
    case 'int':
    case 'long':
    case 'real':
    case 'decimal': {
      const data = new Float64Array(n);
      let nulls: Uint8Array | null = null;
      for (let i = 0; i < n; i++) {
        const v = at(i);
        if (v === null) (nulls ??= new Uint8Array(n))[i] = 1;
        else data[i] = v as number;
      }
      return new NumberColumn(type, data, nulls);
    }
    case 'datetime':
    case 'timespan': {
      const data = new BigInt64Array(n);
      let nulls: Uint8Array | null = null;
      for (let i = 0; i < n; i++) {
        const v = at(i);
        if (v === null) (nulls ??= new Uint8Array(n))[i] = 1;
        else data[i] = v as bigint;
      }
      return new TicksColumn(type, data, nulls);
    }
    case 'bool': {
      const data = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = at(i);
        data[i] = v === null ? 2 : v ? 1 : 0;
      }
      return new BoolColumn(data);
    }
    case 'string': {
      const data = new Array<string>(n);
      let nulls: Uint8Array | null = null;
      for (let i = 0; i < n; i++) {
        const v = at(i) as string | null;
        if (v !== null) data[i] = v;
        else {
          data[i] = '';
          if (strings === 'keep') (nulls ??= new Uint8Array(n))[i] = 1;
        }
      }
      return new StringColumn(data, nulls);
    }
    default: {
      const data = new Array<Value>(n);
      for (let i = 0; i < n; i++) data[i] = at(i);
      return new ValueColumn(type, data);
    }
  }
}

/** A column holding these values (undefined counts as null). */
export function columnFromValues(type: ScalarType, values: readonly Value[], strings: StringNulls): Column {
  return buildColumn(type, values.length, (i) => values[i] ?? null, strings);
}

/**
 * The column as a language whose strings are never null reads it: every null string is ''. Shares
 * the stored values (a null row already holds ''); the column itself when it has no null string.
 */
export function emptyForNullStrings(col: Column): Column {
  if (col.type !== 'string') return col;
  if (col instanceof StringColumn) return col.nulls === null ? col : new StringColumn(col.data);
  if (col instanceof GatherColumn) {
    const base = emptyForNullStrings(col.base);
    return base === col.base ? col : new GatherColumn(base, col.rows);
  }
  if (col instanceof ConstColumn) return col.value === null ? new ConstColumn('string', '', col.length) : col;
  return buildColumn('string', col.length, (r) => col.get(r), 'empty');
}

export function columnValues(col: Column): Value[] {
  const out = new Array<Value>(col.length);
  for (let i = 0; i < col.length; i++) out[i] = col.get(i);
  return out;
}

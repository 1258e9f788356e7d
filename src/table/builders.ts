/**
 * Growable builders that write straight into the column stores of column.ts, for loaders that add
 * millions of cells: numbers into a Float64Array, ticks into a BigInt64Array, bools into a
 * Uint8Array, strings into a string[], with a null mask allocated only when the first null arrives
 * (a loader keeps every null it reads; see StringNulls in column.ts). ColumnBuilder (a Value[]
 * that is copied at the end) stays the simple choice for small results.
 */
import type { ScalarType } from '../types/scalar-type.js';
import type { Value } from '../types/value.js';
import { BoolColumn, type Column, NumberColumn, StringColumn, TicksColumn, ValueColumn } from './column.js';

// Small, grown by doubling: a table of 100,000 columns has a builder per column (loaders reserve their estimate).
const INITIAL_CAPACITY = 16;

/**
 * The filled part of a store: a view when it fills most of it (no copy of a million values just to
 * drop a few spare slots), a copy when most of it would be wasted.
 */
function filled<T extends Float64Array | BigInt64Array | Uint8Array>(data: T, length: number): T {
  if (length === data.length) return data;
  return (length >= data.length * 0.75 ? data.subarray(0, length) : data.slice(0, length)) as T;
}

/** Doubling, or exactly what was asked for when that is more (a reservation). */
function grownCapacity(capacity: number, needed: number): number {
  return Math.max(needed, capacity * 2, INITIAL_CAPACITY);
}

/** The common face of every builder, for code that does not care which store it fills. */
export interface TypedBuilder {
  readonly type: ScalarType;
  readonly length: number;
  pushNull(): void;
  /** Makes room for `capacity` values in all, so a loader that can estimate its row count avoids regrowing. */
  reserve(capacity: number): void;
  /** A value already in the runtime representation of `type` (see types/value.ts). */
  pushValue(v: Value): void;
  finish(): Column;
}

/** A null mask that exists only once a null has been pushed. */
class NullMask {
  mask: Uint8Array | null = null;

  /** `capacity`: how many rows the mask must hold at least. */
  set(row: number, capacity: number): void {
    if (this.mask === null) this.mask = new Uint8Array(capacity);
    else if (row >= this.mask.length) this.grow(grownCapacity(this.mask.length, capacity));
    this.mask[row] = 1;
  }

  grow(capacity: number): void {
    if (this.mask === null) return;
    const next = new Uint8Array(capacity);
    next.set(this.mask);
    this.mask = next;
  }

  trimmed(length: number): Uint8Array | null {
    if (this.mask === null) return null;
    if (this.mask.length < length) this.grow(length);
    return filled(this.mask, length);
  }
}

/** int, long, real and decimal: all held as float64. */
export class NumberBuilder implements TypedBuilder {
  private data = new Float64Array(INITIAL_CAPACITY);
  private readonly nulls = new NullMask();
  length = 0;

  constructor(readonly type: ScalarType) {}

  private ensure(needed: number): void {
    if (needed <= this.data.length) return;
    const capacity = grownCapacity(this.data.length, needed);
    const next = new Float64Array(capacity);
    next.set(this.data);
    this.data = next;
    this.nulls.grow(capacity);
  }

  reserve(capacity: number): void {
    this.ensure(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) this.ensure(this.length + 1);
    this.data[this.length++] = v;
  }

  pushNull(): void {
    if (this.length === this.data.length) this.ensure(this.length + 1);
    this.nulls.set(this.length++, this.data.length);
  }

  pushValue(v: Value): void {
    if (v === null) this.pushNull();
    else this.push(v as number);
  }

  finish(): Column {
    return new NumberColumn(this.type, filled(this.data, this.length), this.nulls.trimmed(this.length));
  }
}

// Ticks are written as two 32-bit halves when the platform is little-endian (every platform Node
// and browsers run on in practice), so a datetime parsed into milliseconds never becomes a BigInt.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const TWO_32 = 4294967296;

/** datetime and timespan: bigint ticks of 100 ns. */
export class TicksBuilder implements TypedBuilder {
  private data = new BigInt64Array(INITIAL_CAPACITY);
  private lo = new Uint32Array(this.data.buffer);
  private hi = new Int32Array(this.data.buffer);
  private readonly nulls = new NullMask();
  length = 0;

  constructor(readonly type: ScalarType) {}

  private ensure(needed: number): void {
    if (needed <= this.data.length) return;
    const capacity = grownCapacity(this.data.length, needed);
    const next = new BigInt64Array(capacity);
    next.set(this.data);
    this.data = next;
    this.lo = new Uint32Array(next.buffer);
    this.hi = new Int32Array(next.buffer);
    this.nulls.grow(capacity);
  }

  reserve(capacity: number): void {
    this.ensure(capacity);
  }

  push(ticks: bigint): void {
    if (this.length === this.data.length) this.ensure(this.length + 1);
    this.data[this.length++] = ticks;
  }

  /**
   * Pushes `ms * 10_000 + subMsTicks` exactly, without BigInt arithmetic. `ms` is an integer number
   * of milliseconds (|ms| < 2^53 / 10_000 covers years 1..9999), `subMsTicks` an integer 0..9999.
   */
  pushMs(ms: number, subMsTicks: number): void {
    if (!LITTLE_ENDIAN) {
      this.push(BigInt(ms) * 10_000n + BigInt(subMsTicks));
      return;
    }
    if (this.length === this.data.length) this.ensure(this.length + 1);
    // ms = a·2^16 + b, so ticks = (a·10^4)·2^16 + (b·10^4 + sub); every partial product stays < 2^53.
    const a = Math.floor(ms / 65536);
    const b = ms - a * 65536;
    const x = a * 10_000;
    let high = Math.floor(x / 65536);
    let low = (x - high * 65536) * 65536 + b * 10_000 + subMsTicks;
    const carry = Math.floor(low / TWO_32);
    high += carry;
    low -= carry * TWO_32;
    const i = this.length++;
    this.lo[2 * i] = low;
    this.hi[2 * i + 1] = high;
  }

  pushNull(): void {
    if (this.length === this.data.length) this.ensure(this.length + 1);
    this.data[this.length] = 0n;
    this.nulls.set(this.length++, this.data.length);
  }

  pushValue(v: Value): void {
    if (v === null) this.pushNull();
    else this.push(v as bigint);
  }

  finish(): Column {
    return new TicksColumn(this.type, filled(this.data, this.length), this.nulls.trimmed(this.length));
  }
}

/** bool: 0 false, 1 true, 2 null, as BoolColumn stores it. */
export class BoolBuilder implements TypedBuilder {
  readonly type = 'bool' as const;
  private data = new Uint8Array(INITIAL_CAPACITY);
  length = 0;

  push(v: boolean): void {
    this.pushCode(v ? 1 : 0);
  }

  pushNull(): void {
    this.pushCode(2);
  }

  pushValue(v: Value): void {
    this.pushCode(v === null ? 2 : v ? 1 : 0);
  }

  reserve(capacity: number): void {
    if (capacity > this.data.length) this.grow(capacity);
  }

  private grow(needed: number): void {
    const next = new Uint8Array(grownCapacity(this.data.length, needed));
    next.set(this.data);
    this.data = next;
  }

  private pushCode(code: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = code;
  }

  finish(): Column {
    return new BoolColumn(filled(this.data, this.length));
  }
}

/** string: a null is '' in the values and a mark in the null mask (see StringColumn). */
export class StringBuilder implements TypedBuilder {
  readonly type = 'string' as const;
  private data: string[] = [];
  private readonly nulls = new NullMask();
  length = 0;

  /** Preallocates the array (a fast, holey one), instead of letting push regrow it step by step. */
  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new Array<string>(capacity);
    for (let i = 0; i < this.length; i++) next[i] = this.data[i]!;
    this.data = next;
  }

  push(v: string): void {
    this.data[this.length++] = v;
  }

  pushNull(): void {
    const row = this.length++;
    this.data[row] = '';
    this.nulls.set(row, Math.max(row + 1, this.data.length));
  }

  pushValue(v: Value): void {
    if (v === null) this.pushNull();
    else this.data[this.length++] = v as string;
  }

  finish(): Column {
    if (this.data.length !== this.length) this.data.length = this.length;
    return new StringColumn(this.data, this.nulls.trimmed(this.length));
  }
}

/** guid and dynamic: plain values. */
export class ValueBuilder implements TypedBuilder {
  private readonly data: Value[] = [];

  constructor(readonly type: ScalarType) {}

  get length() {
    return this.data.length;
  }

  /** Values are few and varied (guids, JSON): push's own growth is good enough. */
  reserve(_capacity: number): void {}

  pushNull(): void {
    this.data.push(null);
  }

  pushValue(v: Value): void {
    this.data.push(v);
  }

  finish(): Column {
    return new ValueColumn(this.type, this.data);
  }
}

export function builderFor(type: ScalarType): TypedBuilder {
  switch (type) {
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return new NumberBuilder(type);
    case 'datetime':
    case 'timespan':
      return new TicksBuilder(type);
    case 'bool':
      return new BoolBuilder();
    case 'string':
      return new StringBuilder();
    default:
      return new ValueBuilder(type);
  }
}

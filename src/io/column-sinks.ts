/**
 * Column sinks: one per column of the file, each turning cells into its column's store as they
 * arrive. A CSV cell comes as bytes (addBytes), a JSON cell as a parsed value (addJson). A typed
 * sink converts to its schema type; a cell it cannot convert becomes null and a LoadProblem naming
 * the line, column, value and type. Inferring sinks live in infer-sinks.ts.
 */
import type { Column } from '../table/column.js';
import { BoolBuilder, NumberBuilder, StringBuilder, TicksBuilder, type TypedBuilder, ValueBuilder } from '../table/builders.js';
import type { ScalarType } from '../types/scalar-type.js';
import { parseTimespanText } from '../types/timespan.js';
import type { Dynamic } from '../types/value.js';
import { ByteInterner } from './byte-interner.js';
import {
  INT_MAX, INT_MIN, isNullText, parseBoolText, parseDynamicText, parseGuidText, parseIntBytes, parseIntegerText,
  parseNumberText,
} from './cell-text.js';
import { parseDatetimeBytes, parseDatetimeParts } from './datetime-text.js';
import { StringInterner } from './string-interner.js';
import { type ProblemLog, quoteCell } from './problems.js';
import { dynamicToJson } from '../types/json-text.js';

/** Where the loader is, so a sink can say which line a bad cell is on. */
export interface LoadContext {
  line: number;
  readonly log: ProblemLog;
}

export interface ColumnSink {
  readonly name: string;
  readonly length: number;
  /** A CSV cell: bytes [start, end) of buf; `escaped` when it holds `""` pairs to undo. */
  addBytes(buf: Buffer, start: number, end: number, escaped: boolean): void;
  /** A JSON cell (undefined when the key is absent). */
  addJson(v: unknown): void;
  addNull(): void;
  /** Room for this many rows in all (an estimate; more may come). */
  reserve(rows: number): void;
  finish(): { type: ScalarType; column: Column };
}

/** The text of a CSV cell. */
export function cellText(buf: Buffer, start: number, end: number, escaped: boolean): string {
  const s = buf.toString('utf8', start, end);
  return escaped ? s.replaceAll('""', '"') : s;
}

/** A JSON value as text, for a cell whose JSON type does not match its column. */
function jsonAsText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'object' ? dynamicToJson(v) : String(v);
}

/** A sink converting to one schema type, filling the matching builder. */
abstract class TypedSink<B extends TypedBuilder> implements ColumnSink {
  constructor(
    readonly name: string,
    protected readonly builder: B,
    protected readonly ctx: LoadContext,
  ) {}

  get length() {
    return this.builder.length;
  }

  /** The text of a cell; empty and `null` text are null. */
  abstract addText(text: string): void;

  addBytes(buf: Buffer, start: number, end: number, escaped: boolean): void {
    if (start === end) this.builder.pushNull();
    else this.addText(cellText(buf, start, end, escaped));
  }

  addJson(v: unknown): void {
    if (v === null || v === undefined) this.builder.pushNull();
    else this.addText(jsonAsText(v));
  }

  addNull(): void {
    this.builder.pushNull();
  }

  reserve(rows: number): void {
    this.builder.reserve(rows);
  }

  finish() {
    return { type: this.builder.type, column: this.builder.finish() };
  }

  protected fail(text: string): void {
    this.ctx.log.add(this.ctx.line, `column ${this.name}: cannot read ${quoteCell(text)} as ${this.builder.type}; null used`);
    this.builder.pushNull();
  }
}

/**
 * string: repeated values share one string (see ByteInterner). An empty CSV cell, a JSON null and a
 * missing key are null: a language whose strings are never null reads them as '' (StringNulls).
 */
export class StringSink extends TypedSink<StringBuilder> {
  private readonly interner = new ByteInterner();
  private readonly jsonInterner = new StringInterner();

  constructor(name: string, ctx: LoadContext) {
    super(name, new StringBuilder(), ctx);
  }

  override addBytes(buf: Buffer, start: number, end: number, escaped: boolean): void {
    if (start === end) this.builder.pushNull();
    else this.builder.push(escaped ? cellText(buf, start, end, true) : this.interner.intern(buf, start, end));
  }

  override addJson(v: unknown): void {
    if (v === null || v === undefined) this.builder.pushNull();
    else this.builder.push(this.jsonInterner.intern(jsonAsText(v)));
  }

  addText(text: string): void {
    this.builder.push(text);
  }
}

/** int, long, real, decimal. Plain integers are read straight from the bytes. */
export class NumberSink extends TypedSink<NumberBuilder> {
  private readonly isInt: boolean;
  private readonly integral: boolean;

  constructor(name: string, type: ScalarType, ctx: LoadContext) {
    super(name, new NumberBuilder(type), ctx);
    this.isInt = type === 'int';
    this.integral = type === 'int' || type === 'long';
  }

  override addBytes(buf: Buffer, start: number, end: number, escaped: boolean): void {
    if (start === end) {
      this.builder.pushNull();
      return;
    }
    const v = escaped ? NaN : parseIntBytes(buf, start, end);
    if (v === v && (!this.isInt || (v >= INT_MIN && v <= INT_MAX))) this.builder.push(v);
    else this.addText(cellText(buf, start, end, escaped));
  }

  override addJson(v: unknown): void {
    if (typeof v !== 'number') super.addJson(v);
    else if (this.integral && (!Number.isInteger(v) || (this.isInt && (v < INT_MIN || v > INT_MAX)))) this.fail(String(v));
    else this.builder.push(v);
  }

  addText(text: string): void {
    if (isNullText(text.trim())) {
      this.builder.pushNull();
      return;
    }
    const v = this.integral ? parseIntegerText(text, this.builder.type as 'int' | 'long') : parseNumberText(text);
    if (v === undefined) return this.fail(text);
    if (!Number.isSafeInteger(v)) this.reportInexact(text, v);
    this.builder.push(v);
  }

  /** A number whose text the double it became does not hold (`1e400`, 20-digit integers) is reported. */
  private reportInexact(text: string, v: number): void {
    if (Number.isNaN(v) || (!Number.isFinite(v) && !/\d/.test(text))) return; // NaN, Infinity, ∞ as written
    const what = !Number.isFinite(v) ? 'beyond the range of real' : this.integral ? 'an integer beyond ±2^53, which kqlx holds only approximately' : undefined;
    if (what) this.ctx.log.add(this.ctx.line, `column ${this.name}: ${quoteCell(text)} is ${what}; read as ${v}`);
  }
}

const parts = new Float64Array(2);

export class DatetimeSink extends TypedSink<TicksBuilder> {
  constructor(name: string, ctx: LoadContext) {
    super(name, new TicksBuilder('datetime'), ctx);
  }

  /** Parsed from the bytes: no string per cell for the column every log row has. */
  override addBytes(buf: Buffer, start: number, end: number, escaped: boolean): void {
    if (start === end) this.builder.pushNull();
    else if (!escaped && parseDatetimeBytes(buf, start, end, parts)) this.builder.pushMs(parts[0]!, parts[1]!);
    else this.addText(cellText(buf, start, end, escaped));
  }

  addText(text: string): void {
    if (parseDatetimeParts(text, parts)) this.builder.pushMs(parts[0]!, parts[1]!);
    else if (isNullText(text.trim())) this.builder.pushNull();
    else this.fail(text);
  }
}

export class TimespanSink extends TypedSink<TicksBuilder> {
  constructor(name: string, ctx: LoadContext) {
    super(name, new TicksBuilder('timespan'), ctx);
  }

  addText(text: string): void {
    if (isNullText(text.trim())) {
      this.builder.pushNull();
      return;
    }
    const ticks = parseTimespanText(text);
    if (ticks === undefined) this.fail(text);
    else this.builder.push(ticks);
  }
}

export class BoolSink extends TypedSink<BoolBuilder> {
  constructor(name: string, ctx: LoadContext) {
    super(name, new BoolBuilder(), ctx);
  }

  override addJson(v: unknown): void {
    if (typeof v === 'boolean') this.builder.push(v);
    else super.addJson(v);
  }

  addText(text: string): void {
    const b = parseBoolText(text);
    if (b !== undefined) this.builder.push(b);
    else if (isNullText(text.trim())) this.builder.pushNull();
    else this.fail(text);
  }
}

export class GuidSink extends TypedSink<ValueBuilder> {
  constructor(name: string, ctx: LoadContext) {
    super(name, new ValueBuilder('guid'), ctx);
  }

  addText(text: string): void {
    const g = parseGuidText(text);
    if (g !== undefined) this.builder.pushValue(g);
    else if (isNullText(text.trim())) this.builder.pushNull();
    else this.fail(text);
  }
}

/** dynamic: JSON text is parsed; other text is kept as a string value, as parse_json() does. */
export class DynamicSink extends TypedSink<ValueBuilder> {
  constructor(name: string, ctx: LoadContext) {
    super(name, new ValueBuilder('dynamic'), ctx);
  }

  override addJson(v: unknown): void {
    // A JSON value already is a dynamic value; a string holding JSON is parsed like a CSV cell.
    if (typeof v === 'string') this.addText(v);
    else this.builder.pushValue(v === undefined ? null : (v as Dynamic));
  }

  addText(text: string): void {
    this.builder.pushValue(text === '' ? null : parseDynamicText(text));
  }
}

/** The sink that converts cells to `type`. */
export function typedSink(name: string, type: ScalarType, ctx: LoadContext): ColumnSink {
  switch (type) {
    case 'string':
      return new StringSink(name, ctx);
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return new NumberSink(name, type, ctx);
    case 'datetime':
      return new DatetimeSink(name, ctx);
    case 'timespan':
      return new TimespanSink(name, ctx);
    case 'bool':
      return new BoolSink(name, ctx);
    case 'guid':
      return new GuidSink(name, ctx);
    case 'dynamic':
      return new DynamicSink(name, ctx);
  }
}

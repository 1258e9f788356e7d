/**
 * Sinks for columns without a declared type: they keep the cells as they come and pick the type at
 * the end, when every value has been seen, so a late odd value can never make earlier rows wrong.
 *
 * Text cells (CSV): long if every value is a whole number, else real if every value is a number,
 * else bool (true/false), else datetime, else dynamic (JSON objects/arrays), else string. Empty
 * cells and `null` do not decide. Digit strings with leading zeros or more than 15 digits are
 * codes or identifiers, not quantities, and keep a column string.
 *
 * JSON cells: the JSON types decide: booleans → bool, whole numbers → long, numbers → real, strings
 * → datetime when all are datetimes, else string; any object or array → dynamic; other mixtures →
 * string.
 */
import { builderFor, NumberBuilder, StringBuilder, type TicksBuilder } from '../table/builders.js';
import { buildColumn, type Column, type StringColumn } from '../table/column.js';
import type { ScalarType } from '../types/scalar-type.js';
import type { Dynamic } from '../types/value.js';
import { ByteInterner } from './byte-interner.js';
import {
  isNullText, looksLikeBool, looksLikeJsonContainer, looksLikeLong, looksLikeReal, parseIntBytes,
} from './cell-text.js';
import { cellText, type ColumnSink } from './column-sinks.js';
import { parseDatetimeParts } from './datetime-text.js';
import { StringInterner } from './string-interner.js';
import { dynamicToJson } from '../types/json-text.js';

const parts = new Float64Array(2);

function isDatetimeText(t: string): boolean {
  return parseDatetimeParts(t, parts);
}

/** Converts text already known to be of `type`, not string (null text → null). */
function columnFromTexts(type: ScalarType, texts: string[]): Column {
  const b = builderFor(type);
  for (const t of texts) {
    if (isNullText(t)) b.pushNull();
    else if (type === 'long' || type === 'real') b.pushValue(Number(t));
    else if (type === 'bool') b.pushValue(t.toLowerCase() === 'true');
    else if (type === 'datetime' && parseDatetimeParts(t, parts)) (b as TicksBuilder).pushMs(parts[0]!, parts[1]!);
    else if (type === 'dynamic') b.pushValue(JSON.parse(t) as Dynamic);
    else b.pushNull();
  }
  return b.finish();
}

export class TextInferSink implements ColumnSink {
  /**
   * While every value so far is a plain whole number (the counts, ports and byte columns of a log),
   * the values are kept as numbers: no string per cell, and String(n) gives back the exact text if
   * a later value turns the column into something else.
   */
  private numbers: NumberBuilder | undefined = new NumberBuilder('long');
  /** Rows read as null in number mode whose text was not empty (`null`), to restore that text. */
  private readonly nullTexts = new Map<number, string>();
  private readonly texts = new StringBuilder();
  private readonly interner = new ByteInterner();
  private seen = false;
  private long = true;
  private real = true;
  private bool = true;
  private datetime = true;
  private dynamic = true;

  constructor(readonly name: string) {}

  get length() {
    return this.numbers?.length ?? this.texts.length;
  }

  reserve(rows: number): void {
    if (this.numbers) this.numbers.reserve(rows);
    else this.texts.reserve(rows);
  }

  addBytes(buf: Buffer, start: number, end: number, escaped: boolean): void {
    const numbers = this.numbers;
    if (numbers !== undefined) {
      if (start === end) {
        numbers.pushNull();
        return;
      }
      const v = escaped ? NaN : parseIntBytes(buf, start, end);
      const digits = buf[start] === 45 ? start + 1 : start;
      // Leading zeros and `-0` would not survive the round trip through a number.
      if (v === v && (buf[digits] !== 48 || end - digits === 1) && !(v === 0 && digits > start)) {
        numbers.push(v);
        this.seen = true;
        return;
      }
      const t = cellText(buf, start, end, escaped);
      if (isNullText(t)) {
        this.nullTexts.set(numbers.length, t);
        numbers.pushNull();
        return;
      }
      this.leaveNumbers();
      this.addText(t);
      return;
    }
    if (start === end) {
      this.texts.pushNull();
      return;
    }
    const t = escaped ? cellText(buf, start, end, true) : this.interner.intern(buf, start, end);
    // A repeated value was judged when first seen.
    if (escaped || this.interner.fresh) this.observe(t);
    this.texts.push(t);
  }

  addJson(v: unknown): void {
    if (this.numbers !== undefined) this.leaveNumbers();
    if (v === null || v === undefined) this.texts.pushNull();
    else this.addText(typeof v === 'string' ? v : dynamicToJson(v));
  }

  addNull(): void {
    if (this.numbers !== undefined) this.numbers.pushNull();
    else this.texts.pushNull();
  }

  private addText(t: string): void {
    this.observe(t);
    this.texts.push(t);
  }

  /** Back to text: the numbers so far become their text again. */
  private leaveNumbers(): void {
    const numbers = this.numbers!.finish();
    this.numbers = undefined;
    this.texts.reserve(numbers.length);
    for (let i = 0; i < numbers.length; i++) {
      const v = numbers.get(i);
      const nullText = v === null ? this.nullTexts.get(i) : undefined;
      if (v !== null) this.texts.push(String(v));
      else if (nullText !== undefined) this.texts.push(nullText);
      else this.texts.pushNull();
    }
    if (this.seen) this.bool = this.datetime = this.dynamic = false; // whole numbers are none of these
  }

  private observe(t: string): void {
    if (isNullText(t)) return;
    this.seen = true;
    if (this.long && !looksLikeLong(t)) this.long = false;
    if (this.real && !looksLikeReal(t)) this.real = false;
    if (this.bool && !looksLikeBool(t)) this.bool = false;
    if (this.datetime && !isDatetimeText(t)) this.datetime = false;
    if (this.dynamic && !looksLikeJsonContainer(t)) this.dynamic = false;
  }

  inferredType(): ScalarType {
    if (!this.seen) return 'string';
    if (this.long) return 'long';
    if (this.real) return 'real';
    if (this.bool) return 'bool';
    if (this.datetime) return 'datetime';
    if (this.dynamic) return 'dynamic';
    return 'string';
  }

  finish() {
    if (this.numbers !== undefined) {
      if (this.seen) return { type: 'long' as const, column: this.numbers.finish() };
      this.leaveNumbers(); // nothing but empty cells: a string column
    }
    const type = this.inferredType();
    const texts = this.texts.finish() as StringColumn;
    return { type, column: type === 'string' ? texts : columnFromTexts(type, texts.data) };
  }
}

export class JsonInferSink implements ColumnSink {
  private readonly values: unknown[] = [];
  private readonly interner = new StringInterner();
  private bools = 0;
  private integers = 0;
  private reals = 0;
  private strings = 0;
  private containers = 0;
  private allDatetimes = true;

  constructor(readonly name: string) {}

  get length() {
    return this.values.length;
  }

  reserve(_rows: number): void {}

  addBytes(buf: Buffer, start: number, end: number, escaped: boolean): void {
    this.addJson(cellText(buf, start, end, escaped));
  }

  addJson(v: unknown): void {
    const value = v === undefined ? null : typeof v === 'string' ? this.interner.intern(v) : v;
    this.values.push(value);
    if (value === null || value === '') return;
    switch (typeof value) {
      case 'boolean':
        this.bools++;
        break;
      case 'number':
        if (Number.isSafeInteger(value)) this.integers++;
        else this.reals++;
        break;
      case 'string':
        this.strings++;
        if (this.allDatetimes && !isDatetimeText(value)) this.allDatetimes = false;
        break;
      default:
        this.containers++;
    }
  }

  addNull(): void {
    this.values.push(null);
  }

  inferredType(): ScalarType {
    const { bools, integers, reals, strings, containers } = this;
    const kinds = (bools > 0 ? 1 : 0) + (integers + reals > 0 ? 1 : 0) + (strings > 0 ? 1 : 0);
    if (containers > 0) return 'dynamic';
    if (kinds === 0 || kinds > 1) return 'string';
    if (bools > 0) return 'bool';
    if (integers + reals > 0) return reals > 0 ? 'real' : 'long';
    return this.allDatetimes ? 'datetime' : 'string';
  }

  finish() {
    const type = this.inferredType();
    if (type === 'dynamic') {
      const b = builderFor('dynamic');
      for (const v of this.values) b.pushValue(v as Dynamic);
      return { type, column: b.finish() };
    }
    const texts = this.values.map((v) => (v === null ? '' : typeof v === 'string' ? v : String(v)));
    if (type === 'string') return { type, column: buildColumn(type, texts.length, (i) => (this.values[i] === null ? null : texts[i]!), 'keep') };
    if (type === 'long' || type === 'real' || type === 'bool') {
      const b = builderFor(type);
      for (const v of this.values) b.pushValue(v === '' ? null : (v as number | boolean | null));
      return { type, column: b.finish() };
    }
    return { type, column: columnFromTexts(type, texts) };
  }
}

/**
 * Scalar functions that encode or split text: regex_quote, parse_csv, isutf8, isascii, punycode_from_string,
 * punycode_to_string and format_bytes.
 */
import { formatReal } from '../../types/convert.js';
import type { ScalarType } from '../../types/scalar-type.js';
import type { Value } from '../../types/value.js';
import { punycodeDecode, punycodeEncode } from '../punycode.js';
import type { ArgInfo, ScalarFunction } from '../types.js';
import { NUMBER, bindError, checkArgs as checkTypes, INTEGER, STRING } from './conversion.js';
import { roundTo } from './math.js';
import { define, textOf } from './string.js';

/** A one-argument function of a value's text (a string as it is, anything else as tostring() gives it). */
function ofText(name: string, type: ScalarType, f: (text: string) => Value): ScalarFunction {
  return define({
    name, min: 1, max: 1, kinds: ['scalar'],
    bind: ([arg]) => {
      const from = arg!.type;
      return { type, impl: (v) => f(from === 'string' ? (v[0] as string) : textOf(v[0]!, from)) };
    },
  });
}

/**
 * regex_quote(): RE2's QuoteMeta, which the docs' regex dialect is: every ASCII character other than
 * a letter, digit or `_` gets a backslash, NUL becomes `\x00`, and non-ASCII characters stay as they are.
 */
export function quoteRegex(text: string): string {
  let out = '';
  for (const c of text) {
    if (/[A-Za-z0-9_]/.test(c) || c.charCodeAt(0) >= 0x80) out += c;
    else if (c === '\0') out += '\\x00';
    else out += `\\${c}`;
  }
  return out;
}

/**
 * parse_csv(): the fields of the text's first record. A field may be quoted with `"`, and inside
 * quotes `""` is a quote and commas and line breaks are text; an unquoted line break ends the record.
 * Text after a field's closing quote is kept as it is, up to the next comma.
 */
export function parseCsvRecord(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const starting = fieldStart;
    fieldStart = false;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && starting) quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
      fieldStart = true;
    } else if (c === '\n' || c === '\r') break;
    else field += c;
  }
  fields.push(field);
  return fields;
}

const parseCsv = define({
  name: 'parse_csv', min: 1, max: 1, kinds: ['stringOrDynamic'],
  bind: ([arg]) => {
    const from = arg!.type;
    return {
      type: 'dynamic',
      impl: (v) => (v[0] === null ? null : parseCsvRecord(from === 'string' ? (v[0] as string) : textOf(v[0]!, from))),
    };
  },
});

/** A lone UTF-16 surrogate: the one thing in a string that has no UTF-8 form. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// ── format_bytes ──────────────────────────────────────────────────────────

const BYTE_UNITS = ['Bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** The power of 1024 of the largest unit the size reaches (Bytes for sizes under 1 KB). */
function autoUnit(size: number): number {
  let power = 0;
  while (power < BYTE_UNITS.length - 1 && Math.abs(size) >= 1024 ** (power + 1)) power++;
  return power;
}

/**
 * format_bytes(size [, precision [, units]]): the size in units of 1024, rounded half away from zero
 * to `precision` decimals and printed as kqlx prints reals (no trailing zeros). Units are chosen from
 * the size when not given (or given empty), matched without regard to case, and an unknown unit
 * gives the empty string.
 */
export function formatBytes(size: number, precision: number, unit: string): string {
  const power = unit === '' ? autoUnit(size) : BYTE_UNITS.findIndex((u) => u.toLowerCase() === unit.toLowerCase());
  if (power < 0 || !Number.isFinite(size)) return '';
  return `${formatReal(roundTo(size / 1024 ** power, Math.max(0, precision)))} ${BYTE_UNITS[power]}`;
}

function constantArg(args: readonly ArgInfo[], i: number): Value | undefined {
  return i < args.length ? args[i]!.constant?.value : undefined;
}

const formatBytesFn: ScalarFunction = {
  name: 'format_bytes',
  minArgs: 1,
  maxArgs: 3,
  bind(args) {
    const bad = checkTypes('format_bytes', args, [NUMBER, INTEGER, STRING]);
    if (bad) return bad;
    // As in the official binder, precision and units are constants.
    for (let i = 1; i < args.length; i++) {
      if (!args[i]!.constant) return bindError('format_bytes', `argument ${i + 1} must be a constant`);
    }
    const precision = (constantArg(args, 1) as number | null | undefined) ?? 0;
    const unit = (constantArg(args, 2) as string | undefined) ?? '';
    return {
      type: 'string',
      impl: (v) => (v[0] === null ? '' : formatBytes(v[0] as number, precision, unit)),
    };
  },
};

/** isascii(): every character is one of ASCII's 128 (the empty string too). */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

export const textCodecFunctions: ScalarFunction[] = [
  ofText('regex_quote', 'string', quoteRegex),
  parseCsv,
  ofText('isutf8', 'bool', (text) => !LONE_SURROGATE.test(text)),
  ofText('isascii', 'bool', isAscii),
  ofText('punycode_from_string', 'string', (text) => punycodeEncode(text) ?? ''),
  ofText('punycode_to_string', 'string', (text) => punycodeDecode(text) ?? ''),
  formatBytesFn,
];

/**
 * Scalar functions: dynamic values — JSON and XML parsing, arrays, property bags and sets
 * (parse_json, extract_json, array_slice, bag_merge, set_union, range, ...).
 *
 * Dynamic values are plain JSON values (see types/value.ts) and may be shared between rows, so
 * nothing here mutates an argument: functions that change a bag or array build a copy.
 * Kusto's rule for dynamic arguments of the wrong shape is a null result (array_length of a string
 * is null), never an error; errors are only raised at bind time, for argument counts and types.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { convert, toDynamic, toKqlString } from '../../types/convert.js';
import { isNumeric, parseTypeName, type ScalarType } from '../../types/scalar-type.js';
import { type Dynamic, isPlainObject, type Value } from '../../types/value.js';
import type { ArgInfo, BindResult, ScalarBinding, ScalarFunction, ScalarImpl } from '../types.js';
import { ANY_SCALAR, type ArgSpec, checkArgs, STRING_OR_DYNAMIC } from './conversion.js';

type Bag = { [key: string]: Dynamic };

// ── binding helpers ────────────────────────────────────────────────────────

/** What an argument position accepts. */
type Kind = 'dynamic' | 'integer' | 'any' | 'text' | 'bool' | 'summable' | 'integerOrDynamic';

/** Each kind's test, worded as this family's messages name it. */
const KIND_SPEC: Record<Kind, ArgSpec> = {
  dynamic: { test: (t) => t === 'dynamic', expected: 'dynamic' },
  // Reals are truncated rather than refused: columns loaded from text are often real.
  integer: { test: isNumeric, expected: 'an integer' },
  any: ANY_SCALAR,
  // A dynamic holding a string is read as that string.
  text: { test: STRING_OR_DYNAMIC.test, expected: 'string' },
  bool: { test: (t) => t === 'bool', expected: 'bool' },
  summable: { test: (t) => isNumeric(t) || t === 'datetime' || t === 'timespan', expected: 'a number, datetime or timespan' },
  integerOrDynamic: { test: (t) => isNumeric(t) || t === 'dynamic', expected: 'an integer or a dynamic array' },
};

interface Spec {
  readonly name: string;
  readonly aliases?: string[];
  readonly min: number;
  readonly max: number;
  /** Kinds by position; `rest` covers every position past them. */
  readonly kinds: Kind[];
  readonly rest?: Kind;
  /** The result type when `make` returns a bare implementation. */
  readonly type?: ScalarType;
  /** Builds the implementation for one call site, after the argument count and kinds were checked. */
  readonly make: (args: readonly ArgInfo[]) => ScalarImpl | BindResult<ScalarBinding>;
}

function define(spec: Spec): ScalarFunction {
  return {
    name: spec.name,
    ...(spec.aliases ? { aliases: spec.aliases } : {}),
    minArgs: spec.min,
    maxArgs: spec.max,
    bind(args) {
      if (args.length < spec.min || args.length > spec.max) {
        const range = spec.min === spec.max ? `${spec.min}` : spec.max === Infinity ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`;
        return { error: `${spec.name}() expects ${range} argument${range === '1' ? '' : 's'}, got ${args.length}` };
      }
      const bad = checkArgs(spec.name, args, spec.kinds.map((k) => KIND_SPEC[k]), spec.rest && KIND_SPEC[spec.rest]);
      if (bad) return bad;
      const made = spec.make(args);
      return typeof made === 'function' ? { type: spec.type ?? 'dynamic', impl: made } : made;
    },
  };
}

/** An integer argument (reals truncated), or null. */
function intOf(v: Value): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null;
}

function textOf(v: Value): string | null {
  return typeof v === 'string' ? v : null;
}

// ── dynamic values ─────────────────────────────────────────────────────────

/** Sets a key on a bag being built; `__proto__` must become an own key, not the prototype. */
function setKey(bag: Bag, key: string, value: Dynamic): void {
  if (key === '__proto__') Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
  else bag[key] = value;
}

/** A copy of `bag` with one key set (object spread copies `__proto__` as an own key too). */
function withKey(bag: Bag, key: string, value: Dynamic): Bag {
  const copy = { ...bag };
  setKey(copy, key, value);
  return copy;
}

function hasOwn(bag: Bag, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(bag, key);
}

/**
 * JSON with property-bag keys sorted ordinally: dynamic_to_json's canonical form, and the identity
 * that sets and lookups compare by (so 1 and "1" differ, and bags equal whatever their key order).
 */
function canonicalJson(v: Dynamic): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k]!)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Distinct elements in order of first appearance. */
function distinct(items: readonly Dynamic[]): Dynamic[] {
  const seen = new Set<string>();
  const out: Dynamic[] = [];
  for (const item of items) {
    const id = canonicalJson(item);
    if (!seen.has(id)) {
      seen.add(id);
      out.push(item);
    }
  }
  return out;
}

// ── JSON text ──────────────────────────────────────────────────────────────

class JsonSyntaxError extends Error {}

/**
 * A forgiving JSON reader for text that JSON.parse refuses. Kusto reads JSON the way Json.NET does,
 * which also takes single-quoted strings, unquoted property names, comments and trailing commas;
 * log data (and rules written against it) relies on that.
 */
class LenientJsonReader {
  private i = 0;
  constructor(private readonly s: string) {}

  read(): Dynamic {
    const v = this.value();
    this.space();
    if (this.i < this.s.length) this.fail();
    return v;
  }

  private fail(): never {
    throw new JsonSyntaxError(`unexpected character at ${this.i}`);
  }

  private space(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') this.i++;
      else if (s.startsWith('//', this.i)) {
        const end = s.indexOf('\n', this.i);
        this.i = end < 0 ? s.length : end + 1;
      } else if (s.startsWith('/*', this.i)) {
        const end = s.indexOf('*/', this.i + 2);
        if (end < 0) this.fail();
        this.i = end + 2;
      } else break;
    }
  }

  private value(): Dynamic {
    this.space();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"' || c === "'") return this.string(c);
    const number = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
    number.lastIndex = this.i;
    const m = number.exec(this.s);
    if (m) {
      this.i += m[0].length;
      return Number(m[0]);
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail();
  }

  private object(): Bag {
    const bag: Bag = {};
    this.i++; // {
    for (;;) {
      this.space();
      if (this.s[this.i] === '}') break;
      const key = this.key();
      this.space();
      if (this.s[this.i] !== ':') this.fail();
      this.i++;
      setKey(bag, key, this.value());
      this.space();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '}') this.fail();
    }
    this.i++; // }
    return bag;
  }

  private key(): string {
    const c = this.s[this.i];
    if (c === '"' || c === "'") return this.string(c);
    const ident = /[A-Za-z_$][\w$-]*/y;
    ident.lastIndex = this.i;
    const m = ident.exec(this.s);
    if (!m) this.fail();
    this.i += m[0].length;
    return m[0];
  }

  private array(): Dynamic[] {
    const items: Dynamic[] = [];
    this.i++; // [
    for (;;) {
      this.space();
      if (this.s[this.i] === ']') break;
      items.push(this.value());
      this.space();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') this.fail();
    }
    this.i++; // ]
    return items;
  }

  private string(quote: string): string {
    const s = this.s;
    let out = '';
    this.i++;
    while (this.i < s.length) {
      const c = s[this.i++]!;
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = s[this.i++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          const hex = s.slice(this.i, this.i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail();
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 4;
          break;
        }
        case undefined: this.fail(); break;
        default: out += e; // \" \' \\ \/ and any other escaped character stand for themselves
      }
    }
    return this.fail();
  }
}

/** The value of JSON text, or undefined when the text is not JSON. */
function parseJson(text: string): Dynamic | undefined {
  try {
    return JSON.parse(text) as Dynamic;
  } catch {
    try {
      return new LenientJsonReader(text).read();
    } catch {
      return undefined;
    }
  }
}

/** parse_json on text: blank text is null; text that is not JSON stays a (dynamic) string. */
function parseJsonText(text: string): Dynamic {
  if (text.trim() === '') return null;
  const v = parseJson(text);
  return v === undefined ? text : v;
}

// ── JSONPath ───────────────────────────────────────────────────────────────

/** A step into a bag (by key) or an array (by index). */
type PathStep = string | number;

/**
 * The JSONPath subset Kusto supports: `$`, child `.name` or `['name']` / `["name"]`, array
 * subscript `[n]`. Wildcards, recursion, unions, slices and filters are not supported (null).
 */
function parseJsonPath(text: string): PathStep[] | null {
  const s = text.trim();
  if (s[0] !== '$') return null;
  const steps: PathStep[] = [];
  let i = 1;
  while (i < s.length) {
    if (s[i] === '.') {
      const start = ++i;
      while (i < s.length && s[i] !== '.' && s[i] !== '[') i++;
      const name = s.slice(start, i).trim();
      if (name === '' || name === '*') return null;
      steps.push(name);
    } else if (s[i] === '[') {
      i++;
      while (s[i] === ' ') i++;
      const quote = s[i];
      if (quote === "'" || quote === '"') {
        let name = '';
        i++;
        while (i < s.length && s[i] !== quote) {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          name += s[i++];
        }
        if (i >= s.length) return null;
        i++;
        steps.push(name);
      } else {
        const m = /^\d+/.exec(s.slice(i));
        if (!m) return null;
        steps.push(Number(m[0]));
        i += m[0].length;
      }
      while (s[i] === ' ') i++;
      if (s[i] !== ']') return null;
      i++;
    } else {
      return null;
    }
  }
  return steps;
}

/**
 * The key argument of bag_has_key, bag_remove_keys and bag_set_key: a JSONPath (array indexing not
 * supported) or, when it does not start with `$`, the name of a root-level key taken literally.
 */
function parseBagKeyPath(text: string): string[] | null {
  if (!text.trim().startsWith('$')) return [text];
  const steps = parseJsonPath(text);
  if (!steps || steps.some((s) => typeof s === 'number')) return null;
  return steps as string[];
}

/** The value at a path, or undefined when a step is missing. */
function walk(v: Dynamic, steps: readonly PathStep[]): Dynamic | undefined {
  let cur: Dynamic = v;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(cur) || step >= cur.length) return undefined;
      cur = cur[step]!;
    } else {
      if (!isPlainObject(cur) || !hasOwn(cur, step)) return undefined;
      cur = cur[step]!;
    }
  }
  return cur;
}

/** A copy of `bag` without the key at `steps` (the same object when there is nothing to remove). */
function removePath(bag: Bag, steps: readonly string[]): Bag {
  const [head, ...rest] = steps;
  if (head === undefined || !hasOwn(bag, head)) return bag;
  if (rest.length === 0) {
    const copy = { ...bag };
    delete copy[head];
    return copy;
  }
  const child = bag[head]!;
  if (!isPlainObject(child)) return bag;
  const updated = removePath(child, rest);
  return updated === child ? bag : withKey(bag, head, updated);
}

/** A copy of `bag` with the key at `steps` set, creating (or replacing non-bag) parents as bags. */
function setPath(bag: Bag, steps: readonly string[], value: Dynamic): Bag {
  const [head, ...rest] = steps;
  if (head === undefined) return bag;
  if (rest.length === 0) return withKey(bag, head, value);
  const child = hasOwn(bag, head) ? bag[head] : undefined;
  return withKey(bag, head, setPath(isPlainObject(child) ? child : {}, rest, value));
}

// ── XML ────────────────────────────────────────────────────────────────────

/** parse_xml refuses input over 1 MB, as its page states. */
const MAX_XML_BYTES = 1_048_576;

// preserveOrder keeps every node (and mixed text) in document order; entities are decoded here, so
// attribute and text values are handled alike.
const xmlParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
});

type XmlNode = Record<string, unknown>;

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    switch (ref) {
      case 'amp': return '&';
      case 'lt': return '<';
      case 'gt': return '>';
      case 'quot': return '"';
      case 'apos': return "'";
    }
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The node's name: its one key besides the attribute holder. */
function nodeName(node: XmlNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return undefined;
}

/** Numeric text becomes a number, as the page's example shows (`<value>118.0</value>` → 118.0). */
function xmlText(text: string): Dynamic {
  return /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text) ? Number(text) : text;
}

/**
 * One element, following the table on the parse_xml page: no attributes, children or text → null;
 * text only → the text; otherwise a bag of `@attribute`s, `#text` (whitespace-only text dropped,
 * other text trimmed) and child elements, repeated names collected into arrays in document order.
 */
function xmlElement(children: XmlNode[], attributes: unknown): Dynamic {
  const fields = new Map<string, Dynamic[]>();
  const add = (key: string, value: Dynamic) => {
    const list = fields.get(key);
    if (list) list.push(value);
    else fields.set(key, [value]);
  };
  if (isPlainObject(attributes)) {
    for (const [name, value] of Object.entries(attributes)) add(`@${name}`, decodeEntities(String(value)));
  }
  for (const child of children) {
    const name = nodeName(child);
    if (name === undefined || name === '#comment') continue;
    const content = child[name];
    if (name === '#text') {
      const text = decodeEntities(String(content)).trim();
      if (text !== '') add('#text', xmlText(text));
    } else if (name === '#cdata') {
      // CDATA is text whose characters are taken literally.
      const text = (content as XmlNode[]).map((n) => String(n['#text'] ?? '')).join('');
      if (text !== '') add('#text', text);
    } else {
      add(name, xmlElement(content as XmlNode[], child[':@']));
    }
  }
  if (fields.size === 0) return null;
  if (fields.size === 1 && fields.has('#text') && fields.get('#text')!.length === 1) return fields.get('#text')![0]!;
  const bag: Bag = {};
  for (const [key, values] of fields) setKey(bag, key, values.length === 1 ? values[0]! : values);
  return bag;
}

/** parse_xml: a bag holding the root element, or null when the text is not one well-formed document. */
function parseXml(text: string): Dynamic {
  if (text.length > MAX_XML_BYTES / 3 && new TextEncoder().encode(text).length > MAX_XML_BYTES) return null;
  try {
    if (XMLValidator.validate(text) !== true) return null;
    const nodes = xmlParser.parse(text) as XmlNode[];
    const roots = nodes.filter((n) => {
      const name = nodeName(n);
      return name !== '#comment' && !(name === '#text' && String(n['#text']).trim() === '');
    });
    if (roots.length !== 1) return null;
    const name = nodeName(roots[0]!);
    if (name === undefined || name.startsWith('#')) return null;
    const bag: Bag = {};
    setKey(bag, name, xmlElement(roots[0]![name] as XmlNode[], roots[0]![':@']));
    return bag;
  } catch {
    return null;
  }
}

// ── sorting ────────────────────────────────────────────────────────────────

/**
 * The order array_sort_asc documents for mixed arrays: numbers (datetimes and timespans are held as
 * text here, and sort with strings), then strings, then everything else.
 */
function sortRank(v: Dynamic): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  return 2;
}

function compareElements(a: Dynamic, b: Dynamic): number {
  const ra = sortRank(a);
  const rb = sortRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = typeof a === 'string' ? a : canonicalJson(a);
  const y = typeof b === 'string' ? b : canonicalJson(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * array_sort_asc / array_sort_desc. One array gives the sorted array. Several arrays are a tuple of
 * columns in Kusto; here they come back as one array of the sorted arrays (each follower reordered
 * like the first, or null when its length differs), which `[i]` can index as the page's example does.
 */
function arraySort(name: string, descending: boolean): ScalarFunction {
  return define({
    name, min: 1, max: 65, kinds: [], rest: 'any',
    make: (args) => {
      const last = args[args.length - 1]!;
      const hasNullsLast = args.length > 1 && last.type === 'bool';
      const arrays = hasNullsLast ? args.length - 1 : args.length;
      for (let i = 0; i < arrays; i++) {
        if (args[i]!.type !== 'dynamic') return { error: `${name}(): argument ${i + 1} must be dynamic, not ${args[i]!.type}` };
      }
      return (row) => {
        const first = row[0];
        if (!Array.isArray(first)) return null;
        const nullsLast = hasNullsLast ? row[arrays] !== false : true;
        const order = first.map((_, i) => i);
        order.sort((i, j) => {
          const a = first[i]!;
          const b = first[j]!;
          if (a === null || b === null) {
            if (a === b) return 0;
            return (a === null) === nullsLast ? 1 : -1;
          }
          const c = compareElements(a, b);
          return descending ? -c : c;
        });
        const sorted = order.map((i) => first[i]!);
        if (arrays === 1) return sorted;
        const result: Dynamic[] = [sorted];
        for (let k = 1; k < arrays; k++) {
          const other = row[k];
          result.push(Array.isArray(other) && other.length === first.length ? order.map((i) => other[i]!) : null);
        }
        return result;
      };
    },
  });
}

// ── shifting ───────────────────────────────────────────────────────────────

/** array_shift_left with a signed count (negative shifts right); vacated places get `fill`. */
function shifted(arr: readonly Dynamic[], count: number, fill: Dynamic): Dynamic[] {
  const n = arr.length;
  return arr.map((_, i) => {
    const from = i + count;
    return from >= 0 && from < n ? arr[from]! : fill;
  });
}

/** array_rotate_left with a signed count (negative rotates right). */
function rotated(arr: readonly Dynamic[], count: number): Dynamic[] {
  const n = arr.length;
  if (n === 0) return [];
  const k = ((count % n) + n) % n;
  return [...arr.slice(k), ...arr.slice(0, k)];
}

function shiftFunction(name: string, direction: 1 | -1): ScalarFunction {
  return define({
    name, min: 2, max: 3, kinds: ['dynamic', 'integer', 'any'],
    make: (args) => (row) => {
      const arr = row[0];
      const count = intOf(row[1]!);
      if (!Array.isArray(arr) || count === null) return null;
      const fill = args.length === 3 ? toDynamic(row[2]!, args[2]!.type) : null;
      return shifted(arr, direction * count, fill);
    },
  });
}

function rotateFunction(name: string, direction: 1 | -1): ScalarFunction {
  return define({
    name, min: 2, max: 2, kinds: ['dynamic', 'integer'],
    make: () => (row) => {
      const arr = row[0];
      const count = intOf(row[1]!);
      if (!Array.isArray(arr) || count === null) return null;
      return rotated(arr, direction * count);
    },
  });
}

// ── sets ───────────────────────────────────────────────────────────────────

function setFunction(name: string, combine: (arrays: Dynamic[][]) => Dynamic[]): ScalarFunction {
  return define({
    name, min: 2, max: 64, kinds: [], rest: 'dynamic',
    make: () => (row) => (row.every((a) => Array.isArray(a)) ? combine(row as Dynamic[][]) : null),
  });
}

/** Whether `v` is in none (or, with `every`, all) of the other arrays, compared by identity. */
function memberOf(others: readonly Dynamic[][]): (v: Dynamic, every: boolean) => boolean {
  const sets = others.map((o) => new Set(o.map(canonicalJson)));
  return (v, every) => {
    const id = canonicalJson(v);
    return every ? sets.every((s) => s.has(id)) : sets.some((s) => s.has(id));
  };
}

// ── arrays of values ───────────────────────────────────────────────────────

/** range(): at most 2^20 values, as the page states. */
const MAX_SERIES = 1_048_576;

/** The zero-based position of the `occurrence`-th match in arr[start .. start+length), -1 if none. */
function indexOf(arr: readonly Dynamic[], id: string, start: number, length: number, occurrence: number): number {
  const from = start < 0 ? Math.max(0, arr.length + start) : start;
  const to = length === -1 ? arr.length : Math.min(arr.length, from + length);
  let seen = 0;
  for (let i = from; i < to; i++) {
    if (canonicalJson(arr[i]!) === id && ++seen === occurrence) return i;
  }
  return -1;
}

function rangeFunction(): ScalarFunction {
  return define({
    name: 'range', min: 2, max: 3, kinds: ['summable', 'summable', 'summable'],
    make: (args) => {
      const [start, stop, step] = args.map((a) => a.type);
      const ticks = start === 'datetime' || start === 'timespan';
      if (ticks) {
        if (stop !== start) return { error: `range(): the stop value must be a ${start}, like the start value` };
        if (step !== undefined && step !== 'timespan') return { error: 'range(): the step of a datetime or timespan range must be a timespan' };
        const elementType = start!;
        return (row) => {
          const a = row[0] as bigint | null;
          const b = row[1] as bigint | null;
          const s = args.length === 3 ? (row[2] as bigint | null) : 36_000_000_000n; // default step 1h
          if (a === null || b === null || s === null || s === 0n) return null;
          const out: Dynamic[] = [];
          for (let v = a; (s > 0n ? v <= b : v >= b) && out.length < MAX_SERIES; v += s) out.push(toDynamic(v, elementType));
          return out;
        };
      }
      if (!isNumeric(stop!) || (step !== undefined && !isNumeric(step))) {
        return { error: 'range(): start, stop and step must all be numbers, or datetimes/timespans with a timespan step' };
      }
      return (row) => {
        const a = row[0] as number | null;
        const b = row[1] as number | null;
        const s = args.length === 3 ? (row[2] as number | null) : 1;
        if (a === null || b === null || s === null || s === 0 || !Number.isFinite(a + b + s)) return null;
        // Stepping by repeated addition, so the last value never passes `stop` through rounding.
        const out: number[] = [];
        for (let v = a; (s > 0 ? v <= b : v >= b) && out.length < MAX_SERIES; v += s) out.push(v);
        return out;
      };
    },
  });
}

// ── the functions ──────────────────────────────────────────────────────────

export const dynamicFunctions: ScalarFunction[] = [
  // ── JSON and XML ──
  define({
    name: 'parse_json', aliases: ['parsejson', 'todynamic', 'toobject'],
    min: 1, max: 1, kinds: ['any'],
    make: (args) => {
      const type = args[0]!.type;
      // A dynamic argument is used as is (a dynamic string is not parsed again), as the page says.
      if (type === 'dynamic') return (row) => row[0] as Dynamic;
      if (type === 'string') return (row) => parseJsonText(row[0] as string);
      return (row) => toDynamic(row[0]!, type);
    },
  }),

  define({
    name: 'parse_xml', min: 1, max: 1, kinds: ['text'],
    make: () => (row) => {
      const text = textOf(row[0]!);
      return text === null ? null : parseXml(text);
    },
  }),

  define({
    name: 'extract_json', aliases: ['extractjson'], min: 2, max: 3, kinds: ['text', 'text', 'any'],
    make: (args) => {
      const path = args[0]!.constant?.value;
      if (typeof path !== 'string') return { error: 'extract_json(): the JSONPath must be a constant string' };
      const steps = parseJsonPath(path);
      if (!steps) return { error: `extract_json(): '${path}' is not a supported JSONPath ($, .name, ['name'], [index])` };
      let type: ScalarType = 'string';
      if (args.length === 3) {
        // The type argument is typeof(T); it reaches bind as its type name.
        const name = args[2]!.constant?.value;
        const parsed = typeof name === 'string' ? parseTypeName(name.replace(/^typeof\((.*)\)$/i, '$1').trim()) : undefined;
        if (!parsed) return { error: 'extract_json(): the third argument must be a type, as typeof(long)' };
        type = parsed;
      }
      const impl: ScalarImpl = (row) => {
        const v = row[1];
        const json = typeof v === 'string' ? parseJson(v) : (v as Dynamic);
        const found = json === undefined ? undefined : walk(json, steps);
        if (found === undefined) return type === 'string' ? '' : null;
        return convert(found, 'dynamic', type);
      };
      return { type, impl };
    },
  }),

  define({
    name: 'dynamic_to_json', min: 1, max: 1, kinds: ['any'], type: 'string',
    make: (args) => {
      const type = args[0]!.type;
      return (row) => {
        const v = row[0]!;
        if (type === 'dynamic' && (Array.isArray(v) || isPlainObject(v))) return canonicalJson(v);
        return toKqlString(v, type);
      };
    },
  }),

  // ── arrays ──
  define({
    name: 'array_length', aliases: ['arraylength'], min: 1, max: 1, kinds: ['dynamic'], type: 'long',
    make: () => (row) => (Array.isArray(row[0]) ? row[0].length : null),
  }),

  define({
    name: 'array_concat', min: 1, max: 64, kinds: [], rest: 'dynamic',
    make: () => (row) => (row.every((a) => Array.isArray(a)) ? (row as Dynamic[][]).flat(1) : null),
  }),

  define({
    name: 'array_slice', min: 3, max: 3, kinds: ['dynamic', 'integer', 'integer'],
    make: () => (row) => {
      const arr = row[0];
      const start = intOf(row[1]!);
      const end = intOf(row[2]!);
      if (!Array.isArray(arr) || start === null || end === null) return null;
      // Negative indices count from the end; out-of-range indices are clamped.
      const from = Math.max(0, start < 0 ? arr.length + start : start);
      const to = Math.min(arr.length - 1, end < 0 ? arr.length + end : end);
      return from > to ? [] : arr.slice(from, to + 1);
    },
  }),

  define({
    name: 'array_index_of', min: 2, max: 5, kinds: ['dynamic', 'any', 'integer', 'integer', 'integer'], type: 'long',
    make: (args) => (row) => {
      const arr = row[0];
      if (!Array.isArray(arr)) return null;
      const start = args.length > 2 ? intOf(row[2]!) : 0;
      const length = args.length > 3 ? intOf(row[3]!) : -1;
      const occurrence = args.length > 4 ? intOf(row[4]!) : 1;
      // The page: null for "irrelevant inputs (occurrence < 0 or length < -1)".
      if (start === null || length === null || occurrence === null || length < -1 || occurrence < 0) return null;
      return indexOf(arr, canonicalJson(toDynamic(row[1]!, args[1]!.type)), start, length, occurrence);
    },
  }),

  define({
    name: 'array_reverse', min: 1, max: 1, kinds: ['dynamic'],
    make: () => (row) => (Array.isArray(row[0]) ? [...row[0]].reverse() : null),
  }),

  arraySort('array_sort_asc', false),
  arraySort('array_sort_desc', true),

  define({
    name: 'array_sum', min: 1, max: 1, kinds: ['dynamic'], type: 'real',
    make: () => (row) => {
      const arr = row[0];
      if (!Array.isArray(arr)) return null;
      let sum = 0;
      for (const v of arr) {
        // The page: an element of a non-numeric type makes the result null.
        if (typeof v !== 'number') return null;
        sum += v;
      }
      return sum;
    },
  }),

  define({
    name: 'array_iff', aliases: ['array_iif'], min: 3, max: 3, kinds: ['dynamic', 'any', 'any'],
    make: (args) => {
      // An array argument is read element-wise (missing elements are null); a scalar repeats.
      const pick = (v: Value, type: ScalarType, i: number): Dynamic =>
        type === 'dynamic' && Array.isArray(v) ? (v[i] ?? null) : toDynamic(v, type);
      return (row) => {
        const cond = row[0];
        if (!Array.isArray(cond)) return null;
        return cond.map((c, i) => {
          const truth = typeof c === 'boolean' ? c : typeof c === 'number' ? c !== 0 : null;
          if (truth === null) return null; // non-bool, non-numeric conditions give null
          return truth ? pick(row[1]!, args[1]!.type, i) : pick(row[2]!, args[2]!.type, i);
        });
      };
    },
  }),

  define({
    name: 'array_split', min: 2, max: 2, kinds: ['dynamic', 'integerOrDynamic'],
    make: () => (row) => {
      const arr = row[0];
      const at = row[1];
      if (!Array.isArray(arr)) return null;
      const indices = Array.isArray(at) ? at : [at];
      const parts: Dynamic[] = [];
      let prev = 0;
      for (const raw of indices) {
        const idx = intOf(raw as Value);
        if (idx === null) return null;
        // Negative indices count from the end; indices are clamped and never move backwards.
        const cut = Math.max(prev, Math.min(arr.length, idx < 0 ? arr.length + idx : idx));
        parts.push(arr.slice(prev, cut));
        prev = cut;
      }
      parts.push(arr.slice(prev));
      return parts;
    },
  }),

  shiftFunction('array_shift_left', 1),
  shiftFunction('array_shift_right', -1),
  rotateFunction('array_rotate_left', 1),
  rotateFunction('array_rotate_right', -1),

  define({
    name: 'strcat_array', aliases: ['array_strcat'], min: 2, max: 2, kinds: ['dynamic', 'any'], type: 'string',
    make: (args) => (row) => {
      const arr = row[0];
      if (!Array.isArray(arr)) return '';
      const delimiter = toKqlString(row[1]!, args[1]!.type);
      return arr.map((v) => toKqlString(v, 'dynamic')).join(delimiter);
    },
  }),

  define({
    name: 'pack_array', min: 1, max: Infinity, kinds: [], rest: 'any',
    make: (args) => (row) => row.map((v, i) => toDynamic(v, args[i]!.type)),
  }),

  define({
    name: 'zip', min: 2, max: 64, kinds: [], rest: 'dynamic',
    make: () => (row) => {
      if (!row.every((a) => Array.isArray(a))) return null;
      const arrays = row as Dynamic[][];
      const n = Math.max(...arrays.map((a) => a.length));
      return Array.from({ length: n }, (_, i) => arrays.map((a) => a[i] ?? null));
    },
  }),

  rangeFunction(),

  define({
    name: 'repeat', min: 2, max: 2, kinds: ['any', 'integer'],
    make: (args) => (row) => {
      const count = intOf(row[1]!);
      if (count === null || count < 0) return null;
      const value = toDynamic(row[0]!, args[0]!.type);
      return Array.from({ length: Math.min(count, MAX_SERIES) }, () => value);
    },
  }),

  // ── property bags ──
  {
    name: 'bag_pack',
    aliases: ['pack', 'pack_dictionary'],
    minArgs: 2,
    maxArgs: Infinity,
    bind(args) {
      if (args.length < 2 || args.length % 2 !== 0) {
        return { error: `bag_pack() expects an even number of arguments (key, value, ...), got ${args.length}` };
      }
      for (let i = 0; i < args.length; i += 2) {
        if (!KIND_SPEC.text.test(args[i]!.type)) return { error: `bag_pack(): key argument ${i + 1} must be a string, not ${args[i]!.type}` };
      }
      const impl: ScalarImpl = (row) => {
        const bag: Bag = {};
        for (let i = 0; i < row.length; i += 2) {
          const key = row[i];
          if (typeof key === 'string') setKey(bag, key, toDynamic(row[i + 1]!, args[i + 1]!.type));
        }
        return bag;
      };
      return { type: 'dynamic', impl };
    },
  },

  {
    // bag_pack_columns(c1, c2, ...): bag_pack keyed by the columns' names, which the binder passes
    // for plain column references; anything else is refused, as the official binder refuses it.
    name: 'bag_pack_columns',
    minArgs: 1,
    maxArgs: Infinity,
    bind(args) {
      const keys: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const key = args[i]!.columnName;
        if (key === undefined) return { error: `bag_pack_columns(): argument ${i + 1} must be a column` };
        keys.push(key);
      }
      const types = args.map((a) => a.type);
      const impl: ScalarImpl = (row) => {
        const bag: Bag = {};
        keys.forEach((key, i) => setKey(bag, key, toDynamic(row[i] ?? null, types[i]!)));
        return bag;
      };
      return { type: 'dynamic', impl };
    },
  },

  define({
    name: 'bag_keys', min: 1, max: 1, kinds: ['dynamic'],
    make: () => (row) => (isPlainObject(row[0]) ? Object.keys(row[0]) : null),
  }),

  define({
    name: 'bag_merge', min: 2, max: 64, kinds: [], rest: 'dynamic',
    make: () => (row) => {
      // When a key is in several bags the page leaves the choice open; its example keeps the first.
      const bags = row.filter(isPlainObject);
      if (bags.length === 0) return null;
      const merged: Bag = {};
      for (const bag of bags) {
        for (const key of Object.keys(bag)) if (!hasOwn(merged, key)) setKey(merged, key, bag[key]!);
      }
      return merged;
    },
  }),

  define({
    name: 'bag_remove_keys', min: 2, max: 2, kinds: ['dynamic', 'dynamic'],
    make: (args) => {
      const pathsOf = (keys: Value): string[][] | null =>
        Array.isArray(keys) ? keys.flatMap((k) => (typeof k === 'string' ? [parseBagKeyPath(k) ?? []] : [])) : null;
      const constant = args[1]!.constant ? pathsOf(args[1]!.constant.value) : undefined;
      return (row) => {
        const bag = row[0];
        const paths = constant !== undefined ? constant : pathsOf(row[1]!);
        if (!isPlainObject(bag) || !paths) return null;
        return paths.reduce((b, steps) => removePath(b, steps), bag);
      };
    },
  }),

  define({
    name: 'bag_has_key', min: 2, max: 2, kinds: ['dynamic', 'text'], type: 'bool',
    make: (args) => {
      const constant = args[1]!.constant;
      const fixed = constant && typeof constant.value === 'string' ? parseBagKeyPath(constant.value) : undefined;
      return (row) => {
        const bag = row[0];
        const key = textOf(row[1]!);
        if (!isPlainObject(bag) || key === null) return null;
        const steps = fixed !== undefined ? fixed : parseBagKeyPath(key);
        return steps ? walk(bag, steps) !== undefined : null;
      };
    },
  }),

  define({
    name: 'bag_set_key', min: 3, max: 3, kinds: ['dynamic', 'text', 'any'],
    make: (args) => {
      const constant = args[1]!.constant;
      const fixed = constant && typeof constant.value === 'string' ? parseBagKeyPath(constant.value) : undefined;
      return (row) => {
        const bag = row[0];
        const key = textOf(row[1]!);
        if (!isPlainObject(bag) || key === null) return null;
        const steps = fixed !== undefined ? fixed : parseBagKeyPath(key);
        // A root path ($ alone) is not supported.
        if (!steps || steps.length === 0) return null;
        return setPath(bag, steps, toDynamic(row[2]!, args[2]!.type));
      };
    },
  }),

  define({
    name: 'bag_zip', min: 2, max: 2, kinds: ['dynamic', 'dynamic'],
    make: () => (row) => {
      const keys = row[0];
      const values = row[1];
      if (!Array.isArray(keys)) return null;
      const bag: Bag = {};
      keys.forEach((k, i) => {
        // Keys that are not strings are skipped; missing (or non-array) values are null.
        if (typeof k === 'string') setKey(bag, k, Array.isArray(values) ? (values[i] ?? null) : null);
      });
      return bag;
    },
  }),

  // ── sets ──
  setFunction('set_union', (arrays) => distinct(arrays.flat(1))),
  setFunction('set_intersect', ([first, ...others]) => {
    const member = memberOf(others);
    return distinct(first!).filter((v) => member(v, true));
  }),
  setFunction('set_difference', ([first, ...others]) => {
    const member = memberOf(others);
    return distinct(first!).filter((v) => !member(v, false));
  }),

  define({
    name: 'set_has_element', min: 2, max: 2, kinds: ['dynamic', 'any'], type: 'bool',
    make: (args) => (row) => {
      const arr = row[0];
      if (!Array.isArray(arr)) return null;
      const id = canonicalJson(toDynamic(row[1]!, args[1]!.type));
      return arr.some((v) => canonicalJson(v) === id);
    },
  }),

  define({
    name: 'jaccard_index', min: 2, max: 2, kinds: ['dynamic', 'dynamic'], type: 'real',
    make: () => (row) => {
      const [a, b] = row;
      if (!Array.isArray(a) || !Array.isArray(b)) return null;
      const left = new Set(a.map(canonicalJson));
      const right = new Set(b.map(canonicalJson));
      let common = 0;
      for (const id of left) if (right.has(id)) common++;
      const union = left.size + right.size - common;
      // Two empty sets: 0/0, NaN, as a plain division gives.
      return common / union;
    },
  }),
];

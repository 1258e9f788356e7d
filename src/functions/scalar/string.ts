/**
 * Scalar functions: string family (strlen, substring, split, extract, replace_regex, trim, ...).
 *
 * Argument types follow Kusto.Language's signatures: a `string` parameter takes only a string, an
 * integer parameter an int or long, a `scalar` parameter any scalar, converted to its text where the
 * function works on text. Indexes and lengths count UTF-16 code units, as .NET strings do, except
 * strlen(), which the documentation says counts Unicode code points.
 */
import { convert, toKqlString } from '../../types/convert.js';
import { formatDatetime } from '../../types/datetime.js';
import { parseTypeName, type ScalarType } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import {
  allMatches, compileCached, compileRegex, countMatches, firstMatch, isRegexError, parseRewrite,
  type Regex, replaceAllMatches,
} from '../regex.js';
import { hasTerm } from '../operators.js';
import {
  ANY_SCALAR, type ArgSpec, checkArgs, DYNAMIC, INTEGER, NOT_DYNAMIC, NUMBER, STRING, STRING_OR_DYNAMIC,
} from './conversion.js';
import type { ArgInfo, BindResult, ScalarBinding, ScalarFunction, ScalarImpl } from '../types.js';

// ── argument checking ─────────────────────────────────────────────────────

/** Parameter kinds, named after Kusto.Language's ParameterTypeKind: a short name for each ArgSpec. */
export type ParamKind = 'string' | 'integer' | 'number' | 'scalar' | 'stringOrDynamic' | 'dynamic' | 'notDynamic';

/** Each kind's test, worded as this family's messages have always named it. */
const KIND_SPEC: Record<ParamKind, ArgSpec> = {
  string: { test: STRING.test, expected: 'string' },
  integer: { test: INTEGER.test, expected: 'int or long' },
  number: { test: NUMBER.test, expected: 'a number' },
  scalar: ANY_SCALAR,
  stringOrDynamic: { test: STRING_OR_DYNAMIC.test, expected: 'string or dynamic' },
  dynamic: { test: DYNAMIC.test, expected: 'dynamic' },
  notDynamic: NOT_DYNAMIC,
};

type Bind = (args: readonly ArgInfo[]) => BindResult<ScalarBinding>;

interface Spec {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly min: number;
  readonly max: number;
  readonly kinds: readonly ParamKind[];
  /** The kind of every argument past `kinds`; by default the last of `kinds` (strcat's variadic tail). */
  readonly rest?: ParamKind;
  /** Called once the argument count and types are known to be acceptable. */
  readonly bind: Bind;
}

/** A function whose argument checks come from its spec, so each definition states only its own work. */
export function define(spec: Spec): ScalarFunction {
  return {
    name: spec.name,
    ...(spec.aliases ? { aliases: spec.aliases } : {}),
    minArgs: spec.min,
    maxArgs: spec.max,
    bind(args) {
      if (args.length < spec.min || args.length > spec.max) {
        const expected = spec.min === spec.max ? `${spec.min}` : `${spec.min} to ${spec.max}`;
        return { error: `${spec.name}(): expects ${expected} argument(s) but got ${args.length}` };
      }
      const rest = spec.rest ?? spec.kinds[spec.kinds.length - 1];
      return checkArgs(spec.name, args, spec.kinds.map((k) => KIND_SPEC[k]), rest && KIND_SPEC[rest]) ?? spec.bind(args);
    },
  };
}

function constantOf(arg: ArgInfo | undefined): Value | undefined {
  return arg?.constant ? arg.constant.value : undefined;
}

// ── text of values ────────────────────────────────────────────────────────

/**
 * The text Kusto converts a value to when a function takes it as a string. Datetimes use the
 * round-trip form with seven fraction digits, as the reverse() and hash_*() examples show
 * (`2017-10-15T12:00:00.0000000Z`); everything else is tostring()'s text.
 */
export function textOf(v: Value, type: ScalarType): string {
  if (type === 'datetime' && typeof v === 'bigint') {
    const iso = formatDatetime(v);
    if (!iso) return '';
    const [whole, fraction = ''] = iso.slice(0, -1).split('.');
    return `${whole}.${fraction.padEnd(7, '0')}Z`;
  }
  return toKqlString(v, type);
}

/** Converts argument `i` to text inside an impl; `types` are the bound argument types. */
function texts(types: readonly ScalarType[]): (args: Value[], i: number) => string {
  return (args, i) => {
    const t = types[i]!;
    const v = args[i]!;
    return t === 'string' ? (v as string) : textOf(v, t);
  };
}

function codePointCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** UTF-8 size; a lone surrogate counts as the three bytes of the replacement character. */
function utf8Size(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// ── regex arguments ───────────────────────────────────────────────────────

/** Gets the compiled regex for a row: compiled once in bind when the pattern is a constant. */
type RegexFor = (pattern: Value) => Regex | null;

interface RegexArg {
  readonly get: RegexFor;
  /** Present when the pattern is a constant. */
  readonly fixed?: Regex;
}

function regexArg(name: string, arg: ArgInfo, wrap: (p: string) => string = (p) => p): { error: string } | RegexArg {
  const c = constantOf(arg);
  if (c !== undefined) {
    const r = compileRegex(wrap(textOf(c, arg.type)));
    if (isRegexError(r)) return { error: `${name}(): ${r.error}` };
    const regex = r.regex;
    return { get: () => regex, fixed: regex };
  }
  return { get: (p) => compileCached(wrap(textOf(p, arg.type))) };
}

// ── simple text functions ─────────────────────────────────────────────────

const strlen = define({
  name: 'strlen', min: 1, max: 1, kinds: ['stringOrDynamic'],
  bind: ([a]) => ({
    type: 'long',
    impl: a!.type === 'string'
      ? (args) => codePointCount(args[0] as string)
      : (args) => (args[0] === null ? null : codePointCount(textOf(args[0]!, 'dynamic'))),
  }),
});

const stringSize = define({
  name: 'string_size', min: 1, max: 1, kinds: ['stringOrDynamic'],
  bind: ([a]) => ({
    type: 'long',
    impl: a!.type === 'string'
      ? (args) => utf8Size(args[0] as string)
      : (args) => (args[0] === null ? null : utf8Size(textOf(args[0]!, 'dynamic'))),
  }),
});

function caseFunction(name: string, map: (s: string) => string): ScalarFunction {
  return define({
    name, min: 1, max: 1, kinds: ['scalar'],
    bind: (args) => {
      const text = texts(args.map((a) => a.type));
      return { type: 'string', impl: (v) => map(text(v, 0)) };
    },
  });
}

const strcat = define({
  name: 'strcat', min: 1, max: 64, kinds: ['scalar'],
  bind: (args) => {
    const text = texts(args.map((a) => a.type));
    return {
      type: 'string',
      impl: (v) => {
        let out = '';
        for (let i = 0; i < v.length; i++) out += text(v, i);
        return out;
      },
    };
  },
});

const strcatDelim = define({
  name: 'strcat_delim', min: 3, max: 65, kinds: ['scalar'],
  bind: (args) => {
    const text = texts(args.map((a) => a.type));
    return {
      type: 'string',
      impl: (v) => {
        const delim = text(v, 0);
        let out = text(v, 1);
        for (let i = 2; i < v.length; i++) out += delim + text(v, i);
        return out;
      },
    };
  },
});

/** Reverses by code points, so a surrogate pair stays a pair. */
const reverse = define({
  name: 'reverse', min: 1, max: 1, kinds: ['scalar'],
  bind: (args) => {
    const text = texts(args.map((a) => a.type));
    return { type: 'string', impl: (v) => Array.from(text(v, 0)).reverse().join('') };
  },
});

const substring = define({
  name: 'substring', min: 2, max: 3, kinds: ['scalar', 'integer', 'integer'],
  bind: (args) => {
    const text = texts(args.map((a) => a.type));
    return {
      type: 'string',
      impl: (v) => {
        const s = text(v, 0);
        let start = v[1] as number | null;
        const length = v.length > 2 ? (v[2] as number | null) : s.length;
        if (start === null || length === null || length < 0) return '';
        // A negative start counts back from the end of the string.
        if (start < 0) start = Math.max(0, s.length + start);
        return start >= s.length ? '' : s.substr(start, length);
      },
    };
  },
});

/** split(): an array of the parts, or with an index an array of just that part (empty when out of range). */
const split = define({
  name: 'split', min: 2, max: 3, kinds: ['scalar', 'string', 'integer'],
  bind: (args) => {
    const text = texts(args.map((a) => a.type));
    return {
      type: 'dynamic',
      impl: (v) => {
        const s = text(v, 0);
        const delim = v[1] as string;
        const parts = delim === '' ? [s] : s.split(delim);
        if (v.length < 3) return parts;
        const index = v[2] as number | null;
        if (index === null) return null;
        return index >= 0 && index < parts.length ? [parts[index]!] : [];
      },
    };
  },
});

const replaceString = define({
  name: 'replace_string', min: 3, max: 3, kinds: ['string', 'string', 'string'],
  bind: () => ({
    type: 'string',
    impl: (v) => {
      const lookup = v[1] as string;
      return lookup === '' ? v[0] : (v[0] as string).split(lookup).join(v[2] as string);
    },
  }),
});

/**
 * replace_strings(): the lookups claim their matches in order, each every non-overlapping match in the
 * text the earlier ones left, so an earlier lookup wins: ['is', 'This'] turns "This" into "Thwas", as
 * the page's example shows. A match whose rewrite is not a string (or is missing) stays as it is, and
 * its text is still claimed. Lookups that are not strings, or are empty, are ignored.
 */
function replaceStringsIn(text: string, lookups: readonly Dynamic[], rewrites: readonly Dynamic[]): string {
  const claimed = new Uint8Array(text.length);
  const matches: { start: number; end: number; rewrite: string | undefined }[] = [];
  lookups.forEach((lookup, k) => {
    if (typeof lookup !== 'string' || lookup === '') return;
    const rewrite = rewrites[k];
    for (let i = text.indexOf(lookup); i !== -1;) {
      const end = i + lookup.length;
      if (claimed.subarray(i, end).includes(1)) {
        i = text.indexOf(lookup, i + 1);
        continue;
      }
      claimed.fill(1, i, end);
      matches.push({ start: i, end, rewrite: typeof rewrite === 'string' ? rewrite : undefined });
      i = text.indexOf(lookup, end);
    }
  });
  matches.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + (m.rewrite ?? text.slice(m.start, m.end));
    at = m.end;
  }
  return out + text.slice(at);
}

const replaceStrings = define({
  name: 'replace_strings', min: 3, max: 3, kinds: ['string', 'dynamic', 'dynamic'],
  bind: () => ({
    type: 'string',
    impl: (v) => {
      const [text, lookups, rewrites] = v;
      // Lookups or rewrites that are not arrays replace nothing.
      if (!Array.isArray(lookups) || !Array.isArray(rewrites)) return text!;
      return replaceStringsIn(text as string, lookups, rewrites);
    },
  }),
});

/**
 * has_any_index(): the position of the first of the values the source `has` (whole terms, case
 * insensitive), -1 when none is; values that are not strings are looked up as their text (the page
 * looks up range(1, 3, 1)), null elements never match, and values that are not an array give null.
 */
const hasAnyIndex = define({
  name: 'has_any_index', min: 2, max: 2, kinds: ['stringOrDynamic', 'dynamic'],
  bind: ([source]) => ({
    type: 'long',
    impl: (v) => {
      const values = v[1];
      if (!Array.isArray(values)) return null;
      const text = source!.type === 'string' ? (v[0] as string) : textOf(v[0]!, 'dynamic');
      return values.findIndex((x) => x !== null && hasTerm(text, typeof x === 'string' ? x : toKqlString(x, 'dynamic'), 'has', false));
    },
  }),
});

/**
 * translate(): each character of the source found in searchList becomes the character at the same
 * position of replacementList, or its last character when that list is shorter, or is removed when
 * it is empty (the documented examples: ("abc","x","abc") → "xxx", ("abc","","ab") → "").
 */
const translate = define({
  name: 'translate', min: 3, max: 3, kinds: ['string', 'string', 'string'],
  bind: () => ({
    type: 'string',
    impl: (v) => {
      const search = Array.from(v[0] as string);
      const replacement = Array.from(v[1] as string);
      const map = new Map<string, string>();
      search.forEach((c, i) => {
        if (!map.has(c)) map.set(c, replacement.length === 0 ? '' : replacement[Math.min(i, replacement.length - 1)]!);
      });
      let out = '';
      for (const c of v[2] as string) out += map.get(c) ?? c;
      return out;
    },
  }),
});

/** The documented upper bound of strrep()'s multiplier. */
const STRREP_MAX = 67_108_864;

const strrep = define({
  name: 'strrep', min: 2, max: 3, kinds: ['scalar', 'integer', 'scalar'],
  bind: (args) => {
    const text = texts(args.map((a) => a.type));
    return {
      type: 'string',
      impl: (v) => {
        const times = v[1] as number | null;
        if (times === null || times < 1) return '';
        const delim = v.length > 2 ? text(v, 2) : '';
        const n = Math.min(times, STRREP_MAX);
        const value = text(v, 0);
        // String.repeat builds the result by doubling; an array of n copies joined would take gigabytes.
        return delim === '' ? value.repeat(n) : `${`${value}${delim}`.repeat(n - 1)}${value}`;
      },
    };
  },
});

/** strcmp(): ordinal comparison, -1, 0 or 1. */
const strcmp = define({
  name: 'strcmp', min: 2, max: 2, kinds: ['scalar', 'scalar'],
  bind: (args) => {
    const text = texts(args.map((a) => a.type));
    return {
      type: 'long',
      impl: (v) => {
        const a = text(v, 0);
        const b = text(v, 1);
        return a === b ? 0 : a < b ? -1 : 1;
      },
    };
  },
});

/** isempty(): null, or an empty string (a string's null). */
function isEmptyValue(v: Value): boolean {
  return v === null || v === '';
}

const isempty = define({
  name: 'isempty', min: 1, max: 1, kinds: ['scalar'],
  bind: () => ({ type: 'bool', impl: (v) => isEmptyValue(v[0]!) }),
});

const isnotempty = define({
  name: 'isnotempty', aliases: ['notempty'], min: 1, max: 1, kinds: ['scalar'],
  bind: () => ({ type: 'bool', impl: (v) => !isEmptyValue(v[0]!) }),
});

// ── searching ─────────────────────────────────────────────────────────────

/** Finds `needle` in text[from, end): the start and end of the match, or null. */
type Finder = (text: string, from: number, end: number) => { start: number; end: number } | null;

/**
 * The shared search of indexof() and indexof_regex(). Each occurrence is looked for in a window of
 * `length` characters from where the search resumes (right after the previous occurrence's start
 * for plain text, after its end for a regex); the documented examples need exactly that reading:
 * indexof("abcdefgabcdefg", "cde", 1, 10, 2) is 9 although 9 + 3 > 1 + 10.
 */
function occurrenceIndex(
  text: string, find: Finder, start: number, length: number, occurrence: number, overlapping: boolean,
): number | null {
  if (length < -1 || occurrence < 0) return null;
  if (occurrence === 0 || start > text.length) return -1;
  let from = start;
  let found = -1;
  for (let k = 0; k < occurrence; k++) {
    if (from > text.length) return -1;
    const end = length === -1 ? text.length : Math.min(text.length, from + length);
    const m = find(text, from, end);
    if (!m) return -1;
    found = m.start;
    from = overlapping || m.end === m.start ? m.start + 1 : m.end;
  }
  return found;
}

const findText = (needle: string): Finder => (text, from, end) => {
  const i = text.indexOf(needle, from);
  return i === -1 || i + needle.length > end ? null : { start: i, end: i + needle.length };
};

const findRegex = (regex: Regex): Finder => (text, from, end) => {
  const m = firstMatch(regex, text.slice(from, end));
  return m ? { start: from + m.start, end: from + m.end } : null;
};

/** Reads the optional start, length and occurrence arguments; undefined when one of them is null. */
function searchRange(v: Value[]): [number, number, number] | undefined {
  const start = v.length > 2 ? (v[2] as number | null) : 0;
  const length = v.length > 3 ? (v[3] as number | null) : -1;
  const occurrence = v.length > 4 ? (v[4] as number | null) : 1;
  if (start === null || length === null || occurrence === null) return undefined;
  return [start, length, occurrence];
}

const indexof = define({
  name: 'indexof', min: 2, max: 5, kinds: ['scalar', 'scalar', 'integer', 'integer', 'integer'],
  bind: (args) => {
    const text = texts(args.map((a) => a.type));
    return {
      type: 'long',
      impl: (v) => {
        const range = searchRange(v);
        if (!range) return null;
        const s = text(v, 0);
        const [start, length, occurrence] = range;
        // A negative start counts back from the end.
        const from = start < 0 ? Math.max(0, s.length + start) : start;
        return occurrenceIndex(s, findText(text(v, 1)), from, length, occurrence, true);
      },
    };
  },
});

const indexofRegex = define({
  name: 'indexof_regex', min: 2, max: 5, kinds: ['scalar', 'scalar', 'integer', 'integer', 'integer'],
  bind: (args) => {
    const re = regexArg('indexof_regex', args[1]!);
    if ('error' in re) return re;
    const text = texts(args.map((a) => a.type));
    return {
      type: 'long',
      impl: (v) => {
        const range = searchRange(v);
        const regex = re.get(v[1]!);
        // Unlike indexof(), the documented example gives null for a negative start.
        if (!range || !regex || range[0] < 0) return null;
        return occurrenceIndex(text(v, 0), findRegex(regex), range[0], range[1], range[2], false);
      },
    };
  },
});

/** Occurrences of a plain string, overlapping ones included ("aaaa" holds "aa" three times). */
function countText(s: string, needle: string): number {
  if (needle === '') return 0;
  let n = 0;
  for (let i = s.indexOf(needle); i !== -1; i = s.indexOf(needle, i + 1)) n++;
  return n;
}

const countof = define({
  name: 'countof', min: 2, max: 3, kinds: ['string', 'string', 'string'],
  bind: (args) => {
    const kind = args.length > 2 ? constantOf(args[2]) : 'normal';
    if (kind !== 'normal' && kind !== 'regex') {
      return { error: "countof(): kind must be the literal 'normal' or 'regex'" };
    }
    if (kind === 'normal') return { type: 'long', impl: (v) => countText(v[0] as string, v[1] as string) };
    const re = regexArg('countof', args[1]!);
    if ('error' in re) return re;
    return {
      type: 'long',
      impl: (v) => {
        const regex = re.get(v[1]!);
        return regex ? countMatches(regex, v[0] as string) : null;
      },
    };
  },
});

// ── regex functions ───────────────────────────────────────────────────────

/**
 * The type named by extract()'s typeLiteral. The binder hands `typeof(long)` over as a constant
 * holding the type's name; the `typeof(...)` spelling is accepted too.
 */
function typeLiteral(arg: ArgInfo): ScalarType | undefined {
  const c = constantOf(arg);
  if (typeof c !== 'string') return undefined;
  const m = /^\s*(?:typeof\s*\(\s*)?([A-Za-z0-9_]+)\s*\)?\s*$/.exec(c);
  return m ? parseTypeName(m[1]!) : undefined;
}

const extract = define({
  name: 'extract', min: 3, max: 4, kinds: ['string', 'integer', 'string', 'scalar'],
  bind: (args) => {
    const re = regexArg('extract', args[0]!);
    if ('error' in re) return re;
    let type: ScalarType = 'string';
    if (args.length > 3) {
      const t = typeLiteral(args[3]!);
      if (!t) return { error: 'extract(): argument 4 must be a type literal such as typeof(long)' };
      type = t;
    }
    const none: Value = type === 'string' ? '' : null;
    return {
      type,
      impl: (v) => {
        const regex = re.get(v[0]!);
        const group = v[1] as number | null;
        if (!regex || group === null || group < 0 || group > regex.groupCount) return none;
        const m = firstMatch(regex, v[2] as string);
        const found = m?.groups[group];
        if (found === undefined) return none;
        return type === 'string' ? found : convert(found, 'string', type);
      },
    };
  },
});

/** Resolves extract_all()'s captureGroups (numbers or group names) to group numbers, or an error text. */
function selectGroups(spec: Dynamic, regex: Regex): number[] | string {
  if (!Array.isArray(spec) || spec.length === 0) return 'captureGroups must be a non-empty array';
  const groups: number[] = [];
  for (const g of spec) {
    const n = typeof g === 'string' ? regex.groupNames[g] : g;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > regex.groupCount) {
      return `capture group ${JSON.stringify(g)} is not a group of the regex (1 to ${regex.groupCount} or a group name)`;
    }
    groups.push(n);
  }
  return groups;
}

function allGroups(regex: Regex): number[] {
  return Array.from({ length: regex.groupCount }, (_, i) => i + 1);
}

/** The documented limit on extract_all()'s capture groups. */
const MAX_EXTRACT_GROUPS = 16;

function checkExtractAllRegex(regex: Regex): string | undefined {
  if (regex.groupCount < 1 || regex.groupCount > MAX_EXTRACT_GROUPS) {
    return `extract_all(): the regex must have between 1 and ${MAX_EXTRACT_GROUPS} capture groups, '${regex.pattern}' has ${regex.groupCount}`;
  }
  return undefined;
}

/** One value per match: the group's text when one group is selected, else an array of them. */
function extractAllFrom(regex: Regex, groups: readonly number[], text: string): Dynamic {
  const rows: Dynamic[] = [];
  for (const m of allMatches(regex, text)) {
    if (groups.length === 1) rows.push(m.groups[groups[0]!] ?? '');
    else rows.push(groups.map((g) => m.groups[g] ?? ''));
  }
  return rows.length > 0 ? rows : null;
}

const extractAll = define({
  name: 'extract_all', aliases: ['extractall'], min: 2, max: 3, kinds: ['string', 'scalar', 'string'],
  bind: (args) => {
    // The middle argument is the source in the two-argument form and the group list in the other.
    const [middle, want] = args.length === 2 ? [args[1]!, 'string'] : [args[1]!, 'dynamic'];
    if (middle.type !== want) return { error: `extract_all(): argument 2 must be ${want}, not ${middle.type}` };
    const re = regexArg('extract_all', args[0]!);
    if ('error' in re) return re;
    const sourceAt = args.length - 1;
    const groupSpec = args.length === 3 ? constantOf(args[1]) : undefined;
    const constRegex = re.fixed;
    let fixedGroups: number[] | undefined;
    if (constRegex) {
      const bad = checkExtractAllRegex(constRegex);
      if (bad) return { error: bad };
      if (args.length === 2) fixedGroups = allGroups(constRegex);
      else if (groupSpec !== undefined) {
        const sel = selectGroups(groupSpec as Dynamic, constRegex);
        if (typeof sel === 'string') return { error: `extract_all(): ${sel}` };
        fixedGroups = sel;
      }
    }
    return {
      type: 'dynamic',
      impl: (v) => {
        const regex = constRegex ?? re.get(v[0]!);
        if (!regex || checkExtractAllRegex(regex)) return null;
        let groups = fixedGroups;
        if (!groups) {
          const sel = args.length === 2 ? allGroups(regex) : selectGroups(v[1] as Dynamic, regex);
          if (typeof sel === 'string') return null;
          groups = sel;
        }
        return extractAllFrom(regex, groups, v[sourceAt] as string);
      },
    };
  },
});

/** Binds a regex replacement given where its source, regex and rewrite arguments are. */
function bindReplaceRegex(name: string, args: readonly ArgInfo[], at: { source: number; regex: number; rewrite: number }): BindResult<ScalarBinding> {
  const re = regexArg(name, args[at.regex]!);
  if ('error' in re) return re;
  const constRewrite = constantOf(args[at.rewrite]);
  const fixed = typeof constRewrite === 'string' ? parseRewrite(constRewrite) : undefined;
  const impl: ScalarImpl = (v) => {
    const regex = re.get(v[at.regex]!);
    const source = v[at.source] as string;
    if (!regex) return source;
    return replaceAllMatches(regex, source, fixed ?? parseRewrite(v[at.rewrite] as string));
  };
  return { type: 'string', impl };
}

const replaceRegex = define({
  name: 'replace_regex', min: 3, max: 3, kinds: ['string', 'string', 'string'],
  bind: (args) => bindReplaceRegex('replace_regex', args, { source: 0, regex: 1, rewrite: 2 }),
});

/**
 * The deprecated replace() is replace_regex() with its arguments in another order:
 * replace(regex, rewrite, source), per Kusto.Language's signature, so it cannot be a plain alias.
 */
const replaceLegacy = define({
  name: 'replace', min: 3, max: 3, kinds: ['string', 'string', 'string'],
  bind: (args) => bindReplaceRegex('replace', args, { source: 2, regex: 0, rewrite: 1 }),
});

/** trim(), trim_start() and trim_end(): remove the run of regex matches at either or both ends. */
function trimFunction(name: string, atStart: boolean, atEnd: boolean): ScalarFunction {
  return define({
    name, min: 2, max: 2, kinds: ['string', 'string'],
    bind: (args) => {
      const head = atStart ? regexArg(name, args[0]!, (p) => `^(?:${p})+`) : undefined;
      if (head && 'error' in head) return head;
      const tail = atEnd ? regexArg(name, args[0]!, (p) => `(?:${p})+$`) : undefined;
      if (tail && 'error' in tail) return tail;
      return {
        type: 'string',
        impl: (v) => {
          let s = v[1] as string;
          const headRegex = head?.get(v[0]!);
          const m = headRegex ? firstMatch(headRegex, s) : null;
          if (m) s = s.slice(m.end);
          const tailRegex = tail?.get(v[0]!);
          const n = tailRegex ? firstMatch(tailRegex, s) : null;
          return n ? s.slice(0, n.start) : s;
        },
      };
    },
  });
}

export const stringFunctions: ScalarFunction[] = [
  strlen,
  stringSize,
  caseFunction('tolower', (s) => s.toLowerCase()),
  caseFunction('toupper', (s) => s.toUpperCase()),
  strcat,
  strcatDelim,
  substring,
  split,
  replaceString,
  replaceStrings,
  replaceRegex,
  replaceLegacy,
  trimFunction('trim', true, true),
  trimFunction('trim_start', true, false),
  trimFunction('trim_end', false, true),
  indexof,
  indexofRegex,
  countof,
  reverse,
  translate,
  strrep,
  strcmp,
  extract,
  extractAll,
  isempty,
  isnotempty,
  hasAnyIndex,
];

/**
 * parse-kv's reading of key/value text, in its three modes:
 *
 * - delimited: pairs separated by a pair delimiter, key and value by a key/value delimiter; an
 *   unquoted value ends at the next pair delimiter, or (greedy) at the next pair delimiter that is
 *   followed by a key.
 * - words: no delimiters given, so every character that is not a letter or digit separates; a key is a
 *   listed key name standing as a whole word, and its value is the word (or quoted text) after it.
 * - regex: every match of a regex with two groups is a pair, the first group the key, the second the value.
 *
 * A key or value may be wrapped in quotes (delimited and words modes); inside quotes an escape
 * character takes the next character literally. Unquoted keys and values are trimmed of white space;
 * quoted ones are taken as written. The first appearance of a key wins.
 */
import { isTermChar } from './operators.js';
import { allMatches, type Regex } from './regex.js';

/** An opening and a closing quote character (the same one for `"`). */
export interface Quote {
  readonly open: string;
  readonly close: string;
}

export interface Quoting {
  readonly quotes: readonly Quote[];
  readonly escapes: readonly string[];
}

export type KeyValueSyntax =
  | ({ readonly mode: 'delimited'; readonly pairDelimiter: string; readonly kvDelimiter: string; readonly greedy: boolean } & Quoting)
  | ({ readonly mode: 'words' } & Quoting)
  | { readonly mode: 'regex'; readonly regex: Regex };

/** Reads one text: each listed key's value, by the key's position in the list; undefined where the key is absent. */
export type KeyValueReader = (text: string) => (string | undefined)[];

/** Prepares a reader for `keys` once; the reader is then called per row. */
export function keyValueReader(syntax: KeyValueSyntax, keys: readonly string[]): KeyValueReader {
  const slots = new Map(keys.map((k, i) => [k, i]));
  const pairs = pairSource(syntax, keys);
  return (text) => {
    const values: (string | undefined)[] = new Array(keys.length).fill(undefined);
    let missing = keys.length;
    for (const [key, value] of pairs(text)) {
      const slot = slots.get(key);
      if (slot === undefined || values[slot] !== undefined) continue;
      values[slot] = value;
      if (--missing === 0) break;
    }
    return values;
  };
}

type PairSource = (text: string) => Iterable<readonly [string, string]>;

function pairSource(syntax: KeyValueSyntax, keys: readonly string[]): PairSource {
  switch (syntax.mode) {
    case 'delimited': {
      const quotes = new QuoteReader(syntax);
      return (text) => delimitedPairs(text, syntax, quotes);
    }
    case 'words': {
      const quotes = new QuoteReader(syntax);
      // Longer names first, so a key that starts another key's name does not hide it.
      const names = [...keys].sort((a, b) => b.length - a.length);
      return (text) => wordPairs(text, names, quotes);
    }
    case 'regex':
      return (text) => regexPairs(text, syntax.regex);
  }
}

/** Quoted text: where a quote opens, and what it holds up to its closing quote. */
class QuoteReader {
  private readonly closing: Map<string, string>;
  private readonly escapes: ReadonlySet<string>;

  constructor(quoting: Quoting) {
    this.closing = new Map(quoting.quotes.map((q) => [q.open, q.close]));
    this.escapes = new Set(quoting.escapes);
  }

  opensAt(text: string, at: number): boolean {
    return at < text.length && this.closing.has(text[at]!);
  }

  /**
   * The quoted text opening at `at`, escapes resolved, and the position after its closing quote
   * (the end of the text when it is never closed). An escape character that is also the closing
   * quote escapes only a following closing quote (`""` inside `"..."`), and otherwise closes.
   */
  read(text: string, at: number): { value: string; end: number } {
    const close = this.closing.get(text[at]!)!;
    let value = '';
    let from = at + 1;
    for (let i = from; i < text.length; i++) {
      const c = text[i]!;
      const next = text[i + 1];
      if (this.escapes.has(c) && next !== undefined && (c !== close || next === close)) {
        value += text.slice(from, i) + next;
        from = i + 2;
        i++;
      } else if (c === close) {
        return { value: value + text.slice(from, i), end: i + 1 };
      }
    }
    return { value: value + text.slice(from), end: text.length };
  }
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0';
}

// ── delimited ─────────────────────────────────────────────────────────────

type Delimited = Extract<KeyValueSyntax, { mode: 'delimited' }>;

function* delimitedPairs(text: string, syntax: Delimited, quotes: QuoteReader): Generator<readonly [string, string]> {
  const { pairDelimiter: pair, kvDelimiter: kv } = syntax;
  /** White space that does not start a pair delimiter (which may itself be a space). */
  const skipSpaces = (i: number) => {
    while (isSpace(text[i]) && !text.startsWith(pair, i)) i++;
    return i;
  };
  /** The position after the pair delimiter at or after `i`, or the end of the text. */
  const nextPair = (i: number) => {
    const at = text.indexOf(pair, i);
    return at < 0 ? text.length : at + pair.length;
  };
  /** The key of the pair at `i` and where its value starts (after the key/value delimiter); undefined when the pair has none. */
  const keyAt = (i: number): { key: string; valueStart: number } | undefined => {
    if (quotes.opensAt(text, i)) {
      const quoted = quotes.read(text, i);
      const j = skipSpaces(quoted.end);
      return text.startsWith(kv, j) ? { key: quoted.value, valueStart: j + kv.length } : undefined;
    }
    const kvAt = text.indexOf(kv, i);
    if (kvAt < 0) return undefined;
    const pairAt = text.indexOf(pair, i);
    return pairAt >= 0 && pairAt < kvAt ? undefined : { key: text.slice(i, kvAt).trim(), valueStart: kvAt + kv.length };
  };
  /** The start of the next pair: past white space and empty pairs. */
  const pairStart = (i: number) => {
    for (;;) {
      if (text.startsWith(pair, i)) i += pair.length;
      else if (isSpace(text[i])) i++;
      else return i;
    }
  };
  /** Greedy: an unquoted value runs to the first pair delimiter that a key follows. */
  const greedyEnd = (i: number) => {
    for (let at = text.indexOf(pair, i); at >= 0; at = text.indexOf(pair, at + pair.length)) {
      const next = pairStart(at + pair.length);
      if (next < text.length && keyAt(next)) return at;
    }
    return text.length;
  };

  let i = pairStart(0);
  while (i < text.length) {
    const found = keyAt(i);
    if (!found) {
      i = pairStart(nextPair(quotes.opensAt(text, i) ? quotes.read(text, i).end : i));
      continue;
    }
    const valueAt = skipSpaces(found.valueStart);
    if (quotes.opensAt(text, valueAt)) {
      const quoted = quotes.read(text, valueAt);
      yield [found.key, quoted.value];
      i = pairStart(nextPair(quoted.end));
      continue;
    }
    const at = syntax.greedy ? greedyEnd(found.valueStart) : text.indexOf(pair, found.valueStart);
    const end = at < 0 ? text.length : at;
    yield [found.key, text.slice(found.valueStart, end).trim()];
    i = pairStart(end);
  }
}

// ── words ─────────────────────────────────────────────────────────────────

function isWordChar(text: string, i: number): boolean {
  return i < text.length && isTermChar(text.charCodeAt(i));
}

function wordEnd(text: string, i: number): number {
  while (isWordChar(text, i)) i++;
  return i;
}

/**
 * Key names are looked for where a word or a quote starts; a key stands as a whole word (no letter or
 * digit right after it) or as the whole quoted text. Its value is the next word or quoted text after the
 * separating characters. A word that is no listed key is passed over, and so is a key with no value after it.
 */
function* wordPairs(text: string, names: readonly string[], quotes: QuoteReader): Generator<readonly [string, string]> {
  let i = 0;
  while (i < text.length) {
    const quoted = quotes.opensAt(text, i);
    if (!quoted && !isWordChar(text, i)) {
      i++;
      continue;
    }
    let key: string | undefined;
    let keyEnd: number;
    if (quoted) {
      const q = quotes.read(text, i);
      key = names.includes(q.value) ? q.value : undefined;
      keyEnd = q.end;
    } else {
      key = names.find((name) => name.length > 0 && text.startsWith(name, i) && !isWordChar(text, i + name.length));
      keyEnd = key === undefined ? wordEnd(text, i) : i + key.length;
    }
    i = keyEnd;
    if (key === undefined) continue;
    while (i < text.length && !isWordChar(text, i) && !quotes.opensAt(text, i)) i++;
    if (i >= text.length) return;
    if (quotes.opensAt(text, i)) {
      const value = quotes.read(text, i);
      yield [key, value.value];
      i = value.end;
    } else {
      const end = wordEnd(text, i);
      yield [key, text.slice(i, end)];
      i = end;
    }
  }
}

// ── regex ─────────────────────────────────────────────────────────────────

function* regexPairs(text: string, regex: Regex): Generator<readonly [string, string]> {
  for (const m of allMatches(regex, text)) {
    const key = m.groups[1];
    if (key !== undefined) yield [key.trim(), (m.groups[2] ?? '').trim()];
  }
}

/**
 * Finds a key repeated within one JSON object of a row's text. JSON.parse keeps the last value of a
 * repeated key and drops the others without a word; the loader reports the row instead.
 *
 * The usual row has no repeated key, so the check is first a cheap count: the `":` pairs of the text
 * (each key ends in one) against the keys of the parsed value. Only when the text has more does the
 * exact scan run, which also tells a pair inside a string value from a key.
 */

/** The repeated key of a row whose text is buf[start, end) and whose parsed value is `parsed`, if any. */
export function repeatedKey(buf: Buffer, start: number, end: number, parsed: unknown): string | undefined {
  return keyEnds(buf, start, end) > countKeys(parsed) ? duplicateKey(buf, start, end) : undefined;
}

/** `":` pairs not preceded by a backslash: at least the number of keys written. */
function keyEnds(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(COLON, start); i >= 0 && i < end; i = buf.indexOf(COLON, i + 1)) {
    if (buf[i - 1] === QUOTE && buf[i - 2] !== BACKSLASH) n++;
  }
  return n;
}

/** The keys of every object in a parsed value, walked without recursion (values may nest deeply). */
function countKeys(value: unknown): number {
  let n = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const item of v) if (item !== null && typeof item === 'object') pending.push(item);
      continue;
    }
    for (const key in v) {
      n++;
      const item = (v as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') pending.push(item);
    }
  }
  return n;
}

const QUOTE = 34;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const COLON = 58;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

/** The first key repeated in an object of buf[start, end) (as written, quotes removed), if any. */
function duplicateKey(buf: Buffer, start: number, end: number): string | undefined {
  // One entry per open container: the object's first key's bytes, then a set once there are more.
  const firstKey: (string | undefined)[] = [];
  const keys: (Set<string> | undefined)[] = [];
  const isObject: boolean[] = [];
  let depth = 0;
  let i = start;
  while (i < end) {
    const c = buf[i]!;
    if (c === QUOTE) {
      const open = i;
      let j = i + 1;
      for (;;) {
        j = buf.indexOf(QUOTE, j);
        if (j < 0 || j >= end) return undefined; // malformed: JSON.parse reports it
        let slashes = 0;
        while (buf[j - 1 - slashes] === BACKSLASH) slashes++;
        if (slashes % 2 === 0) break;
        j++;
      }
      const close = j;
      i = close + 1;
      if (depth === 0 || !isObject[depth - 1]) continue;
      let k = i;
      while (k < end && (buf[k] === SPACE || buf[k] === TAB || buf[k] === LF || buf[k] === CR)) k++;
      if (buf[k] !== COLON) continue; // a value, not a key
      const key = buf.toString('utf8', open + 1, close);
      const d = depth - 1;
      if (firstKey[d] === undefined) {
        firstKey[d] = key;
        continue;
      }
      let set = keys[d];
      if (set === undefined) set = keys[d] = new Set([firstKey[d]!]);
      if (set.has(key)) return key;
      set.add(key);
      continue;
    }
    if (c === LBRACE || c === LBRACKET) {
      isObject[depth] = c === LBRACE;
      firstKey[depth] = undefined;
      keys[depth] = undefined;
      depth++;
    } else if (c === RBRACE || c === RBRACKET) {
      if (depth > 0) depth--;
    }
    i++;
  }
  return undefined;
}

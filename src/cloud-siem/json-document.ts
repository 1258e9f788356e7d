/**
 * A JSON text parsed into nodes that remember their offsets, so that a rule file's problems can name
 * the line and column of the key they are about (JSON.parse keeps no positions).
 */

export type JsonNode =
  | { readonly kind: 'object'; readonly offset: number; readonly entries: readonly JsonEntry[] }
  | { readonly kind: 'array'; readonly offset: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly offset: number; readonly value: string }
  | { readonly kind: 'number'; readonly offset: number; readonly value: number }
  | { readonly kind: 'boolean'; readonly offset: number; readonly value: boolean }
  | { readonly kind: 'null'; readonly offset: number };

export interface JsonEntry {
  readonly key: string;
  readonly keyOffset: number;
  readonly value: JsonNode;
}

export type JsonParse = { readonly root: JsonNode } | { readonly error: string; readonly offset: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

export function parseJsonDocument(text: string): JsonParse {
  let pos = 0;
  const skip = () => {
    while (pos < text.length && ' \t\r\n\ufeff'.includes(text[pos]!)) pos++;
  };
  const fail = (what: string): never => {
    const found = pos >= text.length ? 'the end of the file' : `'${text[pos]}'`;
    throw new JsonSyntaxError(`invalid JSON: expected ${what} but found ${found}`, pos);
  };
  const string = (): string => {
    STRING.lastIndex = pos;
    const m = STRING.exec(text);
    if (!m) fail('a string');
    pos += m![0].length;
    return JSON.parse(m![0]) as string;
  };
  const value = (depth: number): JsonNode => {
    if (depth > 200) fail('less nesting');
    skip();
    const offset = pos;
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      const entries: JsonEntry[] = [];
      skip();
      if (text[pos] === '}') {
        pos++;
        return { kind: 'object', offset, entries };
      }
      for (;;) {
        skip();
        const keyOffset = pos;
        if (text[pos] !== '"') fail('a key in double quotes');
        const key = string();
        skip();
        if (text[pos] !== ':') fail("':'");
        pos++;
        entries.push({ key, keyOffset, value: value(depth + 1) });
        skip();
        if (text[pos] === ',') pos++;
        else if (text[pos] === '}') {
          pos++;
          return { kind: 'object', offset, entries };
        } else fail("',' or '}'");
      }
    }
    if (ch === '[') {
      pos++;
      const items: JsonNode[] = [];
      skip();
      if (text[pos] === ']') {
        pos++;
        return { kind: 'array', offset, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        skip();
        if (text[pos] === ',') pos++;
        else if (text[pos] === ']') {
          pos++;
          return { kind: 'array', offset, items };
        } else fail("',' or ']'");
      }
    }
    if (ch === '"') return { kind: 'string', offset, value: string() };
    for (const [word, node] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return node === null ? { kind: 'null', offset } : { kind: 'boolean', offset, value: node };
      }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) return fail('a value');
    pos += m[0].length;
    return { kind: 'number', offset, value: Number(m[0]) };
  };
  try {
    const root = value(0);
    skip();
    if (pos < text.length) fail('the end of the file');
    return { root };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { error: e.message, offset: e.offset };
    throw e;
  }
}

/** The plain value of a node, as JSON.parse would give it. */
export function plainValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.entries.map((e) => [e.key, plainValue(e.value)]));
    case 'array':
      return node.items.map(plainValue);
    case 'null':
      return null;
    default:
      return node.value;
  }
}

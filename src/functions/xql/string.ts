/**
 * XQL's string functions (the *concat*, *lowercase*, *uppercase*, *len*, *trim*, *ltrim*, *rtrim*,
 * *replace*, *replex*, *split*, *string_count*, *regextract* and *format_string* pages).
 *
 * concat returns null when any argument is null or empty (its page: "If any of the fields have a
 * null/empty value, the function returns empty"; docs/semantics.md says why null). Regular expressions
 * are RE2, as the docs say, through the shared regex module; replex's replacement names groups `\\1`.
 */
import { allMatches, compileCached, parseRewrite, replaceAllMatches } from '../regex.js';
import { bindError, checkArgs, STRING } from '../scalar/conversion.js';
import type { ArgInfo, ScalarFunction, ScalarImpl } from '../types.js';
import { ANY, TEXT, textOf, xqlString } from './values.js';
import type { ScalarType } from '../../types/scalar-type.js';

function stringFn(name: string, min: number, max: number, type: ScalarType, impl: (text: string, a: readonly (string | null)[]) => unknown): ScalarFunction {
  return {
    name,
    minArgs: min,
    maxArgs: max,
    bind(args: readonly ArgInfo[]) {
      const bad = checkArgs(name, args, [TEXT], TEXT);
      if (bad) return bad;
      const texts: (string | null)[] = [];
      const run: ScalarImpl = (a) => {
        texts.length = 0;
        for (let i = 0; i < args.length; i++) texts.push(textOf(a[i] ?? null));
        const text = texts[0];
        if (text === null || text === undefined) return null;
        return impl(text, texts) as never;
      };
      return { type, impl: run };
    },
  };
}

const concat: ScalarFunction = {
  name: 'concat',
  minArgs: 1,
  maxArgs: 256,
  bind(args) {
    const types = args.map((a) => a.type);
    return {
      type: 'string',
      impl: (a) => {
        let out = '';
        for (let i = 0; i < types.length; i++) {
          const s = xqlString(a[i] ?? null, types[i]!);
          if (s === null || s === '') return null;
          out += s;
        }
        return out;
      },
    };
  },
};

function trimmer(name: string, left: boolean, right: boolean): ScalarFunction {
  return stringFn(name, 1, 2, 'string', (text, a) => {
    const chars = a.length > 1 ? a[1] : ' ';
    if (chars === null || chars === undefined) return null;
    const set = new Set(chars);
    let start = 0;
    let end = text.length;
    if (left) while (start < end && set.has(text[start]!)) start++;
    if (right) while (end > start && set.has(text[end - 1]!)) end--;
    return text.slice(start, end);
  });
}

/** A regex argument must be a constant; compiled once per call site. */
function constantRegex(fn: string, args: readonly ArgInfo[], i: number) {
  const c = args[i]?.constant?.value;
  if (typeof c !== 'string') return bindError(fn, `argument ${i + 1} must be a constant string (a regular expression)`);
  const regex = compileCached(c);
  return regex ?? bindError(fn, `invalid regular expression "${c}"`);
}

const regextract: ScalarFunction = {
  name: 'regextract',
  minArgs: 2,
  maxArgs: 2,
  bind(args) {
    const bad = checkArgs('regextract', args, [TEXT, STRING]);
    if (bad) return bad;
    const regex = constantRegex('regextract', args, 1);
    if ('error' in regex) return regex;
    // With one capture group the group is returned, else the whole match (the regextract page).
    const group = regex.groupCount === 1 ? 1 : 0;
    return {
      type: 'dynamic',
      impl: (a) => {
        const text = textOf(a[0] ?? null);
        if (text === null) return null;
        const out: string[] = [];
        for (const m of allMatches(regex, text)) {
          const g = m.groups[group];
          if (g !== undefined) out.push(g);
        }
        return out;
      },
    };
  },
};

const replex: ScalarFunction = {
  name: 'replex',
  minArgs: 3,
  maxArgs: 3,
  bind(args) {
    const bad = checkArgs('replex', args, [TEXT, STRING, STRING]);
    if (bad) return bad;
    const regex = constantRegex('replex', args, 1);
    if ('error' in regex) return regex;
    return {
      type: 'string',
      impl: (a) => {
        const text = textOf(a[0] ?? null);
        const by = textOf(a[2] ?? null);
        if (text === null || by === null) return null;
        return replaceAllMatches(regex, text, parseRewrite(by));
      },
    };
  },
};

/** format_string("%s-%d", ...): printf's %s, %d, %i, %f (with precision) and %%. */
const formatString: ScalarFunction = {
  name: 'format_string',
  minArgs: 1,
  maxArgs: 64,
  bind(args) {
    const bad = checkArgs('format_string', args, [STRING], ANY);
    if (bad) return bad;
    const types = args.map((a) => a.type);
    return {
      type: 'string',
      impl: (a) => {
        const fmt = textOf(a[0] ?? null);
        if (fmt === null) return null;
        let next = 1;
        return fmt.replace(/%(\.\d+)?([sdif%])/g, (_, precision: string | undefined, conv: string) => {
          if (conv === '%') return '%';
          const i = next++;
          const v = a[i] ?? null;
          if (v === null) return 'NULL';
          if (conv === 's') return xqlString(v, types[i] ?? 'string') ?? 'NULL';
          const n = typeof v === 'number' ? v : Number(v);
          if (conv === 'f') return n.toFixed(precision ? Number(precision.slice(1)) : 6);
          return String(Math.trunc(n));
        });
      },
    };
  },
};

const stringCount: ScalarFunction = stringFn('string_count', 2, 2, 'long', (text, a) => {
  const sub = a[1];
  if (sub === null || sub === undefined || sub === '') return null;
  return text.split(sub).length - 1;
});

const len: ScalarFunction = {
  name: 'len',
  minArgs: 1,
  maxArgs: 1,
  bind(args) {
    return checkArgs('len', args, [TEXT]) ?? {
      type: 'long',
      // Characters, not UTF-16 units: an emoji counts once.
      impl: (a) => {
        const t = textOf(a[0] ?? null);
        return t === null ? null : [...t].length;
      },
    };
  },
};

export const xqlStringFunctions: ScalarFunction[] = [
  concat,
  stringFn('lowercase', 1, 1, 'string', (t) => t.toLowerCase()),
  stringFn('uppercase', 1, 1, 'string', (t) => t.toUpperCase()),
  len,
  trimmer('trim', true, true),
  trimmer('ltrim', true, false),
  trimmer('rtrim', false, true),
  stringFn('replace', 3, 3, 'string', (t, a) => (a[1] === null || a[2] === null || a[1] === '' ? null : t.split(a[1]!).join(a[2]!))),
  replex,
  stringFn('split', 1, 2, 'dynamic', (t, a) => {
    const delim = a.length > 1 ? a[1] : ' ';
    return delim === null || delim === undefined ? null : t.split(delim);
  }),
  stringCount,
  regextract,
  formatString,
];

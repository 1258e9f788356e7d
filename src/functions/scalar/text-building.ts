/**
 * Text built from other representations and back: parse_command_line, unicode_codepoints_to_string
 * (formerly make_string) and unicode_codepoints_from_string (formerly to_utf8).
 *
 * parse_command_line(command, "windows"): a command line split into its arguments as Windows'
 * CommandLineToArgvW splits them. The program name ends at the next space (or closing quote when it
 * starts quoted); in the arguments, 2n backslashes before a quote are n backslashes and the quote
 * opens or closes quoting, 2n+1 are n backslashes and a literal quote, and `""` inside quotes is a quote.
 */
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../types.js';
import { define, textOf } from './string.js';

export function splitWindowsCommandLine(text: string): string[] {
  const args: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
  if (i >= n) return args;
  // The program name: no backslash rules.
  let program = '';
  if (text[i] === '"') {
    i++;
    while (i < n && text[i] !== '"') program += text[i++];
    i++;
  } else {
    while (i < n && text[i] !== ' ' && text[i] !== '\t') program += text[i++];
  }
  args.push(program);
  for (;;) {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= n) break;
    let arg = '';
    let quoted = false;
    while (i < n && (quoted || (text[i] !== ' ' && text[i] !== '\t'))) {
      if (text[i] === '\\') {
        let slashes = 0;
        while (i < n && text[i] === '\\') {
          slashes++;
          i++;
        }
        if (text[i] === '"') {
          arg += '\\'.repeat(slashes >> 1);
          if (slashes % 2 === 1) {
            arg += '"';
            i++;
          }
        } else arg += '\\'.repeat(slashes);
      } else if (text[i] === '"') {
        if (quoted && text[i + 1] === '"') {
          arg += '"';
          i += 2;
        } else {
          quoted = !quoted;
          i++;
        }
      } else arg += text[i++];
    }
    args.push(arg);
  }
  return args;
}

/** unicode_codepoints_to_string(code points or arrays of them, ...): the text of those Unicode code points. */
function makeString(args: Value[]): Value {
  let out = '';
  for (const a of args) {
    const points = Array.isArray(a) ? a : [a];
    for (const p of points) {
      if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 0x10ffff) return null;
      out += String.fromCodePoint(p);
    }
  }
  return out;
}

/** unicode_codepoints_from_string(text): the code points of the text, a surrogate pair counting as one. */
const codePointsFromString = define({
  name: 'unicode_codepoints_from_string', aliases: ['to_utf8'], min: 1, max: 1, kinds: ['scalar'],
  bind: ([arg]) => {
    const from = arg!.type;
    return {
      type: 'dynamic',
      impl: (v) => Array.from(from === 'string' ? (v[0] as string) : textOf(v[0]!, from), (c) => c.codePointAt(0)!),
    };
  },
});

export const textBuildingFunctions: ScalarFunction[] = [
  {
    name: 'unicode_codepoints_to_string',
    aliases: ['make_string'],
    minArgs: 1,
    maxArgs: 64,
    bind(args) {
      const ok = args.every((a) => a.type === 'int' || a.type === 'long' || a.type === 'dynamic');
      return ok
        ? { type: 'string', impl: (a) => makeString(a) ?? '' }
        : { error: 'unicode_codepoints_to_string() takes integers or dynamic arrays of integers' };
    },
  },
  codePointsFromString,
  {
    name: 'parse_command_line',
    minArgs: 2,
    maxArgs: 2,
    bind(args) {
      if (args[0]!.type !== 'string' || args[1]!.type !== 'string') return { error: 'parse_command_line() takes a command line and a parser name, both strings' };
      const parser = args[1]!.constant?.value;
      if (parser !== undefined && String(parser).toLowerCase() !== 'windows') {
        return { error: `parse_command_line(): unknown parser '${String(parser)}' (only "windows" is documented)` };
      }
      return { type: 'dynamic', impl: (a) => splitWindowsCommandLine(a[0] as string) as Value };
    },
  },
];

/**
 * Text built from other representations: parse_command_line and make_string.
 *
 * parse_command_line(command, "windows"): a command line split into its arguments as Windows'
 * CommandLineToArgvW splits them. The program name ends at the next space (or closing quote when it
 * starts quoted); in the arguments, 2n backslashes before a quote are n backslashes and the quote
 * opens or closes quoting, 2n+1 are n backslashes and a literal quote, and `""` inside quotes is a quote.
 */
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../types.js';

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

/** make_string(code points or arrays of them, ...): the text of those Unicode code points. */
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

export const textBuildingFunctions: ScalarFunction[] = [
  {
    name: 'make_string',
    minArgs: 1,
    maxArgs: 64,
    bind(args) {
      const ok = args.every((a) => a.type === 'int' || a.type === 'long' || a.type === 'dynamic');
      return ok ? { type: 'string', impl: (a) => makeString(a) ?? '' } : { error: 'make_string() takes integers or dynamic arrays of integers' };
    },
  },
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

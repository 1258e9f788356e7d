/**
 * The fuzz cases, a function of the seed alone: queries made by mutating the Sentinel corpus rules
 * (token deletions, swaps, splices, extreme literals, deep nesting, long chains, huge lists), and data
 * files made by damaging small well-formed ones (truncation, byte flips, bad quotes, invalid UTF-8,
 * NUL bytes, enormous fields, 10^5 columns, deep JSON, mixed line ends, repeated keys).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IToken } from 'chevrotain';
import { seededRandom, type Random } from '../../src/common/random.js';
import { readRuleQuery } from '../../src/rules/query-source.js';
import { IntLiteral, kqlLexer, RealLiteral, StringLiteral } from '../../src/syntax/kql/tokens.js';
import { SHARED } from '../helpers/paths.js';

export const RULES_DIR = join(SHARED, 'corpus/sentinel/rules');

export type FuzzCase =
  | { readonly kind: 'query'; readonly id: string; readonly mutation: string; readonly query: string }
  | { readonly kind: 'file'; readonly id: string; readonly mutation: string; readonly name: string; readonly bytes: Buffer };

/** The corpus rules' queries, in file-name order. */
export function corpusQueries(dir = RULES_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readRuleQuery(readFileSync(join(dir, f), 'utf8'), f).query?.text)
    .filter((q): q is string => typeof q === 'string' && q.trim() !== '');
}

const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
const int = (rnd: Random, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

const EXTREME_NUMBERS = ['1e400', '-1e400', '9223372036854775807', '-9223372036854775808', '18446744073709551616', '0', '-0', '1e-400', '0x7fffffffffffffff', '9'.repeat(400), 'nan', 'real(+inf)'];
const EXTREME_STRINGS = ['""', `"${'x'.repeat(100000)}"`, '"\\u0000"', '"\\ud800"', '"%%%%"', '"(?<"', '"[a-"', '@"\\"', '"\\\\"', "h'secret'", '"🤖\\n\\t"'];
const SPLICES = ['|', '(', ')', ',', 'by', 'on', '==', 'and', 'or', 'let', ';', '[', ']', '{', '}', 'summarize', 'join', '$left', '.', '=', 'in', '!has', 'between', '..', 'toscalar(', 'dynamic(', '*'];

/** Mutations 0-4 and 9 are cheap, 5-8 heavy; each cheap one comes four times as often. */
const MUTATION_WEIGHTS = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 9, 9, 9, 9, 5, 6, 7, 8];

function tokens(query: string): IToken[] {
  return kqlLexer.tokenize(query).tokens;
}

/** Replaces the text of token `t` in `query`. */
function replaceToken(query: string, t: IToken, text: string): string {
  return query.slice(0, t.startOffset) + text + query.slice((t.endOffset ?? t.startOffset) + 1);
}

/** One mutation of a corpus query, chosen by the random source. */
export function mutateQuery(rnd: Random, query: string, other: string): { mutation: string; query: string } {
  const ts = tokens(query);
  if (ts.length === 0) return { mutation: 'none', query };
  const t = pick(rnd, ts);
  // The heavy mutations (deep nesting, long chains, huge lists, many stages) one time in five.
  switch (pick(rnd, MUTATION_WEIGHTS)) {
    case 0:
      return { mutation: 'delete a token', query: replaceToken(query, t, ' ') };
    case 1: {
      const u = pick(rnd, ts);
      const [a, b] = t.startOffset < u.startOffset ? [t, u] : [u, t];
      if (a === b) return { mutation: 'delete a token', query: replaceToken(query, a, '') };
      const swapped = replaceToken(query, b, a.image);
      return { mutation: 'swap two tokens', query: replaceToken(swapped, a, b.image) };
    }
    case 2: {
      const os = tokens(other);
      const from = int(rnd, 0, Math.max(0, os.length - 1));
      const piece = os.slice(from, from + int(rnd, 1, 8)).map((x) => x.image).join(' ');
      return { mutation: 'splice tokens of another rule', query: `${query.slice(0, t.startOffset)} ${piece} ${query.slice(t.startOffset)}` };
    }
    case 3:
      return { mutation: 'insert a stray token', query: `${query.slice(0, t.startOffset)} ${pick(rnd, SPLICES)} ${query.slice(t.startOffset)}` };
    case 4: {
      const literals = ts.filter((x) => x.tokenType === IntLiteral || x.tokenType === RealLiteral || x.tokenType === StringLiteral);
      const l = literals.length > 0 ? pick(rnd, literals) : t;
      const value = l.tokenType === StringLiteral ? pick(rnd, EXTREME_STRINGS) : pick(rnd, EXTREME_NUMBERS);
      return { mutation: 'extreme literal', query: replaceToken(query, l, value) };
    }
    case 5: {
      const n = pick(rnd, [70, 200, 1000]);
      const u = pick(rnd, ts.filter((x) => x.startOffset >= t.startOffset));
      const end = (u.endOffset ?? u.startOffset) + 1;
      return { mutation: `nest ${n} deep`, query: `${query.slice(0, t.startOffset)}${'('.repeat(n)}${query.slice(t.startOffset, end)}${')'.repeat(n)}${query.slice(end)}` };
    }
    case 6: {
      const n = pick(rnd, [300, 1500]);
      const op = pick(rnd, ['or', 'and', '+']);
      const chain = Array.from({ length: n }, (_, i) => (op === '+' ? `${i}` : `tostring(${i}) == "${i}"`)).join(` ${op} `);
      return { mutation: `chain of ${n} '${op}'`, query: `${query}\n| extend __chain = ${chain}` };
    }
    case 7: {
      const n = pick(rnd, [300, 3000]);
      const list = Array.from({ length: n }, (_, i) => `"ioc${i}.example"`).join(',');
      return { mutation: `list of ${n}`, query: `${query}\n| where tostring(TimeGenerated) has_any (${list}) or tostring(TimeGenerated) in (${list})` };
    }
    case 8:
      return { mutation: 'many pipe stages', query: `${query}\n${'| extend __n = 1 '.repeat(pick(rnd, [50, 500]))}` };
    default:
      return { mutation: 'cut short', query: query.slice(0, t.startOffset) };
  }
}

// ── data files ──────────────────────────────────────────────────────────

function csvText(rnd: Random, rows: number): string {
  const lines = ['TimeGenerated,Computer,EventID,Message,Bytes'];
  for (let r = 0; r < rows; r++) {
    lines.push(`2024-05-01T00:${String(r % 60).padStart(2, '0')}:00Z,host${r % 7},${4624 + (r % 3)},"msg ${r}, with ""quotes""",${Math.floor(rnd() * 1e6)}`);
  }
  return `${lines.join('\n')}\n`;
}

function jsonlText(rnd: Random, rows: number): string {
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) lines.push(JSON.stringify({ TimeGenerated: `2024-05-01T00:00:${String(r % 60).padStart(2, '0')}Z`, Computer: `host${r % 5}`, Bytes: Math.floor(rnd() * 1e6), Tags: { a: r, b: [r, 'x'] } }));
  return `${lines.join('\n')}\n`;
}

function flipBytes(rnd: Random, bytes: Buffer, n: number): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < n; i++) out[int(rnd, 0, out.length - 1)] = int(rnd, 0, 255);
  return out;
}

function insertAt(rnd: Random, bytes: Buffer, insert: Buffer): Buffer {
  const at = int(rnd, 0, bytes.length);
  return Buffer.concat([bytes.subarray(0, at), insert, bytes.subarray(at)]);
}

/** One damaged data file, chosen by the random source. */
export function damagedFile(rnd: Random): { mutation: string; name: string; bytes: Buffer } {
  const csv = rnd() < 0.6;
  const base = Buffer.from(csv ? csvText(rnd, int(rnd, 1, 60)) : jsonlText(rnd, int(rnd, 1, 60)));
  const name = csv ? 'T.csv' : 'T.jsonl';
  switch (int(rnd, 0, 11)) {
    case 0:
      return { mutation: 'truncated', name, bytes: base.subarray(0, int(rnd, 0, base.length)) };
    case 1:
      return { mutation: 'byte flips', name, bytes: flipBytes(rnd, base, int(rnd, 1, 20)) };
    case 2:
      return { mutation: 'stray quotes', name, bytes: insertAt(rnd, insertAt(rnd, base, Buffer.from('"')), Buffer.from(pick(rnd, ['"', '""', 'x"y', '"\n']))) };
    case 3:
      return { mutation: 'invalid UTF-8', name, bytes: insertAt(rnd, base, Buffer.from(pick(rnd, [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]))) };
    case 4:
      return { mutation: 'NUL bytes', name, bytes: insertAt(rnd, base, Buffer.alloc(int(rnd, 1, 8))) };
    case 5:
      return { mutation: 'an enormous field', name, bytes: insertAt(rnd, base, Buffer.from('A'.repeat(int(rnd, 1, 2) << 20))) };
    case 6: {
      const n = rnd() < 0.2 ? 100000 : 20000;
      return { mutation: `${n} columns`, name: 'T.csv', bytes: Buffer.from(`${Array.from({ length: n }, (_, i) => `c${i}`).join(',')}\n${Array(n).fill('1').join(',')}\n`) };
    }
    case 7: {
      const n = pick(rnd, [100, 5000]);
      return { mutation: `JSON nested ${n} deep`, name: 'T.jsonl', bytes: Buffer.from(`{"a":${'['.repeat(n)}1${']'.repeat(n)}}\n{"a":${'{"b":'.repeat(n)}1${'}'.repeat(n)}}\n`) };
    }
    case 8:
      return { mutation: 'mixed line ends', name, bytes: Buffer.from(base.toString('latin1').replace(/\n/g, () => pick(rnd, ['\n', '\r\n', '\r'])), 'latin1') };
    case 9:
      return { mutation: 'UTF-16 with a byte-order mark', name, bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(base.toString('utf8'), 'utf16le')]) };
    case 10:
      return { mutation: 'repeated keys and huge numbers', name: 'T.jsonl', bytes: Buffer.from('{"a":1,"a":2}\n{"a":1e400,"b":' + '9'.repeat(5000) + '}\n{"a":{"c":1,"c":2}}\n') };
    default:
      return { mutation: 'random bytes', name, bytes: Buffer.from(Array.from({ length: int(rnd, 0, 2000) }, () => int(rnd, 0, 255))) };
  }
}

/** `count` cases for `seed`: about four queries to each file. */
export function* fuzzCases(seed: number, count: number, queries: readonly string[]): Generator<FuzzCase> {
  const rnd = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const id = `${seed}:${i}`;
    if (rnd() < 0.8 && queries.length > 0) {
      const m = mutateQuery(rnd, pick(rnd, queries), pick(rnd, queries));
      yield { kind: 'query', id, ...m };
    } else {
      yield { kind: 'file', id, ...damagedFile(rnd) };
    }
  }
}

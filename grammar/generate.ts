/**
 * Generates each language's reference from its parser:
 *
 *   grammar/kql.ebnf, grammar/xql.ebnf                     every parser rule as EBNF (the primary reference)
 *   grammar/kql-diagrams.html, grammar/xql-diagrams.html   chevrotain's railroad syntax diagrams of the same rules
 *
 * Run with `npm run gen:grammar` (or `npx tsx grammar/generate.ts`). test/grammar/grammar.test.ts fails
 * when the committed files differ from what this produces, so a parser change must be regenerated.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSyntaxDiagramsCode, Lexer, type ISerializedGast, type TokenType } from 'chevrotain';
import { KqlParser } from '../src/syntax/kql/parser.js';
import * as kqlTokens from '../src/syntax/kql/tokens.js';
import { XqlParser } from '../src/syntax/xql/parser.js';
import * as xqlTokens from '../src/syntax/xql/tokens.js';

/** What the generator needs of one language's front end. */
export interface Language {
  readonly name: string;
  readonly parserFile: string;
  readonly startRule: string;
  readonly ebnfPath: string;
  readonly htmlPath: string;
  readonly tokens: readonly TokenType[];
  /** The token class of names: keywords in it are marked `(also a name)`. */
  readonly identifier: TokenType;
  rules(): Gast[];
}

const here = (file: string) => fileURLToPath(new URL(`./${file}`, import.meta.url));

export const KQL: Language = {
  name: 'KQL',
  parserFile: 'src/syntax/kql/parser.ts',
  startRule: 'query',
  ebnfPath: here('kql.ebnf'),
  htmlPath: here('kql-diagrams.html'),
  tokens: kqlTokens.allTokens,
  identifier: kqlTokens.Identifier,
  rules: () => new KqlParser().getSerializedGastProductions() as Gast[],
};

export const XQL: Language = {
  name: 'XQL',
  parserFile: 'src/syntax/xql/parser.ts',
  startRule: 'query',
  ebnfPath: here('xql.ebnf'),
  htmlPath: here('xql-diagrams.html'),
  tokens: xqlTokens.allTokens,
  identifier: xqlTokens.Identifier,
  rules: () => new XqlParser().getSerializedGastProductions() as Gast[],
};

export const LANGUAGES: readonly Language[] = [KQL, XQL];

const COMMAND = 'npm run gen:grammar  (npx tsx grammar/generate.ts)';
const WIDTH = 100;
const INDENT = 4;

/** Where the diagrams page loads chevrotain's renderer from: the installed package, so it works offline. */
const DIAGRAMS_BASE = '../node_modules/chevrotain/diagrams/';

// ── the serialized GAST, as chevrotain writes it ──────────────────────────

interface Gast extends ISerializedGast {
  name?: string;
  label?: string;
  separator?: Gast;
  definition?: Gast[];
}

// ── a small EBNF tree ─────────────────────────────────────────────────────

type Node =
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; alts: Node[] }
  | { kind: 'opt'; body: Node }
  | { kind: 'rep'; body: Node; atLeastOne: boolean }
  | { kind: 'sym'; text: string };

const seq = (items: Node[]): Node => (items.length === 1 ? items[0]! : { kind: 'seq', items });

/** How a terminal prints: its label when that is a quoted word or sign, else `<label>` or `<TokenName>`. */
function terminalText(label: string | undefined, name: string): string {
  if (label && /^'.*'$/.test(label)) return label;
  return `<${label ?? name}>`;
}

function toNode(g: Gast): Node {
  const body = () => seq((g.definition ?? []).map(toNode));
  switch (g.type) {
    case 'Terminal':
      return { kind: 'sym', text: terminalText(g.label, g.name ?? '?') };
    case 'NonTerminal':
      return { kind: 'sym', text: g.name ?? '?' };
    case 'Alternative':
    case 'Rule':
      return body();
    case 'Option':
      return { kind: 'opt', body: body() };
    case 'Repetition':
      return { kind: 'rep', body: body(), atLeastOne: false };
    case 'RepetitionMandatory':
      return { kind: 'rep', body: body(), atLeastOne: true };
    case 'RepetitionWithSeparator':
    case 'RepetitionMandatoryWithSeparator': {
      // x { sep x }, optional as a whole when zero items are allowed
      const item = body();
      const sep = g.separator ? toNode(g.separator) : { kind: 'sym' as const, text: '?' };
      const list = seq([item, { kind: 'rep', body: seq([sep, item]), atLeastOne: false }]);
      return g.type === 'RepetitionWithSeparator' ? { kind: 'opt', body: list } : list;
    }
    case 'Alternation':
      return { kind: 'alt', alts: (g.definition ?? []).map(toNode) };
    default:
      throw new Error(`unexpected GAST node type ${String(g.type)}`);
  }
}

// ── printing ──────────────────────────────────────────────────────────────

const EMPTY = '(* empty *)';

/** One-line form. `bare` drops the parentheses of an alternation that fills its brackets or rule. */
function flat(n: Node, bare = false): string {
  switch (n.kind) {
    case 'sym':
      return n.text;
    case 'seq':
      return n.items.length === 0 ? EMPTY : n.items.map((i) => flat(i)).join(' ');
    case 'alt': {
      const inner = n.alts.map((a) => flat(a)).join(' | ');
      return bare ? inner : `( ${inner} )`;
    }
    case 'opt':
      return `[ ${flat(n.body, true)} ]`;
    case 'rep':
      return `{ ${flat(n.body, true)} }${n.atLeastOne ? '+' : ''}`;
  }
}

const pad = (n: number) => ' '.repeat(n);

/** `open` before the first line of `inner` and `close` on a line of its own, for a form too long for one line. */
function bracket(open: string, inner: string[], close: string, indent: number): string[] {
  const [first = '', ...rest] = inner;
  return [`${pad(indent)}${open} ${first.trimStart()}`, ...rest, `${pad(indent)}${close}`];
}

/** Lines at `indent`, breaking only what does not fit in WIDTH. */
function lines(n: Node, indent: number, bare = false, force = false): string[] {
  const one = flat(n, bare);
  if (n.kind === 'sym' || (!force && indent + one.length <= WIDTH)) return [pad(indent) + one];
  switch (n.kind) {
    case 'seq':
      return n.items.flatMap((i) => lines(i, indent));
    case 'alt': {
      const out = n.alts.flatMap((a, i) => {
        const [first = '', ...rest] = lines(a, indent + 2);
        const lead = i > 0 ? '|' : bare ? ' ' : '(';
        return [`${pad(indent)}${lead} ${first.trimStart()}`, ...rest];
      });
      return bare ? out : [...out, `${pad(indent)})`];
    }
    case 'opt':
      return bracket('[', lines(n.body, indent + 2, true), ']', indent);
    case 'rep':
      return bracket('{', lines(n.body, indent + 2, true), n.atLeastOne ? '}+' : '}', indent);
  }
}

function ruleText(rule: Gast): string {
  const name = rule.name ?? '?';
  const body = toNode(rule);
  const one = `${name} = ${flat(body, true)} ;`;
  if (one.length <= WIDTH) return one;
  // a rule too long for one line that is a choice gets one alternative a line
  return [`${name} =`, ...lines(body, INDENT, true, body.kind === 'alt'), `${pad(INDENT)};`].join('\n');
}

// ── terminals ─────────────────────────────────────────────────────────────

function patternText(t: TokenType, allTokens: readonly TokenType[]): string {
  const p = t.PATTERN;
  if (p === Lexer.NA) {
    // a category: it matches the tokens that list it among their categories
    const others = allTokens.filter((o) => o !== t && o.GROUP !== Lexer.SKIPPED && !(o.CATEGORIES ?? []).includes(t));
    return `any token except ${others.map((o) => terminalText(o.LABEL, o.name)).join(' ')}`;
  }
  const text = typeof p === 'string' ? JSON.stringify(p) : p instanceof RegExp ? `/${p.source}/` : '(no pattern of its own)';
  return text.replaceAll('*)', '* )'); // keep the comment closed only where it should be
}

/** The tokens the grammar mentions, in lexing order, with what each matches. */
function terminalLegend(used: Set<string>, lang: Language): string[] {
  const tokens = lang.tokens.filter((t) => used.has(t.name));
  const shown = tokens.map((t) => terminalText(t.LABEL, t.name));
  const w1 = Math.max(...shown.map((s) => s.length));
  const w2 = Math.max(...tokens.map((t) => t.name.length));
  return tokens.map((t, i) => {
    const soft = t !== lang.identifier && (t.CATEGORIES ?? []).includes(lang.identifier) ? '  (also a name)' : '';
    return `   ${shown[i]!.padEnd(w1)}  ${t.name.padEnd(w2)}  ${patternText(t, lang.tokens)}${soft}`.trimEnd();
  });
}

function usedTerminals(rules: Gast[]): Set<string> {
  const used = new Set<string>();
  const walk = (g: Gast) => {
    if (g.type === 'Terminal' && g.name) used.add(g.name);
    if (g.separator) walk(g.separator);
    g.definition?.forEach(walk);
  };
  rules.forEach(walk);
  return used;
}

// ── the two files ─────────────────────────────────────────────────────────

function ebnfText(rules: Gast[], lang: Language): string {
  const header = [
    `(* ${lang.name} as kqlx parses it.`,
    '',
    `   Generated from the parser (${lang.parserFile}) by grammar/generate.ts: do not edit.`,
    `   Regenerate with: ${COMMAND}`,
    '',
    "   Notation: 'word' a keyword or sign; <...> a token class (see the list at the end);",
    '   [ x ] optional; { x } zero or more; { x }+ one or more; ( x | y ) one of.',
    `   Rules appear in the order the parser defines them; \`${lang.startRule}\` is the start rule.`,
    '   Not shown: the lookahead predicates (gates) that pick between alternatives, e.g. a',
    '   functionCall needs `(` after the name; where alternatives overlap, the first that applies wins. *)',
  ];
  const legend = ['(* Terminals, in lexing order: how each prints above, its token, what it matches.', ...terminalLegend(usedTerminals(rules), lang), '*)'];
  return `${[...header, '', ...rules.map(ruleText), '', ...legend].join('\n')}\n`;
}

function htmlText(rules: Gast[], lang: Language): string {
  const html = createSyntaxDiagramsCode(rules, {
    resourceBase: DIAGRAMS_BASE,
    css: `${DIAGRAMS_BASE}diagrams.css`,
  });
  const note = `<!-- ${lang.name} syntax diagrams, generated by grammar/generate.ts from ${lang.parserFile}: do not edit.
     Regenerate with: ${COMMAND}
     The renderer loads from ${DIAGRAMS_BASE} (run npm install first). -->`;
  return `${note}\n${html.trimStart()}`.replace(/[ \t]+$/gm, '').replace(/\n*$/, '\n');
}

export function generateGrammar(lang: Language = KQL): { ebnf: string; html: string } {
  const rules = lang.rules();
  return { ebnf: ebnfText(rules, lang), html: htmlText(rules, lang) };
}

export function writeGrammar(lang: Language): void {
  const { ebnf, html } = generateGrammar(lang);
  writeFileSync(lang.ebnfPath, ebnf);
  writeFileSync(lang.htmlPath, html);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const lang of LANGUAGES) {
    writeGrammar(lang);
    console.log(`wrote ${lang.ebnfPath}\nwrote ${lang.htmlPath}`);
  }
}

/**
 * One Sentinel parser file's text → the function it defines, placed in the file so problems point at
 * its own lines. Two kinds of file:
 *
 * - ASIM YAML: `ParserName` (the workspace name, `vimNetworkSessionPaloAltoCEF`),
 *   `EquivalentBuiltInParser` (the built-in name, `_Im_NetworkSession_PaloAltoCEF`), `Parsers` (the
 *   built-in parsers a unifying parser calls), `ParserParams` (`Name`, `Type`, `Default`) and
 *   `ParserQuery` (the function's body).
 * - KQL text (workspace parsers of the solutions, `.txt`, `.kql`, `.csl` or no extension): the whole
 *   file is the body. The function's name is the alias its header comment asks the user to save it
 *   under (see functionNameOf); without one, the file's name.
 *
 * The KQL itself is parsed later, when a query first reads the function (parser-library.ts).
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { SourceText } from '../../common/source.js';
import { PARSER_FILE_CODES } from '../../diagnostics/catalog.js';
import { locateQuery } from '../../rules/query-source.js';

/** A problem of a parser file, reported once, by file and line (a warning: only queries reading the file fail). */
export interface ParserProblem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly code: string;
  readonly message: string;
}

export function formatParserProblem(p: ParserProblem): string {
  return `${p.file}:${p.line}:${p.col}: warning ${p.code}: ${p.message}`;
}

export interface ParserParam {
  readonly name: string;
  readonly type: string;
  /** The default as KQL text (a string default quoted). */
  readonly default?: string;
}

export interface ParserDefinition {
  /** The name a query calls it by: ParserName, or the text file's alias. */
  readonly name: string;
  /** EquivalentBuiltInParser: the name Sentinel ships it under (`_Im_Dns`, `_ASim_Dns_AzureFirewall`). */
  readonly builtIn?: string;
  /** `Parsers:`: the built-in parsers a unifying parser calls. */
  readonly calls: readonly string[];
  readonly params: readonly ParserParam[];
  readonly file: string;
  /** Where the name is defined in the file. */
  readonly line: number;
  /** The body, placed in the file. */
  readonly query: SourceText;
}

export type ReadParserResult = { definition: ParserDefinition; problem?: undefined } | { definition?: undefined; problem: ParserProblem };

const KQL_TEXT = /\.(txt|kql|csl)$/i;

/** Whether a file under a `--parsers` folder is a parser file: YAML, or KQL text (also without an extension). */
export function isParserFile(fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop()!;
  return /\.ya?ml$/i.test(base) || KQL_TEXT.test(base) || !base.includes('.');
}

export function readParserFile(file: string, text: string): ReadParserResult {
  return /\.ya?ml$/i.test(file) ? readAsimYaml(file, text) : readKqlText(file, text);
}

// ── KQL text files ────────────────────────────────────────────────────────

/**
 * The alias a workspace parser's header comment names, in the forms the Azure-Sentinel files use:
 * the usage example `(e.g. Name | take 10)`; `alias as Name`, `alias of Name`, `Alias, as Name`,
 * `alias must be set to - Name`, `alias to Name`, `alias is set to "Name"`; `function name as Name`.
 * Only comment lines before the first line of KQL are read.
 */
const NAME_PATTERNS: readonly RegExp[] = [
  /\(e\.g\.\s*([A-Za-z_]\w*)\s*\|\s*(?:take|limit)\b/i,
  /\balias,?\s+(?:as|of|to|is set to|must be set to\s*-?)\s+"?([A-Za-z_]\w*)/i,
  /\bfunction name\s+as\s+"?([A-Za-z_]\w*)/i,
];

export function functionNameOf(file: string, text: string): string {
  const header: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '') continue;
    if (!t.startsWith('//')) break;
    header.push(t);
  }
  const comments = header.join('\n');
  for (const p of NAME_PATTERNS) {
    const m = p.exec(comments);
    if (m) return m[1]!;
  }
  const base = file.split(/[\\/]/).pop()!;
  return base.replace(/(\.kql)?\.(txt|kql|csl)$/i, '');
}

function readKqlText(file: string, text: string): ReadParserResult {
  const name = functionNameOf(file, text);
  if (!/^[A-Za-z_][\w]*$/.test(name)) {
    return { problem: { file, line: 1, col: 1, code: PARSER_FILE_CODES.field, message: `no function name: the header names no alias and the file name '${name}' is not a KQL name` } };
  }
  return { definition: { name, calls: [], params: [], file, line: 1, query: new SourceText(text, file) } };
}

// ── ASIM YAML ─────────────────────────────────────────────────────────────

function readAsimYaml(file: string, text: string): ReadParserResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  const at = (node: Node | null | undefined) => lc.linePos(node?.range?.[0] ?? 0);
  const problem = (node: Node | null | undefined, code: string, message: string): ReadParserResult => ({ problem: { file, ...at(node), code, message } });
  const syntax = doc.errors[0];
  if (syntax) return { problem: { file, ...lc.linePos(syntax.pos[0]), code: PARSER_FILE_CODES.yamlSyntax, message: `YAML syntax error: ${syntax.message.split('\n')[0]}` } };
  const root = doc.contents;
  if (!isMap(root)) return problem(root, PARSER_FILE_CODES.field, 'a parser file must be a YAML mapping with ParserName and ParserQuery');
  const get = (key: string) => root.get(key, true) as Node | null | undefined;

  const nameNode = get('ParserName');
  const name = isScalar(nameNode) ? String(nameNode.value ?? '').trim() : '';
  if (!/^[A-Za-z_]\w*$/.test(name)) return problem(nameNode ?? root, PARSER_FILE_CODES.field, nameNode ? `ParserName: '${name}' is not a function name` : 'no ParserName');
  const builtInNode = get('EquivalentBuiltInParser');
  const builtIn = isScalar(builtInNode) && builtInNode.value !== null ? String(builtInNode.value).trim() : undefined;
  if (builtIn !== undefined && !/^[A-Za-z_]\w*$/.test(builtIn)) return problem(builtInNode, PARSER_FILE_CODES.field, `EquivalentBuiltInParser: '${builtIn}' is not a function name`);

  const callsNode = get('Parsers');
  const calls = isSeq(callsNode) ? callsNode.items.flatMap((i) => (isScalar(i) && i.value !== null ? [String(i.value).trim()] : [])) : [];

  const params: ParserParam[] = [];
  const paramsNode = get('ParserParams');
  if (paramsNode && !(isScalar(paramsNode) && paramsNode.value === null)) {
    if (!isSeq(paramsNode)) return problem(paramsNode, PARSER_FILE_CODES.field, 'ParserParams: expected a list of {Name, Type, Default}');
    for (const [i, item] of paramsNode.items.entries()) {
      const p = isMap(item) ? { name: item.get('Name'), type: item.get('Type'), default: item.get('Default', true) as Node | undefined } : undefined;
      if (!p || typeof p.name !== 'string' || !/^[A-Za-z_]\w*$/.test(p.name) || typeof p.type !== 'string') {
        return problem(item as Node, PARSER_FILE_CODES.field, `ParserParams[${i}]: expected Name (a name), Type and an optional Default`);
      }
      params.push({ name: p.name, type: p.type.trim(), default: defaultText(p.type.trim(), p.default) });
    }
  }

  const queryNode = get('ParserQuery');
  if (!isScalar(queryNode) || typeof queryNode.value !== 'string') return problem(queryNode ?? root, PARSER_FILE_CODES.field, 'no ParserQuery text');
  return { definition: { name, builtIn, calls, params, file, line: at(nameNode).line, query: locateQuery(queryNode, text, file, lc) } };
}

/** A default as KQL text: YAML gives a string default as its bare text (`'*'` → `*`), which KQL needs quoted. */
function defaultText(type: string, node: Node | undefined): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  const v = node.value;
  if (type === 'string' && !(typeof v === 'string' && /^(['"]).*\1$/s.test(v.trim()))) return JSON.stringify(String(v));
  return String(v);
}

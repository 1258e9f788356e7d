/**
 * Finds the `query:` of a Sentinel rule YAML and where it sits in the file, so diagnostics point at
 * the file's own lines and columns.
 */
import { isScalar, LineCounter, parseDocument, Scalar } from 'yaml';
import { SourceText } from '../common/source.js';

export interface RuleQuery {
  readonly document: ReturnType<typeof parseDocument>;
  readonly lineCounter: LineCounter;
  readonly query?: SourceText;
  readonly error?: { message: string; line: number; col: number };
}

export function readRuleQuery(text: string, fileName: string): RuleQuery {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const err = document.errors[0];
  if (err) {
    const pos = lineCounter.linePos(err.pos[0]);
    return { document, lineCounter, error: { message: err.message.split('\n')[0]!, line: pos.line, col: pos.col } };
  }
  const node = document.get('query', true);
  if (!isScalar(node) || typeof node.value !== 'string') {
    return { document, lineCounter, error: { message: "the rule has no 'query:' text", line: 1, col: 1 } };
  }
  return { document, lineCounter, query: locateQuery(node, text, fileName, lineCounter) };
}

/** Block scalars (`query: |`) start on the next line, indented; other scalars start where they stand. */
export function locateQuery(node: Scalar, text: string, fileName: string, lc: LineCounter): SourceText {
  const value = node.value as string;
  const start = node.range![0];
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  if (!block) {
    const pos = lc.linePos(start + (node.type === Scalar.PLAIN ? 0 : 1));
    return new SourceText(value, fileName, pos.line - 1, pos.col - 1);
  }
  const firstLineStart = text.indexOf('\n', start) + 1;
  const indent = /^[ \t]*/.exec(text.slice(firstLineStart))![0].length;
  const pos = lc.linePos(firstLineStart);
  return new SourceText(value, fileName, pos.line - 1, indent);
}

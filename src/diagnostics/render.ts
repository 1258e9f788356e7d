/** Renders a diagnostic for people: `file:line:col: error KX201: message`, the line, and a caret under the span. */
import type { SourceText } from '../common/source.js';
import { type Diagnostic, locate } from './diagnostic.js';

export function renderDiagnostic(d: Diagnostic, source: SourceText): string {
  const located = locate(d, source);
  const where = located.line !== undefined ? `${source.name}:${located.line}:${located.col}` : source.name;
  const head = `${where}: ${d.severity} ${d.code}: ${d.message}`;
  if (!d.span) return head;
  const local = source.position(d.span.start);
  const queryLine = local.line - source.lineOffset;
  const text = source.lineText(queryLine);
  const startCol = local.col - source.colOffset - 1;
  const width = Math.max(1, Math.min(d.span.end - d.span.start, text.length - startCol));
  const gutter = String(local.line);
  const pad = ' '.repeat(gutter.length);
  return [
    head,
    `${pad} |`,
    `${gutter} | ${text}`,
    `${pad} | ${' '.repeat(Math.max(0, startCol))}${'^'.repeat(width)}`,
  ].join('\n');
}

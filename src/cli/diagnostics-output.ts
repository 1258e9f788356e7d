/** Printing diagnostics: with the source line and a caret for people, as JSON records for machines. */
import type { SourceText } from '../common/source.js';
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../diagnostics/render.js';

export function renderAll(ds: readonly LocatedDiagnostic[], source: SourceText): string {
  return ds.map((d) => renderDiagnostic(d, source)).join('\n\n');
}

export function diagnosticJson(d: LocatedDiagnostic) {
  return { severity: d.severity, category: d.category, code: d.code, message: d.message, line: d.line ?? null, col: d.col ?? null };
}

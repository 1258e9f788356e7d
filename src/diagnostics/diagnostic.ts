/**
 * Diagnostics: every problem the user can cause is one of these, never an exception.
 * Codes are stable; `category` says whether the query is malformed (syntax), meaningless against
 * the schemas (semantic), valid KQL that kqlx refuses by name (unsupported), or failed on data (runtime).
 */
import type { SourceText } from '../common/source.js';
import type { Span } from '../common/span.js';

export type Severity = 'error' | 'warning';
export type Category = 'syntax' | 'semantic' | 'unsupported' | 'runtime';

export interface Diagnostic {
  readonly code: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly message: string;
  readonly span?: Span;
}

export interface LocatedDiagnostic extends Diagnostic {
  readonly line?: number;
  readonly col?: number;
}

export function locate(d: Diagnostic, source: SourceText): LocatedDiagnostic {
  if (!d.span) return d;
  const { line, col } = source.position(d.span.start);
  return { ...d, line, col };
}

/** Thrown only to carry a diagnostic out of deep evaluation code to the query boundary. */
export class KqlError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = 'KqlError';
  }
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/**
 * Every finding `kqlx lint` reports, with its stable code and severity: the one catalogue of lint codes.
 * A code never changes meaning; a retired kind keeps its number unused.
 */
export const LINT_KINDS = {
  untestedPromise: { code: 'KL001', severity: 'warning', title: 'the description promises a condition the query never tests' },
  deadExclusionValue: { code: 'KL002', severity: 'warning', title: 'an excluded value an earlier filter already removed' },
  mismatchedTypes: { code: 'KL003', severity: 'warning', title: 'a comparison between mismatched types' },
  lookbackBeyondPeriod: { code: 'KL004', severity: 'warning', title: 'ago() reaches beyond the query period' },
  binBeyondPeriod: { code: 'KL005', severity: 'warning', title: 'a bin() wider than the query period' },
} as const;

export type LintKind = keyof typeof LINT_KINDS;

export interface Finding {
  readonly code: string;
  readonly kind: LintKind;
  readonly severity: 'warning' | 'error';
  /** 1-based line in the rule file (the stage's line for query findings, the description's for metadata). */
  readonly line: number;
  readonly message: string;
  readonly fix?: string;
}

export function finding(kind: LintKind, line: number, message: string, fix?: string): Finding {
  const k = LINT_KINDS[kind];
  return { code: k.code, kind, severity: k.severity, line, message, ...(fix ? { fix } : {}) };
}

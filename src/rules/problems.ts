/**
 * Problems found in a rule or rule-test file: one per mistake, each naming the file, the line and
 * the key, so a reader can go straight to it. Warnings are things kqlx runs anyway.
 */
/** Where something sits in the rule file, and the key path that names it in messages. */
export interface RuleLocation {
  readonly key: string;
  readonly line: number;
  readonly col: number;
}

export interface RuleProblem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** The key path the problem is about, e.g. `entityMappings[0].entityType`; empty for the whole file. */
  readonly key: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export function formatProblem(p: RuleProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.severity}: ${p.key ? `${p.key}: ` : ''}${p.message}`;
}

/** Thrown by file-level helpers when a file cannot be used at all; carries its problems. */
export class RuleFileError extends Error {
  constructor(readonly problems: readonly RuleProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'RuleFileError';
  }
}

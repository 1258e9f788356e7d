/**
 * What a loader reports. A file that cannot be read at all is a LoadError (thrown); anything wrong
 * inside a readable file is a LoadProblem (collected), so one bad row never costs the other rows,
 * and no row is dropped without saying so.
 */

/** One thing wrong in a file: `line` is 1-based (the CSV header is line 1); 0 means the whole file. */
export interface LoadProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** The file cannot be loaded at all (missing, unreadable, unsupported format). */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

export const DEFAULT_MAX_PROBLEMS = 1000;

/**
 * Collects problems, keeping the first `limit` in full; the rest are counted and summarized in one
 * last problem, so a file where every row is bad does not build a million messages.
 */
export class ProblemLog {
  private readonly list: LoadProblem[] = [];
  private omitted = 0;
  private firstOmittedLine = 0;

  constructor(
    readonly file: string,
    private readonly limit = DEFAULT_MAX_PROBLEMS,
  ) {}

  add(line: number, message: string): void {
    if (this.list.length < this.limit) {
      this.list.push({ file: this.file, line, message });
      return;
    }
    if (this.omitted++ === 0) this.firstOmittedLine = line;
  }

  /** Every problem in the order found, plus the summary of the ones left out. */
  problems(): LoadProblem[] {
    if (this.omitted === 0) return this.list.slice();
    const summary = `${this.omitted} more problem${this.omitted === 1 ? '' : 's'} not listed (the first at line ${this.firstOmittedLine})`;
    return [...this.list, { file: this.file, line: this.firstOmittedLine, message: summary }];
  }
}

/** A cell's text for a message: quoted, and cut short when long. */
export function quoteCell(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(shown);
}

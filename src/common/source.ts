/**
 * A query text with its line table, so that offsets become 1-based line:col.
 * `lineOffset`/`colOffset` place the text inside a larger file (a rule YAML's `query:` block),
 * so diagnostics can point at the file's own lines.
 */
export class SourceText {
  private readonly lineStarts: number[];

  constructor(
    readonly text: string,
    readonly name = '<query>',
    readonly lineOffset = 0,
    readonly colOffset = 0,
  ) {
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** 1-based line and column of an offset, in the coordinates of the containing file. */
  position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const col = offset - this.lineStarts[lo]! + 1;
    return { line: lo + 1 + this.lineOffset, col: col + this.colOffset };
  }

  /** The text of a 1-based line in the query's own coordinates. */
  lineText(queryLine: number): string {
    const start = this.lineStarts[queryLine - 1] ?? this.text.length;
    const next = this.lineStarts[queryLine];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
}

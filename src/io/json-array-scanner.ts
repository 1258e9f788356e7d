/**
 * Splits a top-level JSON array into its elements without parsing the whole document, so a large
 * `[ {...}, {...}, ... ]` file streams through a FileWindow like CSV does: each element's bytes are
 * found by tracking nesting depth and skipping strings, then handed over for JSON.parse.
 */

const LF = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;

export interface JsonElementHandler {
  /** One element of the array: bytes [start, end) of `buf`, starting on 1-based `line`. */
  element(buf: Buffer, start: number, end: number, line: number): void;
  problem(line: number, message: string): void;
}

function isSpace(b: number): boolean {
  return b === 32 || b === LF || b === 13 || b === 9;
}

export class JsonArrayScanner {
  /** The line of the next unread byte. */
  line = 1;
  private state: 'start' | 'elements' | 'done' = 'start';
  private newlinesInValue = 0;

  constructor(private readonly handler: JsonElementHandler) {}

  /** Consumes the complete elements in buf[from, end); returns where the first incomplete one starts. */
  scan(buf: Buffer, from: number, end: number, eof: boolean): number {
    const view = buf.subarray(0, end);
    let pos = from;
    if (this.state === 'start') {
      if (end - pos < 3 && !eof) return pos; // too few bytes yet to tell whether there is a byte-order mark
      if (view[pos] === 0xef && view[pos + 1] === 0xbb && view[pos + 2] === 0xbf) pos += 3;
      pos = this.skipSpace(view, pos, end);
      if (pos === end) return eof ? this.finishEarly(end) : pos;
      if (view[pos] !== 91) throw new Error('not an array'); // the caller checked the first byte
      pos++;
      this.state = 'elements';
    }
    while (this.state === 'elements') {
      pos = this.skipSpace(view, pos, end);
      if (pos === end) return eof ? this.finishEarly(end) : pos;
      const c = view[pos]!;
      if (c === 93) {
        this.state = 'done';
        return end; // anything after the closing bracket is ignored
      }
      if (c === COMMA) {
        pos++;
        continue;
      }
      const valueEnd = this.valueEnd(view, pos, end, eof);
      if (valueEnd < 0) {
        if (!eof) return pos;
        this.handler.problem(this.line, 'the JSON array is cut short; the last element is skipped');
        this.state = 'done';
        return end;
      }
      if (valueEnd === pos) {
        this.handler.problem(this.line, `unexpected ${JSON.stringify(String.fromCharCode(c))} in the JSON array`);
        pos++;
        continue;
      }
      this.handler.element(buf, pos, valueEnd, this.line);
      this.line += this.newlinesInValue;
      pos = valueEnd;
    }
    return end;
  }

  private finishEarly(end: number): number {
    if (this.state !== 'done') this.handler.problem(this.line, 'the JSON array is not closed with ]');
    this.state = 'done';
    return end;
  }

  private skipSpace(view: Buffer, pos: number, end: number): number {
    while (pos < end && isSpace(view[pos]!)) {
      if (view[pos] === LF) this.line++;
      pos++;
    }
    return pos;
  }

  /**
   * The end of the value starting at pos: after its closing bracket for an object or array, at the
   * next `,` `]` or space for a scalar; -1 when the window ends first. Counts its line breaks.
   */
  private valueEnd(view: Buffer, pos: number, end: number, eof: boolean): number {
    let depth = 0;
    let newlines = 0;
    let i = pos;
    for (;;) {
      if (i >= end) {
        // A scalar may simply be the last bytes of the file; anything else needs more bytes.
        if (!eof || depth > 0) return -1;
        break;
      }
      const b = view[i]!;
      if (b === QUOTE) {
        let q = i + 1;
        for (;;) {
          q = view.indexOf(QUOTE, q);
          if (q < 0) return -1;
          let slashes = 0;
          while (view[q - 1 - slashes] === BACKSLASH) slashes++;
          if (slashes % 2 === 0) break;
          q++;
        }
        i = q + 1;
        if (depth === 0) break; // a string element
        continue;
      }
      if (b === 123 || b === 91) {
        depth++;
      } else if (b === 125 || b === 93) {
        if (depth === 0) break; // the array's own `]` right after a scalar
        if (--depth === 0) {
          i++;
          break;
        }
      } else if (depth === 0 && (b === COMMA || isSpace(b))) {
        break;
      } else if (b === LF) {
        newlines++;
      }
      i++;
    }
    this.newlinesInValue = newlines;
    return i;
  }
}

/**
 * An RFC 4180 CSV record scanner over raw bytes. It finds where each field starts and ends and
 * hands the spans to a handler, which decodes only what it needs (a number column is parsed from
 * its bytes and never becomes a string). Field separators are found with Buffer.indexOf, which
 * runs natively, instead of a JavaScript loop over every byte.
 *
 * Accepted: `,` separators; `\n`, `\r\n` or a lone `\r` (old Mac exports) as line ends, mixed in one
 * file too; fields in double quotes holding commas, line breaks and `""` for a quote; a UTF-8
 * byte-order mark; a last line without a line end. A quote inside an unquoted field is an ordinary
 * character. Blank lines are not records. A quote left open at the end of the file makes its own line
 * a problem; the lines after it are read as records again, so one stray quote costs one row.
 */
import { FileWindow, type ProgressCallback } from './file-window.js';

/** What closingQuote returns when the window ends first, or the file does. */
const NEED_MORE = -1;
const UNCLOSED = -2;

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The fields of the current record; reused from record to record, so copy what you keep. */
export class CsvFields {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** 1 when the field was quoted and held `""`, which the reader must turn back into `"`. */
  escaped = new Uint8Array(64);
  count = 0;

  grow(): void {
    const n = this.starts.length * 2;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const escaped = new Uint8Array(n);
    starts.set(this.starts);
    ends.set(this.ends);
    escaped.set(this.escaped);
    this.starts = starts;
    this.ends = ends;
    this.escaped = escaped;
  }
}

export interface CsvRecordHandler {
  /** Called once the file is open, with its size. */
  start?(totalBytes: number): void;
  /** One record, starting on 1-based `line`: field i is bytes [starts[i], ends[i]) of `buf`. */
  record(buf: Buffer, fields: CsvFields, line: number): void;
  /** A record that could not be split into fields; it is skipped. */
  problem(line: number, message: string): void;
  /** A line holding bytes that are not UTF-8 (they read as U+FFFD). */
  invalidText?(line: number): void;
}

export class CsvScanner {
  /** The line the next record starts on. */
  line = 1;
  private atFileStart = true;
  private readonly fields = new CsvFields();
  /** Set by closingQuote: 1 when the field held `""`. */
  private escaped = 0;

  constructor(private readonly handler: CsvRecordHandler) {}

  /**
   * Hands every complete record in buf[from, end) to the handler and returns where the first
   * incomplete one starts, which the caller keeps for the next call. With `eof`, the rest of the
   * bytes are the last record and everything is consumed.
   */
  scan(buf: Buffer, from: number, end: number, eof: boolean): number {
    const view = buf.subarray(0, end); // bounds every indexOf below
    const f = this.fields;
    let pos = from;
    if (this.atFileStart && end - pos >= (eof ? 0 : 3)) {
      this.atFileStart = false;
      if (view[pos] === 0xef && view[pos + 1] === 0xbb && view[pos + 2] === 0xbf) pos += 3;
    }
    if (this.atFileStart) return pos; // too few bytes yet to tell whether there is a byte-order mark
    let comma = -1; // next comma at or after the field being read; `end` when there is none
    let cr = -1; // next CR at or after the last line-break search; `end` when there is none
    /** The next line break at or after `at`: a LF, or a CR no LF follows; -1 when the window has none. */
    const lineBreak = (at: number): number => {
      const lf = view.indexOf(LF, at);
      if (cr < at) {
        cr = view.indexOf(CR, at);
        if (cr === -1) cr = end;
      }
      return cr < (lf === -1 ? end : lf) && cr + 1 < end && view[cr + 1] !== LF ? cr : lf;
    };

    while (pos < end) {
      const recordStart = pos;
      let nl = lineBreak(pos);
      if (nl === -1 && !eof) return recordStart;
      let extraLines = 0; // line breaks inside quoted fields
      let malformed: string | undefined;
      let p = pos;
      f.count = 0;

      for (;;) {
        if (f.count === f.starts.length) f.grow();
        const i = f.count++;
        if (view[p] === QUOTE && p < end) {
          const q = this.closingQuote(view, p, end, eof);
          if (q === NEED_MORE) return recordStart;
          if (q === UNCLOSED) {
            malformed = 'a quoted field is not closed before the end of the file (the lines after it are read as rows)';
            pos = nl === -1 ? end : nl + 1;
            break;
          }
          while (nl !== -1 && nl < q) {
            extraLines++;
            nl = lineBreak(nl + 1);
          }
          if (nl === -1 && !eof) return recordStart;
          f.starts[i] = p + 1;
          f.ends[i] = q;
          f.escaped[i] = this.escaped;
          const after = q + 1;
          if (after >= end) {
            pos = end;
            break;
          }
          const c = view[after];
          if (c === COMMA) {
            p = after + 1;
            continue;
          }
          if (c === LF) {
            pos = after + 1;
            break;
          }
          if (c === CR && after + 1 === end) {
            if (!eof) return recordStart; // a line feed may follow in the next chunk
            pos = end;
            break;
          }
          if (c === CR) {
            pos = view[after + 1] === LF ? after + 2 : after + 1;
            break;
          }
          malformed = 'text after a closing quote';
          pos = nl === -1 ? end : nl + 1;
          break;
        }

        if (comma < p) {
          comma = view.indexOf(COMMA, p);
          if (comma === -1) comma = end;
        }
        const stop = nl === -1 ? end : nl;
        if (comma < stop) {
          f.starts[i] = p;
          f.ends[i] = comma;
          f.escaped[i] = 0;
          p = comma + 1;
          continue;
        }
        f.starts[i] = p;
        f.ends[i] = stop > p && view[stop - 1] === CR ? stop - 1 : stop;
        f.escaped[i] = 0;
        pos = nl === -1 ? end : nl + 1;
        break;
      }

      const line = this.line;
      this.line += 1 + extraLines;
      if (malformed !== undefined) this.handler.problem(line, `${malformed}; row skipped`);
      else if (f.count === 1 && f.starts[0] === f.ends[0] && view[recordStart] !== QUOTE) continue; // blank line
      else this.handler.record(buf, f, line);
    }
    return end;
  }

  /** The quote that closes the field opened at p (skipping `""` pairs), NEED_MORE or UNCLOSED. */
  private closingQuote(view: Buffer, p: number, end: number, eof: boolean): number {
    let q = p + 1;
    this.escaped = 0;
    for (;;) {
      q = view.indexOf(QUOTE, q);
      if (q === -1) return eof ? UNCLOSED : NEED_MORE;
      if (q + 1 < end && view[q + 1] === QUOTE) {
        this.escaped = 1;
        q += 2;
        continue;
      }
      if (q + 1 === end && !eof) return NEED_MORE; // the next byte decides: `""` or the end
      return q;
    }
  }
}

/** Streams a CSV file through a scanner; throws LoadError when the file cannot be read. */
export async function scanCsvFile(
  path: string,
  handler: CsvRecordHandler,
  onProgress?: ProgressCallback,
  chunkBytes?: number,
): Promise<void> {
  const window = await FileWindow.open(path, onProgress, chunkBytes, handler.invalidText && ((line) => handler.invalidText!(line)));
  handler.start?.(window.totalBytes);
  const scanner = new CsvScanner(handler);
  await window.feed((buf, start, end, eof) => scanner.scan(buf, start, end, eof));
}

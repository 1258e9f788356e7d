/**
 * The text encoding of a data file, told from its first bytes: UTF-8 (with or without a byte-order
 * mark) or UTF-16 LE/BE with a byte-order mark (a common Windows export). Bytes that are neither are
 * refused with a clear error; a UTF-8 file with a few invalid bytes loads, each line holding them
 * reported (their bytes read as U+FFFD), so no value changes without a word.
 */
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

export type Detected = { readonly encoding: TextEncoding } | { readonly undecodable: string };

/** How much of the file's start the undecodable test reads. */
export const SAMPLE_BYTES = 64 << 10;

/** More than this share of NUL bytes or invalid sequences in the sample: not text kqlx can read. */
const UNDECODABLE_SHARE = 0.1;

export function detectEncoding(head: Buffer): Detected {
  if (head[0] === 0xff && head[1] === 0xfe) {
    if (head[2] === 0 && head[3] === 0 && head.length >= 4) return { undecodable: 'it is UTF-32 text (byte-order mark FF FE 00 00); save it as UTF-8 or UTF-16' };
    return { encoding: 'utf16le' };
  }
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be' };
  if (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) return { undecodable: 'it is UTF-32 text (byte-order mark 00 00 FE FF); save it as UTF-8 or UTF-16' };
  if (head.length === 0 || isUtf8(head)) return { encoding: 'utf8' };
  let nuls = 0;
  for (const b of head) if (b === 0) nuls++;
  const replaced = countReplacements(head);
  if (nuls > head.length * UNDECODABLE_SHARE) {
    return { undecodable: 'it holds NUL bytes throughout: binary data, or UTF-16 without a byte-order mark; save it as UTF-8, or UTF-16 with a byte-order mark' };
  }
  if (replaced > head.length * UNDECODABLE_SHARE) {
    return { undecodable: 'it is neither UTF-8 nor UTF-16 text (compressed or binary data?); save it as UTF-8' };
  }
  return { encoding: 'utf8' };
}

/** U+FFFD characters the UTF-8 decoder makes of invalid sequences (a last incomplete one not counted). */
function countReplacements(bytes: Buffer): number {
  const text = new TextDecoder('utf-8').decode(bytes, { stream: true });
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

const LF = 10;

/**
 * Follows the raw UTF-8 bytes of a file chunk by chunk, and calls `report` with the 1-based line of
 * each line that holds invalid UTF-8 (once per line). Valid chunks, the usual case, cost one native
 * check and a count of their line feeds.
 */
export class Utf8Lines {
  private line = 1;
  /** Bytes of a multi-byte sequence the previous chunk ended in. */
  private carry: Buffer = Buffer.alloc(0);
  private lastReported = 0;

  constructor(private readonly report: (line: number) => void) {}

  feed(chunk: Buffer, eof: boolean): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = eof ? bytes.length : completeLength(bytes);
    this.carry = Buffer.from(bytes.subarray(cut));
    const whole = bytes.subarray(0, cut);
    if (isUtf8(whole)) {
      for (let i = whole.indexOf(LF); i >= 0; i = whole.indexOf(LF, i + 1)) this.line++;
      return;
    }
    let i = 0;
    while (i < whole.length) {
      const b = whole[i]!;
      if (b === LF) {
        this.line++;
        i++;
        continue;
      }
      const n = sequenceLength(whole, i);
      if (n === 0) {
        if (this.lastReported !== this.line) this.report((this.lastReported = this.line));
        i++;
      } else i += n;
    }
  }
}

/** The length of the bytes before a multi-byte sequence the chunk ends in the middle of. */
function completeLength(b: Buffer): number {
  for (let back = 1; back <= 3 && back <= b.length; back++) {
    const c = b[b.length - back]!;
    if ((c & 0xc0) !== 0x80) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      return need > back ? b.length - back : b.length;
    }
  }
  return b.length;
}

/** The length of the valid UTF-8 sequence at i, or 0 when the bytes there are not one. */
function sequenceLength(b: Buffer, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (need === 0 || i + need > b.length) return 0;
  for (let k = 1; k < need; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  return isUtf8(b.subarray(i, i + need)) ? need : 0; // overlong forms and surrogates
}

/** What a loader reports for a line holding invalid UTF-8. */
export const INVALID_UTF8 = 'bytes that are not valid UTF-8; they read as U+FFFD (the replacement character)';

/**
 * A whole file's text, decoded as detectEncoding says (a UTF-8 byte-order mark dropped), or why it
 * cannot be; the lines holding invalid UTF-8 come back too, for the caller to report.
 */
export async function readTextFile(path: string): Promise<{ text: string; invalidLines: number[] } | { undecodable: string }> {
  const bytes = await readFile(path);
  const detected = detectEncoding(bytes.subarray(0, SAMPLE_BYTES));
  if ('undecodable' in detected) return detected;
  if (detected.encoding !== 'utf8') return { text: new TextDecoder(detected.encoding === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(bytes), invalidLines: [] };
  const invalidLines: number[] = [];
  new Utf8Lines((line) => invalidLines.push(line)).feed(bytes, true);
  return { text: new TextDecoder('utf-8').decode(bytes), invalidLines };
}

/**
 * A sliding window of bytes over a file, for scanners that work on raw bytes: the scanner consumes
 * whole records from the window, and `refill` keeps the unfinished tail and appends the next chunk.
 * Memory stays at two chunks (or one record, if a record is longer) whatever the size of the file.
 *
 * The next chunk is read while the scanner works on the current one (two buffers, swapped), so
 * the disk and the parser overlap instead of taking turns. Each buffer keeps room in front of its
 * chunk for the unfinished tail of the previous one, so joining them copies only that tail.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { type ByteSource, isGzipPath, openGzipSource, plainSource } from './byte-source.js';
import { LoadError } from './problems.js';
import { detectEncoding, SAMPLE_BYTES, type TextEncoding, Utf8Lines } from './text-encoding.js';

export const DEFAULT_CHUNK_BYTES = 4 << 20;
const MAX_TAIL_ROOM = 1 << 20;

export type ProgressCallback = (bytesRead: number, totalBytes: number) => void;

/** Told the 1-based line of each line holding bytes that are not UTF-8 (they read as U+FFFD). */
export type InvalidTextCallback = (line: number) => void;

function describeError(path: string, err: unknown): LoadError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT' ? 'no such file' :
    code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
    code === 'EISDIR' ? 'it is a directory' :
    (err as Error | undefined)?.message ?? String(err);
  return new LoadError(`cannot read ${path}: ${reason}`, path);
}

export class FileWindow {
  /** Bytes [start, end) of `buf` are the window. */
  buf: Buffer;
  start = 0;
  end = 0;
  eof = false;
  bytesRead = 0;
  private spare: Buffer;
  private pending: Promise<number> | undefined;
  /** Room in front of each chunk for the previous chunk's unfinished record. */
  private readonly tailRoom: number;
  /** A UTF-16 file is handed to the scanners as UTF-8: its text, decoded as it is read. */
  private readonly decoder: TextDecoder | undefined;
  private raw: Buffer | undefined;
  private readonly utf8Lines: Utf8Lines | undefined;

  private constructor(
    private readonly source: ByteSource,
    readonly path: string,
    readonly totalBytes: number,
    private readonly chunkBytes: number,
    private readonly onProgress: ProgressCallback | undefined,
    encoding: TextEncoding,
    onInvalidText: InvalidTextCallback | undefined,
    /** Progress counts the compressed bytes consumed, as totalBytes is the compressed file's size. */
    private readonly compressed: boolean,
  ) {
    if (encoding === 'utf8') this.utf8Lines = onInvalidText && new Utf8Lines(onInvalidText);
    else this.decoder = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be');
    this.tailRoom = Math.min(MAX_TAIL_ROOM, chunkBytes);
    this.buf = Buffer.allocUnsafe(this.tailRoom + chunkBytes);
    this.spare = Buffer.allocUnsafe(this.tailRoom + chunkBytes);
    this.readAhead();
  }

  /**
   * Opens `path`; throws LoadError naming the file when it cannot be read, or when its bytes are not
   * text kqlx can decode (see text-encoding.ts). A `.gz` file is decompressed as it streams (its text
   * read as UTF-8); its progress counts compressed bytes, against the file's size.
   */
  static async open(path: string, onProgress?: ProgressCallback, chunkBytes = DEFAULT_CHUNK_BYTES, onInvalidText?: InvalidTextCallback): Promise<FileWindow> {
    let handle: FileHandle | undefined;
    let detected;
    let size;
    try {
      handle = await open(path, 'r');
      const stat = await handle.stat();
      if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      if (isGzipPath(path)) return new FileWindow(openGzipSource(handle), path, stat.size, chunkBytes, onProgress, 'utf8', onInvalidText, true);
      const head = Buffer.allocUnsafe(Math.min(SAMPLE_BYTES, stat.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      detected = detectEncoding(head.subarray(0, bytesRead));
      size = stat.size;
    } catch (err) {
      await handle?.close();
      throw describeError(path, err);
    }
    if ('undecodable' in detected) {
      await handle.close();
      throw new LoadError(`cannot load ${path}: ${detected.undecodable}`, path);
    }
    // The scanners see UTF-8: a UTF-16 file's text takes about half its bytes then.
    const utf8Size = detected.encoding === 'utf8' ? size : Math.ceil(size / 2);
    return new FileWindow(plainSource(handle), path, utf8Size, chunkBytes, onProgress, detected.encoding, onInvalidText, false);
  }

  private readAhead(): void {
    this.pending = this.readChunk(this.spare, this.tailRoom, this.chunkBytes).catch((err: unknown) => {
      throw err instanceof LoadError ? err : describeError(this.path, err);
    });
    // The caller may fail before awaiting it; the error is reported by refill, not as unhandled.
    this.pending.catch(() => undefined);
  }

  /** Reads the next chunk of the file's UTF-8 text into target[offset, offset + length); 0 at the end. */
  private async readChunk(target: Buffer, offset: number, length: number): Promise<number> {
    if (!this.decoder) {
      const bytesRead = await this.source.read(target, offset, length);
      this.utf8Lines?.feed(target.subarray(offset, offset + bytesRead), bytesRead === 0);
      return bytesRead;
    }
    // Every 2 bytes of UTF-16 take at most 3 of UTF-8; the decoder may also hold one character back.
    const raw = (this.raw ??= Buffer.allocUnsafe(Math.max(2, Math.floor(length / 3) * 2 - 4)));
    for (;;) {
      const bytesRead = await this.source.read(raw, 0, raw.length);
      const text = bytesRead === 0 ? this.decoder.decode() : this.decoder.decode(raw.subarray(0, bytesRead), { stream: true });
      if (text.length > 0 || bytesRead === 0) return target.write(text, offset, 'utf8');
    }
  }

  /**
   * Keeps bytes [keepFrom, end) and appends the next chunk after them; the window then starts at
   * the kept bytes. Sets `eof`, with the kept bytes as the whole window, once the file is exhausted.
   */
  async refill(keepFrom: number): Promise<void> {
    const n = (await this.pending) ?? 0;
    this.pending = undefined;
    if (n === 0) {
      this.eof = true;
      this.start = keepFrom;
      return;
    }
    this.bytesRead = this.compressed ? this.source.bytesConsumed() : this.bytesRead + n;
    const kept = this.end - keepFrom;
    const standard = this.tailRoom + this.chunkBytes;
    if (kept > this.tailRoom) {
      // A record longer than the room in front: join tail and chunk in a buffer of their own.
      const joined = Buffer.allocUnsafe(kept + n);
      this.buf.copy(joined, 0, keepFrom, this.end);
      this.spare.copy(joined, kept, this.tailRoom, this.tailRoom + n);
      if (this.buf.length === standard) this.spare = this.buf;
      this.buf = joined;
      this.start = 0;
    } else {
      this.buf.copy(this.spare, this.tailRoom - kept, keepFrom, this.end);
      const old = this.buf;
      this.buf = this.spare;
      this.spare = old.length === standard ? old : Buffer.allocUnsafe(standard);
      this.start = this.tailRoom - kept;
    }
    this.end = this.start + kept + n;
    this.onProgress?.(this.bytesRead, this.totalBytes);
    this.readAhead();
  }

  async close(): Promise<void> {
    await this.pending?.catch(() => undefined);
    await this.source.close();
  }

  /**
   * Feeds the whole file to `scan`, which consumes what it can of [start, end) and returns where the
   * unconsumed bytes begin; closes the file at the end, also when `scan` throws.
   */
  async feed(scan: (buf: Buffer, start: number, end: number, eof: boolean) => number): Promise<void> {
    try {
      let consumed = 0;
      for (;;) {
        await this.refill(consumed);
        consumed = scan(this.buf, this.start, this.end, this.eof);
        if (this.eof) break;
      }
    } finally {
      await this.close();
    }
  }
}

/**
 * A sliding window of bytes over a file, for scanners that work on raw bytes: the scanner consumes
 * whole records from the window, and `refill` keeps the unfinished tail and appends the next chunk.
 * Memory stays at two chunks (or one record, if a record is longer) whatever the size of the file.
 *
 * The next chunk is read while the scanner works on the current one (two buffers, swapped), so
 * the disk and the parser overlap instead of taking turns. Each buffer keeps room in front of its
 * chunk for the unfinished tail of the previous one, so joining them copies only that tail.
 */
import { open } from 'node:fs/promises';
import { type ByteSource, isGzipPath, openGzipSource, plainSource } from './byte-source.js';
import { LoadError } from './problems.js';

export const DEFAULT_CHUNK_BYTES = 4 << 20;
const MAX_TAIL_ROOM = 1 << 20;

export type ProgressCallback = (bytesRead: number, totalBytes: number) => void;

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

  private constructor(
    private readonly source: ByteSource,
    readonly path: string,
    readonly totalBytes: number,
    private readonly chunkBytes: number,
    private readonly onProgress: ProgressCallback | undefined,
  ) {
    this.tailRoom = Math.min(MAX_TAIL_ROOM, chunkBytes);
    this.buf = Buffer.allocUnsafe(this.tailRoom + chunkBytes);
    this.spare = Buffer.allocUnsafe(this.tailRoom + chunkBytes);
    this.readAhead();
  }

  /**
   * Opens `path`; throws LoadError naming the file when it cannot be read. A `.gz` file is
   * decompressed as it streams; its progress counts compressed bytes, against the file's size.
   */
  static async open(path: string, onProgress?: ProgressCallback, chunkBytes = DEFAULT_CHUNK_BYTES): Promise<FileWindow> {
    let source: ByteSource | undefined;
    try {
      const handle = await open(path, 'r');
      source = plainSource(handle);
      const stat = await handle.stat();
      if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      if (isGzipPath(path)) source = openGzipSource(handle);
      return new FileWindow(source, path, stat.size, chunkBytes, onProgress);
    } catch (err) {
      await source?.close();
      throw describeError(path, err);
    }
  }

  private readAhead(): void {
    const target = this.spare;
    this.pending = this.source.read(target, this.tailRoom, this.chunkBytes).then(
      (n) => n,
      (err: unknown) => {
        throw describeError(this.path, err);
      },
    );
    // The caller may fail before awaiting it; the error is reported by refill, not as unhandled.
    this.pending.catch(() => undefined);
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
    this.bytesRead = this.source.bytesConsumed();
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

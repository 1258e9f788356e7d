/**
 * Where a FileWindow's bytes come from: the file itself, or its gzip decompression, streamed (a
 * `.csv.gz` never sits decompressed in memory). Both fill a caller's buffer and say how many bytes
 * of the file they have consumed, for progress.
 */
import type { FileHandle } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

export interface ByteSource {
  /** Fills target[offset, offset + length) as far as it can; 0 at the end. */
  read(target: Buffer, offset: number, length: number): Promise<number>;
  /** Bytes of the file read so far. */
  bytesConsumed(): number;
  close(): Promise<void>;
}

export const isGzipPath = (path: string): boolean => /\.gz$/i.test(path);

export function plainSource(handle: FileHandle): ByteSource {
  let consumed = 0;
  return {
    async read(target, offset, length) {
      const { bytesRead } = await handle.read(target, offset, length, null);
      consumed += bytesRead;
      return bytesRead;
    },
    bytesConsumed: () => consumed,
    close: () => handle.close(),
  };
}

/** Decompresses a gzip file (several members, as `cat a.gz b.gz` makes, included) as it is read. */
export function openGzipSource(handle: FileHandle): ByteSource {
  const file = handle.createReadStream({ autoClose: false, start: 0 });
  const gunzip = file.pipe(createGunzip());
  // Errors surface through the iterator; without a listener here a corrupt file would be an uncaught 'error' event.
  file.on('error', (e) => gunzip.destroy(e));
  const chunks = gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let pending: Buffer | undefined;
  let done = false;
  return {
    async read(target, offset, length) {
      let written = 0;
      while (written < length && !done) {
        if (!pending || pending.length === 0) {
          let next: IteratorResult<Buffer>;
          try {
            next = await chunks.next();
          } catch (e) {
            throw new Error(`not a valid gzip file (${(e as Error).message})`, { cause: e });
          }
          if (next.done) {
            done = true;
            break;
          }
          pending = next.value;
        }
        const n = Math.min(pending.length, length - written);
        pending.copy(target, offset + written, 0, n);
        pending = pending.subarray(n);
        written += n;
        if (written > 0 && pending.length === 0) break; // hand over what is decoded rather than wait for more
      }
      return written;
    },
    bytesConsumed: () => file.bytesRead,
    async close() {
      gunzip.destroy();
      file.destroy();
      await handle.close();
    },
  };
}

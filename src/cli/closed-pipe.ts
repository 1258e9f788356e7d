/**
 * A reader that stops early (`kqlx query ... | head -1`, quitting `less`) closes the pipe, and the next
 * write fails with EPIPE. Unix tools stop quietly with success then: so does kqlx, whatever it was printing.
 */
import { EXIT } from './exit-codes.js';

export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
    throw e;
  });
}

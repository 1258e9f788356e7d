/** Reading a user-named file, with a clear message instead of a stack trace when it cannot be read. */
import { readFileSync } from 'node:fs';
import { UserError } from './exit-codes.js';

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read '${file}': ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message}`);
  }
}

/** `--now ISO`: the instant now() and ago() resolve against. */
import { parseDatetime } from '../types/datetime.js';
import { UserError } from './exit-codes.js';

export function parseNow(text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  const t = parseDatetime(text);
  if (t === undefined) throw new UserError(`--now: '${text}' is not a datetime (use ISO 8601, e.g. 2024-05-01T12:00:00Z)`);
  return t;
}

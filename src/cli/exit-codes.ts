/**
 * Exit codes of the kqlx command (also listed in the README):
 *   0  success
 *   1  the query or rule has errors (syntax, semantic, unsupported, runtime), or a check found errors
 *   2  usage or input problem: bad arguments, a missing or unreadable file
 *   3  internal error: a bug in kqlx (please report it)
 */
export const EXIT = { ok: 0, queryError: 1, usage: 2, internal: 3 } as const;

/** A problem caused by the user's input: reported as a message, never with a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * Terminal manners: colour only on a terminal and never with NO_COLOR (https://no-color.org) or
 * TERM=dumb; text fitted to the terminal's width; long output paged through $PAGER (else
 * `less -FRX`) when standard output is a terminal, unless --no-pager or PAGER is empty or `cat`.
 */
import { spawn } from 'node:child_process';

type Stream = NodeJS.WriteStream;

export function useColor(stream: Stream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return stream.isTTY === true && process.env.TERM !== 'dumb';
}

/** The terminal's width, or undefined when the stream is not a terminal (piped output is never cut). */
export function terminalWidth(stream: Stream): number | undefined {
  if (stream.isTTY !== true) return undefined;
  return stream.columns > 0 ? stream.columns : 80;
}

/** Diagnostics coloured for a terminal: the severity word and the caret line. */
export function colorDiagnostics(text: string, color: boolean): string {
  if (!color) return text;
  return text
    .replace(/: (error|warning) (KX\d+):/g, (_, sev: string, code: string) => `: \x1b[${sev === 'error' ? '1;31' : '1;33'}m${sev} ${code}\x1b[0m:`)
    .replace(/^(\s*\|\s*)(\s*)(\^+)$/gm, (_, gutter: string, pad: string, caret: string) => `${gutter}${pad}\x1b[1;31m${caret}\x1b[0m`);
}

/** The pager command, or undefined when output goes straight to the terminal. */
function pagerCommand(): string | undefined {
  const pager = process.env.PAGER;
  if (pager === undefined) return 'less -FRX';
  const trimmed = pager.trim();
  return trimmed === '' || trimmed === 'cat' ? undefined : trimmed;
}

/**
 * Writes text to standard output, through the pager when on a terminal, paging allowed, and the text
 * is taller than the screen. Falls back to writing directly when the pager cannot be started.
 */
export async function writeOutput(text: string, paging: boolean): Promise<void> {
  const out = process.stdout;
  const pager = paging && out.isTTY === true ? pagerCommand() : undefined;
  const rows = out.rows > 0 ? out.rows : 24;
  if (!pager || text.split('\n').length <= rows - 1) {
    out.write(text);
    return;
  }
  const ok = await new Promise<boolean>((done) => {
    const child = spawn(pager, { shell: true, stdio: ['pipe', 'inherit', 'inherit'], env: { LESS: 'FRX', ...process.env } });
    child.on('error', () => done(false));
    child.stdin.on('error', () => undefined); // the reader quit early (q in less): not an error
    child.on('exit', (code) => done(code !== 127)); // 127: the shell found no such pager
    child.stdin.end(text);
  });
  if (!ok) out.write(text);
}

/** Running the built kqlx command as users do: piped, or on a pseudo-terminal through util-linux `script`. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KQLX, ROOT } from './paths.js';

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** The environment without the variables that change how kqlx prints (so a developer's shell does not leak in). */
function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.PAGER;
  delete env.FORCE_COLOR;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function kqlx(args: string[], options: { input?: string; env?: Record<string, string | undefined>; cwd?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [KQLX, ...args], {
    cwd: options.cwd ?? ROOT, encoding: 'utf8', input: options.input ?? '', env: cleanEnv(options.env), maxBuffer: 64 << 20,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const shellQuote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/**
 * Runs kqlx with standard output and error on a pseudo-terminal of `cols` × `rows` (util-linux
 * `script`); what the terminal showed comes back in `out` (stdout and stderr together, CRLF → LF).
 */
export function kqlxOnTerminal(args: string[], options: { cols?: number; rows?: number; env?: Record<string, string | undefined> } = {}): CliRun {
  const command = `stty cols ${options.cols ?? 100} rows ${options.rows ?? 40}; ${shellQuote(process.execPath)} ${[KQLX, ...args].map(shellQuote).join(' ')}; echo "[exit $?]"`;
  const r = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: cleanEnv({ TERM: 'xterm', ...options.env }), input: '' });
  const out = r.stdout.replace(/\r\n/g, '\n');
  const m = /\[exit (\d+)\]\n?$/.exec(out);
  return { code: m ? Number(m[1]) : null, out: m ? out.slice(0, m.index) : out, err: r.stderr };
}

export const scratchDir = (prefix: string) => mkdtempSync(join(tmpdir(), `kqlx-${prefix}-`));

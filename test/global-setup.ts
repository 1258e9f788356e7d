/**
 * Builds the JavaScript the `kqlx` command runs (dist/, as `npm install` does through `prepare`), so
 * tests that spawn the command test what users run, never a stale build. tsc is incremental: an
 * unchanged tree rebuilds in a few seconds.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT } from './helpers/paths.js';

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}

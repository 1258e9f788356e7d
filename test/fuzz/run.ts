/**
 * `npm run fuzz -- [--count N] [--seed S] [--timeout SECONDS]`: a longer fuzz run than the test suite's.
 * Exits 1 when it finds an internal error, a crash, a hang or silently lost rows.
 */
import { reportText, runFuzz } from './harness.js';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`${name} needs a whole number\n`);
    process.exit(2);
  }
  return value;
}

const count = option('--count', 2000);
const seed = option('--seed', 1);
const timeoutSeconds = option('--timeout', 30);
const started = Date.now();
const report = await runFuzz({
  seed,
  count,
  timeoutSeconds,
  onProgress: (done, total) => {
    if (done % 500 === 0 || done === total) process.stderr.write(`  ${done}/${total} cases, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  },
});
process.stdout.write(reportText(report, seed));
process.exitCode = report.findings.length > 0 ? 1 : 0;

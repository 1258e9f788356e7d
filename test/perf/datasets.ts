/**
 * The benchmark's input files: made by the shared generator (../shared/bench/gen-logs.mjs) into
 * .bench-data/ and reused when a file made with the same arguments, by the same generator, is there.
 * A sidecar `<file>.args.json` records the arguments, the generator's SHA-256 and the file sizes; it
 * is written last, so a run interrupted half-way leaves no file that looks complete.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAIN_DIR = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const GENERATOR = resolve(MAIN_DIR, '../shared/bench/gen-logs.mjs');
export const CACHE_DIR = join(MAIN_DIR, '.bench-data');

export type GenTable = 'CommonSecurityLog' | 'NetworkSession';

export interface Truth {
  /** The seed rule's expected result rows (planted events only; the background never adds a row). */
  readonly rows: number;
  /** The sum of one numeric result column over the expected rows, as a cheap content check. */
  readonly checksum: number;
}

export interface Dataset {
  readonly table: GenTable;
  readonly rows: number;
  readonly csv: string;
  readonly truthFile: string;
  readonly bytes: number;
  readonly truth: Truth;
  /** Seconds spent generating, when the file was made by this run. */
  readonly generatedSeconds?: number;
  /** The command that made (or would make) the file, relative to /work/main. */
  readonly command: string;
}

interface Sidecar {
  args: string[];
  generatorSha256: string;
  csvBytes: number;
  truthBytes: number;
}

const SHORT: Record<GenTable, string> = { CommonSecurityLog: 'csl', NetworkSession: 'ns' };

function sizeLabel(rows: number): string {
  if (rows % 1_000_000 === 0) return `${rows / 1_000_000}m`;
  if (rows % 1_000 === 0) return `${rows / 1_000}k`;
  return String(rows);
}

let generatorHash: string | undefined;
function generatorSha256(): string {
  generatorHash ??= createHash('sha256').update(readFileSync(GENERATOR)).digest('hex');
  return generatorHash;
}

function readSidecar(path: string): Sidecar | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Sidecar;
  } catch {
    return undefined;
  }
}

function sameArgs(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The column whose sum is the checksum: totalcount for seed 001, AttemptedPortsCount for seed 004. */
export const CHECKSUM_COLUMN: Record<GenTable, string> = { CommonSecurityLog: 'totalcount', NetworkSession: 'AttemptedPortsCount' };

function readTruth(path: string, table: GenTable): Truth {
  const t = JSON.parse(readFileSync(path, 'utf8')) as { expected: { columns: string[]; rows: unknown[][] } };
  const col = t.expected.columns.indexOf(CHECKSUM_COLUMN[table]);
  if (col < 0) throw new Error(`${path}: the expected result has no ${CHECKSUM_COLUMN[table]} column`);
  const checksum = t.expected.rows.reduce((sum, row) => sum + Number(row[col]), 0);
  return { rows: t.expected.rows.length, checksum };
}

/** The CSV file (and truth file) for `table` with `rows` rows, generated unless already cached. */
export function ensureDataset(table: GenTable, rows: number, seed = 42, log: (line: string) => void = () => {}): Dataset {
  mkdirSync(CACHE_DIR, { recursive: true });
  const base = `${SHORT[table]}-${sizeLabel(rows)}-s${seed}`;
  const csv = join(CACHE_DIR, `${base}.csv`);
  const truthFile = join(CACHE_DIR, `${base}.truth.json`);
  const sidecarFile = join(CACHE_DIR, `${base}.args.json`);
  const rel = (p: string) => relative(MAIN_DIR, p);
  const args = ['--table', table, '--rows', String(rows), '--format', 'csv', '--out', rel(csv), '--seed', String(seed), '--quiet', '--truth', rel(truthFile)];
  const command = `node ${rel(GENERATOR)} ${args.join(' ')}`;

  const sidecar = readSidecar(sidecarFile);
  if (
    sidecar &&
    sameArgs(sidecar.args, args) &&
    sidecar.generatorSha256 === generatorSha256() &&
    existsSync(csv) &&
    existsSync(truthFile) &&
    statSync(csv).size === sidecar.csvBytes &&
    statSync(truthFile).size === sidecar.truthBytes
  ) {
    return { table, rows, csv, truthFile, bytes: sidecar.csvBytes, truth: readTruth(truthFile, table), command };
  }

  // Generate under temporary names, then rename, then write the sidecar.
  rmSync(sidecarFile, { force: true });
  const tmpCsv = `${csv}.tmp`;
  const tmpTruth = `${truthFile}.tmp`;
  const tmpArgs = args.map((a) => (a === rel(csv) ? rel(tmpCsv) : a === rel(truthFile) ? rel(tmpTruth) : a));
  log(`generating ${rel(csv)}: ${command}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [rel(GENERATOR), ...tmpArgs], { cwd: MAIN_DIR, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`the generator failed (exit ${r.status ?? r.signal}): ${command}`);
  const generatedSeconds = (performance.now() - t0) / 1000;
  renameSync(tmpCsv, csv);
  renameSync(tmpTruth, truthFile);
  const fresh: Sidecar = { args, generatorSha256: generatorSha256(), csvBytes: statSync(csv).size, truthBytes: statSync(truthFile).size };
  writeFileSync(sidecarFile, `${JSON.stringify(fresh, null, 2)}\n`);
  return { table, rows, csv, truthFile, bytes: fresh.csvBytes, truth: readTruth(truthFile, table), generatedSeconds, command };
}

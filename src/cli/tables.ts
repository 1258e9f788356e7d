/**
 * Loading the tables named on the command line (`-t Name=path`, `--data DIR`), watchlists
 * (`--watchlist alias=path`) and externaldata files (`--external URL=path`), with progress and load
 * problems reported. Watchlists and external files join the tables under reserved names.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { LoadError, loadTableFile } from '../io/load.js';
import { loadWatchlist } from '../sentinel/watchlist-file.js';
import { externalTableName } from '../engine.js';
import { watchlistTableName } from '../sentinel/watchlist.js';
import { sentinelSchema } from '../sentinel/schemas/index.js';
import type { Table } from '../table/table.js';
import { UserError } from './exit-codes.js';
import type { ParserOptions } from './parsers.js';
import { Progress } from './progress.js';

export interface TableOptions extends ParserOptions {
  table?: string[];
  data?: string;
  watchlist?: string[];
  external?: string[];
  quiet?: boolean;
}

/** `Name=path` pairs from a repeatable option. */
function pairs(option: string, specs: readonly string[] = []): [string, string][] {
  return specs.map((spec) => {
    const eq = spec.lastIndexOf('=');
    if (eq <= 0) throw new UserError(`${option} expects NAME=path, got '${spec}'`);
    const file = spec.slice(eq + 1);
    if (!existsSync(file)) throw new UserError(`${option} ${spec.slice(0, eq)}: cannot read '${file}': no such file`);
    return [spec.slice(0, eq), file];
  });
}

const TABLE_FILE = /\.(csv|json|jsonl|ndjson)$/i;

/** Name → file, from `-t Name=path` pairs and every table file in `--data DIR` (named after its table). */
export function tableFiles(options: TableOptions): Map<string, string> {
  const files = new Map<string, string>();
  if (options.data) {
    if (!existsSync(options.data) || !statSync(options.data).isDirectory()) {
      throw new UserError(`--data: '${options.data}' is not a directory`);
    }
    for (const f of readdirSync(options.data).sort()) {
      if (TABLE_FILE.test(f)) files.set(basename(f, extname(f)), join(options.data, f));
    }
  }
  for (const spec of options.table ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UserError(`-t expects Name=path, got '${spec}'`);
    files.set(spec.slice(0, eq), spec.slice(eq + 1));
  }
  return files;
}

export async function loadTables(options: TableOptions): Promise<Map<string, Table>> {
  const tables = new Map<string, Table>();
  for (const [name, file] of tableFiles(options)) {
    if (!existsSync(file)) throw new UserError(`table ${name}: cannot read '${file}': no such file`);
    const progress = new Progress(`loading ${name}`, options.quiet);
    const loaded = await loadTableFile(file, {
      tableName: name,
      schema: sentinelSchema(name),
      onProgress: (done: number, total: number) => progress.update(done, total),
    }).catch(asUserError(`table ${name}`));
    progress.done(`${name}: ${loaded.table.rowCount} rows from ${file}`);
    reportProblems(file, loaded.problems);
    tables.set(name, loaded.table);
  }
  for (const [alias, file] of pairs('--watchlist', options.watchlist)) {
    const { table, problems } = await loadWatchlist(file, alias).catch(asUserError(alias));
    reportProblems(file, problems);
    tables.set(watchlistTableName(alias), table);
  }
  for (const [uri, file] of pairs('--external', options.external)) {
    const loaded = await loadTableFile(file, { tableName: uri }).catch(asUserError(uri));
    reportProblems(file, loaded.problems);
    tables.set(externalTableName(uri), loaded.table);
  }
  return tables;
}

function asUserError(name: string) {
  return (e: unknown): never => {
    if (e instanceof LoadError) throw new UserError(`${name}: ${e.message}`);
    throw e;
  };
}

function reportProblems(file: string, problems: readonly { file: string; line: number; message: string }[]): void {
  for (const p of problems.slice(0, 20)) process.stderr.write(`${p.file}:${p.line}: ${p.message}\n`);
  if (problems.length > 20) process.stderr.write(`... and ${problems.length - 20} more problems in ${file}\n`);
  if (problems.length > 0) process.stderr.write(`${file}: ${problems.length} problem(s) while loading\n`);
}

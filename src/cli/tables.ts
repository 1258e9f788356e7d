/**
 * Loading the tables named on the command line (`-t Name=path`, `--data DIR`), watchlists
 * (`--watchlist alias=path`) and externaldata files (`--external URL=path`), with progress and load
 * problems reported. Watchlists and external files join the tables under reserved names.
 * A table made of several files is their `union` (io/append-tables.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { LoadError, loadTableFile } from '../io/load.js';
import { loadWatchlist } from '../sentinel/watchlist-file.js';
import { externalTableName } from '../engine.js';
import { sentinel } from '../sentinel/catalog.js';
import { watchlistTableName } from '../sentinel/watchlist.js';
import type { ProductCatalog } from '../semantics/context.js';
import { appendTables } from '../io/append-tables.js';
import { sentinelSchema } from '../sentinel/schemas/index.js';
import type { ColumnSchema, Table } from '../table/table.js';
import { diag } from '../diagnostics/catalog.js';
import { noteText } from './run-notes.js';
import { countProblems, plural, problemCount, takeProblemCount } from './data-problems.js';
import { EXIT, UserError } from './exit-codes.js';
import { Progress } from './progress.js';
import { skippedDataFiles, tableSources } from './table-sources.js';

export interface TableOptions {
  table?: string[];
  data?: string;
  watchlist?: string[];
  external?: string[];
  quiet?: boolean;
  /** Column types of tables the Sentinel pack does not know (from kqlx.json), consulted after the pack. */
  schemas?: ReadonlyMap<string, readonly ColumnSchema[]>;
  /** Any data problem (a malformed row, a changed value) is an error: nothing runs, exit 1. */
  strict?: boolean;
  /** The product's known columns of a table, so a loaded file takes their types (default: Sentinel's pack). */
  schemaOf?: (table: string) => ColumnSchema[] | undefined;
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

/** The known columns of a table: the Sentinel pack's, else the project's. */
export function knownSchema(options: Pick<TableOptions, 'schemas' | 'schemaOf'>): (name: string) => ColumnSchema[] | undefined {
  const product = options.schemaOf ?? sentinelSchema;
  return (name) => product(name) ?? options.schemas?.get(name)?.slice();
}

/** What is known without data: Sentinel (its pack, watchlists, ASIM parsers) and the project's table schemas. */
export function knownCatalog(options: Pick<TableOptions, 'schemas'>): ProductCatalog {
  return { ...sentinel, tableSchema: knownSchema(options), knownTableNames: () => [...sentinel.knownTableNames!(), ...(options.schemas?.keys() ?? [])] };
}

/**
 * Loads the tables of the command line; with `only`, just those of them (the tables a query reads).
 * Watchlists and external files always load: they are small and a query names them by alias.
 */
export async function loadTables(options: TableOptions, only?: ReadonlySet<string>): Promise<Map<string, Table>> {
  const tables = new Map<string, Table>();
  const skipped = skippedDataFiles(options.data);
  if (skipped.length && !options.quiet) {
    process.stderr.write(`${noteText(diag.skippedDataFiles(options.data!, skipped))}\n`);
  }
  const known = knownSchema(options);
  for (const [name, files] of tableSources(options)) {
    if (only && !only.has(name)) continue;
    const parts: Table[] = [];
    for (const file of files) {
      const progress = new Progress(`loading ${name}`, options.quiet);
      const loaded = await loadTableFile(file, {
        tableName: name,
        schema: known(name),
        onProgress: (done: number, total: number) => progress.update(done, total),
      }).catch(asUserError(`table ${name}`));
      progress.done(`${name}: ${loaded.table.rowCount} rows from ${file}`);
      reportProblems(file, loaded.problems);
      if (statSync(file).size === 0) process.stderr.write(`${noteText(diag.emptyFile(file, name))}\n`);
      parts.push(loaded.table);
    }
    tables.set(name, appendTables(parts));
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
  if (options.strict && problemCount() > 0) {
    throw new UserError(`--strict: ${plural(takeProblemCount(), 'data problem')} while loading (listed above); nothing was run`, EXIT.queryError);
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
  countProblems(problems.length);
  for (const p of problems.slice(0, 20)) process.stderr.write(`${p.file}:${p.line}: ${p.message}\n`);
  if (problems.length > 20) process.stderr.write(`... and ${problems.length - 20} more problems in ${file}\n`);
  if (problems.length > 0) process.stderr.write(`${file}: ${problems.length} problem(s) while loading\n`);
}


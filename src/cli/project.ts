/**
 * The project file, `kqlx.json` at the root of a rule repository, so that `check`, `test` and `rule`
 * need no long flag lists in CI:
 *
 *   {
 *     "schemas": ["schemas/custom-tables.json"],      // {"Table": {"Column": "type", ...}, ...} each
 *     "watchlists": {"vips": "watchlists/vips.csv"},  // what _GetWatchlist('vips') reads
 *     "externaldata": {"https://example.com/iocs.csv": "data/iocs.csv"}
 *   }
 *
 * Paths are relative to the file. It is found in the directory of the first path a command is given,
 * or a directory above it, up to the repository root (a directory holding `.git`); `--project FILE`
 * names it instead. Flags on the command line come after it: `--watchlist vips=other.csv` wins.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseTypeName } from '../types/scalar-type.js';
import type { ColumnSchema } from '../table/table.js';
import { UserError } from './exit-codes.js';

export const PROJECT_FILE = 'kqlx.json';

export interface Project {
  readonly file: string;
  /** Columns of tables the Sentinel pack does not know. */
  readonly schemas: ReadonlyMap<string, readonly ColumnSchema[]>;
  /** `alias=path`, as --watchlist takes them. */
  readonly watchlists: readonly string[];
  /** `url=path`, as --external takes them. */
  readonly externaldata: readonly string[];
}

const KEYS = new Set(['schemas', 'watchlists', 'externaldata']);

/** The project file that governs `start` (a file or directory): there or in a directory above, stopping at the repository root. */
export function findProjectFile(start: string): string | undefined {
  let dir = resolve(start);
  if (!existsSync(dir) || !isDirectory(dir)) dir = dirname(dir);
  for (;;) {
    const candidate = join(dir, PROJECT_FILE);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
    dir = dirname(dir);
  }
}

const isDirectory = (p: string): boolean => statSync(p).isDirectory();

function fail(file: string, message: string): never {
  throw new UserError(`${file}: ${message}`);
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`cannot read ${what} '${file}'`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail(file, `not valid JSON: ${(e as Error).message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readSchemaFile(file: string, into: Map<string, ColumnSchema[]>): void {
  const json = readJson(file, 'schema file');
  if (!isObject(json)) fail(file, 'expected an object of table name to {"Column": "type", ...}');
  for (const [table, columns] of Object.entries(json)) {
    if (!isObject(columns)) fail(file, `table ${table}: expected an object of column name to type`);
    into.set(table, Object.entries(columns).map(([name, type]) => {
      const parsed = typeof type === 'string' ? parseTypeName(type) : undefined;
      if (parsed === undefined) fail(file, `table ${table}, column ${name}: '${String(type)}' is not a KQL type (string, int, long, real, bool, datetime, timespan, guid, dynamic, decimal)`);
      return { name, type: parsed };
    }));
  }
}

function mapping(file: string, key: string, value: unknown, base: string): string[] {
  if (value === undefined) return [];
  if (!isObject(value)) fail(file, `"${key}" must be an object of name to file path`);
  return Object.entries(value).map(([name, path]) => {
    if (typeof path !== 'string') fail(file, `"${key}".${name} must be a file path`);
    const full = join(base, path);
    if (!existsSync(full)) fail(file, `"${key}".${name}: no such file '${full}'`);
    return `${name}=${full}`;
  });
}

export function readProject(file: string): Project {
  const json = readJson(file, 'project file');
  if (!isObject(json)) fail(file, 'expected a JSON object');
  for (const key of Object.keys(json)) {
    if (key === 'parsers') fail(file, '"parsers" is not supported yet: kqlx cannot define workspace functions from parser files (give the tables their output reads with a schema file instead)');
    if (!KEYS.has(key)) fail(file, `unknown key "${key}" (known: ${[...KEYS].join(', ')})`);
  }
  const base = dirname(file);
  const schemas = new Map<string, ColumnSchema[]>();
  const schemaFiles = json.schemas === undefined ? [] : typeof json.schemas === 'string' ? [json.schemas] : json.schemas;
  if (!Array.isArray(schemaFiles) || !schemaFiles.every((s) => typeof s === 'string')) fail(file, '"schemas" must be a file path or a list of them');
  for (const s of schemaFiles as string[]) readSchemaFile(join(base, s), schemas);
  return {
    file,
    schemas,
    watchlists: mapping(file, 'watchlists', json.watchlists, base),
    externaldata: mapping(file, 'externaldata', json.externaldata, base),
  };
}

/** The project of a command: `--project FILE`, else the file found from the first path (or the current directory). */
export function projectFor(explicit: string | undefined, paths: readonly string[]): Project | undefined {
  if (explicit !== undefined) {
    if (!existsSync(explicit)) throw new UserError(`--project: cannot read '${explicit}': no such file`);
    return readProject(explicit);
  }
  const found = findProjectFile(paths[0] ?? '.');
  return found ? readProject(found) : undefined;
}

/** Table options with the project's mappings first, so the command line's own flags win. */
export function withProject<T extends { watchlist?: string[]; external?: string[]; schemas?: ReadonlyMap<string, readonly ColumnSchema[]> }>(options: T, project: Project | undefined): T {
  if (!project) return options;
  return {
    ...options,
    watchlist: [...project.watchlists, ...(options.watchlist ?? [])],
    external: [...project.externaldata, ...(options.external ?? [])],
    schemas: new Map([...project.schemas, ...(options.schemas ?? [])]),
  };
}

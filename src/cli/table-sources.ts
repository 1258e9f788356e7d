/**
 * Which files make each table: `-t Name=path` (repeat the name to append files; a path may be a
 * directory or hold `*` and `?` in its file name), and `--data DIR` (each table file named after its
 * table, `Name.csv`, `Name.csv.gz`, `Name.parquet`, ..., and each subdirectory `DIR/Name/` holding
 * the files of table Name). Nothing is read here but directory listings.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isTableFile, tableNameOfFile } from '../io/load.js';
import { UserError } from './exit-codes.js';

/** Table name → the files it is loaded from, in order; problems that make a source unusable are UserErrors. */
export type TableSources = Map<string, string[]>;

/** Every table file in a directory (not recursive), sorted by name so the order repeats. */
function tableFilesIn(dir: string): string[] {
  return readdirSync(dir).sort().filter(isTableFile).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

function globPattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${escaped}$`);
}

/** The files one `-t` path names: the file, a directory's table files, or a glob's matches in its folder. */
function expand(name: string, path: string): string[] {
  if (/[*?]/.test(basename(path))) {
    const dir = dirname(path);
    if (/[*?]/.test(dir)) throw new UserError(`-t ${name}: only the file name of '${path}' may hold * or ?`);
    if (!existsSync(dir)) throw new UserError(`-t ${name}: cannot read '${dir}': no such directory`);
    const match = globPattern(basename(path));
    const files = readdirSync(dir).sort().filter((f) => match.test(f)).map((f) => join(dir, f));
    if (files.length === 0) throw new UserError(`-t ${name}: no file matches '${path}'`);
    return files;
  }
  if (!existsSync(path)) throw new UserError(`table ${name}: cannot read '${path}': no such file`);
  if (statSync(path).isDirectory()) {
    const files = tableFilesIn(path);
    if (files.length === 0) throw new UserError(`-t ${name}: the directory '${path}' holds no table files (.csv, .json, .jsonl, .parquet, or .gz of the text formats)`);
    return files;
  }
  return [path];
}

export function tableSources(options: { table?: string[]; data?: string }): TableSources {
  const sources: TableSources = new Map();
  const add = (name: string, files: string[]) => sources.set(name, [...(sources.get(name) ?? []), ...files]);
  if (options.data) {
    if (!existsSync(options.data) || !statSync(options.data).isDirectory()) {
      throw new UserError(`--data: '${options.data}' is not a directory`);
    }
    for (const f of readdirSync(options.data).sort()) {
      const path = join(options.data, f);
      if (statSync(path).isDirectory()) {
        if (!f.startsWith('.')) {
          const files = tableFilesIn(path);
          if (files.length) add(f, files);
        }
      } else if (isTableFile(f)) add(tableNameOfFile(f), [path]);
    }
  }
  // -t names replace what --data gave the same table; repeating a name in -t appends.
  const fromFlags = new Set<string>();
  for (const spec of options.table ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UserError(`-t expects Name=path, got '${spec}'`);
    const name = spec.slice(0, eq);
    if (!fromFlags.has(name)) sources.delete(name);
    fromFlags.add(name);
    add(name, expand(name, spec.slice(eq + 1)));
  }
  return sources;
}

/** Files in --data that kqlx skips, named so that a query's "unknown table" is not a mystery. */
export function skippedDataFiles(data: string | undefined): string[] {
  if (!data || !existsSync(data) || !statSync(data).isDirectory()) return [];
  return readdirSync(data).sort().filter((f) => !f.startsWith('.') && !isTableFile(f) && statSync(join(data, f)).isFile());
}

/**
 * Reading Cloud SIEM records from disk: every `sec_record_*` file (CSV, JSON or JSONL) of a directory,
 * typed by the normalized schema, then enriched when enrichment files are given. Node-only.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { loadTableFile, type LoadProblem, TABLE_FILE_EXTENSIONS } from '../../io/load.js';
import type { Table } from '../../table/table.js';
import { applyMatchLists, applyNetworkBlocks, readMatchLists, readNetworkBlocks } from '../enrich.js';
import { RECORD_TABLE_PREFIX } from '../records.js';
import { NORMALIZED_SCHEMA } from '../schema/index.js';

/** A problem with the input that stops the run: a missing directory, no record files, a bad enrichment file. */
export class RecordInputError extends Error {}

export interface RecordOptions {
  readonly data: string;
  readonly networkBlocks?: string;
  readonly matchLists?: string;
}

export interface LoadedRecords {
  readonly tables: Map<string, Table>;
  readonly problems: LoadProblem[];
}

/** The record files of a directory: `sec_record_<index>.<ext>`, named after the record index. */
export function recordFiles(dir: string): Map<string, string> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new RecordInputError(`--data: '${dir}' is not a directory`);
  const files = new Map<string, string>();
  for (const f of readdirSync(dir).sort()) {
    const ext = extname(f).toLowerCase();
    if (f.startsWith(RECORD_TABLE_PREFIX) && (TABLE_FILE_EXTENSIONS as readonly string[]).includes(ext)) files.set(basename(f, extname(f)), join(dir, f));
  }
  if (files.size === 0) {
    throw new RecordInputError(`--data: '${dir}' has no record files; name them after Cloud SIEM's record indexes, e.g. sec_record_network.jsonl, sec_record_authentication.csv`);
  }
  return files;
}

function readJsonFile(flag: string, file: string): unknown {
  if (!existsSync(file)) throw new RecordInputError(`${flag}: cannot read '${file}': no such file`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new RecordInputError(`${flag} ${file}: invalid JSON: ${(e as Error).message}`);
  }
}

export async function loadRecords(options: RecordOptions): Promise<LoadedRecords> {
  const blocks = options.networkBlocks === undefined ? undefined : readNetworkBlocks(readJsonFile('--network-blocks', options.networkBlocks));
  const lists = options.matchLists === undefined ? undefined : readMatchLists(readJsonFile('--match-lists', options.matchLists));
  for (const [flag, file, read] of [['--network-blocks', options.networkBlocks, blocks], ['--match-lists', options.matchLists, lists]] as const) {
    if (read && read.problems.length > 0) throw new RecordInputError(`${flag} ${file}: ${read.problems.join('; ')}`);
  }
  const tables = new Map<string, Table>();
  const problems: LoadProblem[] = [];
  for (const [name, file] of recordFiles(options.data)) {
    const loaded = await loadTableFile(file, { tableName: name, schema: NORMALIZED_SCHEMA });
    problems.push(...loaded.problems);
    let table = loaded.table;
    if (blocks) table = applyNetworkBlocks(table, blocks.blocks);
    if (lists) table = applyMatchLists(table, lists.lists);
    tables.set(name, table);
  }
  return { tables, problems };
}

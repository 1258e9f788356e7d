/**
 * Runs fuzz cases in a worker thread, so that the harness can tell a hang (no answer in time) and a
 * crash (the worker dies, out of memory included) from an answer. Each case answers with its outcome.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeQuery, makeCatalog, runAnalyzed } from '../../src/engine.js';
import { toCsv, toJsonLines, toJsonTable } from '../../src/io/format.js';
import { toTextTable } from '../../src/io/text-table.js';
import { loadTableFile } from '../../src/io/load.js';
import { LoadError } from '../../src/io/problems.js';
import { sentinel } from '../../src/sentinel/catalog.js';
import { Table } from '../../src/table/table.js';
import { dynamicToJson } from '../../src/types/json-text.js';

export interface WorkerRequest {
  readonly kind: 'query' | 'file';
  readonly text?: string;
  readonly path?: string;
}

export type WorkerAnswer =
  | { readonly outcome: 'ok' | 'refused' }
  | { readonly outcome: 'internal' | 'lost'; readonly detail: string };

const NOW = 17145216000000000n; // 2024-05-01T00:00:00Z in ticks since the epoch
const LIMITS = { maxRows: 1_000_000, maxMemoryMb: 256 };
const catalog = makeCatalog(new Map(), sentinel);
const emptyTables = new Map<string, Table>();
const provider = (name: string) => {
  const schema = sentinel.tableSchema(name);
  if (!schema) return undefined;
  let t = emptyTables.get(name);
  if (!t) emptyTables.set(name, (t = Table.empty(schema)));
  return t;
};

function runQueryCase(text: string): WorkerAnswer {
  const analyzed = analyzeQuery(text, { catalog });
  const result = runAnalyzed(analyzed, { now: NOW, tables: provider, limits: LIMITS });
  if (!result.table) return { outcome: 'refused' };
  for (const { table } of result.tables ?? [{ table: result.table }]) {
    dynamicToJson(toJsonTable(table));
    toJsonLines(table);
    toCsv(table);
    toTextTable(table);
  }
  return { outcome: 'ok' };
}

/** Every row read is loaded or named by a problem; for files without quotes, every line is a row read. */
async function runFileCase(path: string, bytes: Buffer): Promise<WorkerAnswer> {
  let loaded;
  try {
    loaded = await loadTableFile(path, { tableName: 'T' });
  } catch (e) {
    if (e instanceof LoadError) return { outcome: 'refused' };
    throw e;
  }
  const { table, problems, rowsRead } = loaded;
  if (problems.some((p) => / more problems? not listed/.test(p.message))) return { outcome: 'ok' };
  const skipped = problems.filter((p) => /skipped/.test(p.message)).length;
  if (rowsRead !== undefined && table.rowCount + skipped !== rowsRead) {
    return { outcome: 'lost', detail: `${rowsRead} rows read, ${table.rowCount} loaded, ${skipped} reported skipped` };
  }
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  const lines = bytes.toString('utf8').split(/\r\n|\r|\n/).filter((l) => l.length > 0).length;
  if (!utf16 && path.endsWith('.jsonl')) {
    const nonBlank = bytes.toString('utf8').split('\n').filter((l) => l.trim() !== '').length;
    if (nonBlank !== rowsRead) return { outcome: 'lost', detail: `${nonBlank} lines, ${rowsRead} rows read` };
  } else if (!utf16 && !bytes.includes(34) && lines > 0 && lines - 1 !== rowsRead) {
    return { outcome: 'lost', detail: `${lines - 1} lines after the header, ${rowsRead} rows read` };
  }
  return { outcome: 'ok' };
}

parentPort!.on('message', async (m: { request: WorkerRequest; bytes?: Uint8Array }) => {
  let answer: WorkerAnswer;
  try {
    answer = m.request.kind === 'query' ? runQueryCase(m.request.text!) : await runFileCase(m.request.path!, Buffer.from(m.bytes!));
  } catch (e) {
    answer = { outcome: 'internal', detail: String((e as Error).stack ?? e).split('\n').slice(0, 4).join(' | ') };
  }
  parentPort!.postMessage(answer);
});

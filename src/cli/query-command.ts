/** `kqlx query`: run one query (or a batch of them) over loaded tables and print the result. */
import { SourceText } from '../common/source.js';
import { type Analyzed, analyzeQuery, makeCatalog, type NamedTable, runAnalyzed } from '../engine.js';
import { readRuleQuery } from '../rules/query-source.js';
import { toCsv, toJsonLines, toJsonTable, toTextTable } from '../io/format.js';
import { toHtml } from '../io/html.js';
import { renderRequest } from './render-request.js';
import { planTree, printPlan } from '../plan/print.js';
import { sentinel } from '../sentinel/catalog.js';
import type { Table } from '../table/table.js';
import { loadTables, type TableOptions } from './tables.js';
import { diagnosticJson, renderAll } from './diagnostics-output.js';
import { EXIT, UserError } from './exit-codes.js';
import { parseNow } from './now.js';
import { readText } from './read-text.js';

export interface QueryOptions extends TableOptions {
  file?: string;
  output: 'table' | 'json' | 'jsonl' | 'csv' | 'html';
  now?: string;
  seed?: number;
  batch?: string;
  plan?: boolean;
}

/** The query text: an argument, a .kql file, or the `query:` of a Sentinel rule .yaml file. */
export function querySource(queryArg: string | undefined, file: string | undefined): SourceText {
  if (file === undefined) {
    if (queryArg === undefined) throw new UserError('no query: give it as an argument or with -f FILE');
    return new SourceText(queryArg);
  }
  const text = readText(file);
  if (!/\.ya?ml$/i.test(file)) return new SourceText(text, file);
  const rule = readRuleQuery(text, file);
  if (!rule.query) throw new UserError(`${file}:${rule.error!.line}:${rule.error!.col}: ${rule.error!.message}`, EXIT.queryError);
  return rule.query;
}

function formatTable(t: Table, output: QueryOptions['output'], chart?: { title: string; visualization?: string }): string {
  switch (output) {
    case 'html':
      return toHtml(t, chart?.title ?? 'kqlx result', chart?.visualization);
    case 'json':
      return `${JSON.stringify(toJsonTable(t))}\n`;
    case 'jsonl':
      return toJsonLines(t);
    case 'csv':
      return toCsv(t);
    default:
      return toTextTable(t);
  }
}

/**
 * Several tables (a batch of statements, fork, facet): as text each under its name; as JSON `{"tables": [{name, columns, rows}]}`;
 * as JSON lines each row with a leading `$result` naming its table. CSV holds one table only.
 */
function formatTables(tables: readonly NamedTable[], output: QueryOptions['output']): string {
  switch (output) {
    case 'json':
      return `${JSON.stringify({ tables: tables.map((t) => ({ name: t.name, ...toJsonTable(t.table) })) })}\n`;
    case 'jsonl':
      return tables.map((t) => toJsonLines(t.table, { $result: t.name })).join('');
    case 'csv':
    case 'html':
      throw new UserError(`the query returns ${tables.length} tables (a batch of statements, fork or facet) and ${output === 'csv' ? 'CSV' : 'an HTML page'} holds one: use -o json, jsonl or table`);
    default:
      return tables.map((t) => `${t.name}\n${toTextTable(t.table)}`).join('\n');
  }
}

export async function queryCommand(queryArg: string | undefined, options: QueryOptions): Promise<number> {
  const tables = await loadTables(options);
  const now = parseNow(options.now);
  const catalog = makeCatalog(tables, sentinel);
  const provider = (name: string) => tables.get(name);

  if (options.batch) return runBatch(options.batch, catalog, provider, now);

  const source = querySource(queryArg, options.file);
  const analyzed = analyzeQuery(source, { catalog: catalog });
  if (options.plan) return showPlan(analyzed, source, options.output);
  const result = runAnalyzed(analyzed, { now, seed: options.seed, tables: provider });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !result.table) {
    process.stderr.write(`${renderAll(result.diagnostics, source)}\n`);
    return EXIT.queryError;
  }
  const visualization = renderRequest(analyzed);
  if (visualization !== undefined && options.output === 'table') {
    process.stderr.write(`note: the query asks for a ${visualization} (render); kqlx draws it with -o html\n`);
  }
  const chart = { title: source.name === '<query>' ? 'kqlx result' : source.name, visualization };
  process.stdout.write(result.tables ? formatTables(result.tables, options.output) : formatTable(result.table, options.output, chart));
  return EXIT.ok;
}

/** `--plan`: the bound plan as an indented tree, or as JSON; the query does not run. */
function showPlan(analyzed: Analyzed, source: SourceText, output: QueryOptions['output']): number {
  if (analyzed.diagnostics.some((d) => d.severity === 'error') || !analyzed.plan) {
    process.stderr.write(`${renderAll(analyzed.diagnostics, source)}\n`);
    return EXIT.queryError;
  }
  if (analyzed.dataDependent) {
    throw new UserError('--plan: the columns of this query depend on the data (bag_unpack, pivot), so its plan is made only when it runs', EXIT.queryError);
  }
  if (output === 'json') process.stdout.write(`${JSON.stringify(planTree(analyzed.plan))}\n`);
  else if (output === 'table') process.stdout.write(printPlan(analyzed.plan));
  else throw new UserError(`--plan prints as text (-o table) or JSON (-o json), not ${output}`);
  return EXIT.ok;
}

function runBatch(file: string, catalog: ReturnType<typeof makeCatalog>, provider: (n: string) => Table | undefined, now: bigint | undefined): number {
  const lines = readText(file).split('\n');
  let failures = 0;
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let item: { id?: unknown; query?: unknown };
    try {
      item = JSON.parse(line);
    } catch {
      throw new UserError(`${file}:${i + 1}: not a JSON object`);
    }
    if (typeof item.query !== 'string') throw new UserError(`${file}:${i + 1}: missing "query"`);
    const analyzed = analyzeQuery(new SourceText(item.query), { catalog: catalog });
    const result = runAnalyzed(analyzed, { now, tables: provider });
    const error = result.diagnostics.find((d) => d.severity === 'error');
    if (error || !result.table) {
      failures++;
      const d = error ? diagnosticJson(error) : { category: 'runtime', code: 'KX402', message: 'no result', line: null, col: null };
      process.stdout.write(`${JSON.stringify({ id: item.id, error: { category: d.category, code: d.code, message: d.message, line: d.line, col: d.col } })}\n`);
    } else {
      const body = result.tables ? { tables: result.tables.map((t) => ({ name: t.name, ...toJsonTable(t.table) })) } : toJsonTable(result.table);
      process.stdout.write(`${JSON.stringify({ id: item.id, ...body })}\n`);
    }
  });
  return failures > 0 ? EXIT.queryError : EXIT.ok;
}

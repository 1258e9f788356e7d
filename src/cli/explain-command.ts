/** `kqlx explain`: a query's stages over loaded tables, with their row counts, conjuncts, samples and followed rows. */
import { analyzeQuery, makeCatalog } from '../engine.js';
import { explain } from '../explain/explain.js';
import { explainText } from '../explain/explain-text.js';
import { sentinel } from '../sentinel/catalog.js';
import { renderAll } from './diagnostics-output.js';
import { EXIT, UserError } from './exit-codes.js';
import { parseNow } from './now.js';
import { querySource } from './query-command.js';
import { loadTables, type TableOptions } from './tables.js';

export interface ExplainOptions extends TableOptions {
  file?: string;
  output: 'table' | 'json';
  now?: string;
  seed?: number;
  samples?: string;
  follow?: string;
}

function parseSamples(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text)) throw new UserError(`--samples must be a whole number, not '${text}'`);
  return Number(text);
}

export async function explainCommand(queryArg: string | undefined, options: ExplainOptions): Promise<number> {
  const samples = parseSamples(options.samples);
  const source = querySource(queryArg, options.file);
  const tables = await loadTables(options);
  const analyzed = analyzeQuery(source, { catalog: makeCatalog(tables, sentinel) });
  const result = explain(analyzed, {
    now: parseNow(options.now), seed: options.seed, tables: (name) => tables.get(name), samples, follow: options.follow,
  });
  if (!result.report || result.diagnostics.some((d) => d.severity === 'error')) {
    process.stderr.write(`${renderAll(result.diagnostics, source)}\n`);
    return EXIT.queryError;
  }
  process.stdout.write(options.output === 'json' ? `${JSON.stringify(result.report)}\n` : explainText(result.report));
  return EXIT.ok;
}

/**
 * `--parsers DIR` (repeatable): the Sentinel parser functions of those folders. Problems of single
 * files are printed once and cost only the queries that read them; a folder that does not exist stops the command.
 */
import { PARSER_FILE_CODES } from '../diagnostics/catalog.js';
import type { ProductCatalog } from '../semantics/context.js';
import { sentinel, sentinelCatalog } from '../sentinel/catalog.js';
import { formatParserProblem } from '../sentinel/parsers/parser-file.js';
import { loadParsers } from '../sentinel/parsers/parser-files.js';
import { UserError } from './exit-codes.js';

export interface ParserOptions {
  parsers?: string[];
}

const loaded = new Map<string, ProductCatalog>();

/** Sentinel's catalogue, with the parser functions of `--parsers` when given (read once per command). */
export function sentinelProduct(options: ParserOptions): ProductCatalog {
  if (!options.parsers?.length) return sentinel;
  const key = options.parsers.join('\0');
  let product = loaded.get(key);
  if (!product) loaded.set(key, (product = readParsers(options.parsers)));
  return product;
}

function readParsers(dirs: readonly string[]): ProductCatalog {
  const library = loadParsers([...dirs]);
  const missing = library.problems.filter((p) => p.code === PARSER_FILE_CODES.folder);
  if (missing.length) throw new UserError(missing.map((p) => p.message).join('\n'));
  for (const p of library.problems) process.stderr.write(`${formatParserProblem(p)}\n`);
  return sentinelCatalog(library);
}

/**
 * What Microsoft Sentinel knows beyond the loaded data, as the binder's catalogue asks for it: the
 * schemas of its tables (the schema pack), and its tabular functions (watchlists, the parser
 * functions loaded with --parsers, the ASIM stand-ins).
 *
 * A name resolves as in a workspace: a table loaded under the name wins (an ASIM name's stand-in
 * applies the parser's parameters to it); then a loaded parser function; then the built-in ASIM
 * stand-in, which reads normalized data loaded under the schema's name.
 */
import { diag } from '../diagnostics/catalog.js';
import type { ProductCatalog, SourceFunction } from '../semantics/context.js';
import { tableScan } from '../semantics/table-scan.js';
import { asimParser } from './asim.js';
import type { ParserLibrary } from './parsers/parser-library.js';
import { sentinelSchema, sentinelTableNames } from './schemas/index.js';
import { getWatchlist } from './watchlist.js';

export function sentinelCatalog(parsers?: ParserLibrary): ProductCatalog {
  return {
    tableSchema: sentinelSchema,
    knownTableNames: sentinelTableNames,
    sourceFunction: (name) => {
      if (name === '_GetWatchlist') return getWatchlist;
      const standIn = asimParser(name);
      const parser = parsers?.sourceFunction(name);
      if (!parser) return standIn;
      return {
        bareName: true,
        bind: (call, scope, ctx) => {
          if (!ctx.catalog.tableNames().includes(name)) return parser.bind(call, scope, ctx);
          return (standIn ?? loadedTable).bind(call, scope, ctx);
        },
      };
    },
  };
}

/** A loaded table read where a parser of its name exists: a table takes no arguments. */
const loadedTable: SourceFunction = {
  bareName: true,
  bind(call, _scope, ctx) {
    if (call.args.length === 0) return tableScan(call.name, call.nameSpan, ctx);
    ctx.report(diag.unsupportedFeature(`parameters of the tabular function '${call.name}'`, call.span));
    return ctx.errorPlan();
  },
};

/** Sentinel without parser functions. */
export const sentinel: ProductCatalog = sentinelCatalog();

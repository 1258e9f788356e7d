/**
 * What Microsoft Sentinel knows beyond the loaded data, as the binder's catalogue asks for it: the
 * schemas of its tables (the schema pack), and its tabular functions (watchlists, ASIM parsers).
 */
import type { ProductCatalog } from '../semantics/context.js';
import { asimParser } from './asim.js';
import { sentinelSchema, sentinelTableNames } from './schemas/index.js';
import { getWatchlist } from './watchlist.js';

export const sentinel: ProductCatalog = {
  tableSchema: sentinelSchema,
  sourceFunction: (name) => (name === '_GetWatchlist' ? getWatchlist : asimParser(name)),
  knownTableNames: sentinelTableNames,
};

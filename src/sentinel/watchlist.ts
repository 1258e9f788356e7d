/**
 * Sentinel watchlists: `_GetWatchlist('alias')` reads the watchlist given for the alias
 * (`--watchlist alias=FILE`); one not given reads as an empty table of the four standard columns, and a
 * column name taken from it is reported as needing the watchlist.
 */
import { diag } from '../diagnostics/catalog.js';
import { exprEnv, bindExpr } from '../semantics/bind-expr.js';
import type { SourceFunction } from '../semantics/context.js';
import type { ColumnSchema } from '../table/table.js';

/** The columns `_GetWatchlist('alias')` has besides one per column of the watchlist's CSV. */
export const WATCHLIST_COLUMNS: readonly ColumnSchema[] = [
  { name: '_DTItemId', type: 'string' },
  { name: 'LastUpdatedTimeUTC', type: 'datetime' },
  { name: 'SearchKey', type: 'string' },
  { name: 'WatchlistItem', type: 'dynamic' },
];

/** The catalogue name under which a watchlist's table is provided. */
export function watchlistTableName(alias: string): string {
  return `_GetWatchlist('${alias}')`;
}

export const getWatchlist: SourceFunction = {
  bareName: false,
  bind(call, scope, ctx) {
    const alias = call.args[0] ? bindExpr(call.args[0], exprEnv([], scope, ctx)) : undefined;
    if (!alias || alias.kind !== 'Const' || typeof alias.value !== 'string') {
      ctx.report(diag.constantRequired("_GetWatchlist()'s alias", call.span));
      return ctx.errorPlan();
    }
    const name = alias.value;
    const table = watchlistTableName(name);
    const given = ctx.catalog.tableSchema(table);
    if (!given) ctx.absentSources.push((column, span) => diag.missingWatchlist(name, column, span));
    return { kind: 'Scan', table, schema: given ?? WATCHLIST_COLUMNS, optional: true, span: call.span };
  },
};

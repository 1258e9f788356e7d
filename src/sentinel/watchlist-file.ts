/**
 * A Sentinel watchlist from its CSV: the CSV's columns, plus the four columns `_GetWatchlist()` adds
 * (`_DTItemId`, `LastUpdatedTimeUTC`, `SearchKey`, `WatchlistItem`). SearchKey is the CSV's
 * `SearchKey` column when it has one, else its first column; WatchlistItem is the row as a bag.
 */
import { ConstColumn, columnFromValues, type Column } from '../table/column.js';
import { Table } from '../table/table.js';
import { toDynamic, toKqlString } from '../types/convert.js';
import type { Dynamic } from '../types/value.js';
import { loadTableFile } from '../io/load.js';
import type { LoadProblem } from '../io/problems.js';

export async function loadWatchlist(path: string, alias: string): Promise<{ table: Table; problems: LoadProblem[] }> {
  const { table: loaded, problems } = await loadTableFile(path, { tableName: alias });
  // Watchlists are read by KQL alone, whose strings are never null: WatchlistItem holds '' for them.
  const csv = loaded.withStringNulls('empty');
  const n = csv.rowCount;
  const keyAt = Math.max(0, csv.columnIndex('SearchKey'));
  const items: Dynamic[] = [];
  const keys: string[] = [];
  const ids: string[] = [];
  for (let r = 0; r < n; r++) {
    const bag: Record<string, Dynamic> = {};
    csv.schema.forEach((c, i) => (bag[c.name] = toDynamic(csv.columns[i]!.get(r), c.type)));
    items.push(bag);
    keys.push(csv.columns[keyAt] ? toKqlString(csv.columns[keyAt]!.get(r), csv.schema[keyAt]!.type) : '');
    ids.push(`${alias}-${r + 1}`);
  }
  const own = csv.schema.map((c, i) => ({ c, col: csv.columns[i]! })).filter(({ c }) => c.name !== 'SearchKey');
  const schema = [
    { name: '_DTItemId', type: 'string' as const },
    { name: 'LastUpdatedTimeUTC', type: 'datetime' as const },
    { name: 'SearchKey', type: 'string' as const },
    { name: 'WatchlistItem', type: 'dynamic' as const },
    ...own.map(({ c }) => c),
  ];
  const columns: Column[] = [
    columnFromValues('string', ids, 'empty'),
    new ConstColumn('datetime', null, n),
    columnFromValues('string', keys, 'empty'),
    columnFromValues('dynamic', items, 'empty'),
    ...own.map(({ col }) => col),
  ];
  return { table: new Table(schema, columns, n), problems };
}

/**
 * externaldata: kqlx never fetches URLs. Each URL must be mapped to a local file (`--external URL=FILE`,
 * held among the loaded tables under externalTableName(URL), or an externalData provider); its rows
 * are converted to the declared columns, matched by name. An unmapped URL is refused.
 */
import { diag } from '../../diagnostics/catalog.js';
import { KqlError } from '../../diagnostics/diagnostic.js';
import type { ExternalNode } from '../../plan/nodes.js';
import { columnFromValues } from '../../table/column.js';
import { Table } from '../../table/table.js';
import { convert } from '../../types/convert.js';
import type { Value } from '../../types/value.js';
import type { RunState } from '../state.js';

/** The name under which a loaded-tables map holds the file mapped to an externaldata URL. */
export function externalTableName(uri: string): string {
  return `externaldata('${uri}')`;
}

export function runExternal(node: ExternalNode, state: RunState): Table {
  const parts: Table[] = [];
  for (const uri of node.uris) {
    const t = state.externalData?.(uri) ?? state.tables(externalTableName(uri));
    if (!t) {
      throw new KqlError(diag.unsupportedFeature(`externaldata from '${uri}': kqlx reads no URLs; map it to a local file with --external '${uri}=FILE'`, node.span));
    }
    parts.push(t);
  }
  const columns = node.schema.map((c, i) => {
    const values: Value[] = [];
    for (const t of parts) {
      // Files without headers (CSV as externaldata usually reads them) match columns by position.
      const at = t.columnIndex(c.name) >= 0 ? t.columnIndex(c.name) : i;
      const col = t.columns[at];
      for (let r = 0; r < t.rowCount; r++) values.push(col ? convert(col.get(r), t.schema[at]!.type, c.type) : null);
    }
    return columnFromValues(c.type, values, state.stringNulls);
  });
  return new Table(node.schema, columns, parts.reduce((n, t) => n + t.rowCount, 0));
}

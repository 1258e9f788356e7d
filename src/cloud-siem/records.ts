/**
 * The records a Cloud SIEM rule reads: every loaded table named after one of Sumo's record indexes
 * (`sec_record_network`, `sec_record_authentication`, ...). Each record's `timestamp` is epoch
 * milliseconds; a table without it, or a record with none, is an error, not a record out of time.
 */
import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Table } from '../table/table.js';

export const RECORD_TABLE_PREFIX = 'sec_record_';

export function recordTableNames(tables: ReadonlyMap<string, Table>): string[] {
  return [...tables.keys()].filter((n) => n.startsWith(RECORD_TABLE_PREFIX)).sort();
}

/** Problems with the records' timestamps, one per table at most. */
export function timestampProblems(tables: ReadonlyMap<string, Table>): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const name of recordTableNames(tables)) {
    const table = tables.get(name)!;
    const at = table.columnIndex('timestamp');
    if (at < 0) {
      problems.push(diag.cseNoTimestamp(`table ${name} has no timestamp field: Cloud SIEM records carry their time in timestamp, as epoch milliseconds`));
      continue;
    }
    const col = table.columns[at]!;
    let missing = 0;
    let first = -1;
    for (let row = 0; row < table.rowCount; row++) {
      const v = col.get(row);
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        missing++;
        if (first < 0) first = row;
      }
    }
    if (missing > 0) {
      problems.push(diag.cseNoTimestamp(`${missing} record(s) of ${name} have no timestamp in epoch milliseconds (the first is record ${first + 1})`));
    }
  }
  return problems;
}

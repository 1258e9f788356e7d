/**
 * Two successive wheres over CommonSecurityLog, each reading a string, a number and a datetime column.
 * The first reads the loaded columns; the second reads what the first kept (gathered columns), so the
 * chain costs about the two wheres alone only when reads after a filter are as fast as reads of the
 * loaded table. The first keeps about 95% of the rows, the second about 85% of those.
 */
import { SourceText } from '../../src/common/source.js';
import type { Table } from '../../src/table/table.js';
import { runSeedQuery } from './kqlx-side.js';

const FIRST = 'where DeviceAction != "drop" and DestinationPort > 0 and TimeGenerated > datetime(2024-05-01)';
const SECOND = 'where Protocol != "udp" and SentBytes > 0 and TimeGenerated < datetime(2100-01-01)';

export const FILTER_CHAIN = [
  { label: 'where A', query: `CommonSecurityLog | ${FIRST}` },
  { label: 'where B', query: `CommonSecurityLog | ${SECOND}` },
  { label: 'where A | where B', query: `CommonSecurityLog | ${FIRST} | ${SECOND}` },
] as const;

export const FILTER_CHAIN_LEGEND = [`A: ${FIRST}`, `B: ${SECOND}`];

export interface ChainTiming {
  readonly label: string;
  readonly times: number[];
  resultRows: number;
}

/** Each query of the chain over the loaded table: one warm-up run, then `runs` timed runs. */
export function measureFilterChain(table: Table, runs: number): ChainTiming[] {
  return FILTER_CHAIN.map(({ label, query }) => {
    const source = new SourceText(query, label);
    const timing: ChainTiming = { label, times: [], resultRows: 0 };
    for (let run = 0; run <= runs; run++) {
      const t0 = performance.now();
      const result = runSeedQuery(source, 'CommonSecurityLog', table);
      const t = performance.now() - t0;
      if (run > 0) timing.times.push(t);
      timing.resultRows = result.rowCount;
    }
    return timing;
  });
}

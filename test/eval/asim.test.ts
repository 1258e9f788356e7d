/** ASIM unifying parsers: documented filtering parameters over normalized data loaded under the parser's name. */
import { describe, expect, it } from 'vitest';
import { sentinelSchema } from '../../src/sentinel/schemas/index.js';
import { Table } from '../../src/table/table.js';
import { parseDatetime } from '../../src/types/datetime.js';
import type { Value } from '../../src/types/value.js';
import { rows } from '../helpers/run.js';

function normalized(name: string, records: Record<string, Value>[]): Table {
  const schema = sentinelSchema(name)!;
  return Table.fromRows(schema, records.map((r) => schema.map((c) => (c.name in r ? r[c.name]! : c.type === 'string' ? '' : null))));
}
const t = (s: string) => parseDatetime(s)!;

describe('ASIM parsers', () => {
  const ns = normalized('_Im_NetworkSession', [
    { TimeGenerated: t('2024-05-01T10:00:00Z'), SrcIpAddr: '10.1.1.1', DstIpAddr: '8.8.8.8', DstPortNumber: 53, DvcAction: 'Allow', EventResult: 'Success' },
    { TimeGenerated: t('2024-05-01T11:00:00Z'), SrcIpAddr: '192.168.1.5', DstIpAddr: '10.9.9.9', DstPortNumber: 445, DvcAction: 'Deny', EventResult: 'Failure' },
  ]);
  const q = (query: string) => rows(`${query} | count`, { _Im_NetworkSession: ns })[0]![0];

  it('with no arguments (or no parentheses) nothing is filtered', () => {
    expect(q('_Im_NetworkSession')).toBe(2);
    expect(q('_Im_NetworkSession()')).toBe(2);
  });
  it('each parameter filters as documented', () => {
    expect(q('_Im_NetworkSession(starttime=datetime(2024-05-01T10:30:00Z))')).toBe(1);
    expect(q('_Im_NetworkSession(endtime=datetime(2024-05-01T10:30:00Z))')).toBe(1);
    expect(q('_Im_NetworkSession(dstportnumber=445)')).toBe(1);
    expect(q("_Im_NetworkSession(eventresult='Failure')")).toBe(1);
    expect(q('_Im_NetworkSession(dvcaction=dynamic(["Allow"]))')).toBe(1);
    expect(q('_Im_NetworkSession(srcipaddr_has_any_prefix=dynamic(["10."]))')).toBe(1);
    // Prefix lists for source and destination combine with or, as the source parsers do.
    expect(q('_Im_NetworkSession(srcipaddr_has_any_prefix=dynamic(["10."]), dstipaddr_has_any_prefix=dynamic(["10."]))')).toBe(2);
    expect(q('imNetworkSession(ipaddr_has_any_prefix=dynamic(["8.8."]))')).toBe(1);
  });
  it('_Im_Dns defaults to query events', () => {
    const dns = normalized('_Im_Dns', [
      { DnsQuery: 'evil.com', EventType: 'Query' }, { DnsQuery: 'good.org', EventType: 'Query' }, { DnsQuery: 'evil.com', EventType: 'Other' },
    ]);
    expect(rows('_Im_Dns | count', { _Im_Dns: dns })).toEqual([[2]]);
    expect(rows('_Im_Dns(domain_has_any=dynamic(["evil.com"]), eventtype="*") | count', { _Im_Dns: dns })).toEqual([[2]]);
  });
});

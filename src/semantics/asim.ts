/**
 * The ASIM unifying parsers' filtering parameters, over normalized data loaded as a table of the
 * parser's name (`_Im_NetworkSession`, `_Im_Dns`, `_Im_WebSession`). kqlx does not run the source
 * parsers that normalize raw tables; it applies each documented parameter to the normalized columns,
 * as the source parsers do (starttime/endtime filter TimeGenerated, prefixes use
 * has_any_ipv4_prefix, '*' and empty lists mean no filter).
 */
import type { Lambda } from '../syntax/ast.js';
import { parseKql } from '../syntax/kql/parse.js';

const PRELUDE = `
let _Im_NetworkSession = (starttime:datetime=datetime(null), endtime:datetime=datetime(null),
    srcipaddr_has_any_prefix:dynamic=dynamic([]), dstipaddr_has_any_prefix:dynamic=dynamic([]),
    ipaddr_has_any_prefix:dynamic=dynamic([]), dstportnumber:int=int(null), hostname_has_any:dynamic=dynamic([]),
    dvcaction:dynamic=dynamic([]), eventresult:string='*', disabled:bool=false, pack:bool=false) {
  let src_or_any = set_union(srcipaddr_has_any_prefix, ipaddr_has_any_prefix);
  let dst_or_any = set_union(dstipaddr_has_any_prefix, ipaddr_has_any_prefix);
  __asim_source
  | where not(disabled)
  | where (isnull(starttime) or TimeGenerated >= starttime) and (isnull(endtime) or TimeGenerated <= endtime)
  | where isnull(dstportnumber) or DstPortNumber == dstportnumber
  | where array_length(hostname_has_any) == 0 or DstHostname has_any (hostname_has_any)
  | where array_length(dvcaction) == 0 or DvcAction in (dvcaction)
  | where eventresult == '*' or EventResult == eventresult
  | where (array_length(src_or_any) == 0 and array_length(dst_or_any) == 0)
      or has_any_ipv4_prefix(SrcIpAddr, src_or_any) or has_any_ipv4_prefix(DstIpAddr, dst_or_any)
};
let _Im_Dns = (starttime:datetime=datetime(null), endtime:datetime=datetime(null), srcipaddr:string='*',
    domain_has_any:dynamic=dynamic([]), responsecodename:string='*', response_has_ipv4:string='*',
    response_has_any_prefix:dynamic=dynamic([]), eventtype:string='Query', disabled:bool=false) {
  __asim_source
  | where not(disabled)
  | where (isnull(starttime) or TimeGenerated >= starttime) and (isnull(endtime) or TimeGenerated <= endtime)
  | where srcipaddr == '*' or SrcIpAddr == srcipaddr
  | where array_length(domain_has_any) == 0 or DnsQuery has_any (domain_has_any)
  | where responsecodename == '*' or DnsResponseCodeName =~ responsecodename
  | where response_has_ipv4 == '*' or has_ipv4(DnsResponseName, response_has_ipv4)
  | where array_length(response_has_any_prefix) == 0 or has_any_ipv4_prefix(DnsResponseName, response_has_any_prefix)
  | where eventtype == '*' or EventType == eventtype
};
let _Im_WebSession = (starttime:datetime=datetime(null), endtime:datetime=datetime(null),
    srcipaddr_has_any_prefix:dynamic=dynamic([]), url_has_any:dynamic=dynamic([]),
    httpuseragent_has_any:dynamic=dynamic([]), eventresultdetails_in:dynamic=dynamic([]), eventresult:string='*',
    eventresultdetails_has_any:dynamic=dynamic([]), disabled:bool=false) {
  __asim_source
  | where not(disabled)
  | where (isnull(starttime) or TimeGenerated >= starttime) and (isnull(endtime) or TimeGenerated <= endtime)
  | where array_length(srcipaddr_has_any_prefix) == 0 or has_any_ipv4_prefix(SrcIpAddr, srcipaddr_has_any_prefix)
  | where array_length(url_has_any) == 0 or Url has_any (url_has_any)
  | where array_length(httpuseragent_has_any) == 0 or HttpUserAgent has_any (httpuseragent_has_any)
  | where array_length(eventresultdetails_in) == 0 or EventResultDetails in (eventresultdetails_in)
  | where eventresult == '*' or EventResult == eventresult
  | where array_length(eventresultdetails_has_any) == 0 or EventResultDetails has_any (eventresultdetails_has_any)
};
print 1`;

/** Each parser's workspace-deployed and built-in names, and the schema it filters. */
const NAMES: Record<string, string> = {
  _Im_NetworkSession: '_Im_NetworkSession',
  imNetworkSession: '_Im_NetworkSession',
  _Im_Dns: '_Im_Dns',
  imDns: '_Im_Dns',
  _Im_WebSession: '_Im_WebSession',
  imWebSession: '_Im_WebSession',
};

let lambdas: Map<string, Lambda> | undefined;

function prelude(): Map<string, Lambda> {
  if (lambdas) return lambdas;
  const parsed = parseKql(PRELUDE);
  if (!parsed.ast || parsed.diagnostics.length > 0) throw new Error(`ASIM prelude: ${parsed.diagnostics[0]?.message}`);
  lambdas = new Map();
  for (const s of parsed.ast.statements) if (s.kind === 'Let' && s.value.kind === 'Lambda') lambdas.set(s.name, s.value);
  return lambdas;
}

/**
 * The filtering function for an ASIM parser name, reading the given data table; undefined when
 * `name` is no ASIM unifying parser.
 */
export function asimParser(name: string): { lambda: Lambda; schemaName: string } | undefined {
  const schemaName = NAMES[name];
  if (!schemaName) return undefined;
  return { lambda: prelude().get(schemaName)!, schemaName };
}

/** The name the prelude's lambdas read their data from; the binder binds it to the data table. */
export const ASIM_SOURCE = '__asim_source';

/**
 * The ASIM unifying parsers' filtering parameters, over normalized data loaded as a table of the
 * parser's name (`_Im_NetworkSession`, `_Im_Dns`, `_Im_WebSession`). kqlx does not run the source
 * parsers that normalize raw tables; it applies each documented parameter to the normalized columns,
 * as the source parsers do (starttime/endtime filter TimeGenerated, prefixes use
 * has_any_ipv4_prefix, '*' and empty lists mean no filter).
 */
import { kql } from '../languages/kql.js';
import type { PlanNode } from '../plan/nodes.js';
import { bindLambdaScope, exprEnv } from '../semantics/bind-expr.js';
import type { BindContext, SourceFunction } from '../semantics/context.js';
import { Scope } from '../semantics/scope.js';
import { tableScan } from '../semantics/table-scan.js';
import type * as A from '../syntax/ast.js';

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

let lambdas: Map<string, A.Lambda> | undefined;

function prelude(): Map<string, A.Lambda> {
  if (lambdas) return lambdas;
  const parsed = kql.parse(PRELUDE);
  if (!parsed.ast || parsed.diagnostics.length > 0) throw new Error(`ASIM prelude: ${parsed.diagnostics[0]?.message}`);
  lambdas = new Map();
  for (const s of parsed.ast.statements) if (s.kind === 'Let' && s.value.kind === 'Lambda') lambdas.set(s.name, s.value);
  return lambdas;
}

/**
 * An ASIM unifying parser as a source function: its filtering parameters applied to the normalized
 * data loaded under its name, or else under its schema's canonical name (`imDns` reads `_Im_Dns`);
 * undefined when `name` is no ASIM unifying parser. Named without parentheses, it runs with its defaults.
 */
export function asimParser(name: string): SourceFunction | undefined {
  const schemaName = NAMES[name];
  if (!schemaName) return undefined;
  const lambda = prelude().get(schemaName)!;
  return { bareName: true, bind: (call, scope, ctx) => bindAsimCall(call, lambda, schemaName, scope, ctx) };
}

/** The name the prelude's lambdas read their data from, bound to the data table. */
const ASIM_SOURCE = '__asim_source';

function bindAsimCall(call: A.Call, lambda: A.Lambda, schemaName: string, scope: Scope, ctx: BindContext): PlanNode {
  const dataName = ctx.catalog.tableNames().includes(call.name) ? call.name : schemaName;
  const source = tableScan(dataName, call.nameSpan, ctx);
  if (source.kind !== 'Scan') return source;
  const defScope = new Scope();
  defScope.define(ASIM_SOURCE, { kind: 'tabular', plan: source });
  // Arguments are bound where the call stands; the body sees only its parameters and its source.
  const inner = bindLambdaScope(call, lambda, defScope, exprEnv([], scope, ctx));
  if (!inner) return ctx.errorPlan();
  const last = lambda.body.statements[lambda.body.statements.length - 1]!;
  return ctx.bindTabular((last as A.ExprStatement).expr, inner);
}

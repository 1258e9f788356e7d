import { readFileSync } from 'node:fs';
import { analyzeQuery, makeCatalog } from '../src/engine.js';
import { readRuleQuery } from '../src/rules/query-source.js';
import { sentinel } from '../src/sentinel/catalog.js';
import { nodeChildren } from '../src/plan/walk.js';
for (const f of ['queries/sentinel/PaloAlto-PortScanning.yaml','queries/sentinel/PortScan-ASimNetworkSession.yaml']) {
const q = readRuleQuery(readFileSync(f,'utf8'), f).query!;
const a = analyzeQuery(q, { catalog: makeCatalog(new Map(), sentinel) });
let n: any = a.plan;
while (n) { console.log(n.kind, n.span ? JSON.stringify(q.text.slice(n.span.start, n.span.end).slice(0,60)) : '-', n.span?.start); n = nodeChildren(n)[0]?.node; }
}

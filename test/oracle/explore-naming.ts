/**
 * Exploration (not a test): prints the official binder's result columns and diagnostics for a set
 * of queries, to decide kqlx's column naming rules. Run: npx tsx test/oracle/explore-naming.ts
 */
import { officialAnalyze, type OracleColumn } from './kusto-language.js';

const T: OracleColumn[] = [
  { name: 'a', type: 'string' },
  { name: 'n', type: 'int' },
  { name: 't', type: 'datetime' },
  { name: 'd', type: 'dynamic' },
];

const queries = process.argv.length > 2 ? process.argv.slice(2) : [
  'T | summarize count(), dcount(a), make_set(a), makeset(a), make_list(a), sum(n), avg(n), min(n), max(n), take_any(a), any(a), countif(n > 1), dcountif(a, n > 1), arg_max(n, a), arg_min(n, *), percentile(n, 95), percentiles(n, 50, 95), stdev(n), make_bag(d), dcount(strcat(a, "x")), count() by bin(t, 1h), tostring(d.x), a',
  "T | extend strlen(a), tostring(d.x), d.x.y, d['k'], n + 1, toint(n), bin(t, 1h)",
  'T | project a, n * 2, tolower(a), d.x',
  'T | join (T) on a',
  'T | mv-expand d',
  'T | mv-expand x = d to typeof(string)',
  'print 1, x = 2, strlen("a")',
  'T | where n in ("1", "2")',
  'T | where n == "5"',
];

for (const q of queries) {
  const r = officialAnalyze(q, { T });
  console.log(`QUERY: ${q}`);
  console.log(`  columns: ${r.resultColumns ? r.resultColumns.map((c) => `${c.name}:${c.type}`).join(', ') : '(not a table)'}`);
  console.log(`  official result type: ${r.resultType}`);
  if (r.diagnostics.length === 0) console.log('  diagnostics: none');
  for (const d of r.diagnostics) {
    console.log(`  ${d.severity} ${d.code} [${d.start},+${d.length}] ${JSON.stringify(q.slice(d.start, d.start + d.length))}: ${d.message}`);
  }
}

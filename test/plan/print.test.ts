/** The plan printer over small queries: each line's operator, arguments written back as text, and columns. */
import { describe, expect, it } from 'vitest';
import { analyzeQuery, makeCatalog } from '../../src/engine.js';
import { planTree, printPlan } from '../../src/plan/print.js';
import { table } from '../helpers/run.js';

const T = table('a:long, b:string, t:datetime', [[1, 'x', null]]);
const U = table('a:long, c:real', [[1, 2.5]]);
const catalog = makeCatalog(new Map([['T', T], ['U', U]]));

function plan(query: string) {
  const analyzed = analyzeQuery(query, { catalog });
  if (!analyzed.plan) throw new Error(analyzed.diagnostics.map((d) => d.message).join('\n'));
  return analyzed.plan;
}
const printed = (query: string) => printPlan(plan(query));

describe('plan printer', () => {
  it('a join: its kind and keys by column name, both sides by role, the output columns with types', () => {
    expect(printed('T | join kind=leftouter (U) on a')).toBe(
      `Join kind=leftouter on $left.a == $right.a → a:long, b:string, t:datetime, a1:long, c:real
  left: Scan T → a:long, b:string, t:datetime
  right: Scan U → a:long, c:real
`);
  });

  it('subqueries inside expressions (toscalar, in (T)) are numbered and shown under the node that runs them', () => {
    expect(printed('T | where a > toscalar(U | summarize max(a)) and b in ((U | project tostring(a)))')).toBe(
      `Filter a > toscalar(subquery 1) and b in (subquery 2) → (columns as input)
  Scan T → a:long, b:string, t:datetime
  subquery 1: Summarize max_a = max(a) → max_a:long
    Scan U → a:long, c:real
  subquery 2: Project a = tostring(a) → a:string
    Scan U → a:long, c:real
`);
  });

  it('a materialized table read twice is shown once; union sides are named by withsource', () => {
    expect(printed('let m = materialize(T | take 2); union withsource=S m, (m | where a < 2)')).toBe(
      `Union withsource → S:string, a:long, b:string, t:datetime
  m: Cache #1 → (columns as input)
    Take 2 → (columns as input)
      Scan T → a:long, b:string, t:datetime
  union_arg1: Filter a < 2 → (columns as input)
    Cache #1 (shown above)
`);
  });

  it('operators, precedence, member access, implicit conversions and folded constants read as written', () => {
    const q = 'T | sort by a desc, b asc | take 3 | extend d = -a * 2, e = parse_json(b)[0].k, f = strcat(b, "y"), g = a + 1 > 2 or b =~ "X" and t between (ago(1d) .. now()) | project-away t';
    expect(printed(q)).toBe(
      `Project a, b, d, e, f, g → a:long, b:string, d:long, e:dynamic, f:string, g:bool
  Project a, b, t, d = (-a) * 2, e = parse_json(b)[0]["k"], f = strcat(b, "y"), g = (a + 1) > 2 or (b =~ "X" and t between (ago(timespan(1.00:00:00)) .. now())) → a:long, b:string, t:datetime, d:long, e:dynamic, f:string, g:bool
    Take 3 → (columns as input)
      Sort by a desc nulls last, b asc nulls first → (columns as input)
        Scan T → a:long, b:string, t:datetime
`);
    expect(printed('print x = 1, y = "a" | extend z = datetime(2024-01-01) + 1d, w = toint(2.5) + 0.5')).toBe(
      `Project x, y, z = datetime(2024-01-02T00:00:00Z), w = 2.5 → x:long, y:string, z:datetime, w:real
  Project x = 1, y = "a" → x:long, y:string
    Values 1 row → (no columns)
`);
  });

  it('fork branches by name; summarize with by-keys, arg_max and take_any', () => {
    expect(printed('T | fork x = (where a == 1) (summarize count() by b | as y)')).toBe(
      `Results x, y → a:long, b:string, t:datetime
  x: Filter a == 1 → (columns as input)
    Scan T → a:long, b:string, t:datetime
  y: Summarize count_ = count() by b → b:string, count_:long
    Scan T (shown above)
`);
    expect(printed('T | summarize arg_max(a, *), take_any(b) by bin(t, 1h)')).toBe(
      `Summarize a = arg_max(a), b = arg_max(a, b), t1 = arg_max(a, t), b1 = take_any(b) by t = bin(t, timespan(01:00:00)) → t:datetime, a:long, b:string, t1:datetime, b1:string
  Scan T → a:long, b:string, t:datetime
`);
  });

  it('mv-expand, parse (its regex), top-nested, scan steps, range and row-order functions', () => {
    expect(printed('T | mv-expand b to typeof(string) limit 3 | parse b with "x" n:long | top-nested 2 of b by sum(a)')).toBe(
      `TopNested top-nested 2 of b by sum(a) desc → b:string, aggregated_b:long
  Parse b with regex "^(?:x(-?\\\\d+))" into n:long → a:long, b:string, t:datetime, n:long
    MvExpand bagexpansion=bag b to typeof(string) limit 3 → (columns as input)
      Scan T → a:long, b:string, t:datetime
`);
    expect(printed('T | scan declare (s:long = 0) with (step A: a > 0 => s = A.s + a;)')).toBe(
      `ScanSteps declare (s:long = 0) step A : a > 0 => s = A.s + a → a:long, b:string, t:datetime, s:long
  Scan T → a:long, b:string, t:datetime
`);
    expect(printed('range x from 1 to 3 step 1 | extend y = prev(x)')).toBe(
      `Project x, y = prev(x) → x:long, y:long
  Range x from 1 to 3 step 1 → x:long
`);
  });

  it('as data: each node with its role, operator, arguments, columns and children', () => {
    expect(planTree(plan('T | join (U) on a | where c > 1'))).toEqual({
      operator: 'Filter', details: 'c > 1.0',
      columns: [{ name: 'a', type: 'long' }, { name: 'b', type: 'string' }, { name: 't', type: 'datetime' }, { name: 'a1', type: 'long' }, { name: 'c', type: 'real' }],
      children: [{
        role: 'input', operator: 'Join', details: 'kind=innerunique on $left.a == $right.a',
        columns: [{ name: 'a', type: 'long' }, { name: 'b', type: 'string' }, { name: 't', type: 'datetime' }, { name: 'a1', type: 'long' }, { name: 'c', type: 'real' }],
        children: [
          { role: 'left', operator: 'Scan', details: 'T', columns: T.schema, children: [] },
          { role: 'right', operator: 'Scan', details: 'U', columns: U.schema, children: [] },
        ],
      }],
    });
  });
});

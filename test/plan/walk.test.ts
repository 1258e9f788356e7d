/** The plan walker: every node kind's children, subqueries inside expressions, shared nodes once. */
import { describe, expect, it } from 'vitest';
import { analyzeQuery, makeCatalog } from '../../src/engine.js';
import type { PlanNode } from '../../src/plan/nodes.js';
import { nodeChildren, walkPlan } from '../../src/plan/walk.js';
import { scannedTables } from '../../src/rules/scanned-tables.js';
import { sentinel } from '../../src/sentinel/catalog.js';
import { table } from '../helpers/run.js';

const T = table('a:long, b:string', [[1, 'x']]);
const catalog = makeCatalog(new Map(['T', 'U', 'V', 'W', 'X', 'Y'].map((n) => [n, T])), sentinel);

function plan(query: string): PlanNode {
  const analyzed = analyzeQuery(query, { catalog });
  if (!analyzed.plan) throw new Error(analyzed.diagnostics.map((d) => d.message).join('\n'));
  return analyzed.plan;
}

describe('plan walker', () => {
  it('finds the tables of join and union sides, toscalar and in (T) subqueries, and fork branches', () => {
    const q = `T | join (U) on a | union V
      | where a > toscalar(W | count) and b in ((X | project b))
      | fork (where a in ((Y | project a))) (take 1)`;
    expect(scannedTables(plan(q))).toEqual(['T', 'U', 'V', 'W', 'X', 'Y']);
  });

  it('a Sentinel watchlist that was not provided is an optional scan: not required', () => {
    expect(scannedTables(plan("T | where b in ((_GetWatchlist('absent') | project SearchKey))"))).toEqual(['T']);
  });

  it('visits parents before children and a materialized table once however often it is read', () => {
    const kinds: string[] = [];
    walkPlan(plan('let m = materialize(T | take 1); m | join (m) on a'), (n) => kinds.push(n.kind));
    expect(kinds).toEqual(['Join', 'Cache', 'Take', 'Scan']);
  });

  it('names each child by its role', () => {
    const join = plan('T | join (U) on a');
    expect(nodeChildren(join).map((c) => c.role)).toEqual(['left', 'right']);
    const partition = plan('T | partition hint.strategy=native by b (take 1)');
    expect(nodeChildren(partition).map((c) => [c.role, c.node.kind])).toEqual([['input', 'Scan'], ['subquery', 'Take']]);
  });
});

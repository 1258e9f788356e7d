/** Graph patterns parse into nodes and edges; a malformed one gives a syntax diagnostic at the token that breaks it. */
import { describe, expect, it } from 'vitest';
import type * as A from '../../src/syntax/ast.js';
import { parseKql } from '../../src/syntax/kql/parse.js';

const GRAPH = 'E | make-graph a --> b | ';

function operators(text: string): readonly A.Operator[] {
  const { ast, diagnostics } = parseKql(text);
  expect(diagnostics).toEqual([]);
  return ((ast!.statements[0] as A.ExprStatement).expr as A.Pipeline).operators;
}

/** The first diagnostic's code, its text in the query, and its message. */
function firstError(text: string) {
  const [d] = parseKql(text).diagnostics;
  return d && { code: d.code, at: text.slice(d.span!.start, d.span!.end), start: d.span!.start, message: d.message };
}

describe('graph operators parse', () => {
  it('make-graph: source, target and node tables', () => {
    const [make] = operators('E | make-graph src --> dst with N1 on id, (N2 | where x > 1) on name');
    expect(make).toMatchObject({ kind: 'MakeGraph', source: { name: 'src' }, target: { name: 'dst' } });
    expect((make as A.MakeGraph).nodes.map((n) => [n.table.kind, n.id.name])).toEqual([['Name', 'id'], ['Paren', 'name']]);
  });

  it('graph-match: every edge notation, sequences, where and project', () => {
    const [, match] = operators(`${GRAPH}graph-match cycles=all (a)-[e]->()<-[f]-(b)-[g*1..3]-(c)-->(d)<--()--(a), (a)-[*2..4]->(z) where a.x == 1 project a.x`);
    const m = match as A.GraphMatch;
    expect(m.params).toMatchObject([{ name: 'cycles', value: 'all' }]);
    expect(m.pattern.map((s) => s.nodes.map((n) => n.name ?? '_'))).toEqual([['a', '_', 'b', 'c', 'd', '_', 'a'], ['a', 'z']]);
    expect(m.pattern[0]!.edges.map((e) => [e.name ?? '_', e.direction, e.hops && `${e.hops.min}..${e.hops.max}`])).toEqual([
      ['e', 'right', undefined], ['f', 'left', undefined], ['g', 'any', '1..3'], ['_', 'right', undefined], ['_', 'left', undefined], ['_', 'any', undefined],
    ]);
    expect(m.pattern[1]!.edges).toMatchObject([{ direction: 'right', hops: { min: 2, max: 4 } }]);
    expect(m.where?.kind).toBe('Binary');
  });

  it('graph-to-table: nodes or edges, with as and the id parameters', () => {
    const [, toTable] = operators(`${GRAPH}graph-to-table nodes as N with_node_id=I, edges with_source_id=S with_target_id=T as X`);
    expect((toTable as A.GraphToTable).parts.map((p) => [p.what, p.as, p.params.map((q) => `${q.name}=${String(q.value)}`)])).toEqual([
      ['nodes', 'N', ['with_node_id=I']],
      ['edges', 'X', ['with_source_id=S', 'with_target_id=T']],
    ]);
  });
});

describe('malformed graph patterns', () => {
  it('an edge pointing both ways', () => {
    expect(firstError(`${GRAPH}graph-match (x)<-[e]->(y) project x.a`)).toEqual({
      code: 'KX103', at: '>', start: 46, message: "expected an edge with one direction ('<-...-' or '-...->') or none but found '>'",
    });
  });
  it('variable-length bounds: at least 1, the maximum not below the minimum, both given', () => {
    expect(firstError(`${GRAPH}graph-match (x)-[e*3..1]->(y) project x.a`)).toMatchObject({ code: 'KX103', at: '1', start: 47, message: "expected a maximum of at least 3 but found '1'" });
    expect(firstError(`${GRAPH}graph-match (x)-[e*0..1]->(y) project x.a`)).toMatchObject({ code: 'KX103', at: '0', start: 44, message: "expected a minimum of at least 1 but found '0'" });
    expect(firstError(`${GRAPH}graph-match (x)-[e*2]->(y) project x.a`)).toMatchObject({ code: 'KX103', at: ']', start: 45, message: "expected '..' but found ']'" });
  });
  it('an arrow with one dash, a missing node, a missing project', () => {
    expect(firstError(`${GRAPH}graph-match (x)->(y) project x.a`)).toMatchObject({ code: 'KX103', at: '>', start: 41, message: "expected '-' but found '>'" });
    expect(firstError(`${GRAPH}graph-match (x)-[e]->(y)-- project x.a`)).toMatchObject({ code: 'KX103', at: 'project', start: 52, message: "expected '(' but found 'project'" });
    expect(firstError(`${GRAPH}graph-match (x)-[e]->(y) where x.a == 1`)).toMatchObject({ code: 'KX107', message: "unexpected end of query; expected 'project'" });
  });
  it('make-graph without its --> arrow; graph-to-table of neither nodes nor edges', () => {
    expect(firstError('E | make-graph a -> b')).toMatchObject({ code: 'KX103', at: '>', start: 18 });
    expect(firstError(`${GRAPH}graph-to-table vertices`)).toMatchObject({ code: 'KX103', at: 'vertices', start: 40, message: "expected 'nodes' or 'edges' but found 'vertices'" });
  });
});

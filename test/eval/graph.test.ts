/** make-graph, graph-match and graph-to-table: the docs pages' examples, then the pattern notation's rules. */
import { describe, expect, it } from 'vitest';
import { errors, rows, schemaOf } from '../helpers/run.js';

/** The pages' people-and-systems graph (nodes with `age:long`, as graph-match's and graph-to-table's pages give it). */
const PEOPLE = `let nodes = datatable(name:string, type:string, age:long)
[
  "Alice", "Person", 23,
  "Bob", "Person", 31,
  "Eve", "Person", 17,
  "Mallory", "Person", 29,
  "Trent", "System", 99
];
let edges = datatable(source:string, destination:string, edge_type:string)
[
  "Alice", "Bob", "communicatesWith",
  "Alice", "Trent", "trusts",
  "Bob", "Trent", "hasPermission",
  "Eve", "Alice", "attacks",
  "Mallory", "Alice", "attacks",
  "Mallory", "Bob", "attacks"
];
`;

/** graph-to-table's page: the same, without Mallory's node row. */
const PEOPLE_WITHOUT_MALLORY = PEOPLE.replace('  "Mallory", "Person", 29,\n', '');

const ORG = `let employees = datatable(name:string, age:long)
[
  "Alice", 32,
  "Bob", 31,
  "Eve", 27,
  "Joe", 29,
  "Chris", 45,
  "Alex", 35,
  "Ben", 23,
  "Richard", 39,
];
let reports = datatable(employee:string, manager:string)
[
  "Bob", "Alice",
  "Chris", "Alice",
  "Eve", "Bob",
  "Ben", "Chris",
  "Joe", "Alice",
  "Richard", "Bob"
];
`;

describe('the docs pages\u2019 examples', () => {
  it('make-graph / graph-match: the attack path to Trent', () => {
    const q = `${PEOPLE}edges
| make-graph source --> destination with nodes on name
| graph-match (mallory)-[attacks]->(compromised)-[hasPermission]->(trent)
  where mallory.name == "Mallory" and trent.name == "Trent" and attacks.edge_type == "attacks" and hasPermission.edge_type == "hasPermission"
  project Attacker = mallory.name, Compromised = compromised.name, System = trent.name`;
    expect(schemaOf(q)).toEqual(['Attacker:string', 'Compromised:string', 'System:string']);
    expect(rows(q)).toEqual([['Mallory', 'Bob', 'Trent']]);
  });

  it('graph-match: everyone in Alice\u2019s org younger than 30, with the reporting path', () => {
    const q = `${ORG}reports
| make-graph employee --> manager with employees on name
| graph-match (alice)<-[reports*1..5]-(employee)
  where alice.name == "Alice" and employee.age < 30
  project employee = employee.name, age = employee.age, reportingPath = reports.manager`;
    expect(schemaOf(q)).toEqual(['employee:string', 'age:long', 'reportingPath:dynamic']);
    expect(rows(q)).toEqual([
      ['Joe', 29, ['Alice']],
      ['Eve', 27, ['Alice', 'Bob']],
      ['Ben', 23, ['Alice', 'Chris']],
    ]);
  });

  it('graph-to-table edges: the edge rows (the page adds hash ids, which kqlx refuses)', () => {
    const q = `${PEOPLE}edges
| make-graph source --> destination with nodes on name
| graph-to-table edges`;
    expect(rows(q)).toEqual([
      ['Alice', 'Bob', 'communicatesWith'],
      ['Alice', 'Trent', 'trusts'],
      ['Bob', 'Trent', 'hasPermission'],
      ['Eve', 'Alice', 'attacks'],
      ['Mallory', 'Alice', 'attacks'],
      ['Mallory', 'Bob', 'attacks'],
    ]);
    expect(errors(`${q} with_source_id=SourceId with_target_id=TargetId`)).toMatchObject([
      { code: 'KX303', message: "unsupported graph-to-table with_source_id (Kusto's node hash ids)" },
    ]);
  });

  it('graph-to-table nodes: node rows first, then the nodes only edges name, with just their id', () => {
    const q = `${PEOPLE_WITHOUT_MALLORY}edges
| make-graph source --> destination with nodes on name
| graph-to-table nodes`;
    expect(schemaOf(q)).toEqual(['name:string', 'type:string', 'age:long']);
    expect(rows(q)).toEqual([
      ['Alice', 'Person', 23],
      ['Bob', 'Person', 31],
      ['Eve', 'Person', 17],
      ['Trent', 'System', 99],
      ['Mallory', '', null],
    ]);
    expect(errors(`${q} with_node_id=NodeId`)).toMatchObject([{ code: 'KX303', message: "unsupported graph-to-table with_node_id (Kusto's node hash ids)" }]);
  });

  it('graph-to-table nodes and edges together: two results, refused', () => {
    // The page's query goes on with `; N; E`, statements naming the two results; kqlx refuses the form itself.
    const q = `${PEOPLE_WITHOUT_MALLORY}edges
| make-graph source --> destination with nodes on name
| graph-to-table nodes as N with_node_id=NodeId, edges as E with_source_id=SourceId`;
    expect(errors(q)).toMatchObject([{ code: 'KX303', message: 'unsupported graph-to-table with both nodes and edges (a query with two results)', line: 19, col: 50 }]);
  });
});

/** A small directed graph: a→b, b→c, c→a (a cycle), a→d. */
const G = `let E = datatable(src:string, dst:string, w:long)
[
  "a", "b", 1,
  "b", "c", 2,
  "c", "a", 3,
  "a", "d", 4
];
E | make-graph src --> dst
`;

describe('graph-match patterns', () => {
  it('directions: --> follows edges, <-- goes against them, -- goes either way', () => {
    expect(rows(`${G}| graph-match (x)-[e]->(y) where e.w > 2 project x = e.src, y = e.dst`)).toEqual([['a', 'd'], ['c', 'a']]);
    expect(rows(`${G}| graph-match (x)<-[e]-(y) where e.w == 1 project e.src, e.dst`)).toEqual([['a', 'b']]);
    expect(rows(`${G}| graph-match (x)-[e]-(y) where e.w == 4 project e.w`)).toEqual([[4], [4]]);
  });

  it('anonymous nodes and edges match without being named', () => {
    expect(rows(`${G}| graph-match ()-[e]->()-->() project e.w`)).toEqual([[1], [2], [3], [3]]);
    // Every node has one edge in, and by default an edge is matched once.
    expect(rows(`${G}| graph-match ()-[e1]->()<-[e2]-() project e1.w, e2.w`)).toEqual([]);
    expect(rows(`${G}| graph-match cycles=all ()-[e1]->()<-[e2]-() project e1.w, e2.w`)).toEqual([[1, 1], [4, 4], [2, 2], [3, 3]]);
  });

  it('a variable-length edge: shorter paths first, its properties as arrays, no edge used twice', () => {
    const q = `${G}| graph-match (x)-[e*1..3]->(y) where e.w[0] == 1 project e.w, e.dst`;
    expect(schemaOf(q)).toEqual(['e_w:dynamic', 'e_dst:dynamic']);
    expect(rows(q)).toEqual([
      [[1], ['b']],
      [[1, 2], ['b', 'c']],
      [[1, 2, 3], ['b', 'c', 'a']],
    ]);
    // From a, three edges back to a close the cycle; a fourth would repeat an edge.
    expect(rows(`${G}| graph-match (x)-[e*3..4]->(x) project e.w`)).toEqual([[[1, 2, 3]], [[2, 3, 1]], [[3, 1, 2]]]);
  });

  it('cycles: none refuses a node twice, all allows an edge twice', () => {
    expect(rows(`${G}| graph-match cycles=none (x)-[e*3..3]->(y) project e.w`)).toEqual([[[2, 3, 4]]]);
    expect(rows(`${G}| graph-match cycles=unique_edges (x)-[e*3..3]->(y) where e.w[0] == 1 project e.w`)).toEqual([[[1, 2, 3]]]);
    expect(rows(`${G}| graph-match cycles=all (x)-[e*4..4]->(y) where e.w[0] == 1 project e.w`)).toEqual([[[1, 2, 3, 1]], [[1, 2, 3, 4]]]);
  });

  it('several sequences share their node variables', () => {
    expect(rows(`${G}| graph-match (x)-[e1]->(y), (x)-[e2]->(z) where e1.w < e2.w project e1.w, e2.w`)).toEqual([[1, 4]]);
  });

  it('node properties: the node tables\u2019 columns; a node only an edge names has only its id', () => {
    const q = `let N = datatable(id:string, label:string) ["a", "start", "b", "next"];
${G.replace('make-graph src --> dst', 'make-graph src --> dst with N on id')}| graph-match (x)-->(y) project x.id, x.label, y.id, y.label`;
    expect(schemaOf(q)).toEqual(['x_id:string', 'x_label:string', 'y_id:string', 'y_label:string']);
    expect(rows(q)).toEqual([
      ['a', 'start', 'b', 'next'],
      ['a', 'start', 'd', ''],
      ['b', 'next', 'c', ''],
      ['c', '', 'a', 'start'],
    ]);
  });
});

describe('graph operator diagnostics', () => {
  it('a graph is not a table: only graph-match or graph-to-table may follow make-graph', () => {
    expect(errors(`${G}| where w > 1`)).toMatchObject([
      { code: 'KX214', line: 9, col: 3, message: "'make-graph' cannot be used before this operator: its graph is read only by graph-match or graph-to-table" },
    ]);
    expect(errors(G)).toMatchObject([{ code: 'KX214', line: 8, col: 5 }]);
    expect(errors('let T = datatable(a:long) [1]; T | graph-match (x) project x.a')).toMatchObject([
      { code: 'KX214', col: 36, message: "'graph-match' cannot be used here: its input must be a graph, made by make-graph" },
    ]);
  });

  it('unknown columns and properties', () => {
    expect(errors(G.replace('src -->', 'nope -->'))).toMatchObject([{ code: 'KX201', line: 8, col: 16 }]);
    expect(errors(`${G}| graph-match (x)-[e]->(y) project x.w`)).toMatchObject([{ code: 'KX201', line: 9, col: 36, message: "unknown column or name 'w'" }]);
    expect(errors(`${G}| graph-match (x)-[x]->(y) project e.w`)).toMatchObject([
      { code: 'KX212', line: 9, col: 18, message: "graph pattern variable 'x' is already a node" },
    ]);
    expect(errors(`${G}| graph-match cycles=some (x)-->(y) project x.src`)).toMatchObject([{ code: 'KX212', line: 9, col: 15 }]);
  });
});

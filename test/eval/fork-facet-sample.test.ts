/** fork, facet, batches, sample, sample-distinct, rand() and new_guid(), from their Kusto documentation pages. */
import { describe, expect, it } from 'vitest';
import { runQuery } from '../../src/engine.js';
import { toJsonTable } from '../../src/io/format.js';
import { sentinel } from '../../src/sentinel/catalog.js';
import type { Table } from '../../src/table/table.js';
import { errors, NOW, rows, table } from '../helpers/run.js';

/** Every result table of a query, by name, as plain rows. */
function results(query: string, tables: Record<string, Table>, seed?: number) {
  const r = runQuery(query, new Map(Object.entries(tables)), { now: NOW, seed, known: sentinel });
  if (!r.table) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.col} ${d.message}`).join('\n'));
  return (r.tables ?? [{ name: '', table: r.table }]).map((t) => ({ name: t.name, ...toJsonTable(t.table) }));
}

// Shaped like the pages' StormEvents rows.
const StormEvents = table(
  'StartTime:datetime, State:string, EventType:string, Source:string, EpisodeId:long, DeathsDirect:long, DeathsIndirect:long, InjuriesDirect:long, InjuriesIndirect:long',
  [
    ['2007-01-04T12:00:00Z', 'FLORIDA', 'Tornado', 'Trained Spotter', 1, 2, 0, 0, 0],
    ['2007-01-05T12:00:00Z', 'FLORIDA', 'Heavy Rain', 'COOP Observer', 2, 0, 0, 3, 1],
    ['2007-01-06T12:00:00Z', 'FLORIDA', 'Heavy Rain', 'Public', 3, 0, 0, 0, 0],
    ['2007-01-07T12:00:00Z', 'ALASKA', 'Heavy Snow', 'COOP Observer', 4, 1, 1, 2, 0],
    ['2007-02-01T12:00:00Z', 'ALABAMA', 'Heavy Rain', 'Public', 5, 0, 0, 0, 0],
  ].map(([t, ...rest]) => [BigInt(Date.parse(t as string)) * 10_000n, ...rest]),
);

describe('fork', () => {
  it('runs each leg on the same input and returns one table per leg, unnamed legs numbered', () => {
    const out = results(
      'StormEvents | where State == "FLORIDA" | fork ( where DeathsDirect + DeathsIndirect > 1) ( where InjuriesDirect + InjuriesIndirect > 1)',
      { StormEvents },
    ).map((t) => [t.name, t.rows.map((r) => r[4])]);
    expect(out).toEqual([['fork_1', [1]], ['fork_2', [2]]]);
  });
  it('names a leg by `name=` or by a final `as`', () => {
    const q = (legs: string) => results(`StormEvents | where State == "FLORIDA" | fork ${legs}`, { StormEvents }).map((t) => [t.name, t.rows.length]);
    expect(q('(where DeathsDirect + DeathsIndirect > 1 | as StormsWithDeaths) (where InjuriesDirect + InjuriesIndirect > 1 | as StormsWithInjuries)'))
      .toEqual([['StormsWithDeaths', 1], ['StormsWithInjuries', 1]]);
    expect(q('StormsWithDeaths = (where DeathsDirect + DeathsIndirect > 1) StormsWithInjuries = (where InjuriesDirect + InjuriesIndirect > 1)'))
      .toEqual([['StormsWithDeaths', 1], ['StormsWithInjuries', 1]]);
  });
  it('legs may summarize, sort, take and project', () => {
    const out = results('StormEvents | fork (summarize n = count() by State | sort by n desc | take 1) (project EpisodeId | take 2)', { StormEvents });
    expect(out.map((t) => [t.name, t.columns.map((c) => c.name), t.rows])).toEqual([
      ['fork_1', ['State', 'n'], [['FLORIDA', 3]]],
      ['fork_2', ['EpisodeId'], [[1], [2]]],
    ]);
  });
  it('refuses operators the page does not allow in a leg, with the position', () => {
    expect(errors('StormEvents | fork (join (StormEvents) on State)', { StormEvents })).toEqual([
      { code: 'KX214', category: 'semantic', line: 1, col: 21, message: "'join' cannot be used in a fork leg" },
    ]);
  });
  it('must end the query: no operator after it, and not inside a let', () => {
    expect(errors('StormEvents | fork (take 1) (take 2) | count', { StormEvents }).map((e) => [e.code, e.col])).toEqual([['KX214', 15]]);
    expect(errors('let x = StormEvents | fork (take 1); x', { StormEvents }).map((e) => [e.code, e.col])).toEqual([['KX214', 23]]);
  });
});

describe('batches', () => {
  it('the page\'s named results: each statement one table, named by its final as', () => {
    const q = `StormEvents | where State == "FLORIDA" | count | as ['Count of events in Florida'];
      StormEvents | where State == "GUAM" | count | as ['Count of events in Guam']`;
    expect(results(q, { StormEvents }).map((t) => [t.name, t.rows])).toEqual([
      ['Count of events in Florida', [[3]]], ['Count of events in Guam', [[0]]],
    ]);
  });
  it('the page\'s shared calculation: a materialized let read by two statements; unnamed tables numbered', () => {
    const q = `let m = materialize(StormEvents | summarize n = count() by State); m | where n > 2; m | where n < 2`;
    expect(results(q, { StormEvents }).map((t) => [t.name, t.rows])).toEqual([
      ['table_1', [['FLORIDA', 3]]], ['table_2', [['ALASKA', 1], ['ALABAMA', 1]]],
    ]);
  });
  it('a fork in a batch adds its tables to the batch', () => {
    const q = 'StormEvents | count; StormEvents | fork (take 1) (take 2)';
    expect(results(q, { StormEvents }).map((t) => [t.name, t.rows.length])).toEqual([['table_1', 1], ['fork_1', 1], ['fork_2', 2]]);
  });
});

describe('facet', () => {
  it('returns the with-table first, then a count_<Column> table per column', () => {
    const out = results(
      `StormEvents
      | where State startswith "A" or EventType has "Heavy"
      | facet by State, EventType
        with (where StartTime between(datetime(2007-01-04) .. 7d) | project State, EpisodeId | take 3)`,
      { StormEvents },
    );
    expect(out.map((t) => [t.name, t.columns.map((c) => `${c.name}:${c.type}`), t.rows])).toEqual([
      ['with', ['State:string', 'EpisodeId:long'], [['FLORIDA', 2], ['FLORIDA', 3], ['ALASKA', 4]]],
      ['State', ['State:string', 'count_State:long'], [['FLORIDA', 2], ['ALASKA', 1], ['ALABAMA', 1]]],
      ['EventType', ['EventType:string', 'count_EventType:long'], [['Heavy Rain', 3], ['Heavy Snow', 1]]],
    ]);
  });
  it('names an unknown column', () => {
    expect(errors('StormEvents | facet by Stat', { StormEvents }).map((e) => [e.code, e.col, e.message])).toEqual([
      ['KX201', 24, "unknown column or name 'Stat' (did you mean 'State'?)"],
    ]);
  });
});

describe('sample', () => {
  const data = 'range x from 1 to 100 step 1';
  it('returns the requested number of distinct input rows, in input order', () => {
    const xs = rows(`${data} | sample 10`).map((r) => r[0] as number);
    expect(xs).toHaveLength(10);
    expect(new Set(xs).size).toBe(10);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(xs.every((x) => x >= 1 && x <= 100)).toBe(true);
  });
  it('returns every row when asked for more than there are, and none for 0', () => {
    expect(rows(`${data} | sample 1000`)).toHaveLength(100);
    expect(rows(`${data} | sample 0`)).toEqual([]);
  });
  it('repeats for one seed and differs across seeds', () => {
    const pick = (seed: number) => results(`${data} | sample 5`, {}, seed)[0]!.rows;
    expect(pick(7)).toEqual(pick(7));
    expect(pick(7)).not.toEqual(pick(8));
  });
  it('a let table is evaluated once, so the page\'s union of one sample with itself repeats the row', () => {
    const out = rows('let _data = range x from 1 to 100 step 1; let _sample = _data | sample 1; union (_sample), (_sample)');
    expect(out).toHaveLength(2);
    expect(out[0]).toEqual(out[1]);
  });
  it('sample-distinct picks distinct values of one column', () => {
    const q = (n: number) => rows(`range x from 1 to 30 step 1 | extend k = x % 3 | sample-distinct ${n} of k`).map((r) => r[0] as number);
    const two = q(2);
    expect(two).toHaveLength(2);
    expect(new Set(two).size).toBe(2);
    expect(two.every((k) => [0, 1, 2].includes(k))).toBe(true);
    expect(q(10).sort()).toEqual([0, 1, 2]);
  });
  it('sample-distinct takes a column name, not an expression', () => {
    expect(errors('range x from 1 to 3 step 1 | sample-distinct 2 of strlen(x)').map((e) => e.category)).toContain('syntax');
  });
});

describe('rand and new_guid', () => {
  it('rand() is a real in [0, 1), different per row', () => {
    const rs = rows('range x from 1 to 50 step 1 | project r = rand()').map((r) => r[0] as number);
    expect(rs.every((r) => r >= 0 && r < 1)).toBe(true);
    expect(new Set(rs).size).toBe(50);
  });
  it('rand(N) is one of 0.0, 1.0, ..., N-1', () => {
    const rs = rows('range x from 1 to 200 step 1 | project r = rand(4)').map((r) => r[0] as number);
    expect(new Set(rs)).toEqual(new Set([0, 1, 2, 3]));
  });
  it('new_guid() is a version 4 guid, different per row', () => {
    const gs = rows('range x from 1 to 20 step 1 | project g = new_guid()').map((r) => r[0] as string);
    expect(gs.every((g) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(g))).toBe(true);
    expect(new Set(gs).size).toBe(20);
  });
});

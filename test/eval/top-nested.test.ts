/**
 * top-nested, from the examples and rules of its Kusto documentation page. The page's examples run on
 * StormEvents; these tables have the same columns and few rows, so every expected value is worked out
 * by hand. Rows come out hierarchically: each group's children in rank order, its left-over (others)
 * row after them (docs/semantics.md, top-nested).
 */
import { describe, expect, it } from 'vitest';
import { parseDatetime } from '../../src/types/datetime.js';
import { errors, rows, schemaOf, table } from '../helpers/run.js';

const at = (text: string) => parseDatetime(text)!;

/** Property damage: California and Oklahoma lead, five smaller states follow. */
const Damage = table('State:string, EventType:string, EndLocation:string, DamageProperty:long', [
  ['CALIFORNIA', 'Wildfire', '', 100],
  ['OKLAHOMA', 'IceStorm', '', 80],
  ['CALIFORNIA', 'Wildfire', '', 30],
  ['CALIFORNIA', 'HighWind', '', 20],
  ['OKLAHOMA', 'WinterStorm', '', 40],
  ['CALIFORNIA', 'DebrisFlow', '', 15],
  ['OKLAHOMA', 'Flood', 'COMMERCE', 20],
  ['OKLAHOMA', 'Flood', 'TULSA', 5],
  ['CALIFORNIA', 'Flood', 'SACRAMENTO', 5],
  ['OKLAHOMA', 'Hail', 'NORMAN', 3],
  ['TEXAS', 'Hail', 'AMARILLO', 60],
  ['TEXAS', 'Tornado', 'DALLAS', 50],
  ['KANSAS', 'Hail', '', 40],
  ['FLORIDA', 'Flood', 'MIAMI', 30],
  ['IOWA', 'Hail', '', 10],
  ['MAINE', 'Flood', '', 5],
]);
// State totals: CALIFORNIA 170, OKLAHOMA 148, TEXAS 110, KANSAS 40, FLORIDA 30, IOWA 10, MAINE 5.

/** Latitudes by state, source and end location. Sums: TEXAS 40, KANSAS 35, IOWA 5, MAINE 1.25. */
const Latitudes = table('State:string, Source:string, EndLocation:string, EventType:string, BeginLat:real', [
  ['KANSAS', 'Public', 'BUCKLIN', 'Flood', 6.5],
  ['KANSAS', 'Public', 'BUCKLIN', 'Thunderstorm Wind', 4],
  ['KANSAS', 'Public', 'ASHLAND', 'Hail', 4],
  ['KANSAS', 'Law Enforcement', 'FT SCOTT', 'Flash Flood', 8],
  ['KANSAS', 'Law Enforcement', 'IOLA', 'Hail', 2],
  ['KANSAS', 'Trained Spotter', 'SHARON SPGS', 'Hail', 6],
  ['KANSAS', 'Trained Spotter', 'ATWOOD', 'Hail', 1.5],
  ['KANSAS', 'Emergency Manager', 'WICHITA', 'Flood', 3],
  ['TEXAS', 'Public', 'AMARILLO', 'Hail', 9],
  ['TEXAS', 'Law Enforcement', 'PERRYTON', 'Hail', 12],
  ['TEXAS', 'Law Enforcement', 'LEAKEY', 'Flood', 7],
  ['TEXAS', 'Trained Spotter', 'CLAUDE', 'Hail', 5],
  ['TEXAS', 'Trained Spotter', 'DALHART', 'Hail', 4],
  ['TEXAS', 'Trained Spotter', 'CLAUDE', 'Thunderstorm Wind', 1],
  ['TEXAS', 'COOP Observer', 'MIDLAND', 'Hail', 2],
  ['IOWA', 'Public', 'AMES', 'Hail', 3],
  ['IOWA', 'Trained Spotter', 'AMES', 'Hail', 2],
  ['MAINE', 'Public', 'BANGOR', 'Flood', 1.25],
]);
// Sources: TEXAS Law Enforcement 19, Trained Spotter 10, Public 9, COOP Observer 2;
//          KANSAS Public 14.5, Law Enforcement 10, Trained Spotter 7.5, Emergency Manager 3.

describe('top-nested: the documentation examples', () => {
  it('top states, event types and end locations by property damage', () => {
    const query = `StormEvents
      | top-nested 2 of State by sum(DamageProperty),
        top-nested 3 of EventType by sum(DamageProperty),
        top-nested 1 of EndLocation by sum(DamageProperty)
      | project State, EventType, EndLocation, StateTotalDamage = aggregated_State,
          EventTypeTotalDamage = aggregated_EventType, EndLocationDamage = aggregated_EndLocation`;
    expect(rows(query, { StormEvents: Damage })).toEqual([
      ['CALIFORNIA', 'Wildfire', '', 170, 130, 130],
      ['CALIFORNIA', 'HighWind', '', 170, 20, 20],
      ['CALIFORNIA', 'DebrisFlow', '', 170, 15, 15],
      ['OKLAHOMA', 'IceStorm', '', 148, 80, 80],
      ['OKLAHOMA', 'WinterStorm', '', 148, 40, 40],
      ['OKLAHOMA', 'Flood', 'COMMERCE', 148, 25, 20],
    ]);
  });

  it('top five states with the rest grouped `with others`, rendered as the page does (render passes the rows through)', () => {
    const query = 'StormEvents | top-nested 5 of State with others = "OtherStates" by sum(DamageProperty) | render piechart';
    expect(schemaOf(query, { StormEvents: Damage })).toEqual(['State:string', 'aggregated_State:long']);
    expect(rows(query, { StormEvents: Damage })).toEqual([
      ['CALIFORNIA', 170], ['OKLAHOMA', 148], ['TEXAS', 110], ['KANSAS', 40], ['FLORIDA', 30], ['OtherStates', 15],
    ]);
  });

  it('three levels by total latitude, columns named aggregated_<column>', () => {
    const query = `StormEvents
      | top-nested 2 of State by sum(BeginLat),
        top-nested 3 of Source by sum(BeginLat),
        top-nested 1 of EndLocation by sum(BeginLat)`;
    expect(schemaOf(query, { StormEvents: Latitudes })).toEqual([
      'State:string', 'aggregated_State:real', 'Source:string', 'aggregated_Source:real', 'EndLocation:string', 'aggregated_EndLocation:real',
    ]);
    expect(rows(query, { StormEvents: Latitudes })).toEqual([
      ['TEXAS', 40, 'Law Enforcement', 19, 'PERRYTON', 12],
      ['TEXAS', 40, 'Trained Spotter', 10, 'CLAUDE', 6],
      ['TEXAS', 40, 'Public', 9, 'AMARILLO', 9],
      ['KANSAS', 35, 'Public', 14.5, 'BUCKLIN', 10.5],
      ['KANSAS', 35, 'Law Enforcement', 10, 'FT SCOTT', 8],
      ['KANSAS', 35, 'Trained Spotter', 7.5, 'SHARON SPGS', 6],
    ]);
  });

  it('`with others` at the first and last level: one row per level of what did not make the top', () => {
    const query = `StormEvents
      | top-nested 2 of State with others = "All Other States" by sum(BeginLat),
        top-nested 3 of Source by sum(BeginLat),
        top-nested 1 of EndLocation with others = "All Other End Locations" by sum(BeginLat)`;
    const others = 'All Other End Locations';
    expect(rows(query, { StormEvents: Latitudes })).toEqual([
      ['TEXAS', 40, 'Law Enforcement', 19, 'PERRYTON', 12],
      ['TEXAS', 40, 'Law Enforcement', 19, others, 7],
      ['TEXAS', 40, 'Trained Spotter', 10, 'CLAUDE', 6],
      ['TEXAS', 40, 'Trained Spotter', 10, others, 4],
      ['TEXAS', 40, 'Public', 9, 'AMARILLO', 9], // Public has one end location: nothing left over
      // The sources not in the top 3: no others value at this level (empty, null), but the last level has one.
      ['TEXAS', 40, '', null, others, 2],
      ['KANSAS', 35, 'Public', 14.5, 'BUCKLIN', 10.5],
      ['KANSAS', 35, 'Public', 14.5, others, 4],
      ['KANSAS', 35, 'Law Enforcement', 10, 'FT SCOTT', 8],
      ['KANSAS', 35, 'Law Enforcement', 10, others, 2],
      ['KANSAS', 35, 'Trained Spotter', 7.5, 'SHARON SPGS', 6],
      ['KANSAS', 35, 'Trained Spotter', 7.5, others, 1.5],
      ['KANSAS', 35, '', null, others, 3],
      // The other states are not split by the later levels; the last level aggregates all their rows.
      ['All Other States', 6.25, '', null, others, 6.25],
    ]);
    // As the page shows, the others row of the first level holds the total of the states left out.
    expect(rows(`StormEvents | where State !in ('TEXAS', 'KANSAS') | summarize sum(BeginLat)`, { StormEvents: Latitudes })).toEqual([[6.25]]);
  });

  it('a level without N and with a placeholder aggregate lists every value below the top groups', () => {
    const query = `StormEvents
      | top-nested 2 of State by sum(BeginLat),
        top-nested 3 of Source by sum(BeginLat),
        top-nested 1 of EndLocation by sum(BeginLat),
        top-nested of EventType by Ignore = max(1)
      | project-away Ignore`;
    expect(rows(query, { StormEvents: Latitudes })).toEqual([
      ['TEXAS', 40, 'Law Enforcement', 19, 'PERRYTON', 12, 'Hail'],
      ['TEXAS', 40, 'Trained Spotter', 10, 'CLAUDE', 6, 'Hail'],
      ['TEXAS', 40, 'Trained Spotter', 10, 'CLAUDE', 6, 'Thunderstorm Wind'],
      ['TEXAS', 40, 'Public', 9, 'AMARILLO', 9, 'Hail'],
      ['KANSAS', 35, 'Public', 14.5, 'BUCKLIN', 10.5, 'Flood'],
      ['KANSAS', 35, 'Public', 14.5, 'BUCKLIN', 10.5, 'Thunderstorm Wind'],
      ['KANSAS', 35, 'Law Enforcement', 10, 'FT SCOTT', 8, 'Flash Flood'],
      ['KANSAS', 35, 'Trained Spotter', 7.5, 'SHARON SPGS', 6, 'Hail'],
    ]);
  });

  it('sorting the hierarchical result with index-based positions per group', () => {
    const query = `StormEvents
      | top-nested 2 of State by sum(BeginLat),
        top-nested 2 of Source by sum(BeginLat),
        top-nested 4 of EndLocation by sum(BeginLat)
      | sort by State, Source, aggregated_EndLocation
      | summarize
          EndLocations = make_list(EndLocation, 10000),
          endLocationSums = make_list(aggregated_EndLocation, 10000)
          by State, Source
      | extend indicies = range(0, array_length(EndLocations) - 1, 1)
      | mv-expand EndLocations, endLocationSums, indicies`;
    expect(rows(query, { StormEvents: Latitudes })).toEqual([
      ['TEXAS', 'Trained Spotter', 'CLAUDE', 6, 0],
      ['TEXAS', 'Trained Spotter', 'DALHART', 4, 1],
      ['TEXAS', 'Law Enforcement', 'PERRYTON', 12, 0],
      ['TEXAS', 'Law Enforcement', 'LEAKEY', 7, 1],
      ['KANSAS', 'Public', 'BUCKLIN', 10.5, 0],
      ['KANSAS', 'Public', 'ASHLAND', 4, 1],
      ['KANSAS', 'Law Enforcement', 'FT SCOTT', 8, 0],
      ['KANSAS', 'Law Enforcement', 'IOLA', 2, 1],
    ]);
  });

  it('the two most recent events per state, other columns carried by max(1) placeholders', () => {
    const Events = table('State:string, StartTime:datetime, EndTime:datetime, EpisodeId:long', [
      ['TEXAS', at('2007-01-01T10:00:00Z'), at('2007-01-01T11:00:00Z'), 1],
      ['TEXAS', at('2007-03-05T08:00:00Z'), at('2007-03-05T09:30:00Z'), 2],
      ['TEXAS', at('2007-06-10T12:00:00Z'), at('2007-06-10T12:45:00Z'), 3],
      ['ALASKA', at('2007-02-01T00:00:00Z'), at('2007-02-02T00:00:00Z'), 4],
      ['ALASKA', at('2007-01-15T06:00:00Z'), at('2007-01-15T07:00:00Z'), 5],
      ['ALASKA', at('2007-02-01T00:00:00Z'), at('2007-02-01T06:00:00Z'), 6],
      ['OHIO', at('2007-04-04T04:00:00Z'), at('2007-04-04T05:00:00Z'), 7],
    ]);
    const query = `StormEvents
      | top-nested of State by Ignore0 = max(1),
        top-nested 2 of StartTime by Ignore1 = max(StartTime),
        top-nested of EndTime by Ignore2 = max(1),
        top-nested of EpisodeId by Ignore3 = max(1)
      | project-away Ignore*
      | order by State asc, StartTime desc`;
    expect(rows(query, { StormEvents: Events })).toEqual([
      // Two events started at the same time: both are kept under the one StartTime.
      ['ALASKA', '2007-02-01T00:00:00Z', '2007-02-02T00:00:00Z', 4],
      ['ALASKA', '2007-02-01T00:00:00Z', '2007-02-01T06:00:00Z', 6],
      ['ALASKA', '2007-01-15T06:00:00Z', '2007-01-15T07:00:00Z', 5],
      ['OHIO', '2007-04-04T04:00:00Z', '2007-04-04T05:00:00Z', 7],
      ['TEXAS', '2007-06-10T12:00:00Z', '2007-06-10T12:45:00Z', 3],
      ['TEXAS', '2007-03-05T08:00:00Z', '2007-03-05T09:30:00Z', 2],
    ]);
  });

  it('the latest two records per identity, from a datatable', () => {
    const query = `datatable(id: string, timestamp: datetime, otherInformation: string)
      [
        "Ana", datetime(2020-03-01), "a1",
        "Ana", datetime(2021-03-01), "a2",
        "Ana", datetime(2022-03-01), "a3",
        "Ben", datetime(2022-03-01), "b1",
        "Ben", datetime(2021-12-30), "b2",
        "Ben", datetime(2021-12-31), "b3"
      ]
      | top-nested of id by Ignore0 = max(1),
        top-nested 2 of timestamp by Ignore1 = max(timestamp),
        top-nested of otherInformation by Ignore2 = max(1)
      | project-away Ignore0, Ignore1, Ignore2`;
    expect(schemaOf(query)).toEqual(['id:string', 'timestamp:datetime', 'otherInformation:string']);
    expect(rows(query)).toEqual([
      ['Ana', '2022-03-01T00:00:00Z', 'a3'],
      ['Ana', '2021-03-01T00:00:00Z', 'a2'],
      ['Ben', '2022-03-01T00:00:00Z', 'b1'],
      ['Ben', '2021-12-31T00:00:00Z', 'b3'],
    ]);
  });
});

describe('top-nested: the rules of the page', () => {
  const T = table('k:string, g:string, n:long, x:real', [
    ['a', 'p', 1, 1.5],
    ['b', 'q', 2, 2],
    ['a', 'q', 3, 0.5],
    ['c', 'p', null, 4],
    ['b', 'p', 5, 1],
    ['c', 'q', 6, 1],
    ['d', 'p', 7, null],
  ]);
  // Per k: a {n 1, 3; x 1.5, 0.5}, b {n 2, 5; x 2, 1}, c {n null, 6; x 4, 1}, d {n 7; x null}.

  it('without N every distinct value is kept, top aggregate first', () => {
    expect(rows('T | top-nested of k by count()', { T })).toEqual([['a', 2], ['b', 2], ['c', 2], ['d', 1]]);
    expect(rows('T | top-nested of k by sum(n)', { T })).toEqual([['b', 7], ['d', 7], ['c', 6], ['a', 4]]);
  });

  it('asc keeps the smallest aggregates', () => {
    expect(rows('T | top-nested 2 of k by sum(n) asc', { T })).toEqual([['a', 4], ['c', 6]]);
    expect(rows('T | top-nested 2 of k by sum(n) desc', { T })).toEqual([['b', 7], ['d', 7]]);
  });

  it('supports the documented aggregates and algebraic combinations of them', () => {
    expect(rows('T | top-nested 2 of k by max(n)', { T })).toEqual([['d', 7], ['c', 6]]);
    expect(rows('T | top-nested 1 of k by min(n) asc', { T })).toEqual([['a', 1]]);
    expect(rows('T | top-nested 1 of g by dcount(k)', { T })).toEqual([['p', 4]]);
    expect(rows('T | top-nested 2 of k by avg(n)', { T })).toEqual([['d', 7], ['c', 6]]);
    expect(rows('T | top-nested 1 of k by percentile(n, 50)', { T })).toEqual([['d', 7]]);
    expect(rows('T | top-nested 2 of k by r = sum(n) * 10 / count()', { T })).toEqual([['d', 70], ['b', 35]]);
    expect(schemaOf('T | top-nested 2 of k by r = sum(n) * 10 / count()', { T })).toEqual(['k:string', 'r:long']);
    expect(rows('T | top-nested 1 of k by round(sum(x) / count(), 1)', { T })).toEqual([['c', 2.5]]);
  });

  it('a null aggregate ranks below every value, whichever the order', () => {
    expect(rows('T | top-nested 1 of k by max(x) asc', { T })).toEqual([['a', 1.5]]);
    expect(rows('T | top-nested of k by max(x) asc', { T })).toEqual([['a', 1.5], ['b', 2], ['c', 4], ['d', null]]);
  });

  it('null keys form a group, as in summarize', () => {
    expect(rows('T | top-nested 2 of n2 = n % 2 by count()', { T })).toEqual([[1, 4], [0, 2]]);
    expect(rows('T | top-nested of n by c = count() | where isnull(n)', { T })).toEqual([[null, 1]]);
  });

  it('`with others` adds a row only where some rows were left out', () => {
    expect(rows('T | top-nested 4 of k with others = "rest" by count()', { T })).toEqual([['a', 2], ['b', 2], ['c', 2], ['d', 1]]);
    expect(rows('T | top-nested 1 of k with others = "rest" by count(), top-nested 1 of g with others = "rest" by count()', { T })).toEqual([
      ['a', 2, 'p', 1],
      ['a', 2, 'rest', 1],
      ['rest', 5, 'rest', 5],
    ]);
  });

  it('`with others` on an upper level only: its others row is empty below it', () => {
    expect(rows('T | top-nested 1 of g with others = "rest" by sum(n), top-nested 1 of k by sum(n)', { T })).toEqual([
      ['p', 13, 'd', 7],
      ['rest', 11, '', null],
    ]);
  });

  it('`with others` of a numeric key, and N = 0 leaves only the others row', () => {
    // sum(x) per n: null 4, 2 2, 1 1.5, 5 1, 6 1, 3 0.5, 7 0 (a sum of nulls).
    expect(rows('T | top-nested 2 of n with others = -1 by sum(x)', { T })).toEqual([[null, 4], [2, 2], [-1, 4]]);
    expect(rows('T | top-nested 0 of k with others = "all" by count()', { T })).toEqual([['all', 7]]);
  });

  it('ties keep the order in which the values first appear', () => {
    expect(rows('T | top-nested 2 of k by count()', { T })).toEqual([['a', 2], ['b', 2]]);
    expect(rows('T | top-nested 2 of g by c = count(), top-nested 1 of k by max(1)', { T })).toEqual([['p', 4, 'a', 1], ['q', 3, 'b', 1]]);
  });

  it('over no rows gives no rows, even `with others`', () => {
    expect(rows('T | where n > 100 | top-nested 2 of k with others = "rest" by count()', { T })).toEqual([]);
  });

  it('names: as written, after the column, or Column1 for other expressions; clashes get a number', () => {
    expect(schemaOf('T | top-nested 2 of k by count(), top-nested of k by s = sum(x)', { T })).toEqual([
      'k:string', 'aggregated_k:long', 'k1:string', 's:real',
    ]);
    expect(schemaOf('T | top-nested 2 of tolower(k) by count(), top-nested of bin(x, 1) by k = sum(x)', { T })).toEqual([
      'Column1:string', 'aggregated_Column1:long', 'x:real', 'k:real',
    ]);
    expect(schemaOf('T | top-nested of key = strcat(k, g) by count()', { T })).toEqual(['key:string', 'aggregated_key:long']);
  });

  it('N may be any constant integer expression, such as a let', () => {
    expect(rows('let depth = 1; T | top-nested depth + 1 of k by sum(n)', { T })).toEqual([['b', 7], ['d', 7]]);
  });
});

describe('top-nested: mistakes are diagnostics', () => {
  const T = table('k:string, n:long', []);
  it('an aggregation that is not an aggregate', () => {
    expect(errors('T | top-nested 2 of k by n', { T })[0]).toMatchObject({
      code: 'KX209', line: 1, col: 26, message: 'each top-nested aggregate must be an aggregate function call',
    });
  });
  it('an aggregation that gives a row, not a value', () => {
    expect(errors('T | top-nested 2 of k by arg_max(n, *)', { T })[0]).toMatchObject({ code: 'KX212', col: 26 });
  });
  it('N that is not a constant integer', () => {
    expect(errors('T | top-nested 2.5 of k by count()', { T })[0]).toMatchObject({ code: 'KX205', col: 16 });
    expect(errors('T | top-nested n of k by count()', { T })[0]).toMatchObject({
      code: 'KX211', col: 16, message: 'the top-nested count must be a constant',
    });
  });
  it('an others value the column cannot hold, or one read from the row', () => {
    expect(errors('T | top-nested 2 of n with others = "rest" by count()', { T })[0]).toMatchObject({ code: 'KX205', col: 37 });
    expect(errors('T | top-nested 2 of k with others = k by count()', { T })[0]).toMatchObject({ code: 'KX211', col: 37 });
  });
});

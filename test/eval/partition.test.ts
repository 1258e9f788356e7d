/** partition, from the examples on its Kusto documentation page (on small StormEvents-shaped tables). */
import { describe, expect, it } from 'vitest';
import { errors, rows, table } from '../helpers/run.js';

const StormEvents = table('State:string, EventType:string, EpisodeId:long, InjuriesDirect:long, InjuriesIndirect:long, DamageProperty:long', [
  ['WYOMING', 'Hail', 1, 0, 0, 10],
  ['WYOMING', 'Hail', 2, 0, 1, 20],
  ['WYOMING', 'High Wind', 3, 5, 0, 5],
  ['WASHINGTON', 'Heavy Snow', 4, 0, 2, 0],
  ['WASHINGTON', 'High Wind', 5, 13, 1, 50],
  ['WASHINGTON', 'High Wind', 6, 0, 0, 7],
  ['WASHINGTON', 'Wildfire', 7, 0, 2, 1],
  ['TEXAS', 'Tornado', 8, 4, 1, 100],
]);

describe('partition', () => {
  it('the page\'s top values per state: summarize and top run on each state\'s rows', () => {
    const q = `StormEvents
      | where State startswith 'W'
      | partition hint.strategy=native by State
          ( summarize Events = count(), Injuries = sum(InjuriesDirect) by EventType, State | top 2 by Events )`;
    expect(rows(q, { StormEvents })).toEqual([
      ['Hail', 'WYOMING', 2, 0], ['High Wind', 'WYOMING', 1, 5],
      ['High Wind', 'WASHINGTON', 2, 13], ['Heavy Snow', 'WASHINGTON', 1, 0],
    ]);
  });
  it('the page\'s native example: the top 2 event types by injuries of each state', () => {
    const q = `StormEvents | where State startswith 'W'
      | partition hint.strategy = native by State ( summarize TotalInjueries = sum(InjuriesDirect) by EventType | top 2 by TotalInjueries )`;
    expect(rows(q, { StormEvents })).toEqual([['High Wind', 5], ['Hail', 0], ['High Wind', 13], ['Heavy Snow', 0]]);
  });
  it('the page\'s shuffle example: top 3 by damage of each episode, counted', () => {
    const q = 'StormEvents | partition hint.strategy=shuffle by State ( top 1 by DamageProperty | project EpisodeId, State, DamageProperty )';
    expect(rows(q, { StormEvents })).toEqual([[2, 'WYOMING', 20], [5, 'WASHINGTON', 50], [8, 'TEXAS', 100]]);
  });
  it('the page\'s legacy example with its own source: the key column stands for the partition\'s value', () => {
    const q = 'range x from 1 to 2 step 1 | partition hint.strategy=legacy by x {StormEvents | where x == InjuriesIndirect} | count';
    // InjuriesIndirect is 1 in three rows and 2 in two.
    expect(rows(q, { StormEvents })).toEqual([[5]]);
  });
  it('the page\'s partition reference: `as` names the part for toscalar', () => {
    const q = `StormEvents | partition by State ( as Partition | extend Pct = DamageProperty * 100.0 / toscalar(Partition | summarize sum(DamageProperty)) )
      | project EpisodeId, Pct`;
    expect(rows(q, { StormEvents })).toEqual([
      [1, 10 * 100 / 35], [2, 20 * 100 / 35], [3, 5 * 100 / 35], [4, 0], [5, 50 * 100 / 58], [6, 7 * 100 / 58], [7, 1 * 100 / 58], [8, 100],
    ]);
  });
  it('the legacy strategy (the default) refuses more than 64 partitions, as the page says', () => {
    expect(errors('range x from 1 to 65 step 1 | partition by x (take 1)').map((e) => [e.code, e.message])).toEqual([[
      'KX402', "partition: the legacy strategy allows at most 64 partitions and 'x' has 65 values (use hint.strategy=native or shuffle)",
    ]]);
    expect(rows('range x from 1 to 65 step 1 | partition hint.strategy=native by x (take 1) | count')).toEqual([[65]]);
  });
  it('native and shuffle allow only the operators their page lists, and no own source', () => {
    expect(errors('StormEvents | partition hint.strategy=native by State (join (StormEvents) on State)', { StormEvents }).map((e) => [e.code, e.message]))
      .toEqual([['KX214', "'join' cannot be used in a partition subquery with hint.strategy=native"]]);
    expect(errors('StormEvents | partition hint.strategy=shuffle by State {StormEvents}', { StormEvents }).map((e) => e.code)).toEqual(['KX212']);
    expect(errors('StormEvents | partition by Stat (take 1)', { StormEvents }).map((e) => e.code)).toEqual(['KX201']);
  });
});

/**
 * scan: every example of its page with the page's data and stated output, then the matching rules
 * the page states (check 1 before check 2, match ids, output modes) on small inputs of our own, and
 * kqlx's choices where the page is silent (docs/semantics.md, "scan").
 */
import { describe, expect, it } from 'vitest';
import { parseDatetime } from '../../src/types/datetime.js';
import { errors, rows, schemaOf, table } from '../helpers/run.js';

/** Rows in a fixed order, for results whose order the query leaves open (partition, summarize). */
const sorted = (rs: unknown[][]) => [...rs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('scan: the examples of its page', () => {
  it('cumulative sum', () => {
    const q = `range x from 1 to 5 step 1
      | scan declare (cumulative_x:long=0) with
      (
          step s1: true => cumulative_x = x + s1.cumulative_x;
      )`;
    expect(schemaOf(q)).toEqual(['x:long', 'cumulative_x:long']);
    expect(rows(q)).toEqual([[1, 1], [2, 3], [3, 6], [4, 10], [5, 15]]);
  });

  it('cumulative sum on multiple columns with a reset condition', () => {
    const q = `range x from 1 to 5 step 1
      | extend y = 2 * x
      | scan declare (cumulative_x:long=0, cumulative_y:long=0) with
      (
          step s1: true => cumulative_x = iff(s1.cumulative_x >= 10, x, x + s1.cumulative_x),
                           cumulative_y = iff(s1.cumulative_y >= 10, y, y + s1.cumulative_y);
      )`;
    expect(rows(q)).toEqual([[1, 2, 1, 2], [2, 4, 3, 6], [3, 6, 6, 12], [4, 8, 10, 8], [5, 10, 5, 18]]);
  });

  it('fill forward a column', () => {
    const q = `let Events = datatable (Ts: timespan, Event: string) [
          0m, "A", 1m, "", 2m, "B", 3m, "", 4m, "", 6m, "C", 8m, "", 11m, "D", 12m, ""
      ];
      Events
      | sort by Ts asc
      | scan declare (Event_filled: string="") with
      (
          step s1: true => Event_filled = iff(isempty(Event), s1.Event_filled, Event);
      )`;
    expect(rows(q)).toEqual([
      ['00:00:00', 'A', 'A'], ['00:01:00', '', 'A'], ['00:02:00', 'B', 'B'], ['00:03:00', '', 'B'], ['00:04:00', '', 'B'],
      ['00:06:00', 'C', 'C'], ['00:08:00', '', 'C'], ['00:11:00', 'D', 'D'], ['00:12:00', '', 'D'],
    ]);
  });

  it('sessions tagging: endSession (output=none) ends a session, so the first step starts the next', () => {
    const q = `let Events = datatable (Ts: timespan, Event: string) [
          0m, "A", 1m, "A", 2m, "B", 3m, "D", 32m, "B", 36m, "C", 38m, "D", 41m, "E", 75m, "A"
      ];
      Events
      | sort by Ts asc
      | scan with_match_id=session_id declare (sessionStart: timespan) with
      (
          step inSession: true => sessionStart = iff(isnull(inSession.sessionStart), Ts, inSession.sessionStart);
          step endSession output=none: Ts - inSession.sessionStart > 30m;
      )`;
    expect(schemaOf(q)).toEqual(['Ts:timespan', 'Event:string', 'sessionStart:timespan', 'session_id:long']);
    expect(rows(q)).toEqual([
      ['00:00:00', 'A', '00:00:00', 0], ['00:01:00', 'A', '00:00:00', 0], ['00:02:00', 'B', '00:00:00', 0], ['00:03:00', 'D', '00:00:00', 0],
      ['00:32:00', 'B', '00:32:00', 1], ['00:36:00', 'C', '00:32:00', 1], ['00:38:00', 'D', '00:32:00', 1], ['00:41:00', 'E', '00:32:00', 1],
      ['01:15:00', 'A', '01:15:00', 2],
    ]);
  });

  it('session length per user: one row per login/logout pair, inside partition', () => {
    const q = `let LogsEvents = datatable(Timestamp:datetime, userID:int, EventType:string)
      [
          datetime(2024-05-28 08:15:23), 1, "login",
          datetime(2024-05-28 08:30:15), 2, "login",
          datetime(2024-05-28 09:10:27), 3, "login",
          datetime(2024-05-28 12:30:45), 1, "logout",
          datetime(2024-05-28 11:45:32), 2, "logout",
          datetime(2024-05-28 13:25:19), 3, "logout"
      ];
      LogsEvents
      | sort by userID, Timestamp
      | partition hint.strategy=native by userID (
          sort by Timestamp asc
          | scan declare (start: datetime, end: datetime, sessionDuration: timespan) with (
              step s1 output=none: EventType == "login" => start = Timestamp;
              step s2 output=all: EventType == "logout" => start = s1.start, end = Timestamp, sessionDuration = Timestamp - s1.start;
          )
      )
      | project start, end, userID, sessionDuration`;
    expect(schemaOf(q)).toEqual(['start:datetime', 'end:datetime', 'userID:int', 'sessionDuration:timespan']);
    expect(sorted(rows(q))).toEqual(sorted([
      ['2024-05-28T08:15:23Z', '2024-05-28T12:30:45Z', 1, '04:15:22'],
      ['2024-05-28T09:10:27Z', '2024-05-28T13:25:19Z', 3, '04:14:52'],
      ['2024-05-28T08:30:15Z', '2024-05-28T11:45:32Z', 2, '03:15:17'],
    ]));
  });

  const startStop = `let Events = datatable (Ts: timespan, Event: string) [
        0m, "A", 1m, "Start", 2m, "B", 3m, "D", 4m, "Stop", 6m, "C", 8m, "Start", 11m, "E", 12m, "Stop"
    ];
    Events
    | sort by Ts asc
    | scan with_match_id=m_id with
    (
        step s1: Event == "Start";
        step s2: Event != "Start" and Event != "Stop" and Ts - s1.Ts <= 5m;
        step s3: Event == "Stop" and Ts - s1.Ts <= 5m;
    )`;
  it('events between start and stop (also the walkthrough: records A and C match no step)', () => {
    expect(schemaOf(startStop)).toEqual(['Ts:timespan', 'Event:string', 'm_id:long']);
    expect(rows(startStop)).toEqual([
      ['00:01:00', 'Start', 0], ['00:02:00', 'B', 0], ['00:03:00', 'D', 0], ['00:04:00', 'Stop', 0],
      ['00:08:00', 'Start', 1], ['00:11:00', 'E', 1], ['00:12:00', 'Stop', 1],
    ]);
  });

  it('a custom funnel of events, per state (our own StormEvents rows)', () => {
    const StormEvents = table('State:string, StartTime:datetime, EventType:string', [
      // TX completes the funnel: Tornado 30m after Hail, Thunderstorm Wind 90m after the Tornado.
      ['TX', '2007-01-01T00:00:00Z', 'Hail'],
      ['TX', '2007-01-01T00:30:00Z', 'Tornado'],
      ['TX', '2007-01-01T02:00:00Z', 'Thunderstorm Wind'],
      // KS: the Tornado comes 2h after the Hail, too late; the wind has no tornado before it.
      ['KS', '2007-01-01T00:00:00Z', 'Hail'],
      ['KS', '2007-01-01T02:00:00Z', 'Tornado'],
      ['KS', '2007-01-01T03:00:00Z', 'Thunderstorm Wind'],
      // OK: a Tornado before any Hail counts for nothing; the wind comes 2h15m after the Tornado.
      ['OK', '2007-01-01T01:00:00Z', 'Tornado'],
      ['OK', '2007-01-01T02:00:00Z', 'Hail'],
      ['OK', '2007-01-01T02:45:00Z', 'Tornado'],
      ['OK', '2007-01-01T05:00:00Z', 'Thunderstorm Wind'],
    ].map(([state, start, type]) => [state, parseDatetime(start!)!, type]));
    const q = `StormEvents
      | partition hint.strategy=native by State
          (
          sort by StartTime asc
          | scan with
          (
              step hail: EventType == "Hail";
              step tornado: EventType == "Tornado" and StartTime - hail.StartTime <= 1h;
              step thunderstormWind: EventType == "Thunderstorm Wind" and StartTime - tornado.StartTime <= 2h;
          )
          )
      | summarize dcount(State) by EventType`;
    expect(schemaOf(q, { StormEvents })).toEqual(['EventType:string', 'dcount_State:long']);
    expect(sorted(rows(q, { StormEvents }))).toEqual(sorted([['Hail', 3], ['Tornado', 2], ['Thunderstorm Wind', 1]]));
  });
});

describe('scan: the matching rules of its page', () => {
  const E = table('n:long, e:string', [[1, 'a'], [2, 'b'], [3, 'b'], [4, 'a'], [5, 'b'], [6, 'x']]);

  it('check 2 keeps a sequence at its step; a new match id only when the first step starts a sequence', () => {
    const q = `E | scan with_match_id=id with (step s1: e == "a"; step s2: e == "b";)`;
    // 2 moves sequence 0 up to s2 (check 1), 3 stays there (check 2), 4 starts sequence 1, 5 moves it up, dropping sequence 0.
    expect(rows(q, { E })).toEqual([[1, 'a', 0], [2, 'b', 0], [3, 'b', 0], [4, 'a', 1], [5, 'b', 1]]);
  });

  it('check 1 reads the previous step\'s state, check 2 the step\'s own', () => {
    const q = `E | scan with_match_id=id declare (first:long) with (
        step s1: e == "a" => first = n;
        step s2: e == "b" => first = s1.first;
      )`;
    expect(rows(q, { E })).toEqual([[1, 'a', 1, 0], [2, 'b', 1, 0], [3, 'b', 1, 0], [4, 'a', 4, 1], [5, 'b', 4, 1]]);
  });

  it('a first step that always matches keeps one sequence, whose state each record updates', () => {
    const q = `E | scan with_match_id=id declare (count:long=0) with (step s1: true => count = s1.count + 1;)`;
    expect(rows(q, { E })).toEqual([[1, 'a', 1, 0], [2, 'b', 2, 0], [3, 'b', 3, 0], [4, 'a', 4, 0], [5, 'b', 5, 0], [6, 'x', 6, 0]]);
  });

  it('output=last: only the last of the matches a sequence makes at the step, output when the sequence leaves it', () => {
    const S = table('n:long, e:string', [[1, 'a'], [2, 'b'], [3, 'b'], [4, 'c'], [5, 'a'], [6, 'b'], [7, 'b']]);
    const q = `S | scan with_match_id=id with (step s1: e == "a"; step s2 output=last: e == "b"; step s3: e == "c";)`;
    // Sequence 0's last b (3) is output when c moves it on; sequence 1's (7) when the input ends.
    expect(rows(q, { S })).toEqual([[1, 'a', 0], [3, 'b', 0], [4, 'c', 0], [5, 'a', 1], [7, 'b', 1]]);
  });

  it('output=none: the step matches and moves the sequence, but outputs nothing', () => {
    const q = `E | scan with_match_id=id with (step s1 output=none: e == "a"; step s2: e == "b";)`;
    expect(rows(q, { E })).toEqual([[2, 'b', 0], [3, 'b', 0], [5, 'b', 1]]);
  });

  it('a record matching two steps is output for each, the later step first', () => {
    const X = table('x:long', [[1], [2]]);
    const q = `X | scan with_match_id=id with (step s1: true; step s2: x > s1.x;)`;
    // 2 moves sequence 0 up to s2 (check 1); s1, now empty, starts sequence 1 with it.
    expect(rows(q, { X })).toEqual([[1, 0], [2, 0], [2, 1]]);
  });
});

describe('scan: choices where the page is silent', () => {
  const E = table('n:long, e:string', [[1, 'a'], [2, 'b']]);

  it('without with_match_id there is no match id column (the page\'s examples)', () => {
    expect(schemaOf('E | scan with (step s1: true;)', { E })).toEqual(['n:long', 'e:string']);
  });

  it('a declared column a step does not assign takes its default; a string with none is empty', () => {
    const q = 'E | scan declare (s:string, k:long, d:long=7) with (step s1: true => k = n;)';
    expect(rows(q, { E })).toEqual([[1, 'a', '', 1, 7], [2, 'b', '', 2, 7]]);
  });

  it('an empty step\'s state reads as null columns, empty strings and the declared defaults', () => {
    const q = 'E | scan declare (d:long=7, p:string, q:long) with (step s1: true => p = s1.e, q = coalesce(s1.n, -1) + s1.d;)';
    expect(rows(q, { E })).toEqual([[1, 'a', 7, '', 6], [2, 'b', 7, 'a', 8]]);
  });

  it('unqualified, a declared column is the record being built: its default, then what earlier assignments gave it', () => {
    const q = 'E | scan declare (a:long=10, b:long) with (step s1: a == 10 => a = a + n, b = a * 2;)';
    expect(rows(q, { E })).toEqual([[1, 'a', 11, 22], [2, 'b', 12, 24]]);
  });

  it('assignments convert numbers to the declared type', () => {
    const q = 'E | scan declare (r:real, i:int) with (step s1: true => r = n, i = n * 1.0;)';
    expect(schemaOf(q, { E })).toEqual(['n:long', 'e:string', 'r:real', 'i:int']);
    expect(rows(q, { E })).toEqual([[1, 'a', 1, 1], [2, 'b', 2, 2]]);
  });

  it('a column name wins over a step name, as with the official binder', () => {
    expect(errors('E | scan with (step n: n.x == 1;)', { E })[0]).toMatchObject({ code: 'KX205' });
  });

  it('binding mistakes are reported where they stand', () => {
    const cases: [string, string, number][] = [
      ['E | scan declare (n:long) with (step s1: true;)', 'KX210', 19],
      ['E | scan with_match_id=e with (step s1: true;)', 'KX210', 24],
      ['E | scan with (step s1: true; step s1: true;)', 'KX212', 36],
      ['E | scan with (step s1: n;)', 'KX205', 25],
      ['E | scan with (step s1: true => e = "x";)', 'KX212', 33],
      ['E | scan declare (k:long) with (step s1: true => k = e;)', 'KX205', 54],
      ['E | scan declare (k:long="x") with (step s1: true;)', 'KX205', 26],
      ['E | scan declare (k:long=n) with (step s1: true;)', 'KX201', 26],
      ['E | scan with (step s1: s1.zz == 1;)', 'KX201', 25],
    ];
    for (const [q, code, col] of cases) expect(errors(q, { E })[0], q).toMatchObject({ code, line: 1, col });
  });
});

/**
 * search and find, from their pages' examples (over small tables shaped like the pages') and their
 * predicate-syntax table; `* has` in an ordinary where; the choices docs/semantics.md records.
 */
import { describe, expect, it } from 'vitest';
import { parseDatetime } from '../../src/types/datetime.js';
import { errors, rows, schemaOf, table } from '../helpers/run.js';

const t = (s: string) => parseDatetime(s)!;

// The search page's ContosoSales tables, cut down.
const Customers = table('FirstName:string, LastName:string, CustomerKey:long', [
  ['Mason', 'Green', 16549],
  ['Aaron', 'Sharma', 802],
  ['Melanie', 'Hughes', 986],
  ['Aaron', 'Campbell', 10152],
  ['Greenwood', 'Lee', 5],
]);
const Products = table('ProductName:string, ColorName:string, ClassName:string', [
  ['Contoso Clock Radio X850 Green', 'Green', 'Deluxe'],
  ['Proseware Scan Jet M300 Green', 'Green', 'Regular'],
  ['Litware Blue LED Case Fan E901 blue', 'blue', 'Economy'],
  ['Contoso Bright Light battery E20 Blue', 'Blue', 'Economy'],
  ['Fabrikam Lab Workstation PC Silver', 'Silver', 'Regular'],
]);
const SalesTable = table('DateKey:datetime, Customer:string, Amount:real', [
  [t('2021-12-13T00:00:00Z'), 'Riley Hughes', 446.47],
  [t('2008-05-01T00:00:00Z'), 'Melanie Hughes', 120.5],
  [t('2021-12-13T00:00:00Z'), 'Aaron Campbell', 48.44],
]);
const contoso = { Customers, Products, SalesTable };

describe('search, the examples of its page', () => {
  it('a global term search covers every loaded table, $table first, then the union of their columns', () => {
    expect(schemaOf('search "Green"', contoso)).toEqual([
      '$table:string', 'FirstName:string', 'LastName:string', 'CustomerKey:long',
      'ProductName:string', 'ColorName:string', 'ClassName:string', 'DateKey:datetime', 'Customer:string', 'Amount:real',
    ]);
    // `has` matches whole terms: Greenwood is not Green.
    expect(rows('search "Green"', contoso)).toEqual([
      ['Customers', 'Mason', 'Green', 16549, '', '', '', null, '', null],
      ['Products', '', '', null, 'Contoso Clock Radio X850 Green', 'Green', 'Deluxe', null, '', null],
      ['Products', '', '', null, 'Proseware Scan Jet M300 Green', 'Green', 'Regular', null, '', null],
    ]);
  });

  it('terms combine with and, or and parentheses', () => {
    expect(rows('search "Green" and ("Deluxe" or "Proseware") | project $table, ProductName', contoso)).toEqual([
      ['Products', 'Contoso Clock Radio X850 Green'],
      ['Products', 'Proseware Scan Jet M300 Green'],
    ]);
  });

  it('in (Table) searches that table only, with its columns', () => {
    expect(run('search in (Products) "Green"')).toEqual({
      columns: ['$table', 'ProductName', 'ColorName', 'ClassName'],
      rows: [
        ['Products', 'Contoso Clock Radio X850 Green', 'Green', 'Deluxe'],
        ['Products', 'Proseware Scan Jet M300 Green', 'Green', 'Regular'],
      ],
    });
  });

  it('kind=case_sensitive: terms match only in the case written; the default ignores case', () => {
    expect(rows('search kind=case_sensitive "blue" | project $table, ProductName', contoso)).toEqual([['Products', 'Litware Blue LED Case Fan E901 blue']]);
    expect(rows('search kind=case_sensitive in (Products) "blue" | project ProductName', contoso)).toEqual([
      ['Litware Blue LED Case Fan E901 blue'],
    ]);
    expect(rows('search in (Products) "blue" | project ProductName', contoso)).toEqual([
      ['Litware Blue LED Case Fan E901 blue'],
      ['Contoso Bright Light battery E20 Blue'],
    ]);
    expect(rows('search kind=case_insensitive in (Products) "BLUE" | count', contoso)).toEqual([[2]]);
  });

  it('Col:"term" restricts a term to one column', () => {
    expect(rows('search FirstName:"Aaron" or LastName:"Hughes" | project $table, FirstName, LastName, CustomerKey', contoso)).toEqual([
      ['Customers', 'Aaron', 'Sharma', 802],
      ['Customers', 'Melanie', 'Hughes', 986],
      ['Customers', 'Aaron', 'Campbell', 10152],
    ]);
  });

  it('a column only some tables have is null in the others: the datetime condition keeps only sales rows', () => {
    expect(rows("search \"Hughes\" and DateKey > datetime(2009-01-01) | project $table, DateKey, Customer, Amount", contoso)).toEqual([
      ['SalesTable', '2021-12-13T00:00:00Z', 'Riley Hughes', 446.47],
    ]);
  });
});

describe("search's predicate syntax", () => {
  const names = (q: string) => rows(`${q} | project FirstName`, { Customers }).map((r) => r[0]);

  it('a term\'s wildcards choose the operator: has, hasprefix, hassuffix, contains', () => {
    expect(names('search in (Customers) "Green"')).toEqual(['Mason']);
    expect(names('search in (Customers) "Gree*"')).toEqual(['Mason', 'Greenwood']); // hasprefix
    expect(names('search in (Customers) "*wood"')).toEqual(['Greenwood']); // hassuffix
    expect(names('search in (Customers) "*ree*"')).toEqual(['Mason', 'Greenwood']); // contains
    expect(names('search in (Customers) "*eenw*"')).toEqual(['Greenwood']);
  });

  it('a * inside a term makes a regex of whole terms, case-insensitive unless kind=case_sensitive', () => {
    expect(rows('search in (Products) "Lab*PC" | project ProductName', { Products })).toEqual([['Fabrikam Lab Workstation PC Silver']]);
    expect(rows('search in (Products) "lab*pc" | project ProductName', { Products })).toEqual([['Fabrikam Lab Workstation PC Silver']]);
    expect(rows('search kind=case_sensitive in (Products) "lab*pc"', { Products })).toEqual([]);
    // \bLab.*PC\b: "PC" must end a term, so "Lab*P" finds nothing.
    expect(rows('search in (Products) "Lab*P"', { Products })).toEqual([]);
    // Other characters are literal: the dot is no regex wildcard.
    expect(rows('search in (Products) "Jet*M3.0"', { Products })).toEqual([]);
  });

  it('* alone matches every row; ordinary comparisons and matches regex are predicates too', () => {
    expect(rows('search in (Customers) * | count', { Customers })).toEqual([[5]]);
    expect(names('search in (Customers) CustomerKey == 802')).toEqual(['Aaron']);
    expect(names('search in (Customers) LastName == "Hughes"')).toEqual(['Melanie']);
    expect(names('search in (Customers) LastName matches regex "^C.*l$"')).toEqual(['Aaron']);
    expect(names('search in (Customers) "Aaron" or (CustomerKey > 900 and CustomerKey < 1000)')).toEqual(['Aaron', 'Melanie', 'Aaron']);
    expect(names('search in (Customers) "Aaron" and not("Sharma")')).toEqual(['Aaron']);
  });

  it('kind=case_sensitive also makes explicit has, contains, startswith... case-sensitive, but not =~', () => {
    const colors = (q: string) => rows(`${q} | project ColorName`, { Products }).map((r) => r[0]);
    expect(colors('search kind=case_sensitive in (Products) ColorName startswith "Bl"')).toEqual(['Blue']);
    expect(colors('search kind=case_sensitive in (Products) ColorName contains "lu" and ProductName has "blue"')).toEqual(['blue']);
    expect(colors('search kind=case_sensitive in (Products) ColorName:"BLUE"')).toEqual([]);
    expect(colors('search kind=case_sensitive in (Products) ColorName =~ "BLUE"')).toEqual(['blue', 'Blue']);
  });

  it('non-string columns are searched as the text tostring() gives', () => {
    expect(names('search in (Customers) "986"')).toEqual(['Melanie']);
    expect(rows('search in (SalesTable) "2008-05-01*" | project Customer', { SalesTable })).toEqual([['Melanie Hughes']]);
    expect(rows('search in (SalesTable) "48.44" | project Customer', { SalesTable })).toEqual([['Aaron Campbell']]);
  });
});

describe('search over tables and inputs', () => {
  it('wildcards in the table list, and * for every table', () => {
    const q = 'search in (Cust*, Sales*) "Hughes" | project $table, LastName, Customer';
    expect(rows(q, contoso)).toEqual([
      ['Customers', 'Hughes', ''],
      ['SalesTable', '', 'Riley Hughes'],
      ['SalesTable', '', 'Melanie Hughes'],
    ]);
    expect(rows('search in (*) "Hughes" | summarize count() by $table', contoso)).toEqual([['Customers', 1], ['SalesTable', 2]]);
  });

  it('T | search: the piped input, $table naming the table its rows come from', () => {
    expect(rows('Customers | search "Aaron"', contoso)).toEqual([
      ['Customers', 'Aaron', 'Sharma', 802],
      ['Customers', 'Aaron', 'Campbell', 10152],
    ]);
    expect(rows('Customers | where CustomerKey > 1000 | project LastName | search "Campbell"', contoso)).toEqual([['Customers', 'Campbell']]);
  });

  it('a piped input that is no one table\'s rows is named as union names a piped input', () => {
    expect(rows('Customers | summarize n = count() by FirstName | search "Aaron"', contoso)).toEqual([['union_arg0', 'Aaron', 2]]);
    expect(rows('print x = "a b" | search "b"')).toEqual([['union_arg0', 'a b']]);
  });

  it('a subquery in the list, named as union names one', () => {
    expect(rows('search in (Customers, (SalesTable | where Amount > 100)) "Hughes" | project $table', contoso)).toEqual([
      ['Customers'], ['union_arg1'], ['union_arg1'],
    ]);
  });

  it('a missing table in in (...) is reported by name', () => {
    expect(errors('search in (Customers, Missing) "x"', contoso)).toEqual([
      { code: 'KX202', category: 'semantic', line: 1, col: 23, message: "unknown table or tabular function 'Missing'" },
    ]);
  });

  it('in (...) after a pipe is refused: a piped search reads its input', () => {
    expect(errors('Customers | search in (Products) "x"', contoso)).toEqual([
      { code: 'KX214', category: 'semantic', line: 1, col: 24, message: "'search in (...)' cannot be used after '|': a piped search reads its input" },
    ]);
  });

  it('a column no table has is an error, reported once', () => {
    expect(errors('search in (Customers, Products) Nope == 1', contoso)).toEqual([
      { code: 'KX201', category: 'semantic', line: 1, col: 33, message: "unknown column or name 'Nope'" },
    ]);
  });

  it('columns named search and find still work', () => {
    expect(rows('Customers | take 1 | project search = 1, find = 2 | where search == 1 | order by find desc', contoso)).toEqual([[1, 2]]);
  });
});

describe('* with a string operator in an ordinary where', () => {
  it('matches when any column passes, each column as its tostring() text', () => {
    expect(rows('Products | where * has "blue" | project ColorName', { Products })).toEqual([['blue'], ['Blue']]);
    expect(rows('Customers | where * has "802" | project LastName', { Customers })).toEqual([['Sharma']]);
    expect(rows('SalesTable | where * startswith "2008" | project Customer', { SalesTable })).toEqual([['Melanie Hughes']]);
    expect(rows('Products | where * matches regex "^Silver$" | project ColorName', { Products })).toEqual([['Silver']]);
    expect(rows('Products | where * contains_cs "Blue" | count', { Products })).toEqual([[2]]);
  });

  it('a negated operator holds when no column matches', () => {
    expect(rows('Customers | where * !has "Aaron" and * !has "Green" | project FirstName', { Customers })).toEqual([['Melanie'], ['Greenwood']]);
  });

  it('* with another operator is an error', () => {
    expect(errors('Customers | where * == "x"', { Customers })[0]).toMatchObject({ code: 'KX205', col: 19 });
  });
});

// The find page's example tables, as the page gives them.
const S1 = 'acbd207d-51aa-4df7-bfa7-be70eb68f04e';
const EventsTable1 = table('Session_Id:string, Level:string, EventText:string, Version:string', [
  [S1, 'Information', 'Some Text1', 'v1.0.0'],
  [S1, 'Error', 'Some Text2', 'v1.0.0'],
  ['28b8e46e-3c31-43cf-83cb-48921c3986fc', 'Error', 'Some Text3', 'v1.0.1'],
  ['8f057b11-3281-45c3-a856-05ebb18a3c59', 'Information', 'Some Text4', 'v1.1.0'],
]);
const EventsTable2 = table('Session_Id:string, Level:string, EventText:string, EventName:string', [
  ['f7d5f95f-f580-4ea6-830b-5776c8d64fdd', 'Information', 'Some Other Text1', 'Event1'],
  [S1, 'Information', 'Some Other Text2', 'Event2'],
  [S1, 'Error', 'Some Other Text3', 'Event3'],
  ['15eaeab5-8576-4b58-8fc6-478f75d8fee4', 'Error', 'Some Other Text4', 'Event4'],
]);
const events = { EventsTable1, EventsTable2 };

function run(query: string, tables: Record<string, ReturnType<typeof table>> = contoso) {
  return { columns: schemaOf(query, tables).map((c) => c.split(':')[0]), rows: rows(query, tables) };
}

describe('find, the examples of its page', () => {
  it('common and uncommon columns projected, pack_all() packing the columns not listed', () => {
    const q = `find in (EventsTable1, EventsTable2)
     where Session_Id == '${S1}' and Level == 'Error'
     project EventText, Version, EventName, pack_all()`;
    expect(run(q, events)).toEqual({
      columns: ['source_', 'EventText', 'Version', 'EventName', 'pack_'],
      rows: [
        ['EventsTable1', 'Some Text2', 'v1.0.0', '', { Session_Id: S1, Level: 'Error' }],
        ['EventsTable2', 'Some Other Text3', '', 'Event3', { Session_Id: S1, Level: 'Error' }],
      ],
    });
  });

  it('each table is filtered by the part of the predicate it has', () => {
    const q = "find Version == 'v1.0.0' or EventName == 'Event1' project Session_Id, EventText, Version, EventName";
    expect(run(q, events)).toEqual({
      columns: ['source_', 'Session_Id', 'EventText', 'Version', 'EventName'],
      rows: [
        ['EventsTable1', S1, 'Some Text1', 'v1.0.0', ''],
        ['EventsTable1', S1, 'Some Text2', 'v1.0.0', ''],
        ['EventsTable2', 'f7d5f95f-f580-4ea6-830b-5776c8d64fdd', 'Some Other Text1', '', 'Event1'],
      ],
    });
  });

  it('the short form over every table: project-smart keeps shared and predicate columns, packs the rest', () => {
    expect(run(`find Session_Id == '${S1}'`, events)).toEqual({
      columns: ['source_', 'Session_Id', 'Level', 'EventText', 'pack_'],
      rows: [
        ['EventsTable1', S1, 'Information', 'Some Text1', { Version: 'v1.0.0' }],
        ['EventsTable1', S1, 'Error', 'Some Text2', { Version: 'v1.0.0' }],
        ['EventsTable2', S1, 'Information', 'Some Other Text2', { EventName: 'Event2' }],
        ['EventsTable2', S1, 'Error', 'Some Other Text3', { EventName: 'Event3' }],
      ],
    });
  });

  it('project pack_all(): each row as a property bag', () => {
    expect(run(`find Session_Id == '${S1}' project pack_all()`, events)).toEqual({
      columns: ['source_', 'pack_'],
      rows: [
        ['EventsTable1', { Session_Id: S1, Level: 'Information', EventText: 'Some Text1', Version: 'v1.0.0' }],
        ['EventsTable1', { Session_Id: S1, Level: 'Error', EventText: 'Some Text2', Version: 'v1.0.0' }],
        ['EventsTable2', { Session_Id: S1, Level: 'Information', EventText: 'Some Other Text2', EventName: 'Event2' }],
        ['EventsTable2', { Session_Id: S1, Level: 'Error', EventText: 'Some Other Text3', EventName: 'Event3' }],
      ],
    });
  });
});

describe('find', () => {
  it('withsource names the source column; project-smart is the default', () => {
    const q = "find withsource=Src in (EventsTable1, EventsTable2) where Level == 'Error' and EventText has 'Text3' project-smart";
    expect(run(q, events)).toEqual({
      columns: ['Src', 'Session_Id', 'Level', 'EventText', 'pack_'],
      rows: [
        ['EventsTable1', '28b8e46e-3c31-43cf-83cb-48921c3986fc', 'Error', 'Some Text3', { Version: 'v1.0.1' }],
        ['EventsTable2', S1, 'Error', 'Some Other Text3', { EventName: 'Event3' }],
      ],
    });
  });

  it('a table without any predicate column is left out; with nothing left to pack there is no pack_', () => {
    expect(run("find in (EventsTable1, EventsTable2) where EventName == 'Event4'", events)).toEqual({
      columns: ['source_', 'Session_Id', 'Level', 'EventText', 'EventName'],
      rows: [['EventsTable2', '15eaeab5-8576-4b58-8fc6-478f75d8fee4', 'Error', 'Some Other Text4', 'Event4']],
    });
  });

  it('terms and * has search every column; the predicate columns follow the shared ones in predicate order', () => {
    expect(rows('find "Text4" | project source_, EventText', events)).toEqual([['EventsTable1', 'Some Text4'], ['EventsTable2', 'Some Other Text4']]);
    expect(rows('find in (Events*) where * has "Event1" | project source_, EventText', events)).toEqual([['EventsTable2', 'Some Other Text1']]);
    expect(schemaOf("find EventName == 'x' or Version == 'y'", events)).toEqual([
      'source_:string', 'Session_Id:string', 'Level:string', 'EventText:string', 'EventName:string', 'Version:string',
    ]);
  });

  describe('a column with several types', () => {
    const Table1 = table('Level:string, Timestamp:datetime, ProcessId:string', [['Warning', t('2024-01-01T00:00:00Z'), '1001'], ['Error', t('2024-01-02T00:00:00Z'), '77']]);
    const Table2 = table('Level:string, Timestamp:datetime, ProcessId:long', [['Error', t('2024-01-03T00:00:00Z'), 1001]]);
    const mixed = { Table1, Table2 };

    it('project-smart gives one name_type column per type', () => {
      expect(run('find in (Table1, Table2) where ProcessId == 1001', mixed)).toEqual({
        columns: ['source_', 'Level', 'Timestamp', 'ProcessId_string', 'ProcessId_long'],
        rows: [
          ['Table1', 'Warning', '2024-01-01T00:00:00Z', '1001', null],
          ['Table2', 'Error', '2024-01-03T00:00:00Z', '', 1001],
        ],
      });
    });

    it('project needs a :type for it, and casts to the type given', () => {
      expect(run('find in (Table1, Table2) where ProcessId == 1001 project Level, Timestamp, ProcessId:string', mixed)).toEqual({
        columns: ['source_', 'Level', 'Timestamp', 'ProcessId'],
        rows: [['Table1', 'Warning', '2024-01-01T00:00:00Z', '1001'], ['Table2', 'Error', '2024-01-03T00:00:00Z', '1001']],
      });
      expect(errors('find in (Table1, Table2) where Level == "Error" project ProcessId', mixed)).toEqual([{
        code: 'KX212', category: 'semantic', line: 1, col: 57,
        message: "column 'ProcessId' has several types in find's tables (string, long): give one, as ProcessId:string",
      }]);
    });
  });

  it('a listed column no table has, and one listed twice, are errors', () => {
    expect(errors("find in (EventsTable1) where Level == 'Error' project Nope", events)[0]).toMatchObject({ code: 'KX201', col: 55 });
    expect(errors("find in (EventsTable1) where Level == 'Error' project Level, Level", events)[0]).toMatchObject({ code: 'KX210', col: 62 });
  });

  it('a subquery in the list is labelled as union labels one', () => {
    const q = "find in (EventsTable1, (EventsTable2 | where Level == 'Error')) where EventText has 'Text3' project EventText";
    expect(rows(q, events)).toEqual([['EventsTable1', 'Some Text3'], ['union_arg1', 'Some Other Text3']]);
  });

  it('find after a pipe is refused', () => {
    expect(errors('EventsTable1 | find "x"', events)).toEqual([
      { code: 'KX214', category: 'semantic', line: 1, col: 16, message: "'find' cannot be used after '|': it starts a query, reading its own tables" },
    ]);
  });
});

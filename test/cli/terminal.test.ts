/**
 * Terminal manners (issue 15, item 10), tested on a pseudo-terminal (util-linux `script`) as well
 * as piped: tables fitted to the width or shown as records, numbers right-aligned, null distinct
 * from empty, paging with $PAGER and --no-pager, colours on a terminal only and never with NO_COLOR.
 */
import { describe, expect, it } from 'vitest';
import { kqlx, kqlxOnTerminal } from '../helpers/cli.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const plain = (s: string) => s.replace(ANSI, '');
const WIDE = 'print n = 1234, s = "", r = real(null), note = strcat("a very long string value that goes on", " and on and on")';

describe('on a terminal', () => {
  it('a table wider than the terminal is narrowed to fit, its longest cell cut with an ellipsis', () => {
    const r = kqlxOnTerminal(['query', WIDE], { cols: 50 });
    expect(r.code).toBe(0);
    const lines = plain(r.out).trimEnd().split('\n');
    expect(lines.every((l) => l.length <= 50)).toBe(true);
    expect(lines[0]!.length).toBe(50);
    expect(lines[3]).toMatch(/^│ 1234 │   │ null │ a very long string value \S*… │$/);
    expect(lines.at(-1)).toBe('1 row');
  });
  it('numbers are right-aligned under their header; an empty string shows empty, null as null', () => {
    const r = kqlxOnTerminal(['query', 'datatable(name: string, count: long, ratio: real) ["a", 5, 0.5, "", 12345, real(null)]'], { cols: 80 });
    expect(plain(r.out).split('\n').slice(0, 5).join('\n')).toBe([
      '┌──────┬───────┬───────┐',
      '│ name │ count │ ratio │',
      '├──────┼───────┼───────┤',
      '│ a    │     5 │   0.5 │',
      '│      │ 12345 │  null │',
    ].join('\n'));
  });
  it('too narrow for any table: the vertical record view, automatically', () => {
    const r = kqlxOnTerminal(['query', WIDE], { cols: 24 });
    const text = plain(r.out);
    expect(text).toContain('─[ row 1 ]');
    expect(text).toMatch(/^n    │ 1234$/m);
    expect(text).toMatch(/^s    │ $/m);
    expect(text).toMatch(/^r    │ null$/m);
    expect(text).toMatch(/^note │ a very long stri…$/m);
    expect(text.trimEnd().split('\n').every((l) => l.length <= 24)).toBe(true);
  });
  it('-o vertical asks for the record view', () => {
    const r = kqlxOnTerminal(['query', 'print a = 1, b = "x"', '-o', 'vertical'], { cols: 80 });
    expect(plain(r.out)).toMatch(/─\[ row 1 \]─+\na │ 1\nb │ x\n1 row\n/);
  });
  it('colours: bold headers, dim nulls, red error and caret; none with NO_COLOR', () => {
    const table = kqlxOnTerminal(['query', 'print a = real(null)'], { cols: 80 });
    expect(table.out).toContain('\x1b[1m   a\x1b[0m');
    expect(table.out).toContain('\x1b[2mnull\x1b[0m');
    const error = kqlxOnTerminal(['query', 'print tostrin(1)'], { cols: 80 });
    expect(error.out).toContain('\x1b[1;31merror KX203\x1b[0m');
    expect(error.out).toContain('\x1b[1;31m^^^^^^^\x1b[0m');
    expect(kqlxOnTerminal(['query', 'print tostrin(1)'], { env: { NO_COLOR: '1' } }).out).not.toMatch(ANSI);
    expect(kqlxOnTerminal(['query', 'print a = real(null)'], { env: { NO_COLOR: '1' } }).out).not.toMatch(ANSI);
  });
  it('output taller than the screen goes through $PAGER; --no-pager and PAGER=cat write it directly', () => {
    const query = 'range i from 1 to 60 step 1';
    const paged = kqlxOnTerminal(['query', query], { rows: 20, env: { PAGER: 'sed "s/^/PAGED:/"' } });
    expect(paged.code).toBe(0);
    const lines = plain(paged.out).trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith('PAGED:'))).toBe(true);
    expect(lines.at(-1)).toBe('PAGED:60 rows');
    for (const run of [kqlxOnTerminal(['query', query, '--no-pager'], { rows: 20, env: { PAGER: 'sed "s/^/PAGED:/"' } }), kqlxOnTerminal(['query', query], { rows: 20, env: { PAGER: 'cat' } })]) {
      expect(run.out).not.toContain('PAGED:');
      expect(plain(run.out)).toMatch(/│ +60 │\n└─+┘\n60 rows\n$/);
    }
  });
  it('output that fits the screen is not paged', () => {
    expect(kqlxOnTerminal(['query', 'print 1'], { rows: 20, env: { PAGER: 'sed "s/^/PAGED:/"' } }).out).not.toContain('PAGED:');
  });
});

describe('piped', () => {
  it('no colours, no pager, no width limit', () => {
    const r = kqlx(['query', WIDE], { env: { PAGER: 'sed "s/^/PAGED:/"' } });
    expect(r.out).not.toMatch(ANSI);
    expect(r.out).not.toContain('PAGED:');
    expect(r.out).toContain('│ a very long string value that goes on and on an… │'); // cut at 48, the widest a column grows
    expect(r.err).toBe('');
  });
  it('errors carry no colour codes when piped', () => {
    const r = kqlx(['query', 'print tostrin(1)']);
    expect(r.err).not.toMatch(ANSI);
    expect(r.err).toContain('error KX203');
  });
});

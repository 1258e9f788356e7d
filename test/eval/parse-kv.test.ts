/**
 * parse-kv: the examples of its page, then the rules the page states (listed keys only, first
 * appearance wins, white space trimmed, missing keys empty or null by type) and kqlx's choices where
 * the page is silent (docs/semantics.md, "parse-kv").
 */
import { describe, expect, it } from 'vitest';
import { errors, rows, schemaOf, table } from '../helpers/run.js';

/** One row with the text in `s`, parsed, with `s` projected away. */
function kv(text: string, rest: string): unknown[][] {
  return rows(`print s=${JSON.stringify(text)} | parse-kv s ${rest} | project-away s`);
}

describe('parse-kv: the examples of its page', () => {
  it('well-defined delimiters: comma between pairs, colon between key and value', () => {
    const q = `print str="ThreadId:458745723, Machine:Node001, Text: The service is up, Level: Info"
      | parse-kv str as (Text: string, ThreadId:long, Machine: string) with (pair_delimiter=',', kv_delimiter=':')
      | project-away str`;
    expect(schemaOf(q)).toEqual(['Text:string', 'ThreadId:long', 'Machine:string']);
    expect(rows(q)).toEqual([['The service is up', 458745723, 'Node001']]);
  });

  const quoted = (text: string, quote: string) => `print str='${text}'
    | parse-kv str as (['event time']:datetime, src:string, dst:string, bytes:long, failure:string)
      with (pair_delimiter=' ', kv_delimiter='=', quote='${quote}')
    | project-away str`;
  it('quoted values and keys may hold the delimiters', () => {
    const q = quoted('src=10.1.1.123 dst=10.1.1.124 bytes=125 failure="connection aborted" "event time"=2021-01-01T10:00:54', '"');
    expect(schemaOf(q)).toEqual(['event time:datetime', 'src:string', 'dst:string', 'bytes:long', 'failure:string']);
    expect(rows(q)).toEqual([['2021-01-01T10:00:54Z', '10.1.1.123', '10.1.1.124', 125, 'connection aborted']]);
  });
  it('different opening and closing quotes', () => {
    const q = quoted('src=10.1.1.123 dst=10.1.1.124 bytes=125 failure=(connection aborted) (event time)=(2021-01-01 10:00:54)', '()');
    expect(rows(q)).toEqual([['2021-01-01T10:00:54Z', '10.1.1.123', '10.1.1.124', 125, 'connection aborted']]);
  });
  it('escaped quotes inside a quoted value', () => {
    const q = String.raw`print str='src=10.1.1.123 dst=10.1.1.124 bytes=125 failure="the remote host sent \\"bye!\\"" time=2021-01-01T10:00:54'
      | parse-kv str as (['time']:datetime, src:string, dst:string, bytes:long, failure:string) with (pair_delimiter=' ', kv_delimiter='=', quote='"', escape='\\')
      | project-away str`;
    expect(rows(q)).toEqual([['2021-01-01T10:00:54Z', '10.1.1.123', '10.1.1.124', 125, 'the remote host sent "bye!"']]);
  });
  const people = (params: string) => `print str='name=John Doe phone=555 5555 city=New York'
    | parse-kv str as (name:string, phone:string, city:string) with (${params})
    | project-away str`;
  it('without greedy, an unquoted value ends at the next pair delimiter', () => {
    expect(rows(people("pair_delimiter=' ', kv_delimiter='='"))).toEqual([['John', '555', 'New']]);
  });
  it('greedy: an unquoted value runs to the next key', () => {
    expect(rows(people("pair_delimiter=' ', kv_delimiter='=', greedy=true"))).toEqual([['John Doe', '555 5555', 'New York']]);
  });
  it('no delimiters given: any character that is not a letter or digit separates', () => {
    const q = `print str="2021-01-01T10:00:34 [INFO] ThreadId:458745723, Machine:Node001, Text: Started"
      | parse-kv str as (Text: string, ThreadId:long, Machine: string)
      | project-away str`;
    expect(rows(q)).toEqual([['Started', 458745723, 'Node001']]);
  });
  it('no delimiters given, with quoting and escaping', () => {
    const q = String.raw`print str="2021-01-01T10:00:34 [INFO] ThreadId:458745723, Machine:Node001, Text: 'The service \\' is up'"
      | parse-kv str as (Text: string, ThreadId:long, Machine: string) with (quote="'", escape='\\')
      | project-away str`;
    expect(rows(q)).toEqual([["The service ' is up", 458745723, 'Node001']]);
  });
  it('a regex with two groups: key and value', () => {
    const q = String.raw`print str=@'["referer url: https://hostname.com/redirect?dest=/?h=1234", "request url: https://hostname.com/?h=1234", "advertiser id: 24fefbca-cf27-4d62-a623-249c2ad30c73"]'
      | parse-kv str as (['referer url']:string, ['request url']:string, ['advertiser id']: guid) with (regex=@'"([\w ]+)\s*:\s*([^"]*)"')
      | project-away str`;
    expect(schemaOf(q)).toEqual(['referer url:string', 'request url:string', 'advertiser id:guid']);
    expect(rows(q)).toEqual([['https://hostname.com/redirect?dest=/?h=1234', 'https://hostname.com/?h=1234', '24fefbca-cf27-4d62-a623-249c2ad30c73']]);
  });
});

describe('parse-kv with delimiters', () => {
  const semi = "with (pair_delimiter=';', kv_delimiter='=')";
  it('extracts only the listed keys, in the listed order, wherever they stand', () => {
    expect(kv('host=web7;port=8443;user=ann', `as (user:string, port:long) ${semi}`)).toEqual([['ann', 8443]]);
  });
  it('a listed key that is absent gives the empty string for string keys and null for others', () => {
    expect(kv('host=web7', `as (user:string, port:long, seen:datetime, ok:bool) ${semi}`)).toEqual([['', null, null, null]]);
  });
  it('the first appearance of a key wins', () => {
    expect(kv('port=1;port=2;user=a;user=b', `as (port:long, user:string) ${semi}`)).toEqual([[1, 'a']]);
  });
  it('keys and values are trimmed of white space', () => {
    expect(kv('  host =  web7  ; port = 80 ', `as (host:string, port:long) ${semi}`)).toEqual([['web7', 80]]);
  });
  it('a value runs to the pair delimiter, key/value delimiters included', () => {
    expect(kv('url=https://x.test/?a=1&b=2;n=3', `as (url:string, n:long) ${semi}`)).toEqual([['https://x.test/?a=1&b=2', 3]]);
  });
  it('a pair without a key/value delimiter is passed over', () => {
    expect(kv('noise;a=1;;more noise;b=2', `as (a:long, b:long) ${semi}`)).toEqual([[1, 2]]);
  });
  it('delimiters of several characters', () => {
    expect(kv('a => 1 || b => two', "as (a:long, b:string) with (pair_delimiter='||', kv_delimiter='=>')")).toEqual([[1, 'two']]);
  });
  it('an empty value: the empty string, or null for other types', () => {
    expect(kv('a=;b=', `as (a:string, b:long) ${semi}`)).toEqual([['', null]]);
  });
  it('values convert to the key types; a value that does not convert is null', () => {
    const q = `as (n:long, r:real, when:datetime, d:timespan, ok:bool, id:guid, bad:long, badid:guid) ${semi}`;
    const text = 'n=-42;r=2.5;when=2024-05-01 10:30:00;d=01:30:00;ok=true;id=0E1B7A2C-0D8F-4A4B-9F3E-1234567890AB;bad=12x;badid=nope';
    expect(kv(text, q)).toEqual([[-42, 2.5, '2024-05-01T10:30:00Z', '01:30:00', true, '0e1b7a2c-0d8f-4a4b-9f3e-1234567890ab', null, null]]);
  });
  it('keys are matched by exact name, case included', () => {
    expect(kv('User=ann;user=bob', `as (user:string) ${semi}`)).toEqual([['bob']]);
  });
  it('reads every row, and keeps the other columns', () => {
    const T = table('id:long, msg:string', [[1, 'a=1;b=x'], [2, ''], [3, 'b=y']]);
    expect(rows(`T | parse-kv msg as (a:long, b:string) ${semi}`, { T })).toEqual([
      [1, 'a=1;b=x', 1, 'x'],
      [2, '', null, ''],
      [3, 'b=y', null, 'y'],
    ]);
  });
  it('a non-string or null source is read as its text, null as the empty string', () => {
    const T = table('d:dynamic', [[{ a: 1, b: 'x' }], [null]]);
    expect(rows('T | parse-kv d as (a:long, b:string) | project a, b', { T })).toEqual([[1, 'x'], [null, '']]);
    expect(rows(`print n=7 | parse-kv strcat("k=", n) as (k:long) ${semi}`)).toEqual([[7, 7]]);
  });
});

describe('parse-kv quotes and escapes', () => {
  const sp = "pair_delimiter=' ', kv_delimiter='='";
  it('several quote pairs, each opening with its own character', () => {
    expect(kv(`a="x y" b='p q' c=[r s]`, `as (a:string, b:string, c:string) with (${sp}, quote='"', quote="'", quote='[]')`))
      .toEqual([['x y', 'p q', 'r s']]);
  });
  it('a quoted value keeps its white space; text after the closing quote up to the next pair is ignored', () => {
    expect(kv(`a=" x " b="y"tail c=1`, `as (a:string, b:string, c:long) with (${sp}, quote='"')`)).toEqual([[' x ', 'y', 1]]);
  });
  it('an escape character takes the next character as it is, escape characters included', () => {
    expect(kv(String.raw`a="p\"q\\r" b=1`, String.raw`as (a:string, b:long) with (${sp}, quote='"', escape='\\')`)).toEqual([[String.raw`p"q\r`, 1]]);
  });
  it('several escape characters', () => {
    expect(kv(String.raw`a="1\"2^"3" b=2`, String.raw`as (a:string, b:long) with (${sp}, quote='"', escape='\\', escape='^')`)).toEqual([['1"2"3', 2]]);
  });
  it('the quote as its own escape: a doubled quote stands for one', () => {
    expect(kv(`a="say ""hi""" b=2`, `as (a:string, b:long) with (${sp}, quote='"', escape='"')`)).toEqual([['say "hi"', 2]]);
  });
  it('outside quotes an escape character is plain text', () => {
    expect(kv(String.raw`a=x\y b=2`, String.raw`as (a:string) with (${sp}, quote='"', escape='\\')`)).toEqual([[String.raw`x\y`]]);
  });
  it('a quote never closed runs to the end of the text', () => {
    expect(kv(`b=1 a="open to the end`, `as (a:string, b:long) with (${sp}, quote='"')`)).toEqual([['open to the end', 1]]);
  });
  it('greedy leaves quoted values as they are, and a quoted key ends the value before it', () => {
    expect(kv(`a=one two "b c"="x y z" d=last word`, `as (a:string, ['b c']:string, d:string) with (${sp}, quote='"', greedy=true)`))
      .toEqual([['one two', 'x y z', 'last word']]);
  });
  it('greedy with a multi-character pair delimiter', () => {
    expect(kv('msg=a, b, c, level=warn', "as (msg:string, level:string) with (pair_delimiter=', ', kv_delimiter='=', greedy=true)"))
      .toEqual([['a, b, c', 'warn']]);
  });
});

describe('parse-kv without delimiters', () => {
  it('a key counts only as a whole word', () => {
    expect(kv('xport=1 portal=2 port=3', 'as (port:long)')).toEqual([[3]]);
  });
  it('a value is one word: a dotted address needs quotes', () => {
    expect(kv('ip=10.0.0.5 user=ann', 'as (ip:string, user:string)')).toEqual([['10', 'ann']]);
    expect(kv(`ip='10.0.0.5' user=ann`, `as (ip:string, user:string) with (quote="'")`)).toEqual([['10.0.0.5', 'ann']]);
  });
  it('leading text that holds no listed key is passed over', () => {
    expect(kv('2024-05-01 12:00:00 WARN user=alice action=login', 'as (user:string, action:string)')).toEqual([['alice', 'login']]);
  });
  it('a value is not read as a key', () => {
    expect(kv('user: action, action: login', 'as (user:string, action:string)')).toEqual([['action', 'login']]);
  });
  it('key names holding separators match as written, and a quoted key is its quoted text', () => {
    expect(kv(`event time: noon, "logon type": 3`, `as (['event time']:string, ['logon type']:long) with (quote='"')`)).toEqual([['noon', 3]]);
  });
  it('a key with nothing after it is absent', () => {
    expect(kv('host=web7 user=', 'as (host:string, user:string, pid:long)')).toEqual([['web7', '', null]]);
  });
  it('with () is the same as no with', () => {
    expect(kv('a:1 b:2', 'as (b:long) with ()')).toEqual([[2]]);
  });
});

describe('parse-kv with a regex', () => {
  it('every match is a pair; keys and values are trimmed; the first appearance wins', () => {
    expect(kv('<k1| v1 > <k2|v2> <k1|v3>', String.raw`as (k1:string, k2:string) with (regex=@'<([^|]*)\|([^>]*)>')`)).toEqual([['v1', 'v2']]);
  });
  it('an unmatched value group gives the empty value', () => {
    expect(kv('a: b:5', String.raw`as (a:string, b:long) with (regex=@'(\w+):(\d+)?')`)).toEqual([['', 5]]);
  });
  it('no match: string keys empty, others null', () => {
    expect(kv('nothing here', String.raw`as (a:string, n:long) with (regex=@'(\w+)=(\w+)')`)).toEqual([['', null]]);
  });
});

describe('parse-kv binding', () => {
  const T = table('s:string, n:long', [['n=5;x=1', 9]]);
  it('adds the keys after the input columns; a key named like an input column replaces it in place', () => {
    const q = "T | parse-kv s as (x:long, n:string) with (pair_delimiter=';', kv_delimiter='=')";
    expect(schemaOf(q, { T })).toEqual(['s:string', 'n:string', 'x:long']);
    expect(rows(q, { T })).toEqual([['n=5;x=1', '5', 1]]);
  });
  it('an empty key list leaves the input as it is', () => {
    expect(rows('T | parse-kv s as ()', { T })).toEqual([['n=5;x=1', 9]]);
  });
  // Each case: the query, the text the diagnostic points at, its code and its message.
  it.each([
    ['T | parse-kv s as (a:string, a:long)', 'a:long', 'KX210', "duplicate column name 'a'"],
    ["T | parse-kv s as (a:string) with (pair_delim=';')", 'pair_delim', 'KX212',
      "unknown parse-kv parameter 'pair_delim': expected one of pair_delimiter, kv_delimiter, quote, escape, regex, greedy"],
    ["T | parse-kv s as (a:string) with (pair_delimiter=';', kv_delimiter='=', kv_delimiter=':')", "kv_delimiter=':'", 'KX212',
      "parse-kv parameter 'kv_delimiter' is given more than once"],
    ["T | parse-kv s as (a:string) with (pair_delimiter=true, kv_delimiter='=')", 'pair_delimiter', 'KX212', "parse-kv parameter 'pair_delimiter' takes a string literal"],
    ["T | parse-kv s as (a:string) with (pair_delimiter=';', kv_delimiter='=', greedy='yes')", 'greedy', 'KX212', "parse-kv parameter 'greedy' takes true or false"],
    ["T | parse-kv s as (a:string) with (quote='<<>')", 'quote', 'KX212', 'parse-kv quote must be one character, or two (opening and closing)'],
    ["T | parse-kv s as (a:string) with (quote='\"', escape='ab')", 'escape', 'KX212', 'parse-kv escape must be one character'],
    ["T | parse-kv s as (a:string) with (pair_delimiter='', kv_delimiter='=')", 'pair_delimiter', 'KX212', 'parse-kv pair_delimiter must not be empty'],
    ["T | parse-kv s as (a:string) with (pair_delimiter='=', kv_delimiter='=')", 'kv_delimiter', 'KX212', 'parse-kv pair_delimiter and kv_delimiter must differ'],
    ["T | parse-kv s as (a:string) with (regex='(\\\\w+)=\\\\w+')", 'regex', 'KX212', 'the parse-kv regex must have exactly two capturing groups (key, value), not 1'],
    ["T | parse-kv s as (a:string) with (regex='(a)(b')", 'regex', 'KX213', 'invalid regular expression "(a)(b": error parsing regexp: missing closing ): `(a)(b`'],
    ["T | parse-kv s as (a:string) with (pair_delimiter=';')", 'pair_delimiter', 'KX303', "unsupported parse-kv 'pair_delimiter' without 'kv_delimiter'"],
    ['T | parse-kv s as (a:string) with (greedy=true)', 'greedy', 'KX303', "unsupported parse-kv 'greedy' without 'pair_delimiter' and 'kv_delimiter'"],
    ["T | parse-kv s as (a:string) with (regex='(a)(b)', quote='\"')", 'quote', 'KX303', "unsupported parse-kv 'regex' with 'quote' (regex takes no other parameter)"],
    ["T | parse-kv s as (a:string) with (pair_delimiter=';', kv_delimiter='=', greedy=1)", '1)', 'KX103', "expected a string literal, true or false but found '1'"],
    ['T | parse-kv s as (a)', ')', 'KX103', "expected ':' but found ')'"],
  ])('%s', (query, at, code, message) => {
    expect(errors(query, { T })).toEqual([expect.objectContaining({ code, line: 1, col: query.indexOf(at) + 1, message })]);
  });
});

/** String, regex and text-search functions, checked against the examples of the Kusto documentation. */
import { describe, expect, it } from 'vitest';
import { compileRegex, isRegexError } from '../../src/functions/regex.js';
import { scalarFunctions } from '../../src/functions/index.js';
import { isBindError, type ArgInfo } from '../../src/functions/types.js';
import { parseDatetime } from '../../src/types/datetime.js';
import { TICKS_PER_HOUR, TICKS_PER_SECOND } from '../../src/types/value.js';
import { b, callScalar, d, l, r, s, type TypedArg } from '../helpers/functions.js';
import { errors, rows } from '../helpers/run.js';

const value = (name: string, ...args: TypedArg[]) => callScalar(name, ...args).value;
/** The argument as a column value rather than a literal, so bind() cannot precompile it. */
const row = (a: TypedArg): TypedArg => ({ ...a, constant: false });
const i = (v: number | null): TypedArg => ({ type: 'int', value: v });
const dt = (text: string): TypedArg => ({ type: 'datetime', value: parseDatetime(text)! });
const ts = (ticks: bigint): TypedArg => ({ type: 'timespan', value: ticks });

function bindError(name: string, ...args: ArgInfo[]): string | undefined {
  const bound = scalarFunctions.get(name)!.bind(args);
  return isBindError(bound) ? bound.error : undefined;
}

describe('strlen and string_size', () => {
  it('counts code points, as documented', () => {
    expect(callScalar('strlen', s('hello'))).toEqual({ type: 'long', value: 5 });
    expect(value('strlen', s('⒦⒰⒮⒯⒪'))).toBe(5);
    expect(value('strlen', s('C\u0327edilla'))).toBe(8); // a combining cedilla is its own code point
    expect(value('strlen', s('😀'))).toBe(1);
    expect(value('strlen', s(''))).toBe(0);
  });

  it('takes a dynamic as its text and gives null for a null dynamic', () => {
    expect(value('strlen', d('abc'))).toBe(3);
    expect(value('strlen', d([1, 2]))).toBe(5); // [1,2]
    expect(value('strlen', d(null))).toBeNull();
  });

  it('rejects other types, as Kusto.Language types strlen(string or dynamic)', () => {
    expect(bindError('strlen', { type: 'long' })).toMatch(/string or dynamic/);
  });

  it('string_size counts UTF-8 bytes', () => {
    expect(value('string_size', s('hello'))).toBe(5);
    expect(value('string_size', s('⒦⒰⒮⒯⒪'))).toBe(15);
    expect(value('string_size', s('😀é'))).toBe(6);
  });
});

describe('tolower and toupper', () => {
  it('convert case, converting non-strings to text first', () => {
    expect(value('tolower', s('Hello'))).toBe('hello');
    expect(value('toupper', s('hello'))).toBe('HELLO');
    expect(value('toupper', s('straße'))).toBe('STRASSE');
    expect(value('tolower', b(true))).toBe('true');
    expect(value('toupper', d({ a: 'x' }))).toBe('{"A":"X"}');
  });
});

describe('strcat and strcat_delim', () => {
  it('concatenate, converting arguments to strings', () => {
    expect(value('strcat', s('hello'), s(' '), s('world'))).toBe('hello world');
    expect(value('strcat', s('Line 1\n'), s('Line 2\n'), s('Line 3'))).toBe('Line 1\nLine 2\nLine 3');
    expect(value('strcat', s('n='), l(5), s(' r='), r(1.5), s(' '), l(null))).toBe('n=5 r=1.5 ');
    expect(value('strcat_delim', s('-'), l(1), s('2'), s('A'), ts(TICKS_PER_SECOND))).toBe('1-2-A-00:00:01');
  });

  it('check their argument counts', () => {
    expect(bindError('strcat')).toMatch(/1 to 64/);
    expect(bindError('strcat_delim', { type: 'string' }, { type: 'string' })).toMatch(/3 to 65/);
  });
});

describe('substring', () => {
  it('follows the documented examples', () => {
    expect(value('substring', s('123456'), l(1))).toBe('23456');
    expect(value('substring', s('123456'), l(2), l(2))).toBe('34');
    expect(value('substring', s('ABCD'), l(0), l(2))).toBe('AB');
    expect(value('substring', s('123456'), l(-2), l(2))).toBe('56');
  });

  it('gives an empty string out of range or for null arguments', () => {
    expect(value('substring', s('abc'), l(5))).toBe('');
    expect(value('substring', s('abc'), l(1), l(-1))).toBe('');
    expect(value('substring', s('abc'), l(null))).toBe('');
    expect(value('substring', s('abc'), l(1), l(100))).toBe('bc');
    expect(value('substring', l(123456), i(2))).toBe('3456');
  });
});

describe('split', () => {
  it('follows the documented examples', () => {
    expect(callScalar('split', s('aa_bb'), s('_'))).toEqual({ type: 'dynamic', value: ['aa', 'bb'] });
    expect(value('split', s('aaa_bbb_ccc'), s('_'), l(1))).toEqual(['bbb']);
    expect(value('split', s(''), s('_'))).toEqual(['']);
    expect(value('split', s('a__b'), s('_'))).toEqual(['a', '', 'b']);
    expect(value('split', s('aabbcc'), s('bb'))).toEqual(['aa', 'cc']);
  });

  it('gives an empty array for an index out of range', () => {
    expect(value('split', s('a_b'), s('_'), l(5))).toEqual([]);
    expect(value('split', s('a_b'), s('_'), l(-1))).toEqual([]);
  });

  it('takes the source as text', () => {
    expect(value('split', l(12321), s('2'))).toEqual(['1', '3', '1']);
  });
});

describe('replace_string, replace_regex and replace', () => {
  it('replace_string replaces every non-overlapping match', () => {
    expect(value('replace_string', s('Number is 1'), s('is'), s('was'))).toBe('Number was 1');
    expect(value('replace_string', s('aaaa'), s('aa'), s('b'))).toBe('bb');
    expect(value('replace_string', s('abc'), s(''), s('x'))).toBe('abc');
  });

  it('replace_regex rewrites with \\0 and \\1 group references', () => {
    for (const x of ['1', '2', '5']) {
      expect(value('replace_regex', s(`Number is ${x}.000000`), s('is (\\d+)'), s('was: \\1'))).toBe(`Number was: ${x}.000000`);
    }
    expect(value('replace_regex', s('abc'), s('b'), s('[\\0]'))).toBe('a[b]c');
    expect(value('replace_regex', s('a.b'), s('\\.'), s('\\\\'))).toBe('a\\b');
    expect(value('replace_regex', s('abc'), s('x'), s('y'))).toBe('abc');
  });

  it('replace_regex skips an empty match where the previous match ended, as RE2 does', () => {
    expect(value('replace_regex', s('baaac'), s('a*'), s('-'))).toBe('-b-c-');
  });

  it('replace_regex works with a pattern that is not a constant', () => {
    expect(value('replace_regex', s('a1b22'), row(s('\\d+')), s('#'))).toBe('a#b#');
  });

  it('the deprecated replace() takes (regex, rewrite, source)', () => {
    expect(value('replace', s('is (\\d+)'), s('was: \\1'), s('Number is 2'))).toBe('Number was: 2');
  });

  it('rejects a regex RE2 cannot compile', () => {
    expect(bindError('replace_regex', { type: 'string' }, { type: 'string', constant: { value: 'a(?=b)' } }, { type: 'string' }))
      .toMatch(/invalid regex/);
  });
});

describe('trim, trim_start and trim_end', () => {
  const str = (x: number) => s(`-  Te st${x}// $`);

  it('follow the documented examples', () => {
    expect(value('trim', s('--'), s('--https://bing.com--'))).toBe('https://bing.com');
    expect(value('trim', s('[^\\w]+'), str(1))).toBe('Te st1');
    expect(value('trim', s('\\s+'), s('    Hello, world!    '))).toBe('Hello, world!');
    expect(value('trim_start', s('https://'), s('https://bing.com'))).toBe('bing.com');
    expect(value('trim_start', s('[^\\w]+'), str(2))).toBe('Te st2// $');
    expect(value('trim_start', s('\\s+'), s('    Hello, world!    '))).toBe('Hello, world!    ');
    expect(value('trim_end', s('.com'), s('bing.com'))).toBe('bing');
    expect(value('trim_end', s('[^\\w]+'), str(3))).toBe('-  Te st3');
    expect(value('trim_end', s('\\s+'), s('    Hello, world!    '))).toBe('    Hello, world!');
  });

  it('remove repeated matches and leave unmatched text alone', () => {
    expect(value('trim', s('ab'), s('ababXabab'))).toBe('X');
    expect(value('trim', s('x'), s('abc'))).toBe('abc');
    expect(value('trim', s('a|b'), s('abba'))).toBe('');
    expect(value('trim_end', row(s('\\d')), s('abc123'))).toBe('abc');
  });
});

describe('indexof', () => {
  it('follows the documented examples', () => {
    expect(callScalar('indexof', s('abcdefg'), s('cde'))).toEqual({ type: 'long', value: 2 });
    expect(value('indexof', s('abcdefg'), s('cde'), l(1), l(4))).toBe(2);
    expect(value('indexof', s('abcdefg'), s('cde'), l(1), l(2))).toBe(-1);
    expect(value('indexof', s('abcdefg'), s('cde'), l(3), l(4))).toBe(-1);
    expect(value('indexof', s('abcdefg'), s('cde'), l(-5))).toBe(2);
    expect(value('indexof', l(1234567), l(5), l(1), l(4))).toBe(4);
    expect(value('indexof', s('abcdefg'), s('cde'), l(2), l(-1))).toBe(2);
    expect(value('indexof', s('abcdefgabcdefg'), s('cde'), l(1), l(10), l(2))).toBe(9);
    expect(value('indexof', s('abcdefgabcdefg'), s('cde'), l(1), l(-1), l(3))).toBe(-1);
  });

  it('gives null for a length below -1 or a negative occurrence', () => {
    expect(value('indexof', s('abc'), s('b'), l(0), l(-2))).toBeNull();
    expect(value('indexof', s('abc'), s('b'), l(0), l(-1), l(-1))).toBeNull();
    expect(value('indexof', s('abc'), s('b'), l(null))).toBeNull();
  });

  it('finds the empty string at the start and counts UTF-16 units', () => {
    expect(value('indexof', s('abc'), s(''))).toBe(0);
    expect(value('indexof', s('😀x'), s('x'))).toBe(2);
  });
});

describe('indexof_regex', () => {
  it('follows the documented examples', () => {
    expect(value('indexof_regex', s('abcabc'), s('a.c'))).toBe(0);
    expect(value('indexof_regex', s('abcabcdefg'), s('a.c'), l(0), l(9), l(2))).toBe(3);
    expect(value('indexof_regex', s('abcabc'), s('a.c'), l(1), l(-1), l(2))).toBe(-1);
    expect(value('indexof_regex', s('ababaa'), s('a.a'), l(0), l(-1), l(2))).toBe(-1);
    expect(value('indexof_regex', s('abcabc'), s('a|ab'), l(-1))).toBeNull();
  });

  it('works with a pattern that is not a constant', () => {
    expect(value('indexof_regex', s('xx42'), row(s('\\d')))).toBe(2);
  });
});

describe('countof', () => {
  it('follows the documented examples', () => {
    expect(callScalar('countof', s('aaa'), s('a'))).toEqual({ type: 'long', value: 3 });
    expect(value('countof', s('aaaa'), s('aa'))).toBe(3);
    expect(value('countof', s('ababa'), s('ab'), s('normal'))).toBe(2);
    expect(value('countof', s('ababa'), s('aba'))).toBe(2);
    expect(value('countof', s('ababa'), s('aba'), s('regex'))).toBe(1);
    expect(value('countof', s('abcabc'), s('a.c'), s('regex'))).toBe(2);
  });

  it('counts nothing for an empty search and requires a literal kind', () => {
    expect(value('countof', s('abc'), s(''))).toBe(0);
    expect(bindError('countof', { type: 'string' }, { type: 'string' }, { type: 'string', constant: { value: 'fuzzy' } }))
      .toMatch(/normal' or 'regex/);
  });
});

describe('reverse', () => {
  it('follows the documented examples', () => {
    expect(value('reverse', s('ABCDEFGHIJKLMNOPQRSTUVWXYZ'))).toBe('ZYXWVUTSRQPONMLKJIHGFEDCBA');
    expect(value('reverse', l(12345))).toBe('54321');
    expect(value('reverse', r(123.45))).toBe('54.321');
    expect(value('reverse', dt('2017-10-15 12:00'))).toBe('Z0000000.00:00:21T51-01-7102');
    expect(value('reverse', ts(3n * TICKS_PER_HOUR))).toBe('00:00:30');
  });

  it('keeps surrogate pairs whole', () => {
    expect(value('reverse', s('a😀b'))).toBe('b😀a');
    expect(value('reverse', s(''))).toBe('');
  });
});

describe('translate', () => {
  it('follows the documented examples', () => {
    expect(value('translate', s('abc'), s('x'), s('abc'))).toBe('xxx');
    expect(value('translate', s('abc'), s(''), s('ab'))).toBe('');
    expect(value('translate', s('krasp'), s('otsku'), s('spark'))).toBe('kusto');
  });
});

describe('strrep', () => {
  it('follows the documented example', () => {
    expect(value('strrep', s('ABC'), l(2))).toBe('ABCABC');
    expect(value('strrep', l(123), l(3), s('.'))).toBe('123.123.123');
    expect(value('strrep', ts(3n * TICKS_PER_SECOND), l(2), s(' '))).toBe('00:00:03 00:00:03');
  });

  it('gives an empty string for a multiplier below one', () => {
    expect(value('strrep', s('a'), l(0))).toBe('');
    expect(value('strrep', s('a'), l(null))).toBe('');
  });
});

describe('strcmp', () => {
  it('follows the documented example', () => {
    expect(callScalar('strcmp', s('ABC'), s('ABC'))).toEqual({ type: 'long', value: 0 });
    expect(value('strcmp', s('abc'), s('ABC'))).toBe(1);
    expect(value('strcmp', s('ABC'), s('abc'))).toBe(-1);
    expect(value('strcmp', s('abcde'), s('abc'))).toBe(1);
  });
});

describe('isempty and isnotempty', () => {
  it('follow the documented examples', () => {
    expect(callScalar('isempty', s(''))).toEqual({ type: 'bool', value: true });
    expect(value('isempty', s('x'))).toBe(false);
    expect(value('isempty', d(null))).toBe(true); // parsejson("")
    expect(value('isempty', d([]))).toBe(false);
    expect(value('isempty', d({}))).toBe(false);
  });

  it('treat a null of any type as empty', () => {
    expect(value('isempty', l(null))).toBe(true);
    expect(value('isempty', l(0))).toBe(false);
    expect(value('isnotempty', l(null))).toBe(false);
    expect(value('isnotempty', s('x'))).toBe(true);
    expect(value('notempty', s(''))).toBe(false);
  });
});

describe('extract', () => {
  const trace = 'A=1, B=2, Duration=123.45, ...';

  it('follows the documented examples', () => {
    expect(callScalar('extract', s('Duration=([0-9.]+)'), l(1), s(trace), s('real'))).toEqual({ type: 'real', value: 123.45 });
    expect(value('extract', s('^.{2,2}(.{4,4})'), l(1), s('abcdefgh'))).toBe('cdef');
    expect(callScalar('extract', s('-(\\d{2})-'), l(1), s('21-07-2023'), s('typeof(int)'))).toEqual({ type: 'int', value: 7 });
    expect(value('extract', s('User: ([^,]+)'), l(1), s('User: JohnDoe, Email: johndoe@example.com, Age: 29'))).toBe('JohnDoe');
    expect(value('extract', s('\\d+'), l(0), s('User: James, Email: James@example.com, Age: 29'))).toBe('29');
    expect(value('extract', s('Email: (\\S+),'), l(1), s('User: David, Age: 35'))).toBe('');
  });

  it('gives null (or empty) when nothing matches, the group is missing or the conversion fails', () => {
    expect(value('extract', s('x(\\d)'), l(1), s('abc'), s('long'))).toBeNull();
    expect(value('extract', s('(a)|(b)'), l(2), s('a'))).toBe('');
    expect(value('extract', s('(a)'), l(5), s('a'))).toBe('');
    expect(value('extract', s('(\\w+)'), l(1), s('abc'), s('long'))).toBeNull();
  });

  it('accepts an int group and a pattern that is not a constant', () => {
    expect(value('extract', row(s('(\\d+)')), i(1), s('ab 42'))).toBe('42');
    expect(value('extract', row(s('(')), l(1), s('ab 42'))).toBe('');
  });

  it('insists on a string source', () => {
    expect(bindError('extract', { type: 'string', constant: { value: 'a' } }, { type: 'long' }, { type: 'dynamic' }))
      .toMatch(/argument 3 must be string/);
  });
});

describe('extract_all', () => {
  const id = s('82b8be2d-dfa7-4bd1-8f63-24ad26d31449');

  it('follows the documented examples', () => {
    expect(callScalar('extract_all', s('(\\d+)'), s('a set of numbers: 123, 567 and 789')))
      .toEqual({ type: 'dynamic', value: ['123', '567', '789'] });
    expect(value('extract_all', s('([\\da-f]{2})'), id)).toEqual(
      ['82', 'b8', 'be', '2d', 'df', 'a7', '4b', 'd1', '8f', '63', '24', 'ad', '26', 'd3', '14', '49'],
    );
    const parts = [['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']];
    expect(value('extract_all', s('(\\w)(\\w+)(\\w)'), id)).toEqual(parts);
    expect(value('extract_all', s('(\\w)(\\w+)(\\w)'), d([1, 3]), id)).toEqual(parts.map((p) => [p[0], p[2]]));
    expect(value('extract_all', s('(?P<first>\\w)(?P<middle>\\w+)(?P<last>\\w)'), d(['first', 2, 'last']), id)).toEqual(parts);
  });

  it('gives null when nothing matches and a flat array for one selected group', () => {
    expect(value('extract_all', s('(x)'), s('abc'))).toBeNull();
    expect(value('extract_all', s('(\\w)(\\w)'), d([2]), s('abcd'))).toEqual(['b', 'd']);
    expect(value('extract_all', row(s('(\\d)')), s('a1b2'))).toEqual(['1', '2']);
  });

  it('answers to its deprecated name', () => {
    expect(value('extractall', s('(\\d)'), s('1-2'))).toEqual(['1', '2']);
  });

  it('requires capture groups that the regex has', () => {
    const re = (p: string): ArgInfo => ({ type: 'string', constant: { value: p } });
    expect(bindError('extract_all', re('\\d+'), { type: 'string' })).toMatch(/between 1 and 16/);
    expect(bindError('extract_all', re('(a)'), { type: 'dynamic', constant: { value: [2] } }, { type: 'string' })).toMatch(/not a group/);
    expect(bindError('extract_all', re('(a)'), { type: 'dynamic', constant: { value: ['nope'] } }, { type: 'string' })).toMatch(/not a group/);
  });
});

describe('the regex helper', () => {
  it('rejects what RE2 cannot do and accepts named groups in both spellings', () => {
    for (const p of ['a(?=b)', '(?<=a)b', '(a)\\1', '(']) expect(isRegexError(compileRegex(p))).toBe(true);
    const r = compileRegex('(?P<a>x)(?<b>y)');
    expect(isRegexError(r) ? undefined : r.regex.groupNames).toEqual({ a: 1, b: 2 });
  });

  it('applies flags', () => {
    const r = compileRegex('ab', 'i');
    expect(isRegexError(r)).toBe(false);
    expect(isRegexError(compileRegex('ab', 'z'))).toBe(true);
  });
});

describe('replace_strings', () => {
  const message = 'print Message="A magic trick can turn a cat into a dog"';
  it('matches the docs examples: simple replacement and replacement with an empty string', () => {
    expect(rows(`${message} | extend Outcome = replace_strings(Message, dynamic(['cat', 'dog']), dynamic(['dog', 'pigeon']))`)).toEqual([
      ['A magic trick can turn a cat into a dog', 'A magic trick can turn a dog into a pigeon'],
    ]);
    expect(rows(`${message} | extend Outcome = replace_strings(Message, dynamic(['turn', ' into a dog']), dynamic(['disappear', '']))`)).toEqual([
      ['A magic trick can turn a cat into a dog', 'A magic trick can disappear a cat'],
    ]);
  });

  it('matches the docs examples: an earlier lookup takes precedence, and a non-string rewrite keeps its match', () => {
    const example = 'print Message="This is an example of using replace_strings()"';
    expect(rows(`${example} | extend Outcome1 = replace_strings(Message, dynamic(['This', 'is']), dynamic(['This', 'was'])),
        Outcome2 = replace_strings(Message, dynamic(['is', 'This']), dynamic(['was', 'This']))`)).toEqual([[
      'This is an example of using replace_strings()',
      'This was an example of using replace_strings()',
      'Thwas was an example of using replace_strings()',
    ]]);
    expect(rows(`${example} | extend Outcome = replace_strings(Message, dynamic(['This', 'is']), dynamic([12345, 'was']))`)).toEqual([[
      'This is an example of using replace_strings()',
      'This was an example of using replace_strings()',
    ]]);
  });

  it('ignores lookups that are not strings or are empty; a missing rewrite keeps its match; matches are case-sensitive', () => {
    expect(rows(`print r = replace_strings('a1 b2 A1', dynamic([1, '', 'a1', 'b2']), dynamic(['x', 'y', 'z']))`)).toEqual([['z b2 A1']]);
  });

  it('refuses lookups that are not dynamic', () => {
    expect(errors(`print r = replace_strings('a', 'a', dynamic(['b']))`)[0]!.message).toContain('argument 2 must be dynamic, not string');
  });
});

describe('has_any_index', () => {
  it('matches the docs example', () => {
    expect(rows(`print
        idx1 = has_any_index("this is an example", dynamic(['this', 'example'])),
        idx2 = has_any_index("this is an example", dynamic(['not', 'example'])),
        idx3 = has_any_index("this is an example", dynamic(['not', 'found'])),
        idx4 = has_any_index("Example number 2", range(1, 3, 1)),
        idx5 = has_any_index("this is an example", dynamic([]))`)).toEqual([[0, 1, -1, 1, -1]]);
  });

  it('matches whole terms without regard to case, and is a long', () => {
    expect(rows(`print a = has_any_index("An EXAMPLE", dynamic(['amp', null, 'example'])), b = has_any_index(dynamic({"k": "Value"}), dynamic(['value']))`)).toEqual([[2, 0]]);
  });
});

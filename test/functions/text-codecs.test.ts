/**
 * regex_quote, parse_csv, isutf8, punycode, format_bytes and the Unicode code point functions,
 * checked against the examples of each function's page in the Kusto docs.
 */
import { describe, expect, it } from 'vitest';
import { compileRegex, isRegexError } from '../../src/functions/regex.js';
import { b, bindErrorOf, call, d, dt, int, l, r, s, typeOf } from '../helpers/functions.js';
import { rows } from '../helpers/run.js';

describe('regex_quote', () => {
  it('matches the docs example', () => {
    // The page prints the result inside a code span, with its later backslashes doubled.
    expect(call('regex_quote', s('(so$me.Te^xt)'))).toBe('\\(so\\$me\\.Te\\^xt\\)');
  });

  it('escapes every ASCII character but letters, digits and _, as RE2 QuoteMeta does', () => {
    expect(call('regex_quote', s('a_Z9 -[]{}|*+?\\/'))).toBe('a_Z9\\ \\-\\[\\]\\{\\}\\|\\*\\+\\?\\\\\\/');
    expect(call('regex_quote', s('été\0'))).toBe('été\\x00');
    expect(call('regex_quote', s(''))).toBe('');
  });

  it('gives a pattern that matches the text literally', () => {
    const text = 'C:\\Windows\\System32\\cmd.exe /c "echo (1+1)*2 = $x"';
    const regex = compileRegex(call('regex_quote', s(text)) as string);
    if (isRegexError(regex)) throw new Error(regex.error);
    expect(rows(`print extract(regex_quote(@'${text.replace(/'/g, "''")}'), 0, 'run ${text.replace(/'/g, "\\'")} now')`)).toEqual([[text]]);
  });

  it('quotes the text of any scalar', () => {
    expect(call('regex_quote', r(1.5))).toBe('1\\.5');
    expect(call('regex_quote', dt('2024-05-01'))).toBe('2024\\-05\\-01T00\\:00\\:00\\.0000000Z');
    expect(typeOf('regex_quote', l(1))).toBe('string');
  });
});

describe('parse_csv', () => {
  it('matches the docs examples', () => {
    expect(call('parse_csv', s('aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1\nline2"')))
      .toEqual(['aa', 'b,b,b', 'cc', 'Escaping quotes: "Title"', 'line1\nline2']);
    expect(call('parse_csv', s('record1,a,b,c\nrecord2,x,y,z'))).toEqual(['record1', 'a', 'b', 'c']);
    expect(call('parse_csv', s('Guy Reginiano, Guy Yehudy, Pankaj Suri, Saeed Copty'))).toHaveLength(4);
  });

  it('keeps empty fields and text after a closing quote; ends a record at CR LF', () => {
    expect(call('parse_csv', s(''))).toEqual(['']);
    expect(call('parse_csv', s(',,'))).toEqual(['', '', '']);
    expect(call('parse_csv', s('"",x'))).toEqual(['', 'x']);
    expect(call('parse_csv', s('"ab"c,d'))).toEqual(['abc', 'd']);
    expect(call('parse_csv', s('a"b,c'))).toEqual(['a"b', 'c']);
    expect(call('parse_csv', s('a,b\r\nc'))).toEqual(['a', 'b']);
  });

  it('reads a dynamic string, and gives null for a null dynamic', () => {
    expect(call('parse_csv', d('x,y'))).toEqual(['x', 'y']);
    expect(call('parse_csv', d(null))).toBeNull();
    expect(bindErrorOf('parse_csv', l(1))).toBe('parse_csv(): argument 1 must be string or dynamic, not long');
  });
});

describe('unicode_codepoints_from_string and unicode_codepoints_to_string', () => {
  it('match the docs examples', () => {
    expect(call('unicode_codepoints_from_string', s('⒦⒰⒮⒯⒪'))).toEqual([9382, 9392, 9390, 9391, 9386]);
    expect(call('unicode_codepoints_from_string', s('קוסטו - Kusto'))).toEqual([1511, 1493, 1505, 1496, 1493, 32, 45, 32, 75, 117, 115, 116, 111]);
    expect(rows('print str = unicode_codepoints_to_string(unicode_codepoints_from_string("Kusto"))')).toEqual([['Kusto']]);
    expect(call('unicode_codepoints_to_string', l(75), l(117), l(115), l(116), l(111))).toBe('Kusto');
    expect(call('unicode_codepoints_to_string', d([75, 117, 115, 116, 111]))).toBe('Kusto');
    expect(call('unicode_codepoints_to_string', d([75, 117, 115]), l(116), l(111))).toBe('Kusto');
    expect(call('unicode_codepoints_to_string', l(75), l(10), l(117))).toBe('K\nu');
    expect(rows('print unicode_codepoints_to_string(range(48,57), range(65,90), range(97,122))'))
      .toEqual([['0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz']]);
  });

  it('count a character outside the BMP as one code point', () => {
    expect(call('unicode_codepoints_from_string', s('a😀'))).toEqual([97, 0x1f600]);
    expect(call('unicode_codepoints_to_string', l(0x1f600))).toBe('😀');
  });

  it('answer to their deprecated names, to_utf8 and make_string', () => {
    expect(call('to_utf8', s('Kusto'))).toEqual([75, 117, 115, 116, 111]);
    expect(call('make_string', l(75))).toBe('K');
  });

  it('give the empty string for a value that is not a code point', () => {
    expect(call('unicode_codepoints_to_string', l(0x110000))).toBe('');
    expect(call('unicode_codepoints_to_string', d(['a']))).toBe('');
    expect(bindErrorOf('unicode_codepoints_to_string', r(1.5))).toMatch(/takes integers or dynamic arrays of integers/);
  });
});

describe('isutf8', () => {
  it('is true for text that has a UTF-8 form, as the docs example says', () => {
    expect(call('isutf8', s('some string'))).toBe(true);
    expect(call('isutf8', s('été 😀'))).toBe(true);
    expect(call('isutf8', s(''))).toBe(true);
    expect(call('isutf8', l(5))).toBe(true);
  });

  it('is false for a lone surrogate, which has none', () => {
    expect(call('isutf8', s('a\uD800b'))).toBe(false);
    expect(call('isutf8', s('\uDC00'))).toBe(false);
  });
});

describe('punycode', () => {
  it('matches the docs examples', () => {
    expect(call('punycode_from_string', s('académie-française'))).toBe('acadmie-franaise-npb1a');
    expect(call('punycode_from_string', s('艺术'))).toBe('cqv902d');
    expect(call('punycode_to_string', s('acadmie-franaise-npb1a'))).toBe('académie-française');
    expect(rows("print domain='艺术.com' | extend domain_vec = split(domain, '.') | extend encoded_host = punycode_from_string(tostring(domain_vec[0])) | extend encoded_domain = strcat('xn--', encoded_host, '.', domain_vec[1])"))
      .toEqual([['艺术.com', ['艺术', 'com'], 'cqv902d', 'xn--cqv902d.com']]);
  });

  it('follows the sample strings of RFC 3492, section 7.1', () => {
    const samples: [string, string][] = [
      ['他们为什么不说中文', 'ihqwcrb4cv8a8dqg056pqjye'],
      ['Pročprostěnemluvíčesky', 'Proprostnemluvesky-uyb24dma41a'],
      ['ひとつ屋根の下2', '2-u9tlzr9756bt3uc0v'],
      ['MajiでKoiする5秒前', 'MajiKoi5-783gue6qz075azm5e'],
      ['-> $1.00 <-', '-> $1.00 <--'],
    ];
    for (const [text, code] of samples) {
      expect(call('punycode_from_string', s(text))).toBe(code);
      expect(call('punycode_to_string', s(code))).toBe(text);
    }
    expect(call('punycode_to_string', s('IHQWCRB4CV8A8DQG056PQJYE'))).toBe('他们为什么不说中文');
  });

  it('encodes the whole text as RFC 3492 does: all-ASCII text keeps its delimiter', () => {
    expect(call('punycode_from_string', s('abc'))).toBe('abc-');
    expect(call('punycode_to_string', s('abc-'))).toBe('abc');
    expect(call('punycode_from_string', s(''))).toBe('');
  });

  it('gives the empty string when decoding fails', () => {
    expect(call('punycode_to_string', s('académie'))).toBe('');
    expect(call('punycode_to_string', s('abc-9'))).toBe('');
    expect(call('punycode_to_string', s('abc-!'))).toBe('');
    // Digits that overflow (past U+10FFFF or the RFC's 32-bit limit), and a digit that is not one.
    expect(call('punycode_to_string', s('a-99999999'))).toBe('');
    expect(call('punycode_to_string', s('9999999999999999999999'))).toBe('');
    expect(call('punycode_to_string', s('-abc'))).toBe('');
  });
});

describe('format_bytes', () => {
  it('matches the docs examples', () => {
    expect(call('format_bytes', l(564))).toBe('564 Bytes');
    expect(call('format_bytes', l(10332), int(1))).toBe('10.1 KB');
    expect(call('format_bytes', l(20010332))).toBe('19 MB');
    expect(call('format_bytes', l(20010332), int(2))).toBe('19.08 MB');
    expect(call('format_bytes', l(20010332), int(0), s('KB'))).toBe('19541 KB');
  });

  it('picks the largest unit the size reaches, and rounds half away from zero', () => {
    expect(call('format_bytes', l(0))).toBe('0 Bytes');
    expect(call('format_bytes', l(1023))).toBe('1023 Bytes');
    expect(call('format_bytes', l(1024))).toBe('1 KB');
    expect(call('format_bytes', r(1536))).toBe('2 KB');
    expect(call('format_bytes', r(1024 ** 6 * 3), int(0))).toBe('3 EB');
    expect(call('format_bytes', r(1024 ** 7), int(0))).toBe('1024 EB');
    expect(call('format_bytes', l(-2048))).toBe('-2 KB');
    expect(call('format_bytes', l(1024), int(2))).toBe('1 KB');
  });

  it('takes units without regard to case; an empty unit is chosen, an unknown one gives the empty string', () => {
    expect(call('format_bytes', l(1048576), int(0), s('kb'))).toBe('1024 KB');
    expect(call('format_bytes', l(1048576), int(3), s('GB'))).toBe('0.001 GB');
    expect(call('format_bytes', l(1048576), int(0), s(''))).toBe('1 MB');
    expect(call('format_bytes', l(1048576), int(0), s('KiB'))).toBe('');
    expect(call('format_bytes', l(null))).toBe('');
  });

  it('requires a number, and constant precision and units, as the official binder does', () => {
    expect(typeOf('format_bytes', r(1))).toBe('string');
    expect(bindErrorOf('format_bytes', s('1'))).toBe('format_bytes(): argument 1 must be a number (int, long, real or decimal), not string');
    expect(bindErrorOf('format_bytes', l(1), b(true))).toBe('format_bytes(): argument 2 must be an integer (int or long), not bool');
    expect(call('format_bytes', l(1), { type: 'int', value: 1, constant: true })).toBe('1 Bytes');
    expect(() => call('format_bytes', l(1), { type: 'int', value: 1, constant: false })).toThrow('format_bytes(): argument 2 must be a constant');
  });
});

describe('isascii', () => {
  it('matches the docs example, and is false for any character beyond ASCII', () => {
    expect(rows('print result=isascii("some string")')).toEqual([[true]]);
    expect(rows('print a = isascii("caf\u00e9"), b = isascii(""), c = isascii("tab\there~"), d = isascii(42)')).toEqual([[false, true, true, true]]);
  });
});

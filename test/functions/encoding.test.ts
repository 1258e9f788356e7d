/** Encoding functions (base64, URLs, paths, hashes), checked against the examples of the Kusto documentation. */
import { describe, expect, it } from 'vitest';
import { scalarFunctions } from '../../src/functions/index.js';
import { isBindError, type ArgInfo } from '../../src/functions/types.js';
import { parseDatetime } from '../../src/types/datetime.js';
import { b, callScalar, d, l, s, type TypedArg } from '../helpers/functions.js';
import { errors, rows } from '../helpers/run.js';

const value = (name: string, ...args: TypedArg[]) => callScalar(name, ...args).value;
const dt = (text: string): TypedArg => ({ type: 'datetime', value: parseDatetime(text)! });

function bindError(name: string, ...args: ArgInfo[]): string | undefined {
  const bound = scalarFunctions.get(name)!.bind(args);
  return isBindError(bound) ? bound.error : undefined;
}

describe('base64', () => {
  it('follows the documented examples', () => {
    expect(callScalar('base64_encode_tostring', s('Kusto'))).toEqual({ type: 'string', value: 'S3VzdG8=' });
    expect(value('base64_decode_tostring', s('S3VzdG8='))).toBe('Kusto');
    expect(callScalar('base64_decode_toarray', s('S3VzdG8='))).toEqual({ type: 'dynamic', value: [75, 117, 115, 116, 111] });
    expect(value('base64_encode_fromarray', d([75, 117, 115, 116, 111]))).toBe('S3VzdG8=');
  });

  it('gives an empty string for bytes that are not UTF-8 text', () => {
    expect(value('base64_decode_tostring', s('U3RyaW5n0KHR0tGA0L7Rh9C60LA='))).toBe('');
  });

  it('rejects unpadded or malformed input, as the documented unpadded example shows', () => {
    expect(value('base64_decode_toarray', s('U3RyaW5n0KHR0tGA0L7Rh9C60LA'))).toBeNull();
    expect(value('base64_encode_fromarray', d(null))).toBe('');
    expect(value('base64_decode_toarray', s('S3Vz=G8='))).toBeNull();
    expect(value('base64_decode_toarray', s('S3V*dG8='))).toBeNull();
  });

  it('round-trips unicode and every padding length, ignoring whitespace', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'héllo 😀', '\uFEFFbom']) {
      const encoded = value('base64_encode_tostring', s(text)) as string;
      expect(value('base64_decode_tostring', s(encoded))).toBe(text);
    }
    expect(value('base64_encode_tostring', s('é'))).toBe('w6k=');
    expect(value('base64_decode_tostring', s('S3Vz\r\ndG8='))).toBe('Kusto');
  });

  it('encodes arrays of bytes only', () => {
    expect(value('base64_encode_fromarray', d([0, 255]))).toBe('AP8=');
    expect(value('base64_encode_fromarray', d([256]))).toBe('');
    expect(value('base64_encode_fromarray', d(['a']))).toBe('');
    expect(value('base64_encode_fromarray', d([]))).toBe('');
  });

  it('answers to the deprecated names', () => {
    expect(value('base64_encodestring', s('Kusto'))).toBe('S3VzdG8=');
    expect(value('base64_decodestring', s('S3VzdG8='))).toBe('Kusto');
  });

  it('takes strings only', () => {
    expect(bindError('base64_encode_tostring', { type: 'long' })).toMatch(/must be string/);
    expect(bindError('base64_encode_fromarray', { type: 'string' })).toMatch(/must be dynamic/);
  });
});

describe('URL encoding', () => {
  it('follows the documented examples', () => {
    expect(value('url_encode', s('https://www.bing.com/hello world'))).toBe('https%3a%2f%2fwww.bing.com%2fhello+world');
    expect(value('url_encode_component', s('https://www.bing.com/hello world'))).toBe('https%3a%2f%2fwww.bing.com%2fhello%20world');
    expect(value('url_decode', s('https%3a%2f%2fwww.bing.com%2f'))).toBe('https://www.bing.com/');
  });

  it('encodes UTF-8 bytes and keeps the unreserved characters', () => {
    expect(value('url_encode', s("a+b=c&d é-_.!*()~'"))).toBe('a%2bb%3dc%26d+%c3%a9-_.!*()%7e%27');
  });

  it('decodes +, %xx sequences as UTF-8, %uxxxx, and leaves stray % alone', () => {
    expect(value('url_decode', s('hello+world'))).toBe('hello world');
    expect(value('url_decode', s('%C3%A9t%C3%A9'))).toBe('été');
    expect(value('url_decode', s('%u00e9'))).toBe('é');
    expect(value('url_decode', s('100%'))).toBe('100%');
    expect(value('url_decode', s('%zz%4'))).toBe('%zz%4');
    expect(value('url_decode', s('%ff'))).toBe('\uFFFD');
  });
});

describe('parse_url and parse_urlquery', () => {
  it('parses the documented URL (its path keeps the leading slash)', () => {
    expect(callScalar('parse_url', s('scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment'))).toEqual({
      type: 'dynamic',
      value: {
        Scheme: 'scheme',
        Host: 'host',
        Port: '1234',
        Path: '/this/is/a/path',
        Username: 'username',
        Password: 'password',
        'Query Parameters': { k1: 'v1', k2: 'v2' },
        Fragment: 'fragment',
      },
    });
  });

  it('gives empty parts where the URL has none, and null for a URL that is not absolute', () => {
    expect(value('parse_url', s('https://bing.com'))).toEqual({
      Scheme: 'https', Host: 'bing.com', Port: '', Path: '', Username: '', Password: '', 'Query Parameters': {}, Fragment: '',
    });
    expect((value('parse_url', s('http://[::1]:8080/x')) as Record<string, unknown>).Host).toBe('[::1]');
    expect(value('parse_url', s('bing.com'))).toBeNull();
    expect(value('parseurl', s('bing.com'))).toBeNull();
  });

  it('parse_urlquery follows the documented examples', () => {
    expect(callScalar('parse_urlquery', s('k1=v1&k2=v2&k3=v3'))).toEqual({
      type: 'dynamic', value: { 'Query Parameters': { k1: 'v1', k2: 'v2', k3: 'v3' } },
    });
    expect(value('parse_urlquery', s('view=vs-2019&preserve-view=true'))).toEqual({
      'Query Parameters': { view: 'vs-2019', 'preserve-view': 'true' },
    });
  });

  it('parse_urlquery decodes, joins repeated keys and tolerates a leading ?', () => {
    expect(value('parseurlquery', s('?q=a%20b+c&x=1&x=2&flag'))).toEqual({ 'Query Parameters': { q: 'a b c', x: '1,2', flag: '' } });
    expect(value('parse_urlquery', s(''))).toEqual({ 'Query Parameters': {} });
  });
});

describe('parse_path', () => {
  const parts = (
    Scheme: string, RootPath: string, DirectoryPath: string, DirectoryName: string,
    Filename: string, Extension: string, AlternateDataStreamName: string,
  ) => ({ Scheme, RootPath, DirectoryPath, DirectoryName, Filename, Extension, AlternateDataStreamName });

  it('follows the documented examples', () => {
    expect(callScalar('parse_path', s('C:\\temp\\file.txt'))).toEqual({
      type: 'dynamic', value: parts('', 'C:', 'C:\\temp', 'temp', 'file.txt', 'txt', ''),
    });
    expect(value('parse_path', s('temp\\file.txt'))).toEqual(parts('', '', 'temp', 'temp', 'file.txt', 'txt', ''));
    expect(value('parse_path', s('file://C:/temp/file.txt:some.exe'))).toEqual(parts('file', 'C:', 'C:/temp', 'temp', 'file.txt', 'txt', 'some.exe'));
    expect(value('parse_path', s('\\\\shared\\users\\temp\\file.txt.gz')))
      .toEqual(parts('', '', '\\\\shared\\users\\temp', 'temp', 'file.txt.gz', 'gz', ''));
    expect(value('parse_path', s('/usr/lib/temp/file.txt'))).toEqual(parts('', '', '/usr/lib/temp', 'temp', 'file.txt', 'txt', ''));
  });

  it('handles a bare file name, long paths and the empty string', () => {
    expect(value('parse_path', s('file.txt'))).toEqual(parts('', '', '', '', 'file.txt', 'txt', ''));
    expect(value('parse_path', s('\\\\?\\C:\\dir\\a.b.c'))).toEqual(parts('', 'C:', '\\\\?\\C:\\dir', 'dir', 'a.b.c', 'c', ''));
    expect(value('parse_path', s(''))).toEqual(parts('', '', '', '', '', '', ''));
  });
});

describe('hashes', () => {
  it('follow the documented examples', () => {
    expect(callScalar('hash_sha256', s('World'))).toEqual({ type: 'string', value: '78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524' });
    expect(value('hash_sha256', dt('2020-01-01'))).toBe('ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d');
    expect(value('hash_sha256', s('TEXAS'))).toBe('9087f20f23f91b5a77e8406846117049029e6798ebbd0d38aea68da73a00ca37');
    expect(value('hash_md5', s('World'))).toBe('f5a7924e621e84c9280a9a27e1bcb7f6');
    expect(value('hash_md5', dt('2020-01-01'))).toBe('786c530672d1f8db31fee25ea8a9390b');
    expect(value('hash_md5', s('KANSAS'))).toBe('e1338d0ac8be43846cf9ae967bd02e7f');
    expect(value('hash_sha1', s('World'))).toBe('70c07ec18ef89c5309bbb0937f3a6342411e1fdd');
    expect(value('hash_sha1', dt('2020-01-01'))).toBe('e903e533f4d636b4fc0dcf3cf81e7b7f330de776');
    expect(value('hash_sha1', s('IOWA'))).toBe('cacf86ec119cfd5b574bde5b59604774de3273db');
  });

  it('hash the text of other scalars, give an empty string for null and refuse dynamic', () => {
    expect(value('hash_md5', l(123))).toBe(value('hash_md5', s('123')));
    expect(value('hash_sha1', b(true))).toBe(value('hash_sha1', s('true')));
    expect(value('hash_sha256', l(null))).toBe('');
    expect(value('hash_sha256', s(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(bindError('hash_sha256', { type: 'dynamic' })).toMatch(/other than dynamic/);
  });
});

describe('base64_encode_fromguid and base64_decode_toguid', () => {
  it('base64_encode_fromguid matches the docs example, and refuses what is not a guid', () => {
    expect(rows('print Quine = base64_encode_fromguid(toguid("ae3133f2-6e22-49ae-b06a-16e6a9b212eb"))')).toEqual([['8jMxriJurkmwahbmqbIS6w==']]);
    expect(errors('print Empty = base64_encode_fromguid("abcd1231")')[0]!.message).toContain('argument 1 must be a guid, not string');
  });

  it('base64_decode_toguid reads .NET\'s byte order, as the encoding example does (docs/semantics.md), and gives null for other lengths', () => {
    // The page prints 10e99626-bc2b-754c-...: its third group's bytes (75 4c) read big-endian, unlike
    // the encoding example; kqlx reads them as the encoder writes them.
    expect(rows('print Quine = base64_decode_toguid("JpbpECu8dUy7Pv5gbeJXAA==")')).toEqual([['10e99626-bc2b-4c75-bb3e-fe606de25700']]);
    expect(rows('print Empty = base64_decode_toguid("abcd1231"), Bad = base64_decode_toguid("not base64!")')).toEqual([[null, null]]);
  });

  it('round-trips', () => {
    expect(rows('print g = base64_decode_toguid(base64_encode_fromguid(guid(ae3133f2-6e22-49ae-b06a-16e6a9b212eb)))')).toEqual([
      ['ae3133f2-6e22-49ae-b06a-16e6a9b212eb'],
    ]);
  });
});

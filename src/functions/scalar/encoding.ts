/**
 * Scalar functions: encoding family (base64, guids as base64, URL encoding and parsing, file paths, hashes).
 * Browser-safe: bytes come from TextEncoder/TextDecoder and hashes from @noble/hashes.
 */
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { ScalarType } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import type { ScalarFunction } from '../types.js';
import { fixed } from './conversion.js';
import { define, textOf } from './string.js';

const utf8 = new TextEncoder();
/** Strict decoding: invalid UTF-8 is an error, which these functions turn into an empty result. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Lenient decoding for URL-decoded bytes: invalid sequences become U+FFFD, as .NET's decoder does. */
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

// ── base64 ────────────────────────────────────────────────────────────────

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map<string, number>([...B64].map((c, i) => [c, i]));

export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? B64[n & 63]! : '=';
  }
  return out;
}

/**
 * Decodes as .NET's Convert.FromBase64String does: whitespace is ignored, the length must be a
 * multiple of four, and `=` may only pad the end. Anything else is invalid (null). The documented
 * example of an unpadded input decoding to nothing relies on that strictness.
 */
export function base64Decode(text: string): Uint8Array | null {
  const s = text.replace(/[ \t\r\n]/g, '');
  if (s.length % 4 !== 0) return null;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((s.length / 4) * 3 - pad);
  let at = 0;
  for (let i = 0; i < s.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = s[i + j]!;
      const isPad = c === '=' && i + j >= s.length - pad;
      const v = isPad ? 0 : B64_VALUE.get(c);
      if (v === undefined) return null;
      n = (n << 6) | v;
    }
    for (const byte of [(n >> 16) & 255, (n >> 8) & 255, n & 255]) if (at < bytes.length) bytes[at++] = byte;
  }
  return bytes;
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

const base64EncodeToString = define({
  name: 'base64_encode_tostring', aliases: ['base64_encodestring'], min: 1, max: 1, kinds: ['string'],
  bind: () => ({ type: 'string', impl: (v) => base64Encode(utf8.encode(v[0] as string)) }),
});

const base64DecodeToString = define({
  name: 'base64_decode_tostring', aliases: ['base64_decodestring'], min: 1, max: 1, kinds: ['string'],
  bind: () => ({
    type: 'string',
    impl: (v) => {
      const bytes = base64Decode(v[0] as string);
      return (bytes && decodeUtf8(bytes)) ?? '';
    },
  }),
});

const base64DecodeToArray = define({
  name: 'base64_decode_toarray', min: 1, max: 1, kinds: ['string'],
  bind: () => ({
    type: 'dynamic',
    impl: (v) => {
      const bytes = base64Decode(v[0] as string);
      return bytes ? Array.from(bytes) : null;
    },
  }),
});

/** The bytes of a dynamic array of integers 0..255, or null when it is anything else. */
function bytesOf(v: Dynamic): Uint8Array | null {
  if (!Array.isArray(v)) return null;
  const bytes = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const b = v[i];
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255) return null;
    bytes[i] = b;
  }
  return bytes;
}

const base64EncodeFromArray = define({
  name: 'base64_encode_fromarray', min: 1, max: 1, kinds: ['dynamic'],
  bind: () => ({
    type: 'string',
    impl: (v) => {
      const bytes = bytesOf(v[0] as Dynamic);
      return bytes ? base64Encode(bytes) : '';
    },
  }),
});

// ── guids as base64 ───────────────────────────────────────────────────────

/**
 * Swaps a guid's bytes between the order its text is written in and .NET's Guid.ToByteArray() order,
 * which the docs' example follows (ae3133f2-... encodes as 8jMx..., bytes f2 33 31 ae): the first three
 * groups are little-endian, the last two as written. The swap is its own inverse.
 */
function swapGuidBytes(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  out.subarray(0, 4).reverse();
  out.subarray(4, 6).reverse();
  out.subarray(6, 8).reverse();
  return out;
}

const GUID_TYPE = { test: (t: ScalarType) => t === 'guid', expected: 'a guid' };

/** base64_encode_fromguid(): the guid's 16 bytes in .NET order as base64; a null guid gives the empty string. */
const base64EncodeFromGuid: ScalarFunction = {
  name: 'base64_encode_fromguid',
  minArgs: 1,
  maxArgs: 1,
  bind: (args) => fixed('base64_encode_fromguid', args, [GUID_TYPE], 'string', (v) => {
    const guid = v[0] as string | null;
    if (guid === null) return '';
    const hex = guid.replace(/-/g, '');
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
    return base64Encode(swapGuidBytes(bytes));
  }),
};

/** base64_decode_toguid(): null unless the text is valid base64 of exactly 16 bytes. */
const base64DecodeToGuid = define({
  name: 'base64_decode_toguid', min: 1, max: 1, kinds: ['string'],
  bind: () => ({
    type: 'guid',
    impl: (v) => {
      const bytes = base64Decode(v[0] as string);
      if (!bytes || bytes.length !== 16) return null;
      const hex = bytesToHex(swapGuidBytes(bytes));
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  }),
});

// ── URL encoding ──────────────────────────────────────────────────────────

/**
 * Percent-encodes as .NET's HttpUtility.UrlEncode does, which the documented outputs match: letters,
 * digits and `-_.!*()` stay, other bytes of the UTF-8 text become `%xx` with lower-case hex, and a
 * space becomes `space` ('+' for url_encode, '%20' for url_encode_component).
 */
function urlEncode(text: string, space: string): string {
  let out = '';
  for (const byte of utf8.encode(text)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.!*()]/.test(c)) out += c;
    else if (byte === 0x20) out += space;
    else out += `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function hexValue(s: string): number {
  return /^[0-9a-fA-F]+$/.test(s) ? parseInt(s, 16) : -1;
}

/**
 * Decodes as HttpUtility.UrlDecode does: `+` is a space, `%xx` a byte of UTF-8 text, `%uxxxx` a
 * UTF-16 unit, and a `%` that starts neither stays as it is.
 */
export function urlDecode(text: string): string {
  let out = '';
  const pending: number[] = [];
  const flush = () => {
    if (pending.length) out += lenientUtf8.decode(new Uint8Array(pending.splice(0)));
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '%') {
      const u = text[i + 1] === 'u' || text[i + 1] === 'U' ? hexValue(text.slice(i + 2, i + 6)) : -1;
      const b = hexValue(text.slice(i + 1, i + 3));
      if (u >= 0 && text.length >= i + 6) {
        flush();
        out += String.fromCharCode(u);
        i += 5;
        continue;
      }
      if (b >= 0 && text.length >= i + 3) {
        pending.push(b);
        i += 2;
        continue;
      }
    }
    flush();
    out += c === '+' ? ' ' : c;
  }
  flush();
  return out;
}

const urlEncodeFn = define({
  name: 'url_encode', min: 1, max: 1, kinds: ['string'],
  bind: () => ({ type: 'string', impl: (v) => urlEncode(v[0] as string, '+') }),
});

const urlEncodeComponent = define({
  name: 'url_encode_component', min: 1, max: 1, kinds: ['string'],
  bind: () => ({ type: 'string', impl: (v) => urlEncode(v[0] as string, '%20') }),
});

const urlDecodeFn = define({
  name: 'url_decode', min: 1, max: 1, kinds: ['string'],
  bind: () => ({ type: 'string', impl: (v) => urlDecode(v[0] as string) }),
});

// ── URL and path parsing ──────────────────────────────────────────────────

/**
 * `k1=v1&k2=v2` as a property bag, keys and values URL-decoded. A repeated key keeps all its values
 * joined by commas, as .NET's query-string collection reports them; a part without `=` is a key
 * with an empty value.
 */
export function parseQuery(query: string): { [key: string]: Dynamic } {
  const bag: { [key: string]: string } = {};
  for (const part of query.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = urlDecode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : urlDecode(part.slice(eq + 1));
    bag[key] = Object.prototype.hasOwnProperty.call(bag, key) ? `${bag[key]},${value}` : value;
  }
  return bag;
}

const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/;
const AUTHORITY = /^(?:([^:@]*)(?::([^@]*))?@)?(\[[^\]]*\]|[^:]*)(?::(\d*))?$/;

/**
 * parse_url(): the parts of an absolute URL, or null when the text is not one. The path keeps its
 * leading slash (the documentation's example prints it without; queries in the field test
 * `Path startswith "/..."`, so we follow the engine's observed output).
 */
export function parseUrl(url: string): Dynamic {
  const m = URL_PARTS.exec(url.trim());
  if (!m) return null;
  const a = AUTHORITY.exec(m[2]!);
  if (!a) return null;
  return {
    Scheme: m[1]!,
    Host: a[3]!,
    Port: a[4] ?? '',
    Path: m[3]!,
    Username: a[1] ?? '',
    Password: a[2] ?? '',
    'Query Parameters': parseQuery(m[4] ?? ''),
    Fragment: m[5] ?? '',
  };
}

const parseUrlFn = define({
  name: 'parse_url', aliases: ['parseurl'], min: 1, max: 1, kinds: ['string'],
  bind: () => ({ type: 'dynamic', impl: (v) => parseUrl(v[0] as string) }),
});

const parseUrlQuery = define({
  name: 'parse_urlquery', aliases: ['parseurlquery'], min: 1, max: 1, kinds: ['string'],
  bind: () => ({ type: 'dynamic', impl: (v) => ({ 'Query Parameters': parseQuery(v[0] as string) }) }),
});

/**
 * parse_path(): a file path's parts, as the documented examples show them. Both slash kinds
 * separate directories; a `scheme://` prefix and a `\\?\` long-path prefix are recognised; a drive
 * (`C:`) is the root path; a colon inside the file name starts an alternate data stream name.
 */
export function parsePath(path: string): Dynamic {
  let rest = path;
  let scheme = '';
  const s = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//.exec(rest);
  if (s) {
    scheme = s[1]!;
    rest = rest.slice(s[0].length);
  }
  const drive = /^(?:\\\\\?\\)?([A-Za-z]:)/.exec(rest);
  const cut = Math.max(rest.lastIndexOf('/'), rest.lastIndexOf('\\'));
  const directoryPath = cut === -1 ? '' : rest.slice(0, cut);
  let filename = rest.slice(cut + 1);
  // A bare drive ("C:file.txt") has no separator; its colon is not a stream separator.
  if (cut === -1 && drive) filename = filename.slice(drive[1]!.length);
  let stream = '';
  const colon = filename.indexOf(':');
  if (colon !== -1) {
    stream = filename.slice(colon + 1);
    filename = filename.slice(0, colon);
  }
  const dirCut = Math.max(directoryPath.lastIndexOf('/'), directoryPath.lastIndexOf('\\'));
  const dot = filename.lastIndexOf('.');
  return {
    Scheme: scheme,
    RootPath: drive ? drive[1]! : '',
    DirectoryPath: directoryPath,
    DirectoryName: directoryPath.slice(dirCut + 1),
    Filename: filename,
    Extension: dot === -1 ? '' : filename.slice(dot + 1),
    AlternateDataStreamName: stream,
  };
}

const parsePathFn = define({
  name: 'parse_path', min: 1, max: 1, kinds: ['string'],
  bind: () => ({ type: 'dynamic', impl: (v) => parsePath(v[0] as string) }),
});

// ── hashes ────────────────────────────────────────────────────────────────

/**
 * A hash of the UTF-8 bytes of the value's text (for a datetime the seven-digit round-trip form,
 * which is what reproduces the documented hash_sha256(datetime(2020-01-01))). Null hashes to ''.
 */
function hashFunction(name: string, hash: (bytes: Uint8Array) => Uint8Array): ScalarFunction {
  return define({
    name, min: 1, max: 1, kinds: ['notDynamic'],
    bind: ([a]) => {
      const type: ScalarType = a!.type;
      return {
        type: 'string',
        impl: (v) => {
          const value: Value = v[0]!;
          if (value === null) return '';
          return bytesToHex(hash(utf8.encode(textOf(value, type))));
        },
      };
    },
  });
}

export const encodingFunctions: ScalarFunction[] = [
  base64EncodeToString,
  base64DecodeToString,
  base64DecodeToArray,
  base64EncodeFromArray,
  base64EncodeFromGuid,
  base64DecodeToGuid,
  urlEncodeFn,
  urlEncodeComponent,
  urlDecodeFn,
  parseUrlFn,
  parseUrlQuery,
  parsePathFn,
  hashFunction('hash_sha256', sha256),
  hashFunction('hash_md5', md5),
  hashFunction('hash_sha1', sha1),
];

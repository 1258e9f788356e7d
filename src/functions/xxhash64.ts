/**
 * XXH64, the 64-bit xxHash of Yann Collet (specified in xxHash's doc/xxhash_spec.md), which Kusto's
 * hash() uses. Computed on bigints masked to 64 bits, so every bit of the result is exact.
 */

const MASK = (1n << 64n) - 1n;
const PRIME1 = 0x9e3779b185ebca87n;
const PRIME2 = 0xc2b2ae3d27d4eb4fn;
const PRIME3 = 0x165667b19e3779f9n;
const PRIME4 = 0x85ebca77c2b2ae63n;
const PRIME5 = 0x27d4eb2f165667c5n;

const mul = (a: bigint, b: bigint): bigint => (a * b) & MASK;
const add = (a: bigint, b: bigint): bigint => (a + b) & MASK;
const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK;

function read64(bytes: Uint8Array, at: number): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, 8);
  return view.getBigUint64(0, true);
}

function read32(bytes: Uint8Array, at: number): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, 4);
  return BigInt(view.getUint32(0, true));
}

/** One lane of the stripe loop: acc + lane·P2, rotated 31, times P1. */
function round(acc: bigint, lane: bigint): bigint {
  return mul(rotl(add(acc, mul(lane, PRIME2)), 31n), PRIME1);
}

function mergeAccumulator(acc: bigint, lane: bigint): bigint {
  return add(mul(acc ^ round(0n, lane), PRIME1), PRIME4);
}

/** XXH64 of `bytes` with seed 0 (the seed of the documented hash() values), as an unsigned 64-bit value. */
export function xxhash64(bytes: Uint8Array): bigint {
  const seed = 0n;
  const n = bytes.length;
  let at = 0;
  let h: bigint;
  if (n >= 32) {
    let v1 = add(add(seed, PRIME1), PRIME2);
    let v2 = add(seed, PRIME2);
    let v3 = seed;
    let v4 = (seed - PRIME1) & MASK;
    for (; at + 32 <= n; at += 32) {
      v1 = round(v1, read64(bytes, at));
      v2 = round(v2, read64(bytes, at + 8));
      v3 = round(v3, read64(bytes, at + 16));
      v4 = round(v4, read64(bytes, at + 24));
    }
    h = add(add(rotl(v1, 1n), rotl(v2, 7n)), add(rotl(v3, 12n), rotl(v4, 18n)));
    for (const v of [v1, v2, v3, v4]) h = mergeAccumulator(h, v);
  } else {
    h = add(seed, PRIME5);
  }
  h = add(h, BigInt(n));
  for (; at + 8 <= n; at += 8) h = add(mul(rotl(h ^ round(0n, read64(bytes, at)), 27n), PRIME1), PRIME4);
  if (at + 4 <= n) {
    h = add(mul(rotl(h ^ mul(read32(bytes, at), PRIME1), 23n), PRIME2), PRIME3);
    at += 4;
  }
  for (; at < n; at++) h = mul(rotl(h ^ mul(BigInt(bytes[at]!), PRIME5), 11n), PRIME1);
  h = mul(h ^ (h >> 33n), PRIME2);
  h = mul(h ^ (h >> 29n), PRIME3);
  return h ^ (h >> 32n);
}

/**
 * Turns the bytes of a cell into a string, handing back the same string object for every repeat.
 * Log columns repeat themselves (vendor, action, protocol, zone: a handful of values over a
 * million rows), so a repeated cell costs a hash over its bytes and no allocation at all, and the
 * column holds one string per distinct value instead of one per row.
 *
 * Columns that do not repeat (session ids, free text) would only pay for the table, so the
 * interner watches its hit rate and switches itself off for good when most lookups miss.
 */

const WINDOW = 1 << 16; // lookups between hit-rate checks
const MAX_ENTRIES = 1 << 20;

export class ByteInterner {
  // Small to start with, and grown by doubling: a file of 100,000 columns has 100,000 interners.
  private slots: Int32Array = new Int32Array(16).fill(-1);
  private hashes: Int32Array = new Int32Array(8);
  private offsets: Int32Array = new Int32Array(8);
  private lengths: Int32Array = new Int32Array(8);
  private strings: string[] = [];
  /** The bytes of every entry, back to back, to compare candidates against. */
  private arena = new Uint8Array(256);
  private arenaView: DataView = new DataView(this.arena.buffer);
  private used = 0;
  /** A DataView of the last buffer seen, to read the bytes four at a time. */
  private view: DataView = new DataView(new ArrayBuffer(0));
  private viewOf: Buffer | undefined;
  private active = true;
  /** Lookups left before the next hit-rate check, and the misses since the last one. */
  private budget = WINDOW;
  private misses = 0;
  /** The entry returned last: columns often repeat the previous row, which is checked before hashing. */
  private last = -1;
  /** Whether the last `intern` produced a string it had not returned before (always, once off). */
  fresh = false;

  intern(buf: Buffer, start: number, end: number): string {
    if (start === end) {
      this.fresh = false;
      return '';
    }
    if (!this.active) {
      this.fresh = true;
      return buf.toString('utf8', start, end);
    }
    if (buf !== this.viewOf) {
      this.viewOf = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.length);
    }
    const len = end - start;
    const last = this.last;
    if (last >= 0 && this.lengths[last] === len && this.sameBytes(last, start, len)) {
      this.fresh = false;
      if (--this.budget === 0) this.review();
      return this.strings[last]!;
    }
    const h = this.hash(buf, start, end);
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const k = this.slots[slot]!;
      if (k < 0) break;
      if (this.hashes[k] === h && this.lengths[k] === len && this.sameBytes(k, start, len)) {
        this.last = k;
        this.fresh = false;
        if (--this.budget === 0) this.review();
        return this.strings[k]!;
      }
      slot = (slot + 1) & mask;
    }
    const s = buf.toString('utf8', start, end);
    this.fresh = true;
    this.insert(slot, h, buf, start, len, s);
    this.misses++;
    if (--this.budget === 0) this.review();
    return s;
  }

  /** FNV-1a over the bytes, four at a time. */
  private hash(buf: Buffer, start: number, end: number): number {
    const view = this.view;
    let h = (0x811c9dc5 ^ (end - start)) | 0;
    let i = start;
    for (; i + 4 <= end; i += 4) h = Math.imul(h ^ view.getInt32(i, true), 16777619);
    for (; i < end; i++) h = Math.imul(h ^ buf[i]!, 16777619);
    return h;
  }

  /** Whether entry k holds the `len` bytes at `start` of the current buffer. */
  private sameBytes(k: number, start: number, len: number): boolean {
    const a = this.arenaView;
    const b = this.view;
    const o = this.offsets[k]!;
    let j = 0;
    for (; j + 4 <= len; j += 4) if (a.getInt32(o + j, true) !== b.getInt32(start + j, true)) return false;
    for (; j < len; j++) if (a.getUint8(o + j) !== b.getUint8(start + j)) return false;
    return true;
  }

  private insert(slot: number, h: number, buf: Buffer, start: number, len: number, s: string): void {
    const k = this.strings.length;
    if (k === MAX_ENTRIES) {
      this.switchOff();
      return;
    }
    if (k === this.hashes.length) {
      this.hashes = grow32(this.hashes);
      this.offsets = grow32(this.offsets);
      this.lengths = grow32(this.lengths);
    }
    if (this.used + len > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.used + len));
      arena.set(this.arena.subarray(0, this.used));
      this.arena = arena;
      this.arenaView = new DataView(arena.buffer);
    }
    buf.copy(this.arena, this.used, start, start + len);
    this.hashes[k] = h;
    this.offsets[k] = this.used;
    this.lengths[k] = len;
    this.used += len;
    this.strings.push(s);
    this.slots[slot] = k;
    this.last = k;
    if ((k + 1) * 2 > this.slots.length) this.rehash();
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let k = 0; k < this.strings.length; k++) {
      let slot = this.hashes[k]! & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = k;
    }
    this.slots = slots;
  }

  /** Every WINDOW lookups: a column where most lookups missed does not repeat itself; stop. */
  private review(): void {
    if (this.misses * 2 > WINDOW) this.switchOff();
    this.budget = WINDOW;
    this.misses = 0;
  }

  private switchOff(): void {
    this.active = false;
    this.last = -1;
    this.slots = this.hashes = this.offsets = this.lengths = new Int32Array(0);
    this.arena = new Uint8Array(0);
    this.arenaView = new DataView(this.arena.buffer);
    this.strings = [];
    this.viewOf = undefined;
  }
}

function grow32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

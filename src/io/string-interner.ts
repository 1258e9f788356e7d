/**
 * The JSON counterpart of ByteInterner: JSON.parse makes a new string object for every value, so a
 * column that says "Allow" a million times would hold a million copies. Equal strings are mapped to
 * the first one seen, while the column keeps repeating itself; when most lookups miss (addresses,
 * messages), the map is dropped and strings pass through.
 */
const WINDOW = 1 << 16;
const MAX_ENTRIES = 1 << 20;

export class StringInterner {
  private map: Map<string, string> | undefined = new Map();
  private budget = WINDOW;
  private misses = 0;

  intern(s: string): string {
    const map = this.map;
    if (map === undefined || s.length === 0) return s;
    let shared = map.get(s);
    if (shared === undefined) {
      this.misses++;
      if (map.size < MAX_ENTRIES) map.set(s, s);
      shared = s;
    }
    if (--this.budget === 0) {
      if (this.misses * 2 > WINDOW) this.map = undefined;
      this.budget = WINDOW;
      this.misses = 0;
    }
    return shared;
  }
}

/**
 * JSON text of a value, as JSON.stringify writes it, at any depth. JSON.stringify recurses and runs out
 * of stack on a value nested some thousands deep (which parse_json or a data file can produce); the
 * fallback writes the same text with an explicit stack instead.
 */

/** Compact JSON, as Kusto prints dynamic values (and kqlx writes its JSON output). */
export function dynamicToJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) return deepJsonText(value);
    throw e;
  }
}

/** A frame of the explicit stack: an array or object being written, and how far. */
interface Frame {
  readonly keys: readonly string[] | undefined; // undefined for an array
  readonly value: unknown[] | Record<string, unknown>;
  next: number;
  wrote: boolean;
}

function deepJsonText(root: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  /** Writes a scalar, or opens a frame for an array or object. */
  const begin = (v: unknown, inArray: boolean): void => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      if (Array.isArray(v)) {
        out.push('[');
        stack.push({ keys: undefined, value: v, next: 0, wrote: false });
      } else {
        out.push('{');
        stack.push({ keys: Object.keys(v), value: v as Record<string, unknown>, next: 0, wrote: false });
      }
      return;
    }
    out.push(JSON.stringify(v) ?? (inArray ? 'null' : ''));
  };
  begin(root, true);
  while (stack.length > 0) {
    const f = stack[stack.length - 1]!;
    if (f.keys === undefined) {
      const items = f.value as unknown[];
      if (f.next === items.length) {
        out.push(']');
        stack.pop();
        continue;
      }
      if (f.next > 0) out.push(',');
      begin(items[f.next++], true);
      continue;
    }
    // Object members whose value JSON cannot hold (undefined, functions) are left out, as JSON.stringify does.
    let key: string | undefined;
    let v: unknown;
    while (f.next < f.keys.length) {
      key = f.keys[f.next++]!;
      v = (f.value as Record<string, unknown>)[key];
      if (v !== undefined && typeof v !== 'function' && typeof v !== 'symbol') break;
      key = undefined;
    }
    if (key === undefined) {
      out.push('}');
      stack.pop();
      continue;
    }
    if (f.wrote) out.push(',');
    f.wrote = true;
    out.push(JSON.stringify(key), ':');
    begin(v, false);
  }
  return out.join('');
}

/**
 * Reading typed values out of a parsed YAML document while recording, for every mistake, the key
 * and the line and column it sits at. Shared by the rule reader and the rule-test reader.
 */
import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { RuleLocation, RuleProblem } from './problems.js';

export interface Entry {
  readonly key: string;
  readonly keyNode: Node;
  readonly value: Node | null;
}

export class YamlReader {
  readonly problems: RuleProblem[] = [];

  constructor(
    readonly file: string,
    private readonly lc: LineCounter,
  ) {}

  pos(node: Node | null | undefined): { line: number; col: number } {
    const offset = node?.range?.[0];
    if (offset === undefined) return { line: 1, col: 1 };
    return this.lc.linePos(offset);
  }

  at(key: string, node: Node | null | undefined): RuleLocation {
    return { key, ...this.pos(node) };
  }

  error(key: string, node: Node | null | undefined, message: string): undefined {
    this.problems.push({ file: this.file, ...this.pos(node), key, message, severity: 'error' });
    return undefined;
  }

  warn(key: string, node: Node | null | undefined, message: string): void {
    this.problems.push({ file: this.file, ...this.pos(node), key, message, severity: 'warning' });
  }

  /** The entries of a mapping, keys as text. */
  entries(map: YAMLMap): Entry[] {
    return (map.items as Pair<Node, Node | null>[]).map((p) => ({
      key: isScalar(p.key) ? String(p.key.value) : String(p.key),
      keyNode: p.key,
      value: p.value ?? null,
    }));
  }

  entry(map: YAMLMap, key: string): Entry | undefined {
    return this.entries(map).find((e) => e.key === key);
  }

  map(key: string, node: Node | null, what = 'a mapping of keys to values'): YAMLMap | undefined {
    if (isMap(node)) return node;
    return this.error(key, node, `expected ${what}, found ${describe(node)}`);
  }

  seq(key: string, node: Node | null, what = 'a list'): YAMLSeq | undefined {
    if (isSeq(node)) return node;
    return this.error(key, node, `expected ${what}, found ${describe(node)}`);
  }

  items(seq: YAMLSeq): (Node | null)[] {
    return seq.items as (Node | null)[];
  }

  /** A non-empty string (numbers and booleans written bare are taken as their text). */
  text(key: string, node: Node | null, options: { allowEmpty?: boolean } = {}): string | undefined {
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') {
      return this.error(key, node, `expected text, found ${describe(node)}`);
    }
    const s = String(node.value);
    if (!options.allowEmpty && s.trim() === '') return this.error(key, node, 'must not be empty');
    return s;
  }

  integer(key: string, node: Node | null): number | undefined {
    const v = isScalar(node) ? node.value : undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isInteger(n)) return this.error(key, node, `expected a whole number, found ${describe(node)}`);
    return n;
  }

  boolean(key: string, node: Node | null): boolean | undefined {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
    return this.error(key, node, `expected true or false, found ${describe(node)}`);
  }
}

/** A key written with nothing after it (`tactics:`), which templates use for "none". */
export function isEmptyNode(node: Node | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === ''));
}

/** The node, or null when it is absent or empty. */
export function present(node: Node | null | undefined): Node | null {
  return isEmptyNode(node) ? null : node!;
}

export function describe(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'nothing';
    const s = String(node.value);
    return `'${s.length > 40 ? `${s.slice(0, 39)}…` : s}'`;
  }
  return 'an unsupported value';
}

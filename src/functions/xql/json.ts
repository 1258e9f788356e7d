/**
 * XQL's JSON functions (the *json_extract*, *json_extract_scalar*, *json_extract_array* and
 * *json_extract_scalar_array* pages), which `field -> path` also calls. The input is JSON text or a
 * dynamic value; the path is `$.a.b`, `$.a[0]` or `$['dotted.key']`. Keys are case-sensitive.
 * json_extract gives the JSON text of what the path names; json_extract_scalar a scalar's text (null
 * for an object or array); json_extract_array the JSON texts of an array's elements;
 * json_extract_scalar_array the texts of its scalar elements.
 */
import { dynamicToJson } from '../../types/convert.js';
import { type Dynamic, isPlainObject } from '../../types/value.js';
import { bindError, checkArgs, STRING } from '../scalar/conversion.js';
import type { ScalarFunction } from '../types.js';
import type { ScalarType } from '../../types/scalar-type.js';
import { TEXT } from './values.js';

type Step = string | number;

/** `$.a.b[0]['c.d']` → ['a', 'b', 0, 'c.d']; undefined when it is no path. */
export function parseJsonPath(path: string): Step[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: Step[] = [];
  const re = /\.([A-Za-z_@$][\w@$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  let i = 1;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m) return undefined;
    steps.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] ?? m[4])!));
    i = re.lastIndex;
  }
  return steps;
}

function parsed(v: unknown): Dynamic | undefined {
  if (typeof v !== 'string') return v === null || v === undefined ? undefined : (v as Dynamic);
  try {
    return JSON.parse(v) as Dynamic;
  } catch {
    return undefined;
  }
}

function walk(root: Dynamic | undefined, steps: readonly Step[]): Dynamic | undefined {
  let cur = root;
  for (const s of steps) {
    if (typeof s === 'number') cur = Array.isArray(cur) ? cur[s] : undefined;
    else cur = isPlainObject(cur) ? cur[s] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

function scalarText(v: Dynamic): string | null {
  if (v === null || typeof v === 'object') return null;
  return typeof v === 'string' ? v : String(v);
}

function jsonFn(name: string, type: ScalarType, pick: (found: Dynamic) => Dynamic): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args) {
      const bad = checkArgs(name, args, [TEXT, STRING]);
      if (bad) return bad;
      const path = args[1]!.constant?.value;
      if (typeof path !== 'string') return bindError(name, 'the JSON path must be a constant string');
      const steps = parseJsonPath(path);
      if (!steps) return bindError(name, `invalid JSON path '${path}': expected $.key, $.key[0] or $['key']`);
      return {
        type,
        impl: (a) => {
          const found = walk(parsed(a[0]), steps);
          return found === undefined ? null : pick(found);
        },
      };
    },
  };
}

export const xqlJsonFunctions: ScalarFunction[] = [
  jsonFn('json_extract', 'string', (v) => (v === null ? null : dynamicToJson(v))),
  jsonFn('json_extract_scalar', 'string', scalarText),
  jsonFn('json_extract_array', 'dynamic', (v) => (Array.isArray(v) ? v.map((e) => dynamicToJson(e)) : null)),
  jsonFn('json_extract_scalar_array', 'dynamic', (v) => (Array.isArray(v) ? v.map(scalarText).filter((e) => e !== null) : null)),
];

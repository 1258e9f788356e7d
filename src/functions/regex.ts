/**
 * Kusto's regular expressions, over re2js. Kusto uses RE2 syntax with linear-time matching, so
 * backtracking constructs (lookahead, lookbehind, backreferences) are rejected when compiled.
 * Positions are UTF-16 code-unit offsets, the unit JavaScript (and .NET) strings are indexed by.
 *
 * Shared by the string functions (extract, replace_regex, ...), `matches regex` and `parse kind=regex`.
 */
import { RE2JS } from 're2js';

export interface Regex {
  readonly pattern: string;
  /** Capturing groups, not counting group 0 (the whole match). */
  readonly groupCount: number;
  /** Named groups and their numbers. */
  readonly groupNames: Readonly<Record<string, number>>;
  readonly re: RE2JS;
}

export type RegexResult = { readonly regex: Regex } | { readonly error: string };

export interface RegexMatch {
  readonly start: number;
  readonly end: number;
  /** groups[0] is the whole match; a group that did not take part in the match is undefined. */
  readonly groups: readonly (string | undefined)[];
}

/**
 * Compiles a pattern. `flags` are the single-letter flags of `parse kind=regex flags=...`
 * (i, m, s, U); they are applied as an inline `(?flags)` prefix, as RE2 itself would read them.
 */
export function compileRegex(pattern: string, flags = ''): RegexResult {
  if (!/^[imsU]*$/.test(flags)) return { error: `invalid regex flags '${flags}': allowed are i, m, s and U` };
  try {
    const re = RE2JS.compile(flags ? `(?${flags})${pattern}` : pattern);
    return { regex: { pattern, groupCount: re.groupCount(), groupNames: { ...re.namedGroups() }, re } };
  } catch (e) {
    return { error: `invalid regex '${pattern}': ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function isRegexError(r: RegexResult): r is { readonly error: string } {
  return 'error' in r;
}

const CACHE_LIMIT = 64;
const cache = new Map<string, Regex | null>();

/**
 * For patterns that are not constants: compiles each distinct pattern once. Invalid patterns give
 * null, so the caller can return null for that row instead of failing the query.
 */
export function compileCached(pattern: string): Regex | null {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const r = compileRegex(pattern);
  const regex = isRegexError(r) ? null : r.regex;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, regex);
  return regex;
}

function groupsOf(m: ReturnType<RE2JS['matcher']>, count: number): (string | undefined)[] {
  const groups: (string | undefined)[] = [];
  for (let g = 0; g <= count; g++) groups.push(m.group(g) ?? undefined);
  return groups;
}

/** The first match at or after `from` (the text before `from` still counts for `^` and `\b`). */
export function firstMatch(regex: Regex, text: string, from = 0): RegexMatch | null {
  const m = regex.re.matcher(text);
  if (!m.find(from)) return null;
  return { start: m.start(), end: m.end(), groups: groupsOf(m, regex.groupCount) };
}

/**
 * All non-overlapping matches, left to right. As in RE2 (and unlike Java), an empty match right
 * where the previous match ended is not a match: `a*` over "baaac" matches at 0, 1..4 and 5 only.
 */
export function* allMatches(regex: Regex, text: string): Generator<RegexMatch> {
  const m = regex.re.matcher(text);
  let lastEnd = -1;
  while (m.find()) {
    const start = m.start();
    const end = m.end();
    if (start === end && start === lastEnd) continue;
    lastEnd = end;
    yield { start, end, groups: groupsOf(m, regex.groupCount) };
  }
}

export function countMatches(regex: Regex, text: string): number {
  let n = 0;
  for (const _ of allMatches(regex, text)) n++;
  return n;
}

/** A parsed rewrite pattern: literal text and group references. */
export type Rewrite = readonly (string | number)[];

/**
 * Parses a replace_regex rewrite pattern: `\0` is the whole match, `\1`..`\9` the groups and `\\`
 * a backslash (RE2's rewrite syntax, which the documentation describes). Any other backslash is
 * kept as written.
 */
export function parseRewrite(rewrite: string): Rewrite {
  const parts: (string | number)[] = [];
  let lit = '';
  for (let i = 0; i < rewrite.length; i++) {
    const c = rewrite[i]!;
    const next = rewrite[i + 1];
    if (c === '\\' && next !== undefined && next >= '0' && next <= '9') {
      if (lit) parts.push(lit);
      lit = '';
      parts.push(next.charCodeAt(0) - 48);
      i++;
    } else if (c === '\\' && next === '\\') {
      lit += '\\';
      i++;
    } else {
      lit += c;
    }
  }
  if (lit) parts.push(lit);
  return parts;
}

/** Replaces every match; references to groups that do not exist or did not match insert nothing. */
export function replaceAllMatches(regex: Regex, text: string, rewrite: Rewrite): string {
  let out = '';
  let pos = 0;
  for (const match of allMatches(regex, text)) {
    out += text.slice(pos, match.start);
    for (const part of rewrite) out += typeof part === 'number' ? (match.groups[part] ?? '') : part;
    pos = match.end;
  }
  return out + text.slice(pos);
}

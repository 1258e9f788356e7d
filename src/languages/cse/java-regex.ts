/**
 * RLIKE and `matches /re/` take Java regular expressions; kqlx runs them with RE2, which has the same
 * syntax for everything the catalog's rules write except the constructs that need backtracking. Those
 * are refused by name (never run approximately): lookahead and lookbehind, backreferences, atomic
 * groups and possessive quantifiers; and RE2's one limit Java lacks, repetition counts above 1000.
 */
const JAVA_ONLY: readonly [RegExp, string][] = [
  [/\(\?<?[=!]/, 'lookaround (?= (?! (?<= (?<!'],
  [/\(\?>/, 'atomic group (?>'],
  [/(?<!\\)\\[1-9]/, 'backreference \\1'],
  [/\\k</, 'named backreference \\k<name>'],
  [/[*+?}]\+/, 'possessive quantifier (*+ ++ ?+)'],
];

/** The Java-only construct a pattern uses, by name, or undefined. */
export function javaOnlyConstruct(pattern: string): string | undefined {
  const unescaped = pattern.replace(/\\\\/g, '');
  const named = JAVA_ONLY.find(([re]) => re.test(unescaped))?.[1];
  if (named) return named;
  const count = [...unescaped.matchAll(/(?<!\\)\{(\d+)(?:,(\d*))?\}/g)].find((m) => Number(m[1]) > 1000 || Number(m[2] || 0) > 1000);
  return count ? `a repetition count above 1000 (${count[0]})` : undefined;
}

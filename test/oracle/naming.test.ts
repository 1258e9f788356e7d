/** kqlx's result-naming table must agree with the official binder's ResultNameKind for every function. */
import { describe, expect, it } from 'vitest';
import { RESULT_NAME_KINDS } from '../../src/semantics/naming.js';
import { kustoLanguage } from './kusto-language.js';

type Kind = 'FirstArgument' | 'NameAndFirstArgument' | 'PrefixAndFirstArgument' | 'OnlyArgument' | 'PrefixOnly';

function officialKinds(): Map<string, { kind: Kind; prefix?: string }> {
  const K = kustoLanguage() as any;
  const kinds = K.Symbols.ResultNameKind;
  const names = Object.getOwnPropertyNames(kinds).filter((k) => typeof kinds[k] === 'number' && k !== 'length');
  const all = K.Functions.All;
  const out = new Map<string, { kind: Kind; prefix?: string }>();
  const count: number = all.Count ?? all.length;
  for (let i = 0; i < count; i++) {
    const f = all.getItem ? all.getItem(i) : all[i];
    const kind = names.find((k) => kinds[k] === f.ResultNameKind && k !== 'Default' && k !== 'None') as Kind | undefined;
    if (kind) out.set(f.Name, { kind, prefix: f.ResultNamePrefix ?? undefined });
  }
  return out;
}

describe('result naming', () => {
  it('matches the official ResultNameKind of every named function', () => {
    const ours = new Map<string, { kind: Kind; prefix?: string }>();
    for (const n of RESULT_NAME_KINDS.FIRST_ARGUMENT) ours.set(n, { kind: 'FirstArgument' });
    for (const n of RESULT_NAME_KINDS.NAME_AND_FIRST_ARGUMENT) ours.set(n, { kind: 'NameAndFirstArgument' });
    for (const [n, prefix] of Object.entries(RESULT_NAME_KINDS.PREFIX_AND_FIRST_ARGUMENT)) ours.set(n, { kind: 'PrefixAndFirstArgument', prefix });
    for (const n of RESULT_NAME_KINDS.ONLY_ARGUMENT) ours.set(n, { kind: 'OnlyArgument' });
    for (const [n, prefix] of Object.entries(RESULT_NAME_KINDS.PREFIX_ONLY)) ours.set(n, { kind: 'PrefixOnly', prefix });
    const official = officialKinds();
    // column_ifexists is special-cased in expressionName (its name is the constant's value).
    official.delete('column_ifexists');
    official.delete('columnifexists');
    const strip = (m: Map<string, { kind: Kind; prefix?: string }>) =>
      Object.fromEntries([...m].map(([n, v]) => [n, v.kind + (v.kind.startsWith('Prefix') ? `:${v.prefix}` : '')]).sort());
    expect(strip(ours)).toEqual(strip(official));
  });
});

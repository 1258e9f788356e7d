/** What the XQL front end lowers its surface forms to, before the shared binder sees them. */
import { describe, expect, it } from 'vitest';
import type * as A from '../../../src/syntax/ast.js';
import { lowerQuery } from '../../../src/syntax/xql/lower.js';
import { parseXql } from '../../../src/syntax/xql/parse.js';

function lowered(text: string): A.Pipeline {
  const { ast, diagnostics } = parseXql(text);
  expect(diagnostics).toEqual([]);
  const block = lowerQuery(ast!);
  return (block.statements[0] as A.ExprStatement).expr as A.Pipeline;
}

const predicate = (text: string) => (lowered(`dataset = t | filter ${text}`).operators[0] as A.Where).predicate;

describe('lowering XQL onto the shared AST', () => {
  it('the dataset is the source table; dataset in (...) a union', () => {
    expect(lowered('dataset = t').source).toMatchObject({ kind: 'Name', name: 't' });
    expect(lowered('dataset in (a, b)').source).toMatchObject({ kind: 'Union', tables: [{ name: 'a' }, { name: 'b' }] });
    expect(lowered('filter x = 1').source).toMatchObject({ kind: 'Name', name: 'xdr_data' });
  });
  it('= folds case on both sides unless config case_sensitive = true', () => {
    expect(predicate('a = "X"')).toMatchObject({ op: '==', left: { kind: 'Call', name: '$fold' }, right: { kind: 'Call', name: '$fold' } });
    const sensitive = (lowered('config case_sensitive = true | dataset = t | filter a = "X"').operators[0] as A.Where).predicate;
    expect(sensitive).toMatchObject({ op: '==', left: { kind: 'Name', name: 'a' }, right: { kind: 'Literal', value: 'X' } });
  });
  it('= null and != null are null tests', () => {
    expect(predicate('a = null')).toMatchObject({ kind: 'Call', name: '$isnull', args: [{ name: 'a' }] });
    expect(predicate('a != NULL')).toMatchObject({ kind: 'Call', name: 'not', args: [{ name: '$isnull' }] });
  });
  it('in is a chain of =; not in its negation', () => {
    expect(predicate('a in ("x", "y")')).toMatchObject({ kind: 'Paren', inner: { op: 'or', left: { op: '==' }, right: { op: '==' } } });
    expect(predicate('a not in (null, "")')).toMatchObject({ kind: 'Call', name: 'not', args: [{ inner: { op: 'or', left: { name: '$isnull' } } }] });
  });
  it('contains carries the query case sensitivity; ENUM.X is its name', () => {
    expect(predicate('a contains "x"')).toMatchObject({ kind: 'Call', name: '$contains', args: [{}, {}, { value: false }] });
    expect(predicate('a not contains "x"')).toMatchObject({ name: 'not', args: [{ name: '$contains' }] });
    expect(predicate('event_type = ENUM.NETWORK')).toMatchObject({ right: { args: [{ kind: 'Literal', type: 'string', value: 'NETWORK' }] } });
    // lsass_access.yaml of the public xql-hub collection writes `event_type = PROCESS`
    expect(predicate('event_type = PROCESS')).toMatchObject({ right: { args: [{ kind: 'Literal', type: 'string', value: 'PROCESS' }] } });
    expect(predicate('event_type = process_name')).toMatchObject({ right: { args: [{ kind: 'Name' }] } });
  });
  it('alter runs left to right: one extend per assignment', () => {
    expect(lowered('dataset = t | alter a = 1, b = a').operators.map((o) => (o as A.Extend).columns[0]!.names[0])).toEqual(['a', 'b']);
  });
  it('comp: unnamed aggregates are <function>_<n>; earliest/latest get _time', () => {
    const comp = lowered('dataset = t | comp count(), count(x), earliest(y) as e').operators[0] as A.Summarize;
    expect(comp.aggregates.map((a) => a.names[0])).toEqual(['count_1', 'count_2', 'e']);
    expect(comp.aggregates[2]!.expr).toMatchObject({ name: 'earliest', args: [{ name: 'y' }, { name: '_time' }] });
  });
  it('view is dropped', () => {
    expect(lowered('dataset = t | view graph type = pie | limit 1').operators.map((o) => o.kind)).toEqual(['Take']);
  });
});

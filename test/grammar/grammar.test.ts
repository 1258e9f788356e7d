/**
 * grammar/{kql,xql}.ebnf and grammar/{kql,xql}-diagrams.html are generated from the parsers. If this
 * fails after a parser change, run `npm run gen:grammar` and commit the regenerated files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateGrammar, KQL, LANGUAGES, XQL } from '../../grammar/generate.js';

const STALE = 'is stale: run `npm run gen:grammar` and commit the result';

function committed(path: string): string {
  expect(existsSync(path), `${path} is missing: run \`npm run gen:grammar\``).toBe(true);
  return readFileSync(path, 'utf8');
}

describe.each(LANGUAGES)('$name grammar reference', (lang) => {
  const generated = generateGrammar(lang);

  it('the EBNF matches the parser', () => {
    expect(committed(lang.ebnfPath), `${lang.ebnfPath} ${STALE}`).toBe(generated.ebnf);
  });

  it('the diagrams match the parser', () => {
    // compared whole: a diff of the embedded JSON would say little the EBNF diff does not
    expect(committed(lang.htmlPath) === generated.html, `${lang.htmlPath} ${STALE}`).toBe(true);
  });

  it('is deterministic', () => {
    expect(generateGrammar(lang)).toEqual(generated);
  });

  it('names its language and how to regenerate it', () => {
    expect(generated.ebnf).toMatch(new RegExp(`^\\(\\* ${lang.name} as kqlx parses it`));
    expect(generated.ebnf).toContain('npx tsx grammar/generate.ts');
    expect(generated.html).toContain('drawDiagramsFromSerializedGrammar');
  });
});

describe('KQL grammar reference', () => {
  const { ebnf, html } = generateGrammar(KQL);

  it('describes the main rules', () => {
    for (const rule of ['query', 'pipeExpression', 'queryOperator', 'whereOperator', 'summarizeOperator', 'joinOperator', 'expression']) {
      expect(ebnf).toMatch(new RegExp(`^${rule} =`, 'm'));
    }
    expect(ebnf).toContain("whereOperator = 'where' expression ;");
    expect(ebnf).toMatch(/^summarizeOperator = 'summarize' .*'by' assignmentList/m);
    expect(ebnf).toMatch(/^pipeExpression = expression \{ '\|' queryOperator \} ;$/m);
  });

  it('draws a diagram for every rule', () => {
    for (const rule of ['whereOperator', 'summarizeOperator', 'pipeExpression']) expect(html).toContain(`"name": "${rule}"`);
  });
});

describe('XQL grammar reference', () => {
  const { ebnf, html } = generateGrammar(XQL);

  it('describes every stage', () => {
    for (const stage of ['filter', 'alter', 'comp', 'fields', 'sort', 'limit', 'dedup', 'join', 'union', 'arrayexpand', 'bin', 'replacenull', 'windowcomp', 'transaction', 'top', 'tag', 'view']) {
      expect(ebnf).toMatch(new RegExp(`^${stage}Stage =`, 'm'));
      expect(html).toContain(`"name": "${stage}Stage"`);
    }
    expect(ebnf).toMatch(/^pipeline = stage \{ '\|' stage \} ;$/m);
    expect(ebnf).toContain("filterStage = 'filter' expression ;");
  });
});

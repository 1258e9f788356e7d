/**
 * grammar/kql.ebnf and grammar/kql-diagrams.html are generated from the parser. If this fails after a
 * parser change, run `npm run gen:grammar` and commit the regenerated files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EBNF_PATH, generateGrammar, HTML_PATH } from '../../grammar/generate.js';

const STALE = 'is stale: run `npm run gen:grammar` and commit the result';

function committed(path: string): string {
  expect(existsSync(path), `${path} is missing: run \`npm run gen:grammar\``).toBe(true);
  return readFileSync(path, 'utf8');
}

describe('grammar reference', () => {
  const generated = generateGrammar();

  it('kql.ebnf matches the parser', () => {
    expect(committed(EBNF_PATH), `grammar/kql.ebnf ${STALE}`).toBe(generated.ebnf);
  });

  it('kql-diagrams.html matches the parser', () => {
    // compared whole: a diff of the embedded JSON would say little the EBNF diff does not
    expect(committed(HTML_PATH) === generated.html, `grammar/kql-diagrams.html ${STALE}`).toBe(true);
  });

  it('is deterministic', () => {
    expect(generateGrammar()).toEqual(generated);
  });

  it('describes the main rules', () => {
    const ebnf = generated.ebnf;
    expect(ebnf).toMatch(/generated/i);
    expect(ebnf).toContain('npx tsx grammar/generate.ts');
    for (const rule of ['query', 'pipeExpression', 'queryOperator', 'whereOperator', 'summarizeOperator', 'joinOperator', 'expression']) {
      expect(ebnf).toMatch(new RegExp(`^${rule} =`, 'm'));
    }
    expect(ebnf).toContain("whereOperator = 'where' expression ;");
    expect(ebnf).toMatch(/^summarizeOperator = 'summarize' .*'by' assignmentList/m);
    expect(ebnf).toMatch(/^pipeExpression = expression \{ '\|' queryOperator \} ;$/m);
  });

  it('draws a diagram for every rule', () => {
    const html = generated.html;
    expect(html).toContain('drawDiagramsFromSerializedGrammar');
    for (const rule of ['whereOperator', 'summarizeOperator', 'pipeExpression']) expect(html).toContain(`"name": "${rule}"`);
  });
});

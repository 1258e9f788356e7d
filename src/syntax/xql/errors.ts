/**
 * Chevrotain's error messages for XQL, in kqlx's words. The codes are the shared syntax codes whose
 * meaning is the same in every language (KX103 unexpected token, KX104 missing operand, KX107
 * unexpected end); the code travels in front of the message, as for KQL.
 */
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import { CODE_SEPARATOR } from '../kql/errors.js';

function describe(t: IToken): string {
  return t.tokenType === EOF ? 'end of query' : `'${t.image}'`;
}

function label(t: TokenType): string {
  return t.LABEL ?? t.name;
}

const RULE_DESCRIPTIONS: Record<string, string> = {
  stage: 'a stage',
  operatorStage: 'a stage',
  pipeline: 'a stage',
  fieldName: 'a field name',
  nameRef: 'a field name',
  fieldPattern: 'a field name',
  sortKey: 'a field name',
  jsonPath: 'a JSON path',
  frameBound: 'a row offset or null',
  stageParameter: 'a value',
};

const OPERATOR_IMAGES = new Set(['=', '!=', '<>', '<', '<=', '>', '>=', '~=', '+', '-', '*', '/', 'and', 'or', 'not', '|', ',', '(', '->', 'in', 'contains']);

function expected(ruleName: string): string {
  return RULE_DESCRIPTIONS[ruleName] ?? 'an expression';
}

export const xqlErrorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected: want, actual }) {
    if (actual.tokenType === EOF) return `KX107${CODE_SEPARATOR}unexpected end of query; expected ${label(want)}`;
    return `KX103${CODE_SEPARATOR}expected ${label(want)} but found ${describe(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `KX103${CODE_SEPARATOR}expected '|' or the end of the query but found ${describe(firstRedundant)}`;
  },
  buildNoViableAltMessage({ actual, previous, ruleName }) {
    const found = actual[0]!;
    if (previous && OPERATOR_IMAGES.has(previous.image.toLowerCase()) && ruleName !== 'stage' && ruleName !== 'operatorStage') {
      return `KX104${CODE_SEPARATOR}missing operand after '${previous.image}'`;
    }
    if (found.tokenType === EOF) return `KX107${CODE_SEPARATOR}unexpected end of query; expected ${expected(ruleName)}`;
    return `KX103${CODE_SEPARATOR}expected ${expected(ruleName)} but found ${describe(found)}`;
  },
  buildEarlyExitMessage({ actual, previous, ruleName }) {
    const found = actual[0]!;
    if (previous && OPERATOR_IMAGES.has(previous.image.toLowerCase())) return `KX104${CODE_SEPARATOR}missing operand after '${previous.image}'`;
    if (found.tokenType === EOF) return `KX107${CODE_SEPARATOR}unexpected end of query; expected ${expected(ruleName)}`;
    return `KX103${CODE_SEPARATOR}expected ${expected(ruleName)} but found ${describe(found)}`;
  },
};

/**
 * Chevrotain's error messages rewritten in kqlx's words. The message carries its diagnostic code
 * in front (`KX103|...`), which parse() splits off; chevrotain has no other channel for it.
 */
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';

export const CODE_SEPARATOR = '\u0001';

function describe(t: IToken): string {
  return t.tokenType === EOF ? 'end of query' : `'${t.image}'`;
}

function label(t: TokenType): string {
  return t.LABEL ?? t.name;
}

const RULE_DESCRIPTIONS: Record<string, string> = {
  queryOperator: 'a query operator',
  statement: 'a statement',
  query: 'a query',
  columnName: 'a column name',
  typeName: 'a type name',
  assignment: 'an expression',
  sortKey: 'an expression',
  stringLiteral: 'a string',
  findProjection: "a column name or 'pack_all()'",
};

const OPERATOR_IMAGES = new Set([
  '==', '!=', '<>', '<', '<=', '>', '>=', '=~', '!~', '+', '-', '*', '/', '%', 'and', 'or', '=', '|', ',', '(',
  'by', 'on', '..',
]);

function expected(ruleName: string): string {
  return RULE_DESCRIPTIONS[ruleName] ?? 'an expression';
}

export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected: want, actual }) {
    if (actual.tokenType === EOF) return `KX107${CODE_SEPARATOR}unexpected end of query; expected ${label(want)}`;
    return `KX103${CODE_SEPARATOR}expected ${label(want)} but found ${describe(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `KX103${CODE_SEPARATOR}expected '|', ';' or the end of the query but found ${describe(firstRedundant)}`;
  },
  buildNoViableAltMessage({ actual, previous, ruleName }) {
    const found = actual[0]!;
    if (previous && OPERATOR_IMAGES.has(previous.image.toLowerCase()) && !ruleName.endsWith('Operator')) {
      return `KX104${CODE_SEPARATOR}missing operand after '${previous.image}'`;
    }
    if (found.tokenType === EOF) return `KX107${CODE_SEPARATOR}unexpected end of query; expected ${expected(ruleName)}`;
    return `KX103${CODE_SEPARATOR}expected ${expected(ruleName)} but found ${describe(found)}`;
  },
  buildEarlyExitMessage({ actual, previous, ruleName }) {
    const found = actual[0]!;
    if (previous && OPERATOR_IMAGES.has(previous.image.toLowerCase())) {
      return `KX104${CODE_SEPARATOR}missing operand after '${previous.image}'`;
    }
    return `KX103${CODE_SEPARATOR}expected ${expected(ruleName)} but found ${describe(found)}`;
  },
};

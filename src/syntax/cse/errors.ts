/**
 * Chevrotain's error messages in kqlx's words for Cloud SIEM rule expressions, each with its code in
 * front (`KX142|...`), split off by parse(), as the KQL front end does.
 */
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import { CODE_SEPARATOR } from '../kql/errors.js';

const OPERATORS = new Set([
  '=', '==', '!=', '<>', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '&&', '||', '!', 'and', 'or', 'not', 'in',
  'between', 'like', 'rlike', 'matches', '!matches', 'is', ',', '(', '[',
]);

function describe(t: IToken): string {
  return t.tokenType === EOF ? 'end of expression' : `'${t.image}'`;
}

function label(t: TokenType): string {
  return t.LABEL ?? t.name;
}

function missingOperand(previous: IToken | undefined): string | undefined {
  return previous && OPERATORS.has(previous.image.toLowerCase())
    ? `KX144${CODE_SEPARATOR}missing operand after '${previous.image}'`
    : undefined;
}

export const cseErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    if (actual.tokenType === EOF) return `KX143${CODE_SEPARATOR}unexpected end of expression; expected ${label(expected)}`;
    return `KX142${CODE_SEPARATOR}expected ${label(expected)} but found ${describe(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `KX142${CODE_SEPARATOR}expected an operator (AND, OR, =, IN, LIKE, ...) or the end of the expression but found ${describe(firstRedundant)}`;
  },
  buildNoViableAltMessage({ actual, previous }) {
    const found = actual[0]!;
    if (found.tokenType === EOF) return missingOperand(previous) ?? `KX143${CODE_SEPARATOR}unexpected end of expression; expected a value`;
    return missingOperand(previous) ?? `KX142${CODE_SEPARATOR}expected a value but found ${describe(found)}`;
  },
  buildEarlyExitMessage({ actual, previous }) {
    return missingOperand(previous) ?? `KX142${CODE_SEPARATOR}expected a value but found ${describe(actual[0]!)}`;
  },
};

/** A query language kqlx runs: its front end (text to the shared AST) and its dialect for the shared binder. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Dialect } from '../semantics/dialect.js';
import type { Block } from '../syntax/ast.js';

export interface Language {
  readonly name: string;
  parse(text: string): { readonly ast?: Block; readonly diagnostics: Diagnostic[] };
  readonly dialect: Dialect;
}

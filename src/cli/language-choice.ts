/**
 * Which language a query is written in, and the product whose sources it reads: KQL over Sentinel,
 * or XQL over Cortex XDR / XSIAM. `--lang` decides; without it a `.xql` file is XQL, anything else KQL.
 */
import { cortex } from '../cortex/catalog.js';
import { cortexSchema } from '../cortex/datasets.js';
import { kql } from '../languages/kql.js';
import type { Language } from '../languages/language.js';
import { xql } from '../languages/xql.js';
import type { ProductCatalog } from '../semantics/context.js';
import { sentinel } from '../sentinel/catalog.js';
import { sentinelSchema } from '../sentinel/schemas/index.js';
import type { ColumnSchema } from '../table/table.js';
import { UserError } from './exit-codes.js';

export interface LanguageChoice {
  readonly language: Language;
  readonly product: ProductCatalog;
  /** The product's known columns of a table, so a loaded file takes their types. */
  readonly schemaOf: (table: string) => ColumnSchema[] | undefined;
}

const CHOICES: Record<string, LanguageChoice> = {
  kql: { language: kql, product: sentinel, schemaOf: sentinelSchema },
  xql: { language: xql, product: cortex, schemaOf: cortexSchema },
};

export function chooseLanguage(lang: string | undefined, file: string | undefined): LanguageChoice {
  if (lang !== undefined) {
    const choice = CHOICES[lang.toLowerCase()];
    if (!choice) throw new UserError(`--lang must be kql or xql, not '${lang}'`);
    return choice;
  }
  return file !== undefined && /\.xql$/i.test(file) ? CHOICES.xql! : CHOICES.kql!;
}

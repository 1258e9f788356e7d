/**
 * What Cortex XDR / XSIAM knows beyond the loaded data, as the binder's catalogue asks for it: the
 * built-in dataset schemas. Cortex has no tabular functions a query calls by name.
 */
import type { ProductCatalog } from '../semantics/context.js';
import { cortexSchema } from './datasets.js';

export const cortex: ProductCatalog = {
  tableSchema: cortexSchema,
  sourceFunction: () => undefined,
};

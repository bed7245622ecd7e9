// A Temporal cluster other than the embedded one may not know the project's search
// attributes yet; starting a duty with them would then fail. Registered once at start-up.
import type { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_KEYS } from '../common/search-attributes.ts';

// temporal.api.enums.v1.IndexedValueType
const INDEXED: Record<string, number> = {
  TEXT: 1,
  KEYWORD: 2,
  INT: 3,
  DOUBLE: 4,
  BOOL: 5,
  DATETIME: 6,
  KEYWORD_LIST: 7,
};

export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
): Promise<void> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = SEARCH_ATTRIBUTE_KEYS.filter((k) => !(k.name in (customAttributes ?? {})));
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((k) => [k.name, INDEXED[k.type] ?? 2])),
  });
}

// Mixpanel's event export (src/fix/fill-down.ts takes ITEM_ID out of it when asked).

/**
 * Mixpanel's event export writes an event's properties as one JSON column; the item is a key there
 * (product_id). Asked ("Take ITEM_ID from properties' product_id", FixOptions.jsonItem), the fill-down
 * pass appends an ITEM_ID column with that key's value to every row (empty where a row lacks it: set
 * aside as any empty ITEM_ID): the inference and the fixer read the same column.
 */
export interface JsonItem {
  /** the JSON column's header cell */
  column: string;
  key: string;
}

/** a CSV cell's JSON (doubled quotes or backslash escapes, as exports write them) → the key's value, or '' */
export function jsonValue(cell: string, key: string): string {
  const inner = cell.replace(/^"([^]*)"$/, '$1');
  for (const text of [inner.replace(/""/g, '"'), inner.replace(/\\(["\\])/g, '$1')]) {
    try {
      const o = JSON.parse(text) as Record<string, unknown>;
      const v = o && typeof o === 'object' ? o[key] : undefined;
      return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
    } catch {
      // the other way of escaping
    }
  }
  return '';
}

// Several categories (or tags) in one value, as a shop export writes them, with "|" between them —
// the separator Personalize splits a categorical value at. One rule for every export: WooCommerce's
// `Clothing > T-shirts, Sale` (", " between entries, a comma inside one written "\,") and Magento's
// `Default Category/Gear,Default Category/Gear/Bags` ("," between full paths, each from the root).

/**
 * A raw (maybe quoted) list value split at `sep`, each entry through `entry` (undefined: the entry is
 * left out), joined with "|". Undefined when nothing changes, when there are fewer than `min` entries,
 * or when an entry holds a "|" already (it would split there). Raw in, raw out (quotes kept).
 */
export function listValue(raw: string, sep: RegExp, entry: (x: string) => string | undefined, min = 1): string | undefined {
  const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
  const inner = quoted ? raw.slice(1, -1) : raw;
  if (inner === '') return undefined;
  const parts = inner.split(sep);
  if (parts.length < min || parts.some((x) => x.includes('|'))) return undefined;
  const kept = parts.map(entry).filter((x): x is string => x !== undefined && x !== '');
  const joined = [...new Set(kept)].join('|');
  if (joined === inner) return undefined;
  return quoted ? `"${joined}"` : joined;
}

/** WooCommerce's Categories / Tags / Brands: ", " between entries, "\," a comma inside one */
export const wooList = (raw: string): string | undefined => listValue(raw, /(?<!\\), /, (x) => x.replace(/\\,/g, ',').trim(), 2);

/**
 * Magento's categories: full paths from the store's root category ("Default Category/Gear/Bags"),
 * "," between them. The root is on every path and tells nothing: each path without it; a path that
 * is the root alone is left out.
 */
export const magentoCategories = (raw: string): string | undefined =>
  listValue(raw, /,/, (x) => {
    const path = x.trim();
    const slash = path.indexOf('/');
    return slash < 0 ? undefined : path.slice(slash + 1).trim();
  });

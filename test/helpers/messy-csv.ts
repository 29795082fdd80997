// A typical export the validator rejects but the fixer repairs (issue #14): lower-case header names
// and ISO-8601 dates instead of epoch seconds. `rows` rows over `users` users (each with 2+
// interactions when rows ≥ 2 × users), optionally with rows no rule can fix (a timestamp that is no date: past the
// first 20 date findings the validator keeps, so the file still counts as fixable).
export const EPOCH0 = 1767225600; // 2026-01-01T00:00:00Z

export function messyInteractionsCsv(rows: number, users: number, opts: { unfixableAt?: number[] } = {}): string {
  const bad = new Set(opts.unfixableAt ?? []);
  let csv = 'user_id,item_id,timestamp,event_type,event_value\n';
  for (let i = 0; i < rows; i++) {
    const when = bad.has(i) ? 'sometime' : new Date((EPOCH0 + i) * 1000).toISOString().replace('.000Z', 'Z');
    csv += `u${i % users},i${i % 90},${when},click,1\n`;
  }
  return csv;
}

/**
 * A shop's exports as they come (the several-files fix, issue #19): interactions with spreadsheet
 * column names and ISO dates, items keyed by a lower-case `sku`. Every error is one the fixer repairs.
 */
export function messyShopFiles(rows = 1200): { interactions: string; items: string } {
  let interactions = 'User Id,Product SKU,Event Time,Action\n';
  for (let i = 0; i < rows; i++) interactions += `u${i % 50},sku-${i % 80},${new Date((EPOCH0 + i * 166) * 1000).toISOString().replace('.000Z', 'Z')},click\n`;
  let items = 'sku,price\n';
  for (let i = 0; i < 80; i++) items += `sku-${i},${(2 + i * 1.5).toFixed(2)}\n`;
  return { interactions, items };
}

const p2 = (n: number) => String(n).padStart(2, '0');
/**
 * 1,200 distinct interactions of 40 users in November 2026, the dates day first in numbers only
 * (01.11.2026 00:00): `days` in file order, 10 rows each, taking turns (a day over 12 proves the order).
 */
export function dayFirstCsv(days: number[]): string {
  const rows = Array.from({ length: 1200 }, (_, i) => `u${i % 40},i${i % 90},${p2(days[Math.floor(i / 10) % days.length])}.11.2026 ${p2(Math.floor(i / 60) % 24)}:${p2(i % 60)},${i % 5 ? 'click' : 'purchase'}`);
  return `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${rows.join('\n')}\n`;
}

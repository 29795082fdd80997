// A Google Analytics 4 export from BigQuery as a newcomer downloads it: event_date (20260301),
// event_timestamp in epoch microseconds, event_name, user_pseudo_id (the browser's ID, in every row)
// and user_id (only once a visitor signed in: `signedInEvery` — every so many rows; 0: never),
// device.category, and the item under `itemColumn` (item_id; items.item_id when the export's items
// array was flattened).
export function ga4Csv(rows = 1200, signedInEvery = 3, itemColumn = 'item_id'): string {
  const out = [`event_date,event_timestamp,event_name,user_pseudo_id,user_id,device.category,${itemColumn}`];
  const kinds = ['view_item', 'add_to_cart', 'purchase'];
  for (let i = 0; i < rows; i++) {
    const us = (1772352000 + i * 60) * 1_000_000 + (i % 1000) * 997;
    out.push(`20260301,${us},${kinds[i % 3]},${1000000 + (i % 60)}.${1650000000 + (i % 60)},${signedInEvery && i % signedInEvery === 0 ? `C${i % 60}` : ''},${i % 2 ? 'mobile' : 'desktop'},SKU_${i % 300}`);
  }
  return `${out.join('\n')}\n`;
}

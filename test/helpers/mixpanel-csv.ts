// A Mixpanel event export as CSV: event, distinct_id, time (epoch seconds) and the event's properties
// as one JSON column (the item under product_id), quoted the RFC 4180 way (doubled quotes).
export function mixpanelCsv(rows = 1200): string {
  const out = ['event,distinct_id,time,properties'];
  for (let i = 0; i < rows; i++) out.push(`${i % 5 ? 'Product Viewed' : 'Purchase'},${(i * 7) % 120 + 1000},${1767225600 + i * 60},"{""product_id"":""p-${i % 80}"",""$os"":""iOS"",""$insert_id"":""x${i}""}"`);
  return `${out.join('\n')}\n`;
}

// A Segment tracks export as a newcomer downloads it: anonymous_id, user_id, event, product_id and an
// ISO timestamp with milliseconds and Z — the header in lower case and Segment's own names.
// `anonymousEvery`: every so many rows a visitor who never signed in (user_id empty).
export function segmentCsv(rows = 1200, anonymousEvery = 0): string {
  const out = ['anonymous_id,user_id,event,product_id,timestamp'];
  for (let i = 0; i < rows; i++) out.push(`a-${i % 300},${anonymousEvery && i % anonymousEvery === 1 ? '' : `u${(i * 7) % 120}`},Product Viewed,sku-${i % 80},2026-03-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`);
  return `${out.join('\n')}\n`;
}

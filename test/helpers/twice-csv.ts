// A spreadsheet's export whose header names a column twice: "event type" in the 4th and the 5th column,
// the 4th the events (buy, view), the 5th "web" in every row.
export function twiceCsv(rows = 1200): string {
  const out = ['User ID,item.id,event.time,event type,event type'];
  for (let i = 0; i < rows; i++) out.push(`U${(i * 7) % 90},I${(i * 13) % 70},${1767225600 + i * 60},${i % 3 ? 'view' : 'buy'},web`);
  return `${out.join('\n')}\n`;
}

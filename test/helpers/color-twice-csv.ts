// A spreadsheet's export whose header names an extra column twice: "color" in the 4th and the 5th
// column, the 4th a colour (red, blue, green), the 5th a size (S, M, L, XL) under the same name.
export function colorTwiceCsv(rows = 1200): string {
  const out = ['USER_ID,ITEM_ID,TIMESTAMP,color,color'];
  for (let i = 0; i < rows; i++) out.push(`U${(i * 7) % 90},I${(i * 13) % 70},${1767225600 + i * 60},${['red', 'blue', 'green'][i % 3]},${['S', 'M', 'L', 'XL'][i % 4]}`);
  return `${out.join('\n')}\n`;
}

/**
 * The same header, each color one value in every row (the 4th "red", the 5th "XL": this month's export
 * of one product line), so the schema proposes leaving out both — and the user keeps one of them.
 */
export function colorTwiceConstantCsv(rows = 1200): string {
  const out = ['USER_ID,ITEM_ID,TIMESTAMP,color,color'];
  for (let i = 0; i < rows; i++) out.push(`U${(i * 7) % 90},I${(i * 13) % 70},${1767225600 + i * 60},red,XL`);
  return `${out.join('\n')}\n`;
}

// The shape of UCI's Online Retail II (a UK shop's invoice lines, 2009–2011): Invoice, StockCode,
// Description, Quantity, InvoiceDate written month-first without zeros (12/1/2009 7:45), Price,
// Customer ID as a float (13085.0) or empty (no customer account), Country. As in the real file, its
// first thousand-odd lines are all dated 1–12 December — either order reads them — and a later one
// (12/13/2009) is the first only the month first reads; a description now and then holds a quote.

/** `rows` invoice lines; every 8th without a customer; a day a 88 lines (1 … 12 December up to line 1,057) */
export function retailCsv(rows: number): string {
  const lines = ['Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country'];
  const codes = ['85123A', '84879', '22041', '21232', '79323W'];
  for (let i = 0; i < rows; i++) {
    const day = 1 + Math.floor(i / 88);
    const time = `${7 + (i % 11)}:${String((i * 7) % 60).padStart(2, '0')}`;
    const description = i % 10 === 9 ? '"RECORD FRAME 7"" SINGLE SIZE"' : `WHITE HANGING HEART ${i % 5}`;
    const customer = i % 8 === 7 ? '' : `${13085 + (i % 60)}.0`;
    lines.push(`${489434 + (i >> 2)},${codes[i % 5]},${description},${1 + (i % 12)},12/${day}/2009 ${time},${((1 + (i % 9)) * 0.85).toFixed(2)},${customer},United Kingdom`);
  }
  return `${lines.join('\n')}\n`;
}

// A shop's order export as Shopify writes it (the first file a newcomer brings): a BOM, CRLF line
// ends, the order number in Name, the customer's e-mail, one Financial Status and one Billing
// Country in every row, dates as "2026-06-05 12:41:03 +0100", and guest checkouts with no Customer
// ID (every `guestEvery`-th row). Deterministic: the same rows for the same arguments.
export const ORDERS_HEADER = 'Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Customer ID,Billing Country';

const PRODUCTS = ['T-Shirt ""Classic""', 'Socken 3er-Pack', 'Hoodie, grau', 'Mütze', 'Tasche'];

export function ordersCsv(rows: number, opts: { guestEvery?: number; customers?: number; skus?: number } = {}): string {
  const guestEvery = opts.guestEvery ?? 36;
  const customers = opts.customers ?? 120;
  const skus = opts.skus ?? 60;
  const lines = [`\uFEFF${ORDERS_HEADER}`];
  for (let i = 0; i < rows; i++) {
    const t = new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 300) * 86_400_000 + ((i * 104_729) % 86_400) * 1000 - 3_600_000);
    const date = `${t.toISOString().slice(0, 10)} ${t.toISOString().slice(11, 19)} +0100`;
    const guest = guestEvery > 0 && i % guestEvery === 0;
    const sku = `SKU-${String((i * 31) % skus).padStart(4, '0')}`;
    lines.push(`#${1000 + i},kunde${i}@example.com,paid,${date},${1 + (i % 3)},"${PRODUCTS[i % PRODUCTS.length]}",${(10 + ((i * 7) % 90)).toFixed(2)},${sku},${guest ? '' : 7000000000 + ((i * 13) % customers)},DE`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

// A WooCommerce store's two exports, as a shop owner brings them: the order export of a common
// order-export plugin (one row per line item; "Customer User ID" 0 for a guest checkout; dates
// "2026-03-14 09:12" in the shop's time zone; billing names, e-mails and phones; product names with
// quotes, commas, an emoji, a line break) and WooCommerce's own product export (wc-product-export:
// "ID","Type","SKU","Name", … "Categories" like "Clothing > T-shirts, Sale", "Parent" as "id:42" on
// a variation, whose Categories and Description are empty; a variable product's own row with no price).
// Both as PHP's fputcsv writes them: a UTF-8 BOM, LF line ends, a cell quoted when it holds a space,
// a comma or a quote (doubled). The orders' SKU are the products'. Deterministic.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WOO_ORDERS_COLUMNS = ['Order ID', 'Order Date', 'Order Status', 'Customer User ID', 'Billing First Name', 'Billing Last Name', 'Billing Email', 'Billing Phone', 'Billing City', 'Billing Country', 'Payment Method Title', 'Item #', 'Product ID', 'Variation ID', 'Product Name', 'SKU', 'Quantity', 'Item Cost', 'Order Total', 'Customer Note'];
export const WOO_PRODUCTS_COLUMNS = ['ID', 'Type', 'SKU', 'Name', 'Published', 'Is featured?', 'Visibility in catalog', 'Short description', 'Description', 'Tax status', 'In stock?', 'Stock', 'Weight (kg)', 'Allow customer reviews?', 'Sale price', 'Regular price', 'Categories', 'Tags', 'Images', 'Parent', 'Position', 'Attribute 1 name', 'Attribute 1 value(s)'];

/** a cell as PHP's fputcsv writes it: quoted when it holds a space, comma, quote or line break */
const cell = (v: string | number) => {
  const s = String(v);
  return /[\s,"\\]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const row = (cells: (string | number)[]) => cells.map(cell).join(',');

const KINDS = [
  { name: 'Hoodie "Zip"', cat: 'Clothing > Hoodies', tags: 'warm, winter', attr: 'Color', values: ['Blue', 'Grey', 'Black'] },
  { name: 'T-Shirt, organic', cat: 'Clothing > T-shirts, Sale', tags: 'cotton', attr: 'Size', values: ['S', 'M', 'L'] },
  { name: 'Beanie 🧶', cat: 'Accessories > Hats', tags: 'wool', attr: '', values: [] },
  { name: 'Sunglasses', cat: 'Accessories', tags: '', attr: '', values: [] },
  { name: 'Album', cat: 'Music', tags: 'vinyl', attr: '', values: [] },
  { name: 'Polo', cat: 'Clothing > T-shirts', tags: 'cotton, summer', attr: 'Color', values: ['Red', 'White'] },
];
const FIRST = ['Anna', 'Ben', 'Chloé', 'David', 'Emma', "O'Brien", 'Greta', 'Hannes'];
const LAST = ['Müller', 'Smith', 'García', 'Nguyen', 'Rossi', 'Dubois'];
const CITIES: [string, string][] = [['Berlin', 'DE'], ['Paris', 'FR'], ['Madrid', 'ES'], ['Dublin', 'IE'], ['Wien', 'AT']];
const STATUSES = ['completed', 'completed', 'completed', 'processing', 'completed', 'refunded', 'completed', 'cancelled'];

export interface WooSku { sku: string; productId: number; variationId: number; name: string; price: string }

/** the product export and the SKUs an order can hold (simple products and variations) */
export function wooProductsCsv(products: number): { csv: string; skus: WooSku[] } {
  const lines = [`\uFEFF${row(WOO_PRODUCTS_COLUMNS)}`];
  const skus: WooSku[] = [];
  let id = 10;
  for (let p = 0; p < products; p++) {
    const k = KINDS[p % KINDS.length];
    const name = `${k.name} ${p + 1}`;
    const parentId = id++;
    const price = (9 + ((p * 37) % 80) + 0.99).toFixed(2);
    const sale = p % 4 === 1 ? (Number(price) - 3).toFixed(2) : '';
    const description = `<p>Our ${name}, made to last.</p>\n<ul>\n<li>Fit: "regular"</li>\n<li>Care: 30°, do not tumble dry</li>\n</ul>`;
    const image = `https://shop.example.com/wp-content/uploads/2026/01/${k.name.toLowerCase().replace(/[^a-z]+/g, '-')}${p + 1}.jpg`;
    const variable = k.values.length > 0;
    const sku = `woo-${k.name.toLowerCase().replace(/[^a-z]+/g, '')}-${p + 1}`;
    lines.push(row([
      parentId, variable ? 'variable' : 'simple', sku, name, p % 13 === 12 ? 0 : 1, p % 7 === 0 ? 1 : 0, 'visible', `A ${k.name.toLowerCase()}, great value.`, description,
      'taxable', 1, variable ? '' : 20 + p, variable ? '' : '0.3', 1, variable ? '' : sale, variable ? '' : price, k.cat, k.tags, `${image}, ${image.replace('.jpg', '-2.jpg')}`, '', 0,
      k.attr, k.values.join(', '),
    ]));
    if (!variable) skus.push({ sku, productId: parentId, variationId: 0, name, price: sale || price });
    k.values.forEach((value, v) => {
      const vid = id++;
      const vsku = `${sku}-${value.toLowerCase()}`;
      lines.push(row([vid, 'variation', vsku, `${name} - ${value}`, 1, 0, 'visible', '', '', 'taxable', 1, 5 + v, '0.4', 0, '', price, '', '', image, `id:${parentId}`, v + 1, k.attr, value]));
      skus.push({ sku: vsku, productId: parentId, variationId: vid, name: `${name} - ${value}`, price });
    });
  }
  return { csv: `${lines.join('\n')}\n`, skus };
}

/** the order export: `rows` line items, orders of 1–3 items, every `guestEvery`-th order a guest's (Customer User ID 0) */
export function wooOrdersCsv(rows: number, skus: WooSku[], o: { customers?: number; guestEvery?: number } = {}): string {
  const customers = o.customers ?? 220;
  const guestEvery = o.guestEvery ?? 4;
  const lines = [`\uFEFF${row(WOO_ORDERS_COLUMNS)}`];
  let order = 0;
  for (let i = 0; i < rows; order++) {
    const items = 1 + (order % 3);
    const t = new Date(Date.UTC(2026, 0, 2) + order * 4_127_000);
    const date = `${t.toISOString().slice(0, 10)} ${t.toISOString().slice(11, 16)}`;
    const guest = order % guestEvery === 0;
    const c = (order * 37) % customers;
    const first = FIRST[c % FIRST.length];
    const last = LAST[(c * 5) % LAST.length];
    const [city, country] = CITIES[c % CITIES.length];
    const lineItems = Array.from({ length: Math.min(items, rows - i) }, (_, n) => skus[(order * 7 + n * 11) % skus.length]);
    const total = lineItems.reduce((s, k, n) => s + Number(k.price) * (1 + ((order + n) % 2)), 0) + 4.9;
    lineItems.forEach((k, n) => {
      // a name as the shop owner typed it: one has a line break (a gift message pasted in)
      const name = order % 97 === 5 && n === 0 ? `${k.name}\nGift wrapped 🎁` : k.name;
      lines.push(row([
        5000 + order, date, STATUSES[order % STATUSES.length], guest ? 0 : 1 + c, first, last, `${first.toLowerCase().replace(/[^a-z]/g, '')}.${c}@example.com`,
        c % 3 === 0 ? '' : `+49 151 ${String(1000000 + c * 7919).slice(0, 7)}`, city, country, order % 5 === 0 ? 'PayPal' : 'Credit Card (Stripe)',
        n + 1, k.productId, k.variationId, name, k.sku, 1 + ((order + n) % 2), k.price, total.toFixed(2), order % 23 === 0 ? 'Please leave at the door, thanks!' : '',
      ]));
      i++;
    });
  }
  return `${lines.join('\n')}\n`;
}

/** Both exports, written into `dir` (made if missing) under the names WooCommerce gives them; returns their paths. */
export function writeWooExports(dir: string, o: { products?: number; orderRows?: number; guestEvery?: number } = {}): { orders: string; products: string } {
  const { csv, skus } = wooProductsCsv(o.products ?? 36);
  mkdirSync(dir, { recursive: true });
  const paths = { orders: join(dir, 'orders-2026-03-31.csv'), products: join(dir, 'wc-product-export-31-3-2026-1711890000000.csv') };
  writeFileSync(paths.products, csv);
  writeFileSync(paths.orders, wooOrdersCsv(o.orderRows ?? 2_400, skus, { guestEvery: o.guestEvery }));
  return paths;
}

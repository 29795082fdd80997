// A Shopify-style store's three exports, as a shop owner brings them (issue #19 with an order export):
// orders_export.csv (interactions: test/helpers/orders-csv.ts's columns), products_export.csv (items:
// one row per variant, Body (HTML) with commas, quotes and line breaks inside quotes, Tags "a, b",
// Published TRUE/FALSE, Variant Compare At Price often empty; with blankVariantRows the later
// variants leave the product's columns empty, as Shopify writes them) and customers_export.csv (users: names,
// e-mails, phones, addresses and notes — personal data — beside Accepts Email Marketing, the country,
// Total Spent and Total Orders). The orders' Lineitem sku are the products' Variant SKU, their
// Customer ID the customers'; some orders have no Customer ID (guest checkouts). BOM and CRLF line
// ends in every file, as Shopify writes them. Deterministic: the same bytes for the same arguments.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SHOP_ORDERS_HEADER = 'Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Customer ID,Billing Country';
export const SHOP_PRODUCTS_HEADER = 'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price,Variant Compare At Price,Variant Requires Shipping,Image Src,Gift Card,Status';
export const SHOP_CUSTOMERS_HEADER = 'Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Phone,Total Spent,Total Orders,Tags,Note,Tax Exempt';

const KINDS = [
  { type: 'T-Shirts', title: 'T-Shirt', tags: 'cotton, summer', sizes: ['S', 'M', 'L'] },
  { type: 'Hoodies', title: 'Hoodie', tags: 'warm, winter', sizes: ['M', 'L'] },
  { type: 'Socks', title: 'Socken 3er-Pack', tags: 'basics', sizes: ['39-42', '43-46'] },
  { type: 'Bags', title: 'Tasche', tags: 'accessories, canvas', sizes: ['One Size'] },
  { type: 'Hats', title: 'Mütze', tags: 'winter, wool', sizes: ['One Size'] },
];
const COLOURS = ['grau', 'schwarz', 'blau', 'grün', 'rot', 'weiß'];
const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hannes', 'Ida', 'Jonas'];
const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker'];
const CITIES: [string, string, string][] = [['Berlin', 'BE', 'DE'], ['München', 'BY', 'DE'], ['Hamburg', 'HH', 'DE'], ['Wien', '9', 'AT'], ['Zürich', 'ZH', 'CH'], ['Köln', 'NW', 'DE']];

export interface ShopOptions {
  /** order lines (rows of the orders export) */
  orders?: number;
  /** products; each has 1–3 variants (its SKUs) */
  products?: number;
  customers?: number;
  /** every n-th order is a guest checkout (no Customer ID) */
  guestEvery?: number;
  /** as Shopify writes a product's second and later variants: only Handle, the option and the Variant columns filled */
  blankVariantRows?: boolean;
}

/** a quoted CSV value (RFC 4180, as Shopify writes it: "" for a quote) */
const q = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** the products export and the SKUs it holds (one row per variant) */
export function productsCsv(products: number, blankVariantRows = false): { csv: string; skus: string[]; titles: Map<string, string>; prices: Map<string, string> } {
  const lines = [`\uFEFF${SHOP_PRODUCTS_HEADER}`];
  const skus: string[] = [];
  const titles = new Map<string, string>();
  const prices = new Map<string, string>();
  for (let p = 0; p < products; p++) {
    const k = KINDS[p % KINDS.length];
    const colour = COLOURS[(p * 7) % COLOURS.length];
    const title = `${k.title} ${colour} ${p + 1}`;
    const handle = `${k.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${colour}-${p + 1}`.replace(/ü/g, 'u').replace(/ß/g, 'ss');
    // a description over several lines, with commas and quotes (a Shopify editor's HTML)
    const body = `<p>Unser ${k.title} in ${colour}, aus 100 % Bio-Baumwolle.</p>\n<ul>\n<li>Passform: "regular"</li>\n<li>Pflege: 30°, nicht trocknen</li>\n</ul>\n<p>Artikel ${p + 1} — fair produziert.</p>`;
    const price = (12 + ((p * 37) % 80) + 0.95).toFixed(2);
    k.sizes.forEach((size, v) => {
      const sku = `SKU-${String(p).padStart(4, '0')}-${v + 1}`;
      skus.push(sku);
      titles.set(sku, `${title} - ${size}`);
      prices.set(sku, price);
      const compare = p % 3 === 0 ? (Number(price) + 10).toFixed(2) : '';
      const blank = blankVariantRows && v > 0;
      lines.push([
        handle, blank ? '' : q(title), blank ? '' : q(body), blank ? '' : 'Nordfaden', blank ? '' : k.type, blank ? '' : q(k.tags), blank ? '' : p % 11 === 10 ? 'FALSE' : 'TRUE', blank ? '' : 'Size', size, sku,
        String((p * 13 + v * 5) % 60), price, compare, 'TRUE', `https://cdn.shopify.com/s/files/1/0000/0001/products/${handle}-${v + 1}.jpg?v=1717000000`, 'FALSE', 'active',
      ].join(','));
    });
  }
  return { csv: `${lines.join('\r\n')}\r\n`, skus, titles, prices };
}

/** the customers export: Customer ID 7000000000 + i */
export function customersCsv(customers: number, orderCounts: number[] = [], spent: number[] = []): string {
  const lines = [`\uFEFF${SHOP_CUSTOMERS_HEADER}`];
  for (let i = 0; i < customers; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 3) % LAST.length];
    const [city, province, country] = CITIES[(i * 5) % CITIES.length];
    lines.push([
      String(7000000000 + i), first, last, `${first.toLowerCase()}.${last.toLowerCase().replace(/ü/g, 'ue')}${i}@example.com`, i % 3 === 0 ? 'no' : 'yes',
      i % 17 === 0 ? q(`${last} & Co. KG`) : '', q(`${['Hauptstraße', 'Bahnhofstr.', 'Gartenweg'][i % 3]} ${1 + (i % 90)}`), city, province, country, String(10000 + ((i * 7919) % 89999)),
      i % 4 === 0 ? '' : `+49 151 ${String(1000000 + ((i * 104729) % 8999999))}`, (spent[i] ?? 0).toFixed(2), String(orderCounts[i] ?? 0),
      i % 5 === 0 ? q('VIP, newsletter') : '', i % 9 === 0 ? q(`Bitte klingeln, "Hinterhaus"\nAb 18 Uhr`) : '', 'no',
    ].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** the orders export: its Lineitem sku from `skus`, its Customer ID 7000000000 + a customer (guests: empty) */
export function shopOrdersCsv(rows: number, skus: string[], titles: Map<string, string>, prices: Map<string, string>, customers: number, guestEvery: number): { csv: string; orderCounts: number[]; spent: number[] } {
  const lines = [`\uFEFF${SHOP_ORDERS_HEADER}`];
  const orderCounts = Array.from({ length: customers }, () => 0);
  const spent = Array.from({ length: customers }, () => 0);
  for (let i = 0; i < rows; i++) {
    const t = new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 300) * 86_400_000 + ((i * 104_729) % 86_400) * 1000 - 3_600_000);
    const date = `${t.toISOString().slice(0, 10)} ${t.toISOString().slice(11, 19)} +0100`;
    const guest = guestEvery > 0 && i % guestEvery === 0;
    const sku = skus[(i * 31) % skus.length];
    const c = (i * 13) % customers;
    const qty = 1 + (i % 3);
    if (!guest) {
      orderCounts[c]++;
      spent[c] += qty * Number(prices.get(sku));
    }
    lines.push(`#${1001 + i},${guest ? `gast${i}@example.org` : `kunde${c}@example.com`},paid,${date},${qty},${q(titles.get(sku)!)},${prices.get(sku)},${sku},${guest ? '' : 7000000000 + c},DE`);
  }
  return { csv: `${lines.join('\r\n')}\r\n`, orderCounts, spent };
}

/** The three exports, written into `dir` (made if missing) as Shopify names them; returns their paths. */
export function writeShopExports(dir: string, o: ShopOptions = {}): { orders: string; products: string; customers: string } {
  const { csv: products, skus, titles, prices } = productsCsv(o.products ?? 40, o.blankVariantRows);
  const customers = o.customers ?? 150;
  const orders = shopOrdersCsv(o.orders ?? 1_260, skus, titles, prices, customers, o.guestEvery ?? 36);
  mkdirSync(dir, { recursive: true });
  const paths = { orders: join(dir, 'orders_export.csv'), products: join(dir, 'products_export.csv'), customers: join(dir, 'customers_export.csv') };
  writeFileSync(paths.orders, orders.csv);
  writeFileSync(paths.products, products);
  writeFileSync(paths.customers, customersCsv(customers, orders.orderCounts, orders.spent));
  return paths;
}

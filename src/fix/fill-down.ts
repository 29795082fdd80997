// A Shopify products export writes a product's own columns (Title, Body (HTML), Vendor, Type, Tags,
// Published, Option1 Name …) on its first row only: its second and later variants — one row each,
// their own Variant SKU, the ITEM_ID the orders name — leave them empty. Fixed as they are, those
// rows were set aside ("CATEGORY_L1 is empty") and half of the orders then named items the catalogue
// lacked. Here such a file's empty product columns are filled in from the product's first row (same
// Handle, the rows one after the other, as Shopify writes them) before the fixer reads it: a stream
// transform that keeps every other byte and the line count (a value over several lines, copied, has
// its breaks written as spaces, as the fixer joins them), so the fixer's line numbers stay the
// file's. A variant's own columns (Variant …, Option1 Value, Image …, Cost per item) are never filled.
// A Magento products export goes through the same pass (store-views.ts: its store-view rows, its
// categories and short dates).
import { closeSync, openSync, readSync } from 'node:fs';
import type { CsvSource, SchemaModel } from '../validate/index.js';
import { isWooGuestColumn } from '../validate/aliases.js';
import { fixFile } from './file.js';
import { wooList } from './lists.js';
import { MagentoRows, magentoColumns, type MagentoFound } from './store-views.js';
import type { DateOrder } from '../validate/dates.js';
import { shown } from './values.js';
import { anonymousInto, anonymousLabel, segmentColumns } from './segment.js';
import { jsonValue, type JsonItem } from './mixpanel.js';
import { csvValue } from './header.js';
import type { FixOptions, FixResult } from './fix.js';
import { withCommas } from '../core/with-commas.js';

export { wooList } from './lists.js';

/** what was filled in: rows and values, and one example */
export interface FillDown {
  rows: number;
  values: number;
  /** given: a WooCommerce order export's guest checkouts (Customer User ID 0) emptied, counted here */
  guests?: number;
  /** given: a Segment export's empty user_id written with the row's anonymous_id (segment.ts), counted here */
  anonymous?: number;
  /** with `anonymous`: the rows whose user_id and anonymous_id are both empty (no USER_ID even so), counted here */
  noAnonymous?: number;
  /** given: an ITEM_ID column appended, from this key of this JSON column (a Mixpanel export's properties: mixpanel.ts); `fromJson` counts the rows it named */
  jsonItem?: JsonItem;
  fromJson?: number;
  /** a WooCommerce products export's lists (Categories, Tags) written with "|" between their entries */
  lists?: { rows: number; values: number };
  listExample?: { line: number; column: string; before: string; after: string };
  example?: { line: number; column: string; after: string };
  /** a Magento products export: its store-view rows, categories and dates (store-views.ts) */
  magento?: MagentoFound;
  /**
   * given (the fixer): a Magento export's store-view rows stay in the stream, set aside by these
   * reasons (line → reason, FixOptions.setAside); else (schema inference) they are left out (blank lines)
   */
  asides?: Map<number, string>;
  /** given (--dates): the order a Magento export's short dates are read in; else month first (en_US) */
  dateOrder?: DateOrder;
}

/** a variant's own columns: never copied from the product's first row */
const OWN = /^(variant\b|option\d+ value|image\b|cost per item|inventory\b|gift card)/i;

/** The Handle column and the product columns to fill, when the header is a Shopify products export's. */
export function shopifyProductColumns(header: string[]): { key: number; fill: number[] } | undefined {
  const names = header.map((h) => h.replace(/^\uFEFF/, '').replace(/^"|"$/g, '').trim());
  const key = names.findIndex((n) => n.toLowerCase() === 'handle');
  if (key < 0 || !names.some((n) => /^variant (sku|price)$/i.test(n))) return undefined;
  return { key, fill: names.map((n, i) => i).filter((i) => i !== key && !OWN.test(names[i])) };
}

/**
 * WooCommerce's product export: a variation's row ("Parent" id:42, or the parent's SKU) leaves the
 * product's Categories, Tags and descriptions empty — its variable product's row, written before it,
 * has them. The Parent column (`key`), the ID and SKU columns, and those to fill.
 */
export function wooProductColumns(header: string[]): { key: number; id: number; sku: number; fill: number[]; lists: number[] } | undefined {
  const names = header.map((h) => h.replace(/^\uFEFF/, '').replace(/^"|"$/g, '').trim().toLowerCase());
  const [key, id, sku] = ['parent', 'id', 'sku'].map((n) => names.indexOf(n));
  if (key < 0 || id < 0 || !names.includes('type') || !names.includes('regular price')) return undefined;
  const of = (re: RegExp) => names.map((n, i) => i).filter((i) => re.test(names[i]));
  return { key, id, sku, fill: of(/^(categories|tags|short description|description|brands)$/), lists: of(/^(categories|tags|brands)$/) };
}

/**
 * WooCommerce's order export names a guest checkout's customer 0 ("Customer User ID": the order has
 * no account): the column's index, when the header has it. Read as a USER_ID, every guest would be one
 * customer who bought a quarter of the shop; emptied, the fixer sets those rows aside as guest checkouts.
 */
export function wooGuestColumn(header: string[]): number | undefined {
  const i = header.findIndex(isWooGuestColumn);
  return i < 0 ? undefined : i;
}

/** records of comma-separated text: raw fields (quotes kept) and the line end, quoted line breaks inside */
function* records(text: string, from: number, final: boolean): Generator<{ fields: string[]; end: string; next: number; lines: number }> {
  let i = from;
  for (;;) {
    const fields: string[] = [];
    let start = i;
    let quoted = false;
    let lines = 0;
    let j = i;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 34) quoted = !quoted;
      else if (quoted) {
        if (c === 10) lines++;
      } else if (c === 44) {
        fields.push(text.slice(start, j));
        start = j + 1;
      } else if (c === 10) break;
    }
    if (j >= text.length && !final) return;
    if (j >= text.length && start >= text.length && fields.length === 0) return;
    let field = text.slice(start, j);
    let end = j < text.length ? '\n' : '';
    if (field.endsWith('\r')) {
      field = field.slice(0, -1);
      end = `\r${end}`;
    }
    fields.push(field);
    yield { fields, end, next: j < text.length ? j + 1 : j, lines: lines + 1 };
    i = j < text.length ? j + 1 : j;
    if (i >= text.length) return;
  }
}

/** a raw (latin1-read, maybe quoted) cell as the text it holds, for a change's example */
const cellText = (x: string): string => Buffer.from(x, 'latin1').toString('utf8').replace(/^"([^]*)"$/, '$1').replace(/""/g, '"');

/** fills a row's empty `fill` cells from `from` (the product's first row, a variation's parent), counting them */
function fillFrom(fields: string[], from: string[], fill: number[], line: number, names: string[], stats: FillDown): void {
  let filled = 0;
  for (const i of fill) {
    if (fields[i] !== '' || from[i] === '') continue;
    fields[i] = from[i];
    filled++;
    stats.example ??= { line, column: names[i], after: cellText(from[i]) };
  }
  if (filled) {
    stats.rows++;
    stats.values += filled;
  }
}

/** What the pass does to the rows of one export (`key`: the column it reads a row by; `fill`: the columns filled down). */
type Plan = { key: number; fill: number[]; guests?: boolean; woo?: { id: number; sku: number; lists: number[] }; magento?: MagentoRows; segment?: { user: number; anonymous: number }; json?: number };

const ifFound = <T, U>(x: T | undefined, f: (x: T) => U): U | undefined => (x === undefined ? undefined : f(x));

/** The exports the pass rewrites, known by their header (`names`, as read): the first rule that reads one wins. */
const EXPORTS: ((names: string[], stats: FillDown) => Plan | undefined)[] = [
  // a Mixpanel export, asked: ITEM_ID appended from a key of its JSON column (it is none of the shops' exports)
  (names, stats) => ifFound(stats.jsonItem && names.indexOf(stats.jsonItem.column), (json) => (json >= 0 ? { key: json, fill: [], json } : undefined)),
  // Shopify products: a product's columns filled in on its later variants' rows
  (names) => shopifyProductColumns(names),
  // WooCommerce products: a variable product's columns filled in on its variations' rows, its lists written with |
  (names) => ifFound(wooProductColumns(names), (woo) => ({ key: woo.key, fill: woo.fill, woo })),
  // Magento products: store-view rows set aside, categories and short dates rewritten (store-views.ts)
  (names, stats) => ifFound(magentoColumns(names), (mag) => ({ key: mag.sku, fill: [], magento: new MagentoRows(mag, names, (stats.magento ??= {} as MagentoFound), stats.asides, stats.dateOrder) })),
  // WooCommerce orders, when USER_ID is required: a guest checkout's Customer User ID 0 emptied
  (names, stats) => (stats.guests !== undefined ? ifFound(wooGuestColumn(names), (guest) => ({ key: guest, fill: [], guests: true })) : undefined),
  // Segment, asked: an empty user_id written with the row's anonymous_id (segment.ts)
  (names, stats) => (stats.anonymous !== undefined ? ifFound(segmentColumns(names), (segment) => ({ key: segment.user, fill: [], segment })) : undefined),
];

/** The bytes of `source` with the rows of one of EXPORTS rewritten (a Shopify products export's empty product columns filled in …; others as they are). */
export async function* fillDown(source: AsyncIterable<Uint8Array>, stats: FillDown): AsyncGenerator<Uint8Array> {
  // bytes as latin1 text, one character a byte: every delimiter is ASCII, and the bytes come back as
  // they were (UTF-8, Windows-1252 or a BOM are the fixer's to read)
  const enc = (t: string) => Buffer.from(t, 'latin1');
  let text = '';
  let names: string[] = [];
  // undefined before the header, null for a file that is none of EXPORTS
  let plan: Plan | null | undefined;
  // a WooCommerce product export: each product's row by its "id:N" and its SKU (its variations come after it)
  const parents = new Map<string, string[]>();
  let width = 0;
  let line = 1;
  let handle: string | undefined;
  let first: string[] = [];
  const flush = function* (final: boolean): Generator<Uint8Array> {
    let out = '';
    let used = 0;
    for (const r of records(text, 0, final)) {
      used = r.next;
      if (plan === undefined) {
        names = r.fields.map((f) => Buffer.from(f, 'latin1').toString('utf8').replace(/^\uFEFF/, '').replace(/^"|"$/g, '').trim());
        plan = null;
        for (const rule of EXPORTS) {
          plan = rule(names, stats) ?? null;
          if (plan) break;
        }
        width = r.fields.length;
        // (a Mixpanel export's ITEM_ID: the column appended)
        out += r.fields.join(',') + (plan?.json !== undefined ? ',ITEM_ID' : '') + r.end;
        line += r.lines;
        continue;
      }
      if (plan?.json !== undefined) {
        const v = r.fields.length === width ? jsonValue(cellText(r.fields[plan.json]), stats.jsonItem!.key) : '';
        if (v) stats.fromJson = (stats.fromJson ?? 0) + 1;
        r.fields.push(Buffer.from(csvValue(v), 'utf8').toString('latin1'));
      } else if (plan?.magento) {
        if (r.fields.length === width && !plan.magento.row(r.fields, line)) {
          // (schema inference) a store-view row left out: its lines blank, so line numbers stay
          out += '\n'.repeat(r.lines - 1) + r.end;
          line += r.lines;
          continue;
        }
      } else if (plan?.guests) {
        if (r.fields.length === width && /^("?)0\1$/.test(r.fields[plan.key])) {
          r.fields[plan.key] = '';
          stats.guests!++;
        }
      } else if (plan?.segment) {
        if (r.fields.length === width && anonymousInto(r.fields, plan.segment)) stats.anonymous!++;
        else if (r.fields.length === width && /^("?)\1$/.test(r.fields[plan.segment.user] ?? 'x')) stats.noAnonymous = (stats.noAnonymous ?? 0) + 1;
      } else if (plan?.woo) {
        if (r.fields.length === width) {
          let listed = 0;
          for (const i of plan.woo.lists) {
            const v = wooList(r.fields[i]);
            if (v === undefined) continue;
            stats.listExample ??= { line, column: names[i], before: cellText(r.fields[i]), after: cellText(v) };
            r.fields[i] = v;
            listed++;
          }
          if (listed) stats.lists = { rows: (stats.lists?.rows ?? 0) + 1, values: (stats.lists?.values ?? 0) + listed };
          const parentOf = r.fields[plan.key].replace(/^"|"$/g, '');
          const parent = parentOf ? parents.get(parentOf) : undefined;
          if (parent) fillFrom(r.fields, parent, plan.fill, line, names, stats);
          else if (!parentOf) {
            const own = r.fields.map((v) => v.replace(/\r?\n/g, ' '));
            parents.set(`id:${r.fields[plan.woo.id].replace(/^"|"$/g, '')}`, own);
            const sku = plan.woo.sku >= 0 ? r.fields[plan.woo.sku].replace(/^"|"$/g, '') : '';
            if (sku) parents.set(sku, own);
          }
        }
      } else if (plan && r.fields.length === width && r.fields[plan.key] !== '') {
        if (r.fields[plan.key] !== handle) {
          handle = r.fields[plan.key];
          first = r.fields.map((v) => v.replace(/\r?\n/g, ' '));
        } else fillFrom(r.fields, first, plan.fill, line, names, stats);
      }
      out += r.fields.join(',') + r.end;
      line += r.lines;
      if (out.length >= 1 << 16) {
        yield enc(out);
        out = '';
      }
    }
    text = text.slice(used);
    if (out) yield enc(out);
  };
  for await (const chunk of source) {
    if (plan === null) {
      // not such an export: the rest as it comes
      if (text) yield enc(text);
      text = '';
      yield chunk;
      continue;
    }
    text += Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    yield* flush(false);
  }
  if (plan === null) {
    if (text) yield enc(text);
    return;
  }
  yield* flush(true);
}

/** The source as the fixer reads it: a Shopify products export filled in (read through a stream: one thread). */
export function withFillDown(input: CsvSource, stats: FillDown): CsvSource {
  const { path: _path, ...rest } = input;
  // (read again — fixFile's second pass — the counts start again)
  return { ...rest, open: async () => fillDown(input.stream ?? (await input.open!()), Object.assign(stats, { rows: 0, values: 0, lists: undefined, listExample: undefined, example: undefined }, stats.guests !== undefined ? { guests: 0 } : {}, stats.anonymous !== undefined ? { anonymous: 0 } : {}, stats.jsonItem ? { fromJson: 0 } : {})) };
}

/** a local file's header cells (its first 64 KiB read; none when it cannot be read) */
function headerOf(path: string): string[] {
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(1 << 16);
      const text = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
      return text.split('\n')[0].replace(/\r$/, '').split(',');
    } finally {
      closeSync(fd);
    }
  } catch {
    return [];
  }
}

/**
 * fixFile, with an items file that is a Shopify products export (local) filled in first; the summary
 * then says so first (how many values in how many rows, an example).
 */
export async function fixFilled(input: CsvSource, schema: SchemaModel, opts: FixOptions, onProgress?: Parameters<typeof fixFile>[3]): Promise<FixResult> {
  const type = opts.datasetType ?? schema.inferredDatasetType;
  const header = input.path !== undefined && (type === 'ITEMS' || type === 'INTERACTIONS') ? headerOf(input.path) : [];
  const shopify = type === 'ITEMS' && (shopifyProductColumns(header) ?? wooProductColumns(header)) !== undefined;
  // a WooCommerce order export's guest checkouts, when its USER_ID is required (interactions)
  const woo = type === 'INTERACTIONS' && wooGuestColumn(header) !== undefined;
  // a Magento products export: its store-view rows set aside (by the reasons the pass gives), categories and dates rewritten
  const magento = type === 'ITEMS' && magentoColumns(header) !== undefined;
  // a Segment export's anonymous visitors under their anonymous_id, when asked (segment.ts)
  const anonymous = type === 'INTERACTIONS' && opts.anonymousIds ? segmentColumns(header) : undefined;
  const segment = anonymous !== undefined;
  // a Mixpanel export's item taken out of its properties JSON, when asked (mixpanel.ts)
  const json = type === 'INTERACTIONS' && opts.jsonItem && header.map((h) => h.replace(/^\uFEFF/, '').replace(/^"|"$/g, '').trim()).includes(opts.jsonItem.column) ? opts.jsonItem : undefined;
  const fill: FillDown = { rows: 0, values: 0, ...(woo ? { guests: 0 } : {}), ...(segment ? { anonymous: 0 } : {}), ...(json ? { jsonItem: json } : {}), ...(magento ? { asides: new Map<number, string>(), ...(opts.dates ? { dateOrder: opts.dates } : {}) } : {}) };
  const asides = fill.asides;
  const r = await fixFile(shopify || woo || magento || segment || json ? withFillDown(input, fill) : input, schema, asides ? { ...opts, setAside: (line) => takeAside(asides, line) } : opts, onProgress);
  if (json && fill.fromJson) r.summary.changes.unshift({ kind: 'json-item', label: `ITEM_ID taken from ${shown(json.key, 40)} in the JSON of column ${shown(json.column, 40)}, as asked (a column appended)`, rows: fill.fromJson, values: fill.fromJson });
  if (fill.anonymous) r.summary.changes.unshift({ kind: 'anonymous-id', label: anonymousLabel(anonymous && header[anonymous.anonymous].replace(/^\uFEFF/, '').replace(/^"|"$/g, '').trim()), rows: fill.anonymous, values: fill.anonymous });
  magentoSummary(r, fill.magento, opts.dates);
  if (fill.lists) r.summary.changes.unshift({ kind: 'lists', label: 'several categories or tags in one value written with | between them, as Personalize reads them (WooCommerce writes ", ")', ...fill.lists, ...(fill.listExample ? { example: fill.listExample } : {}) });
  if (fill.guests) r.summary.notes = [...(r.summary.notes ?? []), `${withCommas(fill.guests)} rows have Customer User ID 0: WooCommerce's guest checkouts (no customer account), one customer to Personalize if kept: set aside as rows with an empty USER_ID`];
  if (fill.rows) {
    const e = fill.example;
    r.summary.changes.unshift({ kind: 'fill-down', label: wooProductColumns(header) ? "a variable product's categories, tags and descriptions filled in on its variations' rows (WooCommerce leaves them empty there)" : "a product's values filled in on its other variants' rows (Shopify writes them on its first row only)", rows: fill.rows, values: fill.values, ...(e ? { example: { line: e.line, column: e.column, before: '', after: e.after.length > 60 ? `${e.after.slice(0, 60)}…` : e.after } } : {}) });
  }
  return r;
}

/** a line's reason to be set aside, once (the fixer asks each line once, in order: the map stays as small as the pass is ahead) */
function takeAside(asides: Map<number, string>, line: number): string | undefined {
  const why = asides.get(line);
  if (why !== undefined) asides.delete(line);
  return why;
}

/** what the fixer's summary says of a Magento export's pass (store-views.ts): categories, dates, store-view rows */
function magentoSummary(r: FixResult, m: MagentoFound | undefined, order: DateOrder | undefined): void {
  if (!m) return;
  const e = m.dates.example;
  if (m.dates.values) r.summary.changes.unshift({ kind: 'magento-dates', label: `Magento's dates (M/D/YY, h:mm AM/PM: its export's en_US short format) read ${order === 'day-first' ? 'day first (--dates day-first)' : 'month first'}, a two-digit year as ICU reads it (20 → 2020), and written year first (then converted like any date)`, rows: m.dates.rows, values: m.dates.values, ...(e ? { example: e } : {}) });
  if (m.lists.values) r.summary.changes.unshift({ kind: 'lists', label: 'categories without the root category (on every path: it tells nothing), | between paths as Personalize reads several (Magento writes "," between full paths)', rows: m.lists.rows, values: m.lists.values, ...(m.lists.example ? { example: m.lists.example } : {}) });
  const v = m.storeViewExample;
  if (m.storeViews && v) r.summary.notes = [...(r.summary.notes ?? []), `${withCommas(m.storeViews)} row${m.storeViews === 1 ? ' is a' : 's are'} store-view override${m.storeViews === 1 ? '' : 's'} (store_view_code ${m.views.map((x) => shown(x, 30)).join(', ')}; line ${v.line}: sku ${shown(v.sku, 60)} again, its default row line ${v.defaultLine}): set aside — the item's default row holds it, and a second record of the ID would replace it in Personalize`];
}

// Magento 2's product export (System → Export → Products): one row a product for the default scope
// (store_view_code empty), then one more for each store view that overrides something — the sku
// again, only what the view changes (name, url_key …), the rest empty. As a second record of the
// same ITEM_ID such a row would replace the item (Personalize keeps an ID's last record) with a
// near-empty one; read as data it made CATEGORY_L1 and PRICE "required, yet empty". Here those rows
// are recognized (the sku's default row came before, as Magento writes them) and set aside with
// their reason, by the consent the fixer's other rejects have (--fix-rejects, the wizard's question).
// The same pass writes the categories without the root category, "|" between paths (lists.ts), and
// Magento's short dates (3/12/20, 10:40 AM — ICU's en_US short format, the admin's locale) year
// first, which the fixer then converts to epoch seconds. fill-down.ts runs it (one stream pass).
import type { InferProblem } from '../schema/types.js';
import { parseDateText, type DateOrder } from '../validate/dates.js';
import { magentoCategories } from './lists.js';
import { shown } from './values.js';
import { withCommas } from '../core/with-commas.js';

/** what the pass found (FillDown's Magento part) */
export interface MagentoFound {
  /** store-view rows set aside: how many, of which views, the first */
  storeViews: number;
  views: string[];
  storeViewExample?: { line: number; sku: string; view: string; defaultLine: number; columns: string[] };
  /** dates rewritten year first: values, rows, the first */
  dates: { rows: number; values: number; example?: { line: number; column: string; before: string; after: string } };
  /** categories written without the root, "|" between paths */
  lists: { rows: number; values: number; example?: { line: number; column: string; before: string; after: string } };
}

export interface MagentoColumns {
  sku: number;
  view: number;
  categories: number;
}

const clean = (h: string) => h.replace(/^\uFEFF/, '').replace(/^"|"$/g, '').trim().toLowerCase();

/** The columns that matter, when the header is a Magento products export's (sku, store_view_code, attribute_set_code or product_type). */
export function magentoColumns(header: string[]): MagentoColumns | undefined {
  const names = header.map(clean);
  const [sku, view, categories] = ['sku', 'store_view_code', 'categories'].map((n) => names.indexOf(n));
  if (sku < 0 || view < 0 || !(names.includes('attribute_set_code') || names.includes('product_type'))) return undefined;
  return { sku, view, categories };
}

/** what Magento writes on a store-view row too (not what the view changes) */
const SAME_ON_EVERY_ROW = new Set(['attribute_set_code', 'product_type', 'product_websites']);

/** ICU's short date-time of the en_US locale, M/d/yy, h:mm a (a narrow no-break space before AM/PM since ICU 72) */
const SHORT_DATE = /^\d{1,2}\/\d{1,2}\/\d{2}, \d{1,2}:\d{2}[ \u202f][AP]M$/;

/**
 * A Magento export's short date (3/12/20, 10:40 AM) written year first (2020-03-12 10:40, no zone:
 * the fixer reads it as UTC and says so); month first as en_US writes it, unless `order` (--dates)
 * says otherwise; the year 20yy by ICU's rule (fullYear). Undefined for any other value.
 */
export function magentoDate(text: string, order: DateOrder = 'month-first', now?: Date): string | undefined {
  if (!SHORT_DATE.test(text)) return undefined;
  const t = parseDateText(text, order, { twoDigitYears: true, ...(now ? { now } : {}) });
  return t ? new Date(t.seconds * 1000).toISOString().slice(0, 16).replace('T', ' ') : undefined;
}

/** a raw (latin1-read, maybe quoted) cell as the text it holds */
const textOf = (x: string): string => Buffer.from(x, 'latin1').toString('utf8').replace(/^"([^]*)"$/, '$1').replace(/""/g, '"');

/** The reason a store-view row is set aside (the rejects file's; the listing groups them: storeViewGroup). */
export const storeViewReason = (sku: string, view: string, defaultLine: number): string =>
  `sku ${shown(sku, 60)}'s override for store view ${shown(view, 30)} — the default row (line ${defaultLine}) holds the item`;

const REASON = /^sku (.*)'s override for store view (.*) — the default row \(line (\d+)\) holds the item$/;

/** For the rejects' listing: the group of a store-view row's reason (one line for all of a view), else undefined. */
export function storeViewGroup(reason: string): { key: string; label: (lines: number) => string } | undefined {
  const m = REASON.exec(reason);
  if (!m) return undefined;
  return {
    key: `store view ${m[2]}`,
    label: (lines) => (lines === 1 ? reason : `store view ${m[2]}'s overrides — each item's default row (store_view_code empty) holds it; e.g. sku ${m[1]}, its default row line ${m[3]}`),
  };
}

/** One Magento export's rows: which are store-view overrides, and the values rewritten. */
export class MagentoRows {
  private readonly defaults = new Map<string, number>();
  private readonly views = new Set<string>();

  /**
   * `asides` given (the fixer): a store-view row stays in the stream and its reason is put here by
   * line; else (schema inference) it is left out. `order`: --dates, for the short dates.
   */
  constructor(
    private readonly cols: MagentoColumns,
    private readonly names: string[],
    readonly found: MagentoFound,
    private readonly asides?: Map<number, string>,
    private readonly order?: DateOrder,
  ) {
    found.storeViews = 0;
    found.views = [];
    found.dates = { rows: 0, values: 0 };
    found.lists = { rows: 0, values: 0 };
    delete found.storeViewExample;
  }

  /** A record's raw fields (changed in place); false when it is to be left out of the stream. */
  row(fields: string[], line: number): boolean {
    const sku = textOf(fields[this.cols.sku]).trim();
    const view = textOf(fields[this.cols.view]).trim();
    if (view === '') this.defaults.set(sku, line);
    else {
      const home = this.defaults.get(sku);
      if (home !== undefined && sku !== '') {
        const f = this.found;
        f.storeViews++;
        if (!this.views.has(view)) {
          this.views.add(view);
          f.views.push(view);
        }
        f.storeViewExample ??= { line, sku, view, defaultLine: home, columns: this.names.filter((n, i) => i !== this.cols.sku && i !== this.cols.view && !SAME_ON_EVERY_ROW.has(clean(n)) && fields[i] !== '' && fields[i] !== '""') };
        this.asides?.set(line, storeViewReason(sku, view, home));
        return this.asides !== undefined;
      }
    }
    return this.rewrite(fields, line);
  }

  private rewrite(fields: string[], line: number): true {
    let dated = 0;
    for (let i = 0; i < fields.length; i++) {
      const raw = fields[i];
      // (a cheap look first: a short date, maybe quoted, is 15–22 characters with a / and a :)
      if (raw.length < 15 || raw.length > 26 || !raw.includes('/') || !raw.includes(':')) continue;
      const before = textOf(raw);
      const after = magentoDate(before, this.order);
      if (after === undefined) continue;
      fields[i] = after;
      dated++;
      this.found.dates.example ??= { line, column: this.names[i], before: shown(before, 40), after };
    }
    const c = this.cols.categories;
    const listed = c >= 0 ? magentoCategories(fields[c]) : undefined;
    if (listed !== undefined) {
      const l = this.found.lists;
      l.example ??= { line, column: this.names[c], before: shown(textOf(fields[c]), 80), after: shown(textOf(listed), 80) };
      fields[c] = listed;
      l.rows++;
      l.values++;
    }
    if (dated) {
      this.found.dates.rows++;
      this.found.dates.values += dated;
    }
    return true;
  }

}

/**
 * What schema inference says of a Magento export read through the pass: its store-view rows (it
 * reads the default rows only), and its short dates (the values it shows are year first).
 */
export function magentoProblems(found: MagentoFound | undefined): InferProblem[] {
  const d = found?.dates.example;
  const dates: InferProblem[] = d ? [{ severity: 'warning', code: 'MAGENTO_DATES', column: d.column, message: `Magento writes its dates in the admin's locale: ${JSON.stringify(d.before)} (line ${d.line}, ${shown(d.column, 40)}) is en_US's short format: read month first, a two-digit year as ${d.after.slice(0, 4)} — ${d.after} — as the fixer converts it (the day first: --dates day-first).` }] : [];
  if (!found?.storeViews) return dates;
  const e = found.storeViewExample!;
  const n = withCommas(found.storeViews);
  const views = found.views.map((v) => shown(v, 30)).join(', ');
  return [{
    severity: 'warning',
    code: 'STORE_VIEW_ROWS',
    column: 'store_view_code',
    message: `${n} row${found.storeViews === 1 ? ' is a' : 's are'} Magento store-view override${found.storeViews === 1 ? '' : 's'} (store_view_code ${views}): the sku again with only what the view changes (line ${e.line}: ${shown(e.sku, 60)}'s ${e.columns.map((c) => shown(c, 40)).join(', ') || 'nothing'}), the rest empty. Personalize keeps one record an item (an ID's last), so such a row would replace the item: the fixer sets them aside (--fix-rejects; in the wizard, when you agree) and each item's default row (store_view_code empty, line ${e.defaultLine} for ${shown(e.sku, 60)}) holds it. The schema is inferred from the default rows.`,
  }, ...dates];
}

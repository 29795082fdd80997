// Rows of an order export that are not purchases, and IDs written as decimals: what the engine
// counts over every row (checker.ts), the words of its warnings (report.ts) and what the fixer
// reads the same way (src/fix: the `.0` dropped, returns set aside). Core module, no imports.
//
// Returns and cancellations: a negative quantity (a return line), or an invoice number starting
// with C (the UCI "Online Retail" convention: C489449 cancels an order). Imported as interactions
// they count as what the customer wanted. A shop's statuses (WooCommerce's cancelled, refunded …,
// Shopify's voided) are the same kind of row, told from the status column: UNDONE_STATUS.
import { fieldText, type Tokens } from '../csv/tokenizer.js';
import { withCommas } from '../core/with-commas.js';

/**
 * an order status that was not, or is no longer, a purchase: WooCommerce's (with or without wc-),
 * Shopify's Financial Status (voided, expired: never paid), Salesforce Commerce Cloud's (replaced by
 * an edited order), Magento's canceled, and what payment and shop exports write for the same
 */
export const UNDONE_STATUS = /^(wc-)?(cancell?ed|refunded|failed|pending|on-hold|checkout-draft|trash|voided|expired|declined|abandoned|returned|replaced)$/i;

/** a column of quantities: Quantity, Qty, Lineitem quantity, order_qty */
export function isQuantityColumn(name: string): boolean {
  return /(^|[^a-z])(qty|quantity)$/i.test(name.trim()) || /^(qty|quantity)[^a-z]?$/i.test(name.trim());
}

/** a column of invoice numbers: Invoice, InvoiceNo, Invoice Number, invoice_id */
export function isInvoiceColumn(name: string): boolean {
  return /^invoice[ _-]?(no|nr|number|id|#)?$/i.test(name.trim());
}

/** bytes [s, e) are a negative number (-12, -1.5) */
export function isNegative(b: Uint8Array, s: number, e: number): boolean {
  if (e - s < 2 || b[s] !== 45) return false;
  for (let i = s + 1; i < e; i++) if (!((b[i] >= 48 && b[i] <= 57) || b[i] === 46)) return false;
  return b[s + 1] !== 46 || e - s > 2;
}

/** bytes [s, e) are a cancelled invoice's number: C or c, then digits (C489449) */
export function isCancelledInvoice(b: Uint8Array, s: number, e: number): boolean {
  if (e - s < 2 || (b[s] | 32) !== 99) return false;
  for (let i = s + 1; i < e; i++) if (b[i] < 48 || b[i] > 57) return false;
  return true;
}

/** bytes [s, e) are a whole number written with a point and a zero (13085.0): a float column's ID as pandas writes it */
export function isDotZero(b: Uint8Array, s: number, e: number): boolean {
  if (e - s < 3 || b[e - 1] !== 48 || b[e - 2] !== 46) return false;
  for (let i = s; i < e - 2; i++) if (b[i] < 48 || b[i] > 57) return false;
  return true;
}

/** the same for text: the value without its point and zeros, or undefined */
export function withoutDotZero(v: string): string | undefined {
  const m = /^(\d+)\.0$/.exec(v);
  return m ? m[1] : undefined;
}

/** what the engine counted of an ID column's values written as 13085.0 (totals.columns) */
export interface DotZeroCount {
  count: number;
  first?: { line: number; value: string; file?: string };
}

/** the returns and cancellations the engine counted (totals.returns) */
export interface ReturnsCount {
  rows: number;
  negative: number;
  cancelled: number;
  quantityColumn?: string;
  invoiceColumn?: string;
  first?: { line: number; quantity?: string; invoice?: string; file?: string };
}

/** counts line `lineNo` when it is a return (column q negative) or a cancellation (column c C…); the first one kept */
export function countReturn(r: ReturnsCount, q: number, c: number, b: Uint8Array, lineNo: number, t: Tokens, file: string | undefined): void {
  const neg = q >= 0 && isNegative(b, t.starts[q], t.ends[q]);
  const cancelled = c >= 0 && isCancelledInvoice(b, t.starts[c], t.ends[c]);
  if (!neg && !cancelled) return;
  if (r.rows++ === 0) {
    r.first = { line: lineNo };
    if (neg) r.first.quantity = fieldText(b, t.starts[q], t.ends[q], t.flags[q]);
    if (cancelled) r.first.invoice = fieldText(b, t.starts[c], t.ends[c], t.flags[c]);
    if (file !== undefined) r.first.file = file;
  } else if (cancelled && r.first && r.first.invoice === undefined) r.first.invoice = fieldText(b, t.starts[c], t.ends[c], t.flags[c]);
  if (neg) r.negative++;
  if (cancelled) r.cancelled++;
}

// column kinds (src/validate/values.ts K_*) a quantity and an invoice column are watched in, and the
// fast lane's own kinds for them (wasm/fastlane.ts: the kind's check, and the watch)
const QTY_KINDS: Record<number, number> = { 0: 10, 1: 10, 6: 11, 5: 12, 8: 13 };
const INVOICE_KINDS: Record<number, number> = { 0: 14, 1: 14, 3: 15 };

/** [quantity column, invoice column] of a header (-1: none, or of a kind not watched), named in `r` */
export function returnColumns(names: string[], r: ReturnsCount, kinds: ArrayLike<number>): [number, number] {
  const q = names.findIndex((n, i) => isQuantityColumn(n) && QTY_KINDS[kinds[i]] !== undefined);
  const c = names.findIndex((n, i) => isInvoiceColumn(n) && INVOICE_KINDS[kinds[i]] !== undefined);
  if (q >= 0) r.quantityColumn ??= names[q];
  if (c >= 0) r.invoiceColumn ??= names[c];
  return [q, c];
}

/** the kinds and nullable flags the fast lane is configured with: the watched columns' own kinds (empty values allowed there: the engine judges them) */
export function laneKinds(kinds: Uint8Array, nullable: Uint8Array, q: number, c: number): { kinds: Uint8Array; nullable: Uint8Array } {
  if (q < 0 && c < 0) return { kinds, nullable };
  const k = Uint8Array.from(kinds);
  const n = Uint8Array.from(nullable);
  if (q >= 0) k[q] = QTY_KINDS[kinds[q]];
  if (c >= 0) k[c] = INVOICE_KINDS[kinds[c]];
  // (a column the schema lacks, K_SKIP: its empty values need nothing; others keep their flag)
  if (q >= 0 && kinds[q] === 0) n[q] = 1;
  if (c >= 0 && kinds[c] === 0) n[c] = 1;
  return { kinds: k, nullable: n };
}

/** whose IDs a field holds (ID_DECIMAL's words) */
export function idRole(field: string): 'user' | 'item' | 'action' | undefined {
  return field === 'USER_ID' ? 'user' : field === 'ITEM_ID' ? 'item' : field === 'ACTION_ID' ? 'action' : undefined;
}

/** adds a source's count of 13085.0 IDs (or, `key` padded, of IDs with spaces around them) to its column's totals (the first one found stays) */
export function addDotZero(col: { dotZero?: DotZeroCount; padded?: DotZeroCount; serial?: DotZeroCount; scientific?: DotZeroCount }, count: number, at: { line: number; value: string; file?: string } | undefined, file: string | undefined, key: 'dotZero' | 'padded' | 'serial' | 'scientific' = 'dotZero'): void {
  const first = col[key]?.first ?? (at && { ...at, ...(file !== undefined ? { file } : {}) });
  col[key] = { count: (col[key]?.count ?? 0) + count, ...(first ? { first } : {}) };
}

/** adds a later part's counts (its lines counted from its own start: `lineOffset` added) */
export function mergeReturns(into: ReturnsCount, r: ReturnsCount, lineOffset: number): void {
  into.rows += r.rows;
  into.negative += r.negative;
  into.cancelled += r.cancelled;
  into.quantityColumn ??= r.quantityColumn;
  into.invoiceColumn ??= r.invoiceColumn;
  if (!into.first && r.first) into.first = { ...r.first, line: r.first.line > 1 ? r.first.line + lineOffset : r.first.line };
}

const n = (x: number) => withCommas(x);

/** ID_DECIMAL's message: every value of an ID column written as 13085.0 */
export function dotZeroMessage(column: string, role: 'user' | 'item' | 'action' | 'record', d: Required<DotZeroCount>): string {
  const v = d.first.value;
  const whole = withoutDotZero(v) ?? v;
  const who = role === 'record' ? 'records' : `${role}s`;
  return `Line ${d.first.line}, column ${column}: ${JSON.stringify(v)} is a whole number written as a decimal, and so ${d.count === 1 ? 'is the column\'s one value' : `are all ${n(d.count)} values of the column`} (pandas and Excel write a number column so when some of its cells are empty). Personalize reads IDs as text: ${v} here and ${whole} in ${role === 'user' ? 'the users file' : role === 'item' ? 'the items file' : 'another file'} or in the events your app sends are two different ${who}. “Fix and continue” (personalize-import fix) writes them as ${whole}.`;
}

/** ORDERS_NOT_BOUGHT's message for returns and cancellations */
export function returnsMessage(r: ReturnsCount): string {
  const f = r.first!;
  const kinds = [r.negative ? `negative ${r.quantityColumn}${f.quantity ? ` ${f.quantity}` : ''}` : '', r.cancelled ? `invoice ${f.invoice ?? `starting with C in ${r.invoiceColumn}`}` : ''].filter(Boolean).join(', ');
  const counts = r.negative && r.cancelled && (r.negative !== r.rows || r.cancelled !== r.rows) ? `; ${n(r.negative)} with a negative quantity, ${n(r.cancelled)} with a cancelled invoice` : '';
  return `Line ${f.line}: ${n(r.rows)} row${r.rows === 1 ? ' is a return or cancellation' : 's are returns or cancellations'} (${kinds}${counts}): imported as purchases they teach Personalize that the customer wanted what they sent back or cancelled. Leave them out — personalize-import fix --drop-returns --rejects <file> sets them aside, as does import --fix --fix-rejects --drop-returns and the wizard's “Fix and continue, returns and cancellations set aside” — or give them an EVENT_TYPE of their own (such as return).`;
}

/** from ID_DECIMAL's message: the example value and its whole number ("13085.0", "13085") */
export function dotZeroExample(message: string): { value: string; whole: string } | undefined {
  const m = /column [^:]*: "(\d+)(\.0)" is a whole number/.exec(message);
  return m ? { value: m[1] + m[2], whole: m[1] } : undefined;
}

/** from ORDERS_NOT_BOUGHT's message (returns): how many rows */
export function returnsCountOf(message: string): number | undefined {
  const m = /^Line \d+: ([\d,]+) rows? (are|is a) returns? or cancellations?/.exec(message);
  return m ? Number(m[1].replace(/,/g, '')) : undefined;
}

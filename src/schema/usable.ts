// Columns Personalize cannot use, or should not get — proposed to be left out of an inferred schema
// (the fixer then drops them from the copy: --drop-unknown) — and what an order export says about
// itself. A newcomer's first file is often the shop's order export (Shopify: Name, Email, Financial
// Status, Created at, Lineitem quantity, …): it names its order number (a different value in every
// row), the customer's e-mail address (personal data) and columns with one value in every row (one
// currency, one country). None of them helps a model; an interactions dataset takes at most 5
// metadata columns, and the e-mail addresses should not be sent at all.
import type { DatasetType, Domain } from '../core/resources.js';
import { DOMAIN_EVENTS, domainSpelling } from '../validate/domain-events.js';
import { usageError } from '../core/errors.js';
import { type ColumnStats, pct } from './columns.js';
import { printable } from './printable.js';
import { fewOf } from '../core/few-of.js';
import { withCommas } from '../core/with-commas.js';
import { anonymousTool } from '../fix/segment.js';
import { isCancelledAtColumn } from './undone-orders.js';

export interface Unusable {
  column: string;
  /** the field the column would have been */
  field: string;
  kind: 'email' | 'personal' | 'unique' | 'order' | 'constant' | 'empty' | 'surplus' | 'json' | 'identifier' | 'cancelled';
  /** why, in words a newcomer reads */
  reason: string;
  /** the column's place in the file's header (0-based, columns without a name counted): what leaving it out goes by */
  at?: number;
  /** the header names this column more than once (`color,color`): said with its place (placed) */
  twice?: boolean;
}

/** A column left out, as the flow's answers hold it: by its place, with its name for the words. */
export interface ColumnAt {
  column: string;
  at: number;
  twice?: boolean;
}

export const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** A column (an unusable one, a field's, one left out) as the flow's answers hold it: its place and name. */
export const columnAt = (c: { column: string; at?: number; twice?: boolean }): ColumnAt => ({ column: c.column, at: c.at ?? -1, ...(c.twice ? { twice: true } : {}) });

/** A column's name, with its place when the header names it more than once ("color (the 4th column)"). */
export const placed = (c: { column: string; at?: number; twice?: boolean }, show: (v: string) => string = (v) => v): string => `${show(c.column)}${c.twice && c.at !== undefined && c.at >= 0 ? ` (the ${ordinal(c.at + 1)} column)` : ''}`;

/** How a column's values look: what "Which column holds USER_ID?" ranks candidates by. */
export interface ColumnLook {
  nonEmpty: number;
  /** distinct values (undefined: more than the bounded set holds) */
  distinct?: number;
  /** every value so far differed from the ones before it (order numbers, e-mails of one-time buyers) */
  unique: boolean;
  emails: number;
  dates: number;
  ints: number;
  /** values with a space */
  spaced: number;
}

/**
 * Columns of personal data by their name (a shop's customer or order export: the customer's name,
 * phone, street address, postcode, a note written about them): what they are, and the dataset types
 * where the name means a person's (a users file's "Name"; an items file's "Name" is the product's).
 * The city, region and country stay (coarse: a taste may follow them); "Default Address City" names
 * an address but is not one.
 */
const PERSONAL: { re: RegExp; what: string; types?: DatasetType[] }[] = [
  { re: /(^|[^a-z])(first|last|full|given|family|middle|sur)? ?name([^a-z]|$)|vorname|nachname/i, what: "a person's name", types: ['USERS'] },
  // "Billing Name", "Billing First Name" (WooCommerce), "First Name (Billing)"
  { re: /(^|[^a-z])(billing|shipping|customer|contact|recipient) ?((first|last|full|given|family|middle|sur) ?)?name([^a-z]|$)|(^|[^a-z])(first|last) ?name \(?(billing|shipping)|vorname|nachname/i, what: "a person's name" },
  { re: /(^|[^a-z])(phone|mobile|telephone|telefon|tel|fax|handy)([^a-z]|$)/i, what: 'phone numbers' },
  { re: /(^|[^a-z])(company|firma)([^a-z]|$)/i, what: "the customer's company name", types: ['USERS'] },
  { re: /(^|[^a-z])(note|notes|comment|comments|bemerkung|notiz)([^a-z]|$)/i, what: 'notes written about the customer', types: ['USERS', 'INTERACTIONS'] },
  { re: /(^|[^a-z])(address ?[123]?|street|stra(ss|ß)e|adresse|zip|postal ?code|post ?code|plz)([^a-z]|$)/i, what: 'a street address or postcode' },
];
/** an address's coarse parts, kept */
const COARSE = /(^|[^a-z])(city|town|ort|stadt|province|region|state|country|land)([^a-z]|$)/i;

/** What personal data a column's name says it holds (undefined: none). */
export function personalData(column: string, type: DatasetType): string | undefined {
  const words = column.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' ');
  if (COARSE.test(words)) return undefined;
  return PERSONAL.find((p) => (!p.types || p.types.includes(type)) && p.re.test(words))?.what;
}

/** rows a sample needs before "one value in every row" or "a different value in every row" says anything (a 20-row sample proves neither) */
export const MIN_ROWS = 100;
const EMAIL_NAME = /(^|[^a-z])(e-?mail|mail)([^a-z]|$)/i;
/** the default EVENT_TYPE of a file whose every row is a purchase */
export const ORDER_EVENT = 'purchase';
const ORDER_COLUMN = /(^|[^a-z])(quantity|qty|price|order|orders|lineitem|total|subtotal|menge|preis|bestell\w*|anzahl)([^a-z]|$)/i;

export function lookOf(s: ColumnStats): ColumnLook {
  return { nonEmpty: s.nonEmpty, ...(s.distinctOverflow ? {} : { distinct: s.distinct.size }), unique: s.nonEmpty > 0 && !s.repeated, emails: s.emails, dates: s.dates, ints: s.ints, spaced: s.spaced };
}

/** An order export (a quantity, price or order column): each of its rows is one event, a purchase. */
export function looksLikeOrders(header: string[]): boolean {
  return header.some((c) => ORDER_COLUMN.test(c.replace(/([a-z])([A-Z])/g, '$1 $2')));
}

// a log of one kind of event, by the words of its columns (watched_at, watch_seconds, play_count …)
const ONE_EVENT_LOGS: { column: RegExp; event: string; what: string }[] = [
  { column: /(^|[^a-z])(watch|watched|watching|watchtime)([^a-z]|$)/i, event: 'watch', what: 'a watch log' },
  { column: /(^|[^a-z])(play|played|plays|playback)([^a-z]|$)/i, event: 'play', what: 'a play log' },
  { column: /(^|[^a-z])(listen|listened)([^a-z]|$)/i, event: 'listen', what: 'a listening log' },
  { column: /(^|[^a-z])(view|viewed|views)([^a-z]|$)/i, event: 'view', what: 'a view log' },
  { column: /(^|[^a-z])(click|clicked|clicks)([^a-z]|$)/i, event: 'click', what: 'a click log' },
];

/**
 * The one event every row of a file without an event type column records, when its columns say
 * (an order export: purchase; a watch log: watch …), with what the file is; undefined otherwise.
 */
export function oneEventOf(header: string[], domain?: Domain): { event: string; what: string } | undefined {
  // a Domain group's recommenders count events named as its guide names them (Purchase, View, Watch)
  if (looksLikeOrders(header)) return { event: domainSpelling(ORDER_EVENT, domain), what: 'an order export' };
  const words = header.map((c) => c.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' '));
  for (const l of ONE_EVENT_LOGS) if (words.some((c) => l.column.test(c))) return { event: domainSpelling(l.event, domain), what: l.what };
  return undefined;
}

/** the examples of an event name a question gives: a Domain group's own names first */
export function eventExamples(domain?: Domain): string {
  return domain ? `e.g. ${DOMAIN_EVENTS[domain].map((d) => d.type).join(', ')} (the names ${domain}'s recommenders count)` : 'e.g. purchase, click, watch';
}

/**
 * Why a metadata column is of no use to Personalize, or should not go to it; undefined when it may
 * help. E-mail addresses in any dataset; a different value in every row in interactions (an order
 * number says nothing of the user's taste; an item's title in Items is the item's, so not there);
 * one value in every row anywhere (no signal).
 */
export function unusableReason(column: string, field: string, s: ColumnStats, type: DatasetType, shown: (v: string) => string): Unusable | undefined {
  const n = s.nonEmpty;
  // (a Magento export's special_price, new_from_date …: a column the shop does not fill)
  if (n === 0) return s.values >= MIN_ROWS ? { column, field, kind: 'empty', reason: `no value in any of its ${withCommas(s.values)} rows: nothing to learn from` } : undefined;
  if (s.emails / n >= 0.8 || (EMAIL_NAME.test(column) && s.emails > 0 && s.emails / n >= 0.5)) {
    return { column, field, kind: 'email', reason: `e-mail addresses (${pct(s.emails, n)} of values, e.g. ${shown(s.examples.find((e) => e.includes('@')) ?? '')}): personal data, which Personalize has no use for — an ID is the user's key` };
  }
  const personal = personalData(column, type);
  if (personal) return { column, field, kind: 'personal', reason: `${personal} (by its name, e.g. ${shown(s.examples[0] ?? '')}): personal data, which Personalize has no use for — the ID is the key` };
  // an analytics export's event or user properties ({"product_id":"P1","price":9.5}): one opaque string to Personalize
  if (s.jsons / n >= 0.8) {
    const e = s.examples.find((x) => x.startsWith('{') || x.startsWith('[')) ?? '';
    // (shown as it is written, its control characters escaped: quoted, its own quotes would read \")
    return { column, field, kind: 'json', reason: `JSON (${pct(s.jsons, n)} of values, e.g. ${printable(e.length > 50 ? `${e.slice(0, 50)}…` : e)}): Personalize reads it as one text and cannot use the fields inside — give the ones you need columns of their own` };
  }
  // Shopify's "Cancelled at": a time for the orders cancelled, empty for the rest (few values, so
  // before the rows' minimum) — it marks events that did not happen, not a property of one that did
  // (ORDERS_NOT_BOUGHT says so with one event in every row)
  if ((type === 'INTERACTIONS' || type === 'ACTION_INTERACTIONS') && isCancelledAtColumn(column)) {
    return { column, field, kind: 'cancelled', reason: `when an order was cancelled (by its name, e.g. ${shown(s.examples[0] ?? '')}; empty for the others): it marks orders that were not bought, which Personalize cannot read from a field — export the orders without them instead` };
  }
  if (n < MIN_ROWS) return undefined;
  if (s.empty === 0 && !s.distinctOverflow && s.distinct.size === 1) {
    return { column, field, kind: 'constant', reason: `the same value (${shown(s.examples[0] ?? '')}) in every row: nothing to learn from` };
  }
  // (numbers are not: an amount, a decimal comma, a price with its currency — unless the column's name
  // says it is an ID: HubSpot's "Record ID" 9000000, 9000001 … is a record's number, as SFCC's
  // "Order No" is, and was kept as metadata only because its values are digits)
  const idName = ID_NAME.test(column.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' ').trim()) && !NOT_AN_ID.test(column);
  if ((type === 'INTERACTIONS' || type === 'ACTION_INTERACTIONS') && !s.repeated && (idName || s.ints + s.floats + s.decimalCommas + s.money < n)) {
    return { column, field, kind: 'unique', reason: `a different value in every row (e.g. ${shown(s.examples[0] ?? '')}: ${idName ? "a record's ID, " : ''}an order or line number): no event shares it, so it tells Personalize nothing` };
  }
  // an order's number on each of its lines (Online Retail's Invoice, WooCommerce's Order Number): it
  // repeats only within one order, so it says nothing of a user's taste or of the item
  if ((type === 'INTERACTIONS' || type === 'ACTION_INTERACTIONS') && ORDER_NUMBER.test(column.replace(/[\s_.#-]+/g, ' ').trim()) && (s.distinctOverflow || s.distinct.size >= n * 0.1)) {
    return { column, field, kind: 'order', reason: `an order's number (by its name, e.g. ${shown(s.examples[0] ?? '')}): only the lines of one order share it, so it tells Personalize nothing of the user's taste or the item` };
  }
  return undefined;
}

/**
 * A Segment export's anonymous_id beside its user_id (src/fix/segment.ts: segmentColumns): the ID
 * Segment gives a visitor's browser. It is neither unique per row (a visitor's events share it) nor
 * personal by its name, so no rule above leaves it out — yet as metadata it is an identifier of about
 * one value per visitor (nothing to learn from), and as a required field (every row has one) a later
 * export's rows without it would fail. The visitors who never signed in can have it as USER_ID instead.
 */
export function anonymousIdColumn(column: string, field: string, s: ColumnStats, shown: (v: string) => string): Unusable {
  const many = s.distinctOverflow ? 'thousands of' : withCommas(s.distinct.size);
  const tool = anonymousTool(column);
  return { column, field, kind: 'identifier', reason: `${tool}${tool.endsWith('s') ? "'" : "'s"} ID for a visitor's browser (${many} different values in ${withCommas(s.values)} rows, e.g. ${shown(s.examples[0] ?? '')}): an identifier, of no use as metadata — and as a required field, a later export's rows without one would fail. The rows without a user_id can have it as USER_ID instead (“…anonymous visitors by their ${printable(column)}”, --user-id-from)` };
}

/**
 * The columns that share a reason, named together in the header's order (printable): a catalog's 29
 * columns beyond an items dataset's 100 are one reason said once, not the same line 29 times over.
 */
export function byReason(us: Unusable[]): { reason: string; columns: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const u of us) groups.set(u.reason, [...(groups.get(u.reason) ?? []), placed(u, printable)]);
  return [...groups].map(([reason, columns]) => ({ reason, columns }));
}

/**
 * What these columns are to Personalize, true of each reason among them: "cannot use" (an order
 * number, one value in every row, JSON …), "should not get" (personal data), "has no room for"
 * (beyond the metadata columns the dataset type takes — it could use them, were there room).
 */
export function unusableWhat(us: Unusable[]): string {
  const personal = (u: Unusable) => u.kind === 'email' || u.kind === 'personal';
  const parts = [
    ...(us.some((u) => !personal(u) && u.kind !== 'surplus') ? ['cannot use'] : []),
    ...(us.some(personal) ? ['should not get'] : []),
    ...(us.some((u) => u.kind === 'surplus') ? ['has no room for'] : []),
  ];
  return parts.length < 3 ? parts.join(', or ') : `${parts.slice(0, -1).join(', ')}, or ${parts.at(-1)}`;
}

/** Names in a sentence: all of up to `max`, else the first few and how many more (src/core/few-of.ts, shared with the validator). */
export { fewOf };

/** a column that numbers orders, invoices or receipts, by its name (spaces for _ . # -) */
const ORDER_NUMBER = /^(invoice|invoice ?(no|nr|num|number|id)|order|order ?(no|nr|num|number|id)|transaction ?(no|number|id)|receipt ?(no|nr|number|id)|bestell ?(nummer|nr)|rechnungs ?(nummer|nr))$/i;

/** an identifier or a line's position by its name ("Order ID", "Item #", "Variation ID"), or any other key field's alias */
const ID_NAME = /(^|[^a-z])(id|#|no|nr|number|nummer)$/i;
/** a product's own words (its name, title) in events: the items dataset's to hold */
const ITEM_WORDS = /^((product|item|line ?item|article|artikel) )?(name|title)$|description|beschreibung/i;

/**
 * When more metadata columns remain than the dataset type takes (interactions: 5; a WooCommerce
 * order export has a dozen), the ones to leave out so that `limit` remain, as `surplus`: IDs and
 * line numbers first ("Order ID", "Item #", a "Product ID" beside the SKU that is ITEM_ID), then a
 * product's name (the items dataset's), then numbers, columns later in the header before earlier
 * ones; categories (a status, a country, a payment method) are kept longest. `keep`: kept whatever.
 */
export function surplusColumns(cols: { column: string; field: string; s: ColumnStats; alias: boolean; at?: number; twice?: boolean }[], limit: number, type: DatasetType, keep: (c: { column: string; field: string; at?: number; twice?: boolean }) => boolean, yours: number[] = []): Unusable[] {
  if (cols.length <= limit) return [];
  const score = (c: (typeof cols)[number]): number => {
    if (keep(c)) return -1;
    const words = c.column.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' ').trim();
    if (c.alias || ID_NAME.test(words)) return 3;
    if (ITEM_WORDS.test(words)) return 2;
    const n = c.s.nonEmpty;
    return n > 0 && c.s.ints + c.s.floats + c.s.decimalCommas + c.s.money >= n ? 1 : 0;
  };
  const ranked = cols.map((c, i) => ({ c, i, score: score(c) })).sort((a, b) => a.score - b.score || a.i - b.i);
  // `yours` (left out by you) are out already: the places go to the others; one of yours is said to be
  // over the limit only when it would have been without your choice
  const over = new Set(ranked.slice(limit));
  const mine = (c: (typeof cols)[number]) => c.at !== undefined && yours.includes(c.at);
  const keptOnes = ranked.filter((x) => !mine(x.c)).slice(0, limit);
  const kept = keptOnes.map((x) => x.c.column);
  const what = type === 'INTERACTIONS' ? 'an interactions dataset' : type === 'USERS' ? 'a users dataset' : type === 'ITEMS' ? 'an items dataset' : 'this dataset type';
  // (the places are named, not listed: a catalog of 130 columns repeated the 100 kept in each of its 30 reasons)
  const places = fewOf(kept);
  return ranked.filter((x) => !keptOnes.includes(x) && x.score >= 0 && (!mine(x.c) || over.has(x))).sort((a, b) => a.i - b.i).map(({ c, i, score: sc }) => ({
    column: c.column,
    field: c.field,
    ...(c.at !== undefined ? { at: c.at } : {}),
    ...(c.twice ? { twice: true } : {}),
    kind: 'surplus' as const,
    // a column no less telling than those kept: it is later in the header (or they were kept by you), not "said less"
    reason: `${what} takes at most ${limit} metadata columns, and ${places} ${sc === 0 ? (keptOnes.every((k) => k.i < i) ? 'come first in the header' : 'are kept (by you, or first in the header)') : `say more${sc === 3 ? ' than an ID or a line number' : sc === 2 ? ' than a product\'s name (the items dataset holds it)' : ' than an amount'}`}`,
  }));
}

const HINTS: Record<string, RegExp> = {
  USER_ID: /customer|user|client|member|account|shopper|visitor|buyer|kunde|person|viewer|subscriber|login/i,
  ITEM_ID: /sku|item|product|artikel|article|variant|asin|isbn|ean|gtin|upc|content|video|movie|offer|listing|(^|[^a-z])(id|nr|no|code|nummer|number)$/i,
  ACTION_ID: /action|offer|promo|campaign/i,
  TIMESTAMP: /date|time|zeit|datum|(^|[^a-z])at$|when|created|paid|ordered|epoch|^ts$/i,
  // a domain's required fields (ECOMMERCE items: PRICE, CATEGORY_L1; VIDEO_ON_DEMAND items: GENRES, CREATION_TIMESTAMP)
  PRICE: /price|preis|prix|precio|prezzo|prijs|pris|cost|amount|betrag|msrp|rrp/i,
  CATEGORY_L1: /categor|kategor|catégor|department|abteilung|rubri|warengruppe|genre|group|gruppe|class|type/i,
  GENRES: /genre|categor|kategor|catégor/i,
  CREATION_TIMESTAMP: /creat|erstellt|added|publish|release|since|date|datum|time|zeit/i,
  EVENT_TYPE: /event|action|aktion|activity|aktivit|interaction|verb|type|typ|art$/i,
  EVENT_VALUE: /value|wert|rating|bewertung|score|revenue|umsatz|amount|betrag/i,
};
/** names that are not an ID however they end (a line item's name, an e-mail) */
const NOT_AN_ID = /name|title|description|beschreibung|e-?mail|price|preis|quantity|qty|status|country|land/i;
const ID_FIELDS = new Set(['USER_ID', 'ITEM_ID', 'ACTION_ID']);

/**
 * How likely a column holds `field` (higher first): its name (sku, id, product for ITEM_ID; date,
 * time, "at" for TIMESTAMP; Preis, prix for PRICE), then its values (dates or whole numbers for a time;
 * numbers for a price; few distinct strings for a category; many distinct values without spaces, no
 * e-mail addresses, for an ID).
 */
export function likelihood(field: string, column: string, type: string, look: ColumnLook | undefined): number {
  let score = 0;
  const words = column.replace(/([a-z])([A-Z])/g, '$1 $2');
  if (HINTS[field]?.test(words) && !(ID_FIELDS.has(field) && NOT_AN_ID.test(words))) score += 4;
  if (!look || look.nonEmpty === 0) return score;
  if (field === 'TIMESTAMP' || field === 'CREATION_TIMESTAMP') {
    if (look.dates / look.nonEmpty >= 0.8 || (type === 'long' && look.ints === look.nonEmpty)) score += 2;
    return score;
  }
  // a price is a number; a category (or genres) a string with few distinct values
  if (field === 'PRICE') return score + (['float', 'double', 'int', 'long'].includes(type) ? 2 : 0);
  if (field === 'CATEGORY_L1' || field === 'GENRES') return score + (type === 'string' && look.distinct !== undefined && look.distinct * 2 <= look.nonEmpty ? 2 : 0);
  const idLike = (type === 'string' || type === 'long' || type === 'int') && look.spaced === 0 && look.dates === 0 && (look.distinct === undefined || look.distinct > 1);
  if (idLike && look.emails === 0) score += 2;
  else if (idLike) score += 1;
  return score;
}

/** What is wrong with an EVENT_TYPE value given for every row (--event-type, the wizard's answer); undefined when nothing. */
export function eventTypeProblem(v: string): string | undefined {
  if (!v.trim()) return 'an event type, e.g. purchase (every row gets it)';
  if (v.length > 256) return 'at most 256 characters';
  if (/[\u0000-\u001f\u007f,"\\|]/.test(v)) return 'letters, digits and spaces, e.g. purchase (no comma, quote, backslash, | or control character)';
  return undefined;
}

/** --event-type's value, checked (a usage error names the flag); undefined when not given. */
export function eventTypeFlag(command: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const problem = eventTypeProblem(v);
  if (problem) throw usageError(`${command}: --event-type ${JSON.stringify(v)}: ${problem}.`, 'Every row gets this EVENT_TYPE, e.g. --event-type purchase for an order export.');
  return v;
}

/** --event-names old=New (repeatable): EVENT_TYPE values the fixer writes again, checked as --event-type's (a usage error names the flag); undefined when not given. */
export function eventNamesFlag(command: string, items: string[] | undefined): Record<string, string> | undefined {
  if (!items?.length) return undefined;
  const out: Record<string, string> = {};
  for (const item of items) {
    const i = item.indexOf('=');
    const [from, to] = [item.slice(0, i), item.slice(i + 1)];
    const problem = i <= 0 || !to.trim() ? 'is not old=New' : (eventTypeProblem(from) && `the old name: ${eventTypeProblem(from)}`) || (eventTypeProblem(to) && `the new name: ${eventTypeProblem(to)}`);
    if (problem) throw usageError(`${command}: --event-names ${JSON.stringify(item)}: ${problem}.`, 'Write it as --event-names transaction=Purchase (an EVENT_TYPE of the file = the name to write instead; repeatable).');
    out[from] = to;
  }
  return out;
}

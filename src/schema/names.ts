// Column → field name. Exact Personalize names are kept; a case-only difference from a reserved or
// domain name, and the spellings exports commonly use (user_id, customerId, sku, ts, created_at …),
// are proposed as the Personalize name. The CSV header is not changed here: the proposal says which
// header cells must be renamed (the fixer does it).
import type { DatasetType, Domain } from '../core/resources.js';
import { ALIASES, aliasRank } from '../validate/aliases.js';

// "#" reads as "number", as squashName reads it (an order's "Item #" is a line number, not an item)
const key = (s: string) => s.toLowerCase().replace(/#/g, 'number').replace(/[^a-z0-9]/g, '');

// Spellings (compared without case, spaces, "_" or "-") → the field they mean. Ambiguous ones depend
// on the dataset type (created_at is an item's CREATION_TIMESTAMP but an event's TIMESTAMP).
// The ID columns are the fixer's and the report's aliases (validate/aliases.ts: one table for all
// three), less two that do not say the dataset type: a Shopify "Handle" (an item's key only in a
// products export: ITEM_KEYS) and "action" (as often an event type).
const NOT_FOR_TYPING = new Set(['handle', 'action']);
const IDS: Record<string, string> = Object.fromEntries(
  (['USER_ID', 'ITEM_ID', 'ACTION_ID'] as const).flatMap((f) => ALIASES[f].filter((a) => !NOT_FOR_TYPING.has(a)).map((a) => [a, f])),
);
const EVENT_TIME: Record<string, string> = {
  timestamp: 'TIMESTAMP', ts: 'TIMESTAMP', time: 'TIMESTAMP', eventtime: 'TIMESTAMP', eventtimestamp: 'TIMESTAMP', datetime: 'TIMESTAMP',
  createdat: 'TIMESTAMP', occurredat: 'TIMESTAMP', eventdate: 'TIMESTAMP', date: 'TIMESTAMP', epoch: 'TIMESTAMP',
  // an order's time (order exports): Order date, Paid at, Bestelldatum
  orderdate: 'TIMESTAMP', orderedat: 'TIMESTAMP', orderdatetime: 'TIMESTAMP', purchasedate: 'TIMESTAMP', purchasedat: 'TIMESTAMP',
  bestelldatum: 'TIMESTAMP', paidat: 'TIMESTAMP', invoicedate: 'TIMESTAMP',
  // when it was watched, played, viewed, clicked (watch logs, clickstreams)
  watchedat: 'TIMESTAMP', viewedat: 'TIMESTAMP', playedat: 'TIMESTAMP', listenedat: 'TIMESTAMP', clickedat: 'TIMESTAMP', visitedat: 'TIMESTAMP',
  event: 'EVENT_TYPE', eventtype: 'EVENT_TYPE', eventname: 'EVENT_TYPE', interactiontype: 'EVENT_TYPE', action: 'EVENT_TYPE',
  // a ratings file's rating (goodbooks, MovieLens): the value of the event
  eventvalue: 'EVENT_VALUE', rating: 'EVENT_VALUE', impression: 'IMPRESSION', impressions: 'IMPRESSION', recommendationid: 'RECOMMENDATION_ID',
  eventattributionsource: 'EVENT_ATTRIBUTION_SOURCE',
};
// a Shopify product export's key; elsewhere a "handle" may be a user's (@name), so only for Items
const ITEM_KEYS: Record<string, string> = { handle: 'ITEM_ID' };
const CATALOGUE_TIME: Record<string, string> = {
  creationtimestamp: 'CREATION_TIMESTAMP', createdat: 'CREATION_TIMESTAMP', created: 'CREATION_TIMESTAMP', creationdate: 'CREATION_TIMESTAMP',
  createdtimestamp: 'CREATION_TIMESTAMP', publishedat: 'CREATION_TIMESTAMP', releasedate: 'CREATION_TIMESTAMP', timestamp: 'CREATION_TIMESTAMP',
};
const BY_DOMAIN: Record<Domain, Record<string, string>> = {
  // a Shopify product export: one row per variant, its price the variant's, its Type the merchant's category;
  // a WooCommerce one: its Regular price, and its Categories (its Type is simple / variable / variation)
  ECOMMERCE: { price: 'PRICE', variantprice: 'PRICE', regularprice: 'PRICE', categoryl1: 'CATEGORY_L1', category: 'CATEGORY_L1', categories: 'CATEGORY_L1', producttype: 'CATEGORY_L1', type: 'CATEGORY_L1' },
  VIDEO_ON_DEMAND: { genres: 'GENRES', genre: 'GENRES' },
};
const ACTIONS: Record<string, string> = {
  expirationtimestamp: 'EXPIRATION_TIMESTAMP', repeatfrequency: 'REPEAT_FREQUENCY', value: 'VALUE', type: 'TYPE',
};

export interface NameProposal {
  field: string;
  /** how sure: 0 the name itself or a case-only difference; an alias its rank (lower = more specific) */
  rank: number;
  /** why this name: kept, case-only, alias, made a valid Avro name */
  reason: string;
}

/** The ID column a header names, if any (used before the dataset type is known). */
export function idFieldOf(column: string): string | undefined {
  const k = key(column);
  return IDS[k];
}

/** The names with a meaning in a dataset of this type (reserved fields, the domain's required ones). */
export function reservedFor(type: DatasetType, domain?: Domain): string[] {
  const base: Record<DatasetType, string[]> = {
    INTERACTIONS: ['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE', 'EVENT_VALUE', 'IMPRESSION', 'RECOMMENDATION_ID', 'EVENT_ATTRIBUTION_SOURCE'],
    ITEMS: ['ITEM_ID', 'CREATION_TIMESTAMP'],
    USERS: ['USER_ID'],
    ACTIONS: ['ACTION_ID', 'CREATION_TIMESTAMP', 'VALUE', 'TYPE', 'EXPIRATION_TIMESTAMP', 'REPEAT_FREQUENCY'],
    ACTION_INTERACTIONS: ['USER_ID', 'ACTION_ID', 'TIMESTAMP', 'EVENT_TYPE', 'IMPRESSION', 'RECOMMENDATION_ID'],
  };
  const out = [...base[type]];
  if (type === 'ITEMS' && domain === 'ECOMMERCE') out.push('PRICE', 'CATEGORY_L1');
  if (type === 'ITEMS' && domain === 'VIDEO_ON_DEMAND') out.push('GENRES');
  return out;
}

/**
 * The spellings (lower case, letters and digits only) read as a field in a dataset of this type —
 * each one the fixer renames too (test/schema/names.test.ts holds the two to each other).
 */
export function spellingsFor(type: DatasetType, domain?: Domain): Record<string, string> {
  return {
    ...IDS,
    ...(type === 'INTERACTIONS' || type === 'ACTION_INTERACTIONS' ? EVENT_TIME : {}),
    ...(type === 'ITEMS' || type === 'ACTIONS' ? CATALOGUE_TIME : {}),
    ...(type === 'ITEMS' ? ITEM_KEYS : {}),
    ...(type === 'ACTIONS' ? ACTIONS : {}),
    ...(domain && type === 'ITEMS' ? BY_DOMAIN[domain] : {}),
    // beside an event type, an "action" column of action interactions is the action taken: its ID
    ...(type === 'ACTION_INTERACTIONS' ? { action: 'ACTION_ID' } : {}),
  };
}

/** Proposes a field name for a column, given the dataset type and domain; `mapped`: the field --map names for it. */
export function proposeName(column: string, type: DatasetType, domain?: Domain, mapped?: string): NameProposal {
  const k = key(column);
  const reserved = reservedFor(type, domain);
  // --map column=FIELD: the user's word first (a reserved name in its Personalize spelling)
  if (mapped !== undefined) {
    const field = reserved.find((f) => f.toLowerCase() === mapped.toLowerCase()) ?? mapped;
    return { field, rank: -1, reason: `named by --map ${column}=${mapped}` };
  }
  if (reserved.includes(column)) return { field: column, rank: 0, reason: 'the Personalize name, kept' };
  const caseOnly = reserved.find((f) => f.toLowerCase() === column.toLowerCase());
  if (caseOnly) return { field: caseOnly, rank: 0, reason: `"${column}" differs from ${caseOnly} only in case; Personalize needs ${caseOnly}` };
  const alias = spellingsFor(type, domain)[k];
  // two columns may spell one field (Google Analytics: event_date and event_timestamp): the fixer's
  // order of aliases says which is meant, so the schema and the fixed file agree
  if (alias && reserved.includes(alias)) return { field: alias, rank: 1 + (aliasRank(column, alias) + 1 || 100), reason: `"${column}" is a common spelling of ${alias}` };
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(column)) return { field: column, rank: 0, reason: 'the column name, kept' };
  return { field: ownFieldName(column), rank: 0, reason: `"${column}" is not a valid field name (letters, digits and _ only, not starting with a digit)` };
}

/** The column's own name as a field: kept when valid, else letters, digits and _ upper-cased ("Product ID" → PRODUCT_ID). */
export function ownFieldName(column: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(column)) return column;
  // "Item #" → ITEM_NUMBER (the fixer finds it by the same squashed name)
  let valid = column.trim().replace(/#/g, ' number ').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (!valid) valid = 'FIELD';
  if (/^[0-9]/.test(valid)) valid = `F_${valid}`;
  return valid.toUpperCase();
}

/** Names that Avro or Personalize consider the same (GENRES_FIELD_1 vs GENRESFIELD1). */
export function collisionKey(field: string): string {
  return field.toLowerCase().replace(/_/g, '');
}

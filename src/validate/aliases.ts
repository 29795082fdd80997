// The names exports commonly give Personalize's reserved fields — one table for the fixer (which
// renames them: src/fix/header.ts) and the validation report (which says "probably USER_ID under
// another name" beside the missing column, src/validate/findings.ts), so the report never advises
// "Add the column" for a column the fixer would rename.
// Names are compared lower-case without spaces, "_", "-" or ".". Within a field's list the more
// specific name comes first: when two columns claim one field (Google Analytics' event_date and
// event_timestamp both spell TIMESTAMP; a Shopify order export's Created at and Paid at), the one
// listed first gets it. Order exports (Shopify, WooCommerce, a German shop's Bestellungen) name the
// item a line sold its SKU or variant, and the time the order's: they are interactions (a user bought
// an item at a time). A streaming service's watch log names the user a profile or subscriber, the
// item a title, asset or episode, and the time when it was watched or played. An e-mail column is
// never read as USER_ID: it is personal data, named by hand. A retailer's invoice lines (UCI's Online
// Retail: StockCode, InvoiceDate, Customer ID) are orders too; a ratings file names its item a book,
// a movie, a track (goodbooks: user_id, book_id, rating — the rating is the event's value). Mixpanel
// names the user distinct_id and the time (epoch seconds) time.
// An ERP's or a spreadsheet's export names the item its Product Code, Item Code or Article Number.
// Salesforce Commerce Cloud's order export names the customer Customer No and the time Creation Date;
// HubSpot's exports name the time Create Date. A Google Analytics 4 export flattened from BigQuery (its items array unnested, as json_normalize or
// a flattening query names it) writes the item items.item_id or items_item_id: squashed, itemsitemid.
export const ALIASES: Record<string, string[]> = {
  USER_ID: ['userid', 'user', 'uid', 'customerid', 'customeruserid', 'customer', 'clientid', 'visitorid', 'memberid', 'accountid', 'personid', 'shopperid', 'userpseudoid', 'distinctid', 'viewerid', 'profileid', 'subscriberid', 'listenerid', 'contactid', 'customernumber', 'customerno', 'kundennummer', 'kundennr'],
  ITEM_ID: ['itemid', 'item', 'sku', 'skuid', 'productsku', 'lineitemsku', 'variantsku', 'productid', 'product', 'productcode', 'itemcode', 'productnumber', 'productno', 'articlenumber', 'articleno', 'lineitemproductid', 'productvariantid', 'lineitemvariantid', 'variantid', 'artikelnummer', 'artikelnr', 'articleid', 'contentid', 'movieid', 'videoid', 'titleid', 'assetid', 'episodeid', 'showid', 'trackid', 'songid', 'iid', 'asin', 'stockcode', 'bookid', 'handle', 'itemsitemid'],
  ACTION_ID: ['actionid', 'action'],
  TIMESTAMP: ['eventtimestamp', 'timestamputc', 'epoch', 'ts', 'eventtime', 'eventdatetime', 'datetime', 'time', 'occurredat', 'orderdate', 'orderedat', 'orderdatetime', 'purchasedate', 'purchasedat', 'invoicedate', 'bestelldatum', 'createdat', 'created', 'createdate', 'creationdate', 'paidat', 'watchedat', 'viewedat', 'playedat', 'listenedat', 'clickedat', 'visitedat', 'eventdate', 'date'],
  EVENT_TYPE: ['eventtype', 'event', 'eventname', 'type', 'action', 'actiontype', 'interaction', 'interactiontype', 'behavior', 'behaviour'],
  EVENT_VALUE: ['value', 'rating', 'score', 'weight'],
  CREATION_TIMESTAMP: ['createdat', 'created', 'createdtimestamp', 'creationdate', 'creationtime', 'publishedat', 'releasedate', 'dateadded', 'timestamp'],
  EXPIRATION_TIMESTAMP: ['expiresat', 'expiry', 'expirationdate', 'expirationtime'],
  RECOMMENDATION_ID: ['recommendationid', 'recid'],
  IMPRESSION: ['impressions'],
  PRICE: ['price', 'variantprice', 'regularprice'],
  CATEGORY_L1: ['category', 'categories', 'producttype', 'type'],
  GENRES: ['genre'],
};

// (every mark but letters and digits: "Body (HTML)" is the BODY_HTML the inference names it — the
// fixer could not rename a Shopify products export's description column, a dead end)
// "#" reads as "number": an order export's "Item #" is the line's position in its order (1, 2, 3),
// not the item sold — squashed to "item" it took ITEM_ID from the SKU beside it
export const squashName = (s: string): string => s.toLowerCase().replace(/#/g, 'number').replace(/[^\p{L}\p{N}]/gu, '');

/** The rank of `column` among `field`'s aliases (0 = the most specific), or -1 when it is none of them. */
export function aliasRank(column: string, field: string): number {
  return ALIASES[field]?.indexOf(squashName(column)) ?? -1;
}

/**
 * WooCommerce's order export names the customer "Customer User ID", and writes 0 there for a guest
 * checkout (no account): the fixer sets those rows aside (src/fix/fill-down.ts), the inference counts
 * them with the empty ones (src/schema/infer.ts).
 */
export const isWooGuestColumn = (column: string): boolean => column.replace(/^\uFEFF/, '').replace(/^"|"$/g, '').trim().toLowerCase() === 'customer user id';

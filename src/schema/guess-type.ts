// Which dataset a CSV is for: its ID columns (USER_ID and ITEM_ID: interactions …) and, when the
// sample is there, how those IDs repeat — a users or items dataset has one row per ID, so a file
// whose only ID column comes again on row after row is an event log (ratings, an invoice export),
// not a table of users or items. Core module: no SDK.
import type { DatasetType } from '../core/resources.js';
import { aliasRank } from '../validate/aliases.js';
import { ColumnStats } from './columns.js';
import { idFieldOf } from './names.js';
import { readSample } from './sample.js';

/** What the typing reads of a column: non-empty values seen while all were remembered, and how many came again. */
export type IdRepeats = Pick<ColumnStats, 'counted' | 'repeats'>;

/** an ID column repeating on at least this share of its rows (of at least MIN_ROWS) is not a table's key: most rows (a users file with a third of its rows duplicated is still a users file, its duplicates warned of) */
export const REPEAT_SHARE = 0.5;
const MIN_ROWS = 20;
/** how much of a file the typing of a file reads (the wizard's several files, a group import) */
export const TYPING_BYTES = 1 << 20;

const pct = (x: number) => `${Math.round(x * 100)} %`;

/**
 * The dataset type the columns (and, given `stats` in header order, their values) point to, with the
 * reason; undefined when they say nothing.
 */
export function guessDatasetType(header: string[], stats?: readonly (IdRepeats | undefined)[]): { type: DatasetType; reason: string } | undefined {
  // the column that spells each ID most surely (a WooCommerce export's SKU, not the Product ID beside it)
  const ids = new Map<string, string>();
  const rank = (c: string, f: string) => (c === f ? -1 : aliasRank(c, f) < 0 ? 1000 : aliasRank(c, f));
  for (const c of header) {
    const f = idFieldOf(c);
    if (f && (!ids.has(f) || rank(c, f) < rank(ids.get(f)!, f))) ids.set(f, c);
  }
  const named = (f: string) => (ids.get(f) === f ? f : `${f} (column ${ids.get(f)})`);
  // the share of its rows on which an ID column's value came again (undefined: too few rows to say)
  const repeatShare = (f: string): number | undefined => {
    const s = stats?.[header.indexOf(ids.get(f)!)];
    if (!s || s.counted < MIN_ROWS) return undefined;
    const share = s.repeats / s.counted;
    return share >= REPEAT_SHARE ? share : undefined;
  };
  if (ids.has('USER_ID') && ids.has('ACTION_ID')) return { type: 'ACTION_INTERACTIONS', reason: `${named('USER_ID')} and ${named('ACTION_ID')}: an action interactions dataset` };
  if (ids.has('USER_ID') && ids.has('ITEM_ID')) return { type: 'INTERACTIONS', reason: `${named('USER_ID')} and ${named('ITEM_ID')}: an item interactions dataset` };
  const eventish = header.find((c) => /^(timestamp|ts|eventtime|eventtimestamp|eventtype|event|eventvalue)$/.test(c.toLowerCase().replace(/[^a-z]/g, '')));
  if (ids.has('USER_ID') && !ids.has('ITEM_ID') && !ids.has('ACTION_ID') && eventish) {
    return { type: 'INTERACTIONS', reason: `${named('USER_ID')} with ${eventish} but no ITEM_ID: an item interactions dataset that lacks its ITEM_ID column` };
  }
  if (ids.has('ACTION_ID')) return { type: 'ACTIONS', reason: `${named('ACTION_ID')} without USER_ID: an actions dataset` };
  // one ID column, repeating: an event log that lacks the other ID (a users or items dataset has one row per ID)
  for (const [f, other, table] of [['ITEM_ID', 'USER_ID', 'an items table'], ['USER_ID', 'ITEM_ID', 'a users table']] as const) {
    const share = ids.has(f) ? repeatShare(f) : undefined;
    if (share !== undefined) return { type: 'INTERACTIONS', reason: `${ids.get(f)} repeats on ${pct(share)} of rows: an interactions file, not ${table} (one row per ${f === 'ITEM_ID' ? 'item' : 'user'}); it has no ${other} column` };
  }
  if (ids.has('ITEM_ID')) return { type: 'ITEMS', reason: `${named('ITEM_ID')} without USER_ID: an items dataset` };
  if (ids.has('USER_ID')) return { type: 'USERS', reason: `${named('USER_ID')} without ITEM_ID: a users dataset` };
  // a Shopify product export: its key is the Handle (there is no product_id column)
  const handle = header.find((c) => c.trim().toLowerCase() === 'handle');
  if (handle) return { type: 'ITEMS', reason: `ITEM_ID (column ${handle}, a Shopify product's key) without USER_ID: an items dataset` };
  return undefined;
}

/**
 * The dataset type of a CSV from its header and the first `bytes` of its rows (guessDatasetType with
 * the ID columns' repeats); `mapped`: per header cell, the field --map names for it.
 */
export async function guessFromSample(source: AsyncIterable<Uint8Array>, mapped?: (header: string[]) => (string | undefined)[], bytes = TYPING_BYTES): Promise<{ header: string[]; guess: ReturnType<typeof guessDatasetType> }> {
  let stats: (ColumnStats | undefined)[] = [];
  let names: string[] = [];
  const s = await readSample(
    source,
    (row) => {
      for (let i = 0; i < stats.length; i++) stats[i]?.add(row[i] ?? '');
    },
    bytes,
    (h) => {
      const m = mapped?.(h) ?? [];
      names = h.map((c, i) => m[i] ?? c);
      // only the ID columns are counted
      stats = names.map((c) => (idFieldOf(c) ? new ColumnStats(c) : undefined));
    },
  );
  return { header: s.header, guess: guessDatasetType(names.length ? names : s.header, stats) };
}

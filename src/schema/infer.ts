// Schema inference: from a CSV's header and a bounded sample of its records, an Avro schema for a
// dataset type and domain, every decision with its reason and every problem named. Core module:
// no SDK; the caller opens the stream (a file, an S3 object) and passes it in.
import type { AvroField, AvroRecordSchema, DatasetType, Domain } from '../core/resources.js';
import type { FieldType } from '../validate/fields.js';
import { requiredFields } from '../validate/fields.js';
import { usageError } from '../core/errors.js';
import { isWooGuestColumn } from '../validate/aliases.js';
import { anonymousTool, segmentColumns } from '../fix/segment.js';
import { guessDatasetType } from './guess-type.js';
import { printable } from './printable.js';
import { undoneOrders } from './undone-orders.js';
import { ColumnStats, pct } from './columns.js';
import { spellingsText } from '../validate/markers.js';
import { collisionKey, ownFieldName, proposeName, reservedFor } from './names.js';
import { readSample, SAMPLE_BYTES } from './sample.js';
import { decideType, type InferProblem } from './types.js';
import { RowWidths } from './widths.js';
import { anonymousIdColumn, fewOf, looksLikeOrders, lookOf, oneEventOf, ordinal, surplusColumns, unusableReason, type ColumnLook, type Unusable } from './usable.js';
import { withCommas } from '../core/with-commas.js';

export type { InferProblem } from './types.js';
export { guessDatasetType, guessFromSample } from './guess-type.js';

export interface InferredField {
  /** the field name in the schema */
  name: string;
  /** the CSV header cell it comes from */
  column: string;
  type: FieldType;
  nullable: boolean;
  categorical: boolean;
  textual: boolean;
  /** why: the name, the type, the flags */
  reason: string;
  /** the column's place in the file's header (0-based, columns without a name counted) */
  at?: number;
  /** the header names the column more than once: said with its place */
  twice?: boolean;
  /** a column the file lacks, written by the fixer with this value in every row (EVENT_TYPE: --event-type) */
  added?: string;
}

export interface InferOptions {
  /** default: guessed from the columns */
  datasetType?: DatasetType;
  domain?: Domain;
  /** default 64 MiB */
  sampleBytes?: number;
  /** --map column=FIELD: columns named by the user (a column the header lacks is a usage error) */
  map?: Record<string, string>;
  /** EVENT_TYPE when the file has no column for it: this value in every row (the fixer adds the column) */
  eventType?: string;
  /**
   * columns left out of the schema, by their places in the header (0-based, columns without a name
   * counted: a header naming `color` twice keeps one, leaves out the other), or every one `unusable`
   * proposes but `keep`
   */
  leaveOut?: number[] | 'proposed';
  keep?: string[];
  /**
   * a `keep` that names a doubled column without saying which (--keep color of color,color): 'error'
   * (default) throws the usage error (exit 2); 'warn' (the wizard, which can ask) keeps neither, lists
   * it in `keepIgnored` and says so in a KEEP_AMBIGUOUS warning
   */
  ambiguousKeep?: 'error' | 'warn';
  /** read with a Segment export's empty user_id filled from its anonymous_id (--user-id-from): the ones still empty have neither */
  anonymousFilled?: boolean;
}

export interface InferResult {
  schema: AvroRecordSchema;
  datasetType: DatasetType;
  /** why this dataset type (given, or guessed from the columns) */
  datasetTypeReason: string;
  domain?: Domain;
  fields: InferredField[];
  /** errors make CreateSchema or the import fail; warnings are worth a look */
  problems: InferProblem[];
  /** `keep` entries that kept nothing: each names a doubled column without its place (ambiguousKeep 'warn') */
  keepIgnored?: string[];
  /** header cells to rename so the CSV matches the schema */
  renames: { column: string; field: string }[];
  /** `emptyRows`: rows of separators only (Excel's ;;;;) skipped, not counted in `rows` nor in any column (absent: none) */
  sample: { bytes: number; rows: number; truncated: boolean; separator?: string; emptyRows?: number };
  /** metadata columns Personalize cannot use or should not get, with why (left out or not) */
  unusable: Unusable[];
  /** the columns left out of the schema (leaveOut): the fixer drops them from the copy */
  leftOut: Unusable[];
  /** per header column: how its values look (the candidates of "Which column holds …?") */
  looks: Record<string, ColumnLook>;
  /** ITEM_ID is missing, but a JSON column holds it under this key (a Mixpanel export's properties: fill-down.ts can take it out) */
  itemInJson?: { column: string; key: string };
  /** the file lacks EVENT_TYPE and looks like orders: every row a purchase */
  eventTypeDefault?: string;
  /** what the file is, that says eventTypeDefault ("an order export", "a watch log") */
  eventTypeWhat?: string;
  /**
   * columns named from their values, not their names (the only column of dates in an interactions
   * file: TIMESTAMP): the fixer renames them as it does --map's (callers merge them into its map)
   */
  named?: Record<string, string>;
}

/** a column whose values are dates (2018-09-21, 12/1/2009 7:45): nearly all, and at least one */
const isDates = (s: ColumnStats | undefined): boolean => Boolean(s && s.typed > 0 && s.dates >= 0.95 * s.typed);
/** a column that could hold times: dates, or whole numbers of an epoch's length (10 to 19 digits); missing-value markers aside */
const timeLike = (s: ColumnStats | undefined): boolean => Boolean(s && s.typed > 0 && (isDates(s) || (s.ints === s.typed && s.intMin >= 1e9)));

/**
 * `keep` (--keep, the wizard's "Keep one of the columns left out…") names a column by its header cell
 * or its field, case and separators aside: "billing country", "Billing Country" and BILLING_COUNTRY
 * (the header of the fixer's copy) are one column. Of a header naming a column twice (color,color) it
 * names one by its place, 1-based as the messages count: `color@5` is the 5th column (`c`: the column
 * with its place; a header naming it once — the fixer's copy — matches by name whatever the place).
 */
export function keepsColumn(keep: string, c: { column: string; field?: string; at?: number; twice?: boolean }): boolean {
  const norm = (x: string) => x.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_');
  const { name, at } = keepPlace(keep);
  // (a column whose own name ends so, "id@2", is still kept by that name)
  if (at !== undefined && keep.trim().toLowerCase() === c.column.trim().toLowerCase()) return true;
  const named = norm(name) === norm(c.column) || (c.field !== undefined && norm(name) === norm(c.field));
  return named && (at === undefined || !c.twice || c.at === undefined || c.at === at);
}

/** A Segment export's anonymous_id beside its user_id (column `user`): its name, and whether every row has one. */
function anonymousOf(header: string[], stats: ColumnStats[], user: number): { column: string; every: boolean } | undefined {
  const c = segmentColumns(header);
  if (!c || c.user !== user) return undefined;
  return { column: header[c.anonymous], every: stats[c.anonymous].empty === 0 };
}

/** A --keep answer's name and place (0-based): `color@5` → color, 4; `color` → color. */
export function keepPlace(keep: string): { name: string; at?: number } {
  const m = /^(.*\S)@([1-9]\d{0,4})$/.exec(keep.trim());
  return m ? { name: m[1], at: Number(m[2]) - 1 } : { name: keep };
}

/** The --keep answer for a column: its name, with its place when the header names it twice (color@5). */
export const keepToken = (c: { column: string; at?: number; twice?: boolean }): string => (c.twice && c.at !== undefined && c.at >= 0 ? `${c.column}@${c.at + 1}` : c.column);

/**
 * A --keep naming a column the header names twice, both of them left out (or proposed to be), without
 * a place (`--keep color`: which?), or with a place neither is at: what to say (exit 2), else undefined.
 */
export function keepAmbiguity(keep: string[] | undefined, us: Unusable[]): string | undefined {
  return keepAmbiguities(keep, us)[0]?.flag;
}

/** Each such --keep: its text, the exit-2 message for the flag, and the wizard's words for it (it keeps neither). */
function keepAmbiguities(keep: string[] | undefined, us: Unusable[]): { keep: string; flag: string; asked: string }[] {
  const out: { keep: string; flag: string; asked: string }[] = [];
  for (const k of keep ?? []) {
    const { name, at } = keepPlace(k);
    const doubled = us.filter((u) => u.twice && u.at !== undefined && keepsColumn(name, u));
    if (doubled.length < 2 || (at !== undefined && doubled.some((u) => u.at === at))) continue;
    const places = doubled.map((u) => `${keepToken(u)}`);
    const which = `the header names ${doubled[0].column} more than once (${doubled.map((u) => `the ${ordinal(u.at! + 1)}`).join(' and ')} column), each left out${at !== undefined ? `, and the ${ordinal(at + 1)} column is not one of them` : ''}`;
    out.push({
      keep: k,
      flag: `--keep ${k}: ${which}. Say which to keep by its place: ${places.map((p) => `--keep ${JSON.stringify(p).slice(1, -1)}`).join(' or ')}.`,
      asked: `--keep ${k} is not applied: the header names ${doubled[0].column} more than once (${doubled.map((u) => `the ${ordinal(u.at! + 1)}`).join(' and ')} column)${at !== undefined ? `, and the ${ordinal(at + 1)} column is not one of them` : ''}. To keep one, use “Keep one of the columns left out…” (it names each by its place), or start again with ${places.map((p) => `--keep ${JSON.stringify(p).slice(1, -1)}`).join(' or ')}.`,
    });
  }
  return out;
}

export const RECORD_NAMES: Record<DatasetType, string> = {
  INTERACTIONS: 'Interactions',
  ITEMS: 'Items',
  USERS: 'Users',
  ACTIONS: 'Actions',
  ACTION_INTERACTIONS: 'ActionInteractions',
};

/** Metadata fields a dataset type allows (Personalize facts). */
export const METADATA_LIMITS: Partial<Record<DatasetType, number>> = { INTERACTIONS: 5, USERS: 25, ITEMS: 100, ACTIONS: 10 };

export class DatasetTypeUnknown extends Error {
  /** `empty`: the file held no header cell and no record (0 bytes, blank lines, a byte-order mark alone) */
  constructor(readonly header: string[], readonly empty = false) {
    super(empty ? 'the file is empty' : 'cannot tell the dataset type from the columns');
  }
}

/**
 * Per header cell, the field --map names for it (the column's exact name first, else one differing in
 * case, as `fix --map` reads it). A column the header lacks, or a field name Avro refuses, is a usage
 * error naming the flag and the columns there are.
 */
export function mappedFields(header: string[], map: Record<string, string> | undefined): (string | undefined)[] {
  const out: (string | undefined)[] = header.map(() => undefined);
  for (const [column, field] of Object.entries(map ?? {})) {
    const flag = `--map ${printable(column)}=${printable(field)}`;
    let i = header.indexOf(column);
    if (i < 0) i = header.findIndex((c) => c.toLowerCase() === column.toLowerCase());
    if (i < 0) throw usageError(`${flag}: the header has no column ${printable(column)}`, `Its columns: ${header.length ? header.map(printable).join(', ') : 'none (no header)'}.`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw usageError(`${flag}: ${printable(field)} is not a field name`, 'A field name has letters, digits and _ only and does not start with a digit, e.g. USER_ID.');
    out[i] = field;
  }
  return out;
}

/**
 * Infers from the header and the column statistics of a sample (see inferSchema for streams).
 * `places`: each header column's place in the file (inferSchema leaves columns without a name out of `header`).
 */
export function inferFromStats(header: string[], stats: ColumnStats[], sample: InferResult['sample'], opts: InferOptions = {}, places: number[] = header.map((_, i) => i)): InferResult {
  const mapped = mappedFields(header, opts.map);
  const guess = guessDatasetType(header.map((c, i) => mapped[i] ?? c), stats);
  const datasetType = opts.datasetType ?? guess?.type;
  if (!datasetType) throw new DatasetTypeUnknown(header);
  const datasetTypeReason = opts.datasetType
    ? `given${guess && guess.type !== opts.datasetType ? ` (the columns suggest ${guess.type}: ${guess.reason})` : ''}`
    : `guessed from the columns: ${guess!.reason}`;
  const domain = opts.domain;
  const problems: InferProblem[] = [];
  const required = requiredFields(datasetType, domain);
  const reserved = reservedFor(datasetType, domain);

  // names first: a reserved name is taken by the column that spells it most surely (its own name,
  // then the more specific alias: event_timestamp over event_date), columns in header order after that
  const taken = new Map<string, string>();
  const proposals = header.map((column, i) => proposeName(column, datasetType, domain, mapped[i]));
  // the only column of dates in an event log is when the events happened (H&M's t_dat, an export's
  // "Datum"): its TIMESTAMP, the fixer told so as by --map (`named`), converting the dates
  const named: Record<string, string> = {};
  const eventful = datasetType === 'INTERACTIONS' || datasetType === 'ACTION_INTERACTIONS';
  if (eventful && !proposals.some((p) => p.field === 'TIMESTAMP')) {
    const dated = header.map((_, i) => i).filter((i) => !reserved.includes(proposals[i].field) && isDates(stats[i]));
    if (dated.length === 1) {
      const i = dated[0];
      proposals[i] = { field: 'TIMESTAMP', rank: 100, reason: `the only column of dates (e.g. ${JSON.stringify(printable(stats[i].firstDate ?? ''))}): when each event happened, the TIMESTAMP` };
      named[header[i]] = 'TIMESTAMP';
    }
  }
  // (a column left out by its place is named last: of a header naming color twice, the one kept is color)
  const yours = Array.isArray(opts.leaveOut) ? opts.leaveOut : [];
  const out = (i: number) => Number(yours.includes(places[i]));
  const doubled = (i: number) => header.filter((c) => c === header[i]).length > 1;
  const order = header.map((_, i) => i).sort((a, b) => out(a) - out(b) || proposals[a].rank - proposals[b].rank || a - b);
  const naming: { column: string; field: string; nameReason: string }[] = [];
  for (const i of order) {
    const column = header[i];
    let { field, reason } = proposals[i];
    const clash = taken.get(collisionKey(field));
    if (clash !== undefined) {
      // ("Product ID" beside a SKU that is ITEM_ID: PRODUCT_ID, not a second ITEM_ID)
      const fallback = ownFieldName(column);
      if (fallback !== field && !taken.has(collisionKey(fallback))) {
        // the column keeps its own name, a field of its own: nothing to rename, nothing lost
        problems.push({ severity: 'warning', code: 'ALSO_NAMES_FIELD', column, field, message: `Column ${column} could also be field ${field}, but column ${clash} is ${field}; ${column} is kept as a field of its own. Drop it if it says the same.` });
        field = fallback;
        reason = `${reason}, but column ${clash} is ${proposals[i].field}: kept as ${field}`;
      } else {
        // (a header naming one column twice, as a spreadsheet allows: which is which by their places)
        const twice = clash === column ? `The header names ${column} twice (the ${ordinal(header.indexOf(column) + 1)} and the ${ordinal(i + 1)} column): the ${ordinal(i + 1)} would be field ${field}, which the ${ordinal(header.indexOf(column) + 1)} already is` : '';
        problems.push({ severity: 'error', code: 'DUPLICATE_FIELD', column, field, message: `${twice || `Column ${column} would be field ${field}, which column ${clash} already is${collisionKey(field) !== field.toLowerCase() ? ' (names differing only in case or "_" collide)' : ''}`}. Rename or drop one of them.` });
        field = `${field}_${taken.size + 1}`;
        reason = `${reason}; renamed to ${field} to keep names unique`;
      }
    }
    taken.set(collisionKey(field), column);
    naming[i] = { column, field, nameReason: reason };
  }

  const fields: InferredField[] = [];
  const textual: { i: number; avg: number }[] = [];
  // metadata columns of no use to Personalize (an e-mail, an order number, one value in every row)
  const unusable: Unusable[] = [];
  // (a Segment export's anonymous_id: an identifier, said as such — usable.ts)
  const anonymousAt = segmentColumns(header)?.anonymous;
  naming.forEach(({ column, field }, i) => {
    const shown = (v: string) => JSON.stringify(printable(v.length > 40 ? `${v.slice(0, 40)}…` : v));
    const u = reserved.includes(field) || mapped[i] ? undefined : i === anonymousAt ? anonymousIdColumn(column, field, stats[i], shown) : unusableReason(column, field, stats[i], datasetType, shown);
    if (u) unusable.push({ ...u, at: places[i], ...(doubled(i) ? { twice: true } : {}) });
  });
  // a column kept by its header cell or by its field name (a fixed copy's header says BILLING_COUNTRY for "Billing Country")
  const kept = (u: Pick<Unusable, 'column' | 'field' | 'at' | 'twice'>) => Boolean(opts.keep?.some((k) => keepsColumn(k, u)));
  // more metadata columns than the type takes, once those are out (a WooCommerce order export's dozen): the least telling go too
  const limit = METADATA_LIMITS[datasetType];
  if (limit !== undefined) {
    const rest = naming.map((n, i) => ({ ...n, i })).filter(({ field, i }) => !reserved.includes(field) && !mapped[i] && !unusable.some((u) => u.at === places[i]));
    // (columns you left out yourself are out already: the others compete for the places)
    unusable.push(...surplusColumns(rest.map(({ column, field, i, nameReason }) => ({ column, field, s: stats[i], alias: nameReason.includes(', but column '), at: places[i], ...(doubled(i) ? { twice: true } : {}) })), limit, datasetType, kept, yours));
  }
  const ambiguous = keepAmbiguities(opts.keep, unusable);
  if (ambiguous.length && opts.ambiguousKeep !== 'warn') throw usageError(ambiguous[0].flag, 'The places count every column of the header from 1, as the messages do (color@5: the 5th column).');
  if (ambiguous.length) {
    // (the wizard) inferred again without them — they kept both columns so far — and said so
    const r = inferFromStats(header, stats, sample, { ...opts, keep: opts.keep!.filter((k) => !ambiguous.some((a) => a.keep === k)), ambiguousKeep: 'error' }, places);
    r.problems.push(...ambiguous.map((a) => ({ severity: 'warning' as const, code: 'KEEP_AMBIGUOUS', message: a.asked })));
    return { ...r, keepIgnored: ambiguous.map((a) => a.keep) };
  }
  const leaving = opts.leaveOut === 'proposed' ? unusable.filter((u) => !kept(u)).map((u) => u.at!) : yours;
  // a column of a name the header holds twice left out (the other kept: --keep color@5): inferred again
  // with those places left out, so that the one kept is named color, not color_5 (a duplicate field)
  if (opts.leaveOut === 'proposed' && unusable.some((u) => u.twice && leaving.includes(u.at!))) {
    return inferFromStats(header, stats, sample, { ...opts, leaveOut: leaving }, places);
  }
  const leftOut: Unusable[] = [];
  const isOut = (u: Pick<Unusable, 'at'>) => leftOut.some((l) => l.at === u.at);
  naming.forEach(({ column, field, nameReason }, i) => {
    if (leaving.includes(places[i]) && !reserved.includes(field)) {
      leftOut.push(unusable.find((u) => u.at === places[i]) ?? { column, field, kind: 'unique', reason: 'left out by you', at: places[i], ...(doubled(i) ? { twice: true } : {}) });
      return;
    }
    const s = stats[i];
    const d = decideType(field, column, s, datasetType, { decimalComma: sample.separator === ';' });
    // a column proposed to be left out is not also told to be marked categorical
    problems.push(...d.problems.filter((x) => !(x.code === 'NOT_USED_IN_TRAINING' && unusable.some((u) => u.at === places[i]))));
    const mustHave = required.includes(field);
    // a typed field's missing-value markers (NULL, n/a …) are missing values: the fixer writes them empty
    const marked = d.type === 'string' ? 0 : s.markers;
    const spelled = marked ? spellingsText(s.markerSpellings, ' / ') : '';
    let nullable = s.empty + marked > 0;
    let nullReason = '';
    // a WooCommerce order export's guest checkout: Customer User ID 0, which the fixer sets aside as it does an empty one (fill-down.ts)
    const guests = field === 'USER_ID' && datasetType === 'INTERACTIONS' && isWooGuestColumn(column) ? s.zeros : 0;
    if (s.empty + marked + guests > 0 && mustHave) {
      nullable = false;
      // a Segment export's visitors who never signed in: their rows have an anonymous_id (segment.ts)
      const anon = field === 'USER_ID' && datasetType === 'INTERACTIONS' && s.empty > 0 ? anonymousOf(header, stats, i) : undefined;
      const segment = anon && opts.anonymousFilled ? `. Those rows have no ${printable(anon.column)} either, which --user-id-from gave the other rows without a user_id: fill them in or drop those rows (--fix-rejects sets them aside)` : anon ? `. They are ${anon.every ? '' : 'mostly '}visitors who never signed in (a ${anonymousTool(anon.column)} export): ${anon.every ? `each of those ${withCommas(s.empty)} rows has` : 'those rows have'} ${/^[aeio]/i.test(anon.column) ? 'an' : 'a'} ${printable(anon.column)}, which the fix step can use — “Fix and continue, anonymous visitors by their ${printable(anon.column)}” writes it as their USER_ID (a visitor who signs in later is then two users). Or drop those rows` : '';
      problems.push({ severity: 'error', code: 'REQUIRED_EMPTY', column, field, ...(anon && !opts.anonymousFilled ? { anonymous: anon.column } : {}), message: `${field} (column ${column}) is required, yet ${withCommas(s.empty + marked + guests)} of ${withCommas(s.values)} ${sample.truncated ? 'sampled ' : ''}values are ${marked ? `missing (${s.empty ? `${withCommas(s.empty)} empty, ` : ''}${withCommas(marked)} written ${spelled})` : s.blank ? `empty or blank (${withCommas(s.blank)} of spaces only)` : 'empty'}${guests ? ' or 0 (WooCommerce\'s guest checkouts: orders without a customer account)' : field === 'USER_ID' && !segment && looksLikeOrders(header) ? ' (in an order export: guest checkouts, orders without a customer account)' : ''}${segment || '. Fill them in or drop those rows'}.` });
    } else if (s.values === 0) {
      nullable = !mustHave;
      if (nullable) nullReason = 'optional: the sample has no rows';
    } else if (marked) {
      nullReason = `optional: ${withCommas(s.empty + marked)} of ${withCommas(s.values)} values are missing (${s.empty ? `${withCommas(s.empty)} empty, ` : ''}${withCommas(marked)} written ${spelled}: the fixed copy writes them empty)`;
      problems.push({ severity: 'error', code: 'MISSING_MARKERS', column, field, message: `${field === column ? field : `${field} (column ${column})`}: ${withCommas(marked)} of ${withCommas(s.values)} values are missing-value markers (${spellingsText(s.markerSpellings)}), which a ${d.type} field does not take; Personalize reads an empty value as missing. “Fix and continue” (personalize-import fix) writes them empty.` });
    } else if (nullable) nullReason = `optional: ${s.empty} of ${s.values} values are empty`;
    // a string field keeps its markers as values ("NA" may be a category): said when they are many
    if (d.type === 'string' && s.markers > 0 && s.markers >= 0.1 * s.nonEmpty) nullReason = [nullReason, `${pct(s.markers, s.nonEmpty)} of values are ${spellingsText(s.markerSpellings, ' / ')}, kept as a value (exports often write it for a missing one: if it means none here, write those cells empty)`].filter(Boolean).join('; ');
    if (d.textualCandidate) textual.push({ i: fields.length, avg: s.averageLength });
    fields.push({ name: field, column, at: places[i], ...(doubled(i) ? { twice: true } : {}), type: d.type, nullable, categorical: d.categorical, textual: false, reason: [nameReason === 'the column name, kept' || nameReason === 'the Personalize name, kept' ? '' : nameReason, d.reason, nullReason].filter(Boolean).join('; ') });
  });

  // at most one textual field: the longest text wins
  textual.sort((a, b) => b.avg - a.avg);
  textual.forEach(({ i }, k) => {
    const f = fields[i];
    if (k === 0) {
      f.textual = true;
      return;
    }
    f.reason += `; not textual: only one textual field is allowed and ${fields[textual[0].i].name} has longer text`;
    problems.push({ severity: 'warning', code: 'NOT_USED_IN_TRAINING', column: f.column, field: f.name, message: `Column ${f.column}: free text, but Items allow one textual field (${fields[textual[0].i].name} has it); as a plain string Personalize does not use it in training.` });
  });

  // every row one event (an order export: a purchase): EVENT_TYPE written by the fixer into the copy
  if (opts.eventType !== undefined && eventful && !fields.some((f) => f.name === 'EVENT_TYPE')) {
    fields.push({ name: 'EVENT_TYPE', column: 'EVENT_TYPE', type: 'string', nullable: false, categorical: false, textual: false, added: opts.eventType, reason: `added: ${JSON.stringify(printable(opts.eventType))} in every row (the file has no event type column; the fixed copy gets one)` });
  }
  // an order export given one event in every row: orders that were never paid or were undone count too
  const added = fields.find((f) => f.name === 'EVENT_TYPE' && f.added !== undefined);
  if (added) problems.push(...undoneOrders(header, stats, added.added!, sample));
  // what the dataset type and domain need
  const have = new Set(fields.map((f) => f.name));
  let itemFrom: InferResult['itemInJson'];
  const missing = required.filter((r) => !have.has(r));
  if (missing.length) {
    const who = `${domain ? `${domain} ` : ''}${RECORD_NAMES[datasetType]} datasets`;
    // an export in another language (Kunde, Artikel, Zeitpunkt): its IDs and time are there under names
    // this tool does not know — say which columns could be them, not only "add them"
    // (a time is not looked for in a price or a channel number: only columns of dates or epoch-sized numbers are named for it)
    const ownFields = fields.filter((f) => !reserved.includes(f.name));
    const keys = missing.filter((m) => /^(USER_ID|ITEM_ID|ACTION_ID|TIMESTAMP)$/.test(m));
    const onlyTime = keys.length === 1 && keys[0] === 'TIMESTAMP';
    const own = (onlyTime ? ownFields.filter((f) => timeLike(stats[header.indexOf(f.column)])) : ownFields).map((f) => f.column);
    const rename = onlyTime && !own.length
      ? ` No column holds times or dates: Personalize takes no interaction without the time it happened (epoch seconds), and one made-up time for every row would say nothing of when, or in which order, they happened. Export the file again with the time of each event (e.g. a date or rated_at column) and import that`
      : own.length && keys.length
      ? ` If ${keys.length === 1 ? `${keys[0]} is` : `${keys.join(', ')} are`} among its columns under another name (${own.slice(0, 6).join(', ')}${own.length > 6 ? ', …' : ''}), rename ${keys.length === 1 ? 'that header cell' : 'those header cells'} to ${keys.length === 1 ? keys[0] : 'them'} and start again; otherwise add ${missing.length === 1 ? 'it' : 'them'} to the CSV`
      : ` Add ${missing.length === 1 ? 'it' : 'them'} to the CSV`;
    // every row the same event (an order export): the column can be added with one value
    const one = oneEventOf(header, domain);
    const oneEvent = missing.includes('EVENT_TYPE') && !(onlyTime && !own.length) ? ` If every row is the same event (${one ? `${one.what}: ${one.event}` : 'an order export: a purchase'}), EVENT_TYPE can be added with one value in every row (--event-type ${one?.event ?? '<value>'}; in the wizard: “Add EVENT_TYPE”).` : '';
    const found = missing.includes('ITEM_ID') ? itemInJson(header, stats) : undefined;
    if (found) itemFrom = { column: found.column, key: found.key };
    // (the JSON column is where ITEM_ID is: not "among its columns under another name" to rename)
    const json = found?.text ?? '';
    const more = found && missing.length === 1 ? '' : `${json ? '.' : ''}${rename}`;
    problems.push({ severity: 'error', code: 'MISSING_REQUIRED', message: `${who} need ${required.join(', ')}; the file has no column for ${missing.join(', ')}.${json}${more}${domain && !(onlyTime && !own.length) ? ', or use a Custom dataset group' : ''}.${oneEvent}` });
  }
  const metadata = fields.filter((f) => !reserved.includes(f.name));
  if (datasetType !== 'INTERACTIONS' && datasetType !== 'ACTION_INTERACTIONS' && metadata.length === 0 && !(domain && datasetType === 'ITEMS' && fields.length > 1)) {
    problems.push({ severity: 'error', code: 'NO_METADATA', message: `${RECORD_NAMES[datasetType]} datasets need at least one metadata field besides ${required.join(', ')}; the file has none.` });
  }
  if (limit !== undefined && metadata.length > limit) {
    // a column kept (--keep) is not proposed again: the user said so; when only kept ones are left, they are named
    const could = unusable.filter((u) => !isOut(u) && !kept(u));
    const keptOnes = unusable.filter((u) => !isOut(u) && kept(u));
    // (a catalog of 130 columns: the names counted past a few, and the columns over the limit said to be so, not "of no use")
    const surplus = could.filter((u) => u.kind === 'surplus').length;
    const why = surplus === could.length ? `the least telling beyond the ${limit}` : surplus ? `of no use to Personalize, or the least telling beyond the ${limit}` : 'of no use to Personalize';
    problems.push({ severity: 'error', code: 'TOO_MANY_FIELDS', message: `${RECORD_NAMES[datasetType]} datasets allow at most ${limit} metadata fields; the file has ${metadata.length} (${fewOf(metadata.map((f) => f.name), 12)}). ${could.length ? `Leave out ${fewOf(could.map((u) => printable(u.column)), 12)} (${why}${metadata.length - could.length > limit ? ', and more' : ''})` : keptOnes.length ? `Keep fewer of the columns kept (${fewOf(keptOnes.map((u) => printable(u.column)), 12)}), or drop others` : 'Drop some columns'}.` });
  }
  // read with its own separator to find the columns; Personalize reads commas only
  if (sample.separator) problems.push({ severity: 'warning', code: 'SEPARATOR', message: `The file is separated by ${sample.separator === '\t' ? 'tabs' : `"${sample.separator}"`}; Personalize reads commas only. Validation reports it, and Fix writes a comma-separated copy (personalize-import fix).` });
  if (sample.rows === 0) problems.push({ severity: 'warning', code: 'NO_ROWS', message: 'The file has a header but no data rows: every metadata type is a guess (string).' });

  // a column left out needs no word on the field it could also have been
  // … and a column left out collides with no field: its DUPLICATE_FIELD went on blocking Create after
  // "Leave out" had dropped it (the review then offered only to keep it again)
  for (let k = problems.length - 1; k >= 0; k--) if ((problems[k].code === 'ALSO_NAMES_FIELD' || problems[k].code === 'DUPLICATE_FIELD') && leftOut.some((u) => u.column === problems[k].column)) problems.splice(k, 1);
  const renames = fields.filter((f) => f.name !== f.column).map((f) => ({ column: f.column, field: f.name }));
  for (const r of renames) {
    problems.push({ severity: 'warning', code: 'HEADER_RENAME', column: r.column, field: r.field, message: `Rename header column ${r.column} to ${r.field} before importing: Personalize matches columns to fields by name.` });
  }
  const looks = Object.fromEntries(header.map((c, i) => [c, lookOf(stats[i])]));
  const one = eventful && !have.has('EVENT_TYPE') ? oneEventOf(header, domain) : undefined;
  return { schema: toAvro(datasetType, fields), datasetType, datasetTypeReason, ...(domain ? { domain } : {}), fields, problems, renames, sample, unusable, leftOut, looks, ...(one ? { eventTypeDefault: one.event, eventTypeWhat: one.what } : {}), ...(Object.keys(named).length ? { named } : {}), ...(itemFrom ? { itemInJson: itemFrom } : {}) };
}

/**
 * An analytics export's event properties as one JSON column (Mixpanel's properties): the key that names
 * the item in most of its objects (product_id, $product_id …), said where ITEM_ID is missing — the
 * item is there, but not as a column this tool or Personalize reads.
 */
function itemInJson(header: string[], stats: ColumnStats[]): { column: string; key: string; text: string } | undefined {
  let best: { i: number; key: string; n: number } | undefined;
  stats.forEach((s, i) => {
    for (const [key, n] of s.itemKeys) if (n >= 0.5 * s.jsons && (!best || n > best.n)) best = { i, key, n };
  });
  if (!best) return undefined;
  const { i, key, n } = best;
  return { column: header[i], key, text: ` Column ${printable(header[i])} holds it in its JSON (${printable(key)} in ${withCommas(n)} of ${withCommas(stats[i].nonEmpty)} values, as Mixpanel writes an event's properties), where Personalize does not look: in the wizard, “Take ITEM_ID from ${printable(key)}” gives the copy “Fix and continue” writes an ITEM_ID column with it; or export ${printable(key)} as a column of its own and start again` };
}

/** The Avro record schema for fields (optional ones as ["null", type] with default null). */
export function toAvro(datasetType: DatasetType, fields: Pick<InferredField, 'name' | 'type' | 'nullable' | 'categorical' | 'textual'>[]): AvroRecordSchema {
  const avroFields: AvroField[] = fields.map((f) => ({
    name: f.name,
    type: f.nullable ? ['null', f.type] : f.type,
    ...(f.categorical ? { categorical: true } : {}),
    ...(f.textual ? { textual: true } : {}),
    ...(f.nullable ? { default: null } : {}),
  }));
  return { type: 'record', name: RECORD_NAMES[datasetType], namespace: 'com.amazonaws.personalize.schema', fields: avroFields, version: '1.0' };
}

/** Reads the header and at most `sampleBytes` of the stream, then infers. Throws DatasetTypeUnknown. */
export async function inferSchema(source: AsyncIterable<Uint8Array>, opts: InferOptions = {}): Promise<InferResult> {
  let stats: ColumnStats[] | undefined;
  let header: string[] = [];
  const width = new RowWidths();
  const sample = await readSample(
    source,
    (row, line) => {
      for (let i = 0; i < stats!.length; i++) stats![i].add(row[i] ?? '');
      if (row.length !== stats!.length) width.add(row, stats!.length, line);
    },
    opts.sampleBytes ?? SAMPLE_BYTES,
    (h) => {
      header = h;
      stats = h.map((c) => new ColumnStats(c));
    },
  );
  // a column without a name (an export's trailing separator: Excel's "a;b;c;") gets no field: none can
  // be named so, and the fixer drops it from its copy (a field for it would stay in the schema for good)
  const named = header.map((_, i) => i).filter((i) => header[i].trim() !== '');
  let r: InferResult;
  try {
    r = inferFromStats(named.map((i) => header[i]), named.map((i) => stats![i]), { bytes: sample.bytes, rows: sample.rows, truncated: sample.truncated, ...(sample.separator !== ',' ? { separator: sample.separator } : {}), ...(sample.emptyRows ? { emptyRows: sample.emptyRows } : {}) }, opts, named);
  } catch (e) {
    // nothing to tell a type from: no header cell, no record — an empty file, said as such
    if (e instanceof DatasetTypeUnknown && !named.length && !sample.rows) throw new DatasetTypeUnknown(e.header, true);
    throw e;
  }
  const blank = header.map((_, i) => i).filter((i) => !named.includes(i));
  if (blank.length) {
    const held = blank.reduce((n, i) => n + stats![i].nonEmpty, 0);
    const which = blank.map((i) => `the ${ordinal(i + 1)}${i > 0 && header[i - 1].trim() ? `, after ${printable(header[i - 1])}` : ''}`).join('; ');
    r.problems.push({
      severity: 'warning',
      code: 'UNNAMED_COLUMN',
      message: `${blank.length === 1 ? 'A column without a name' : `${blank.length} columns without a name`} (${which}) ${blank.length === 1 ? 'is' : 'are'} left out of the schema: no field can be named so${held ? `, yet ${blank.length === 1 ? 'it holds' : 'they hold'} ${withCommas(held)} values: give ${blank.length === 1 ? 'it a name' : 'them names'} in the header to keep them` : ` (an export's trailing separator: no value in any row)`}. “Fix and continue” (personalize-import fix) drops ${blank.length === 1 ? 'it' : 'them'} from the copy.`,
    });
  }
  r.problems.push(...width.problems(header, sample.rows, sample.separator));
  return r;
}

/** Problems that stop a schema from being created at all (the wizard disables Create; `import --create` refuses). */
export const BLOCKS_CREATE: ReadonlySet<string> = new Set(['MISSING_REQUIRED', 'NO_METADATA', 'TOO_MANY_FIELDS', 'DUPLICATE_FIELD']);
/**
 * Data problems the fixer repairs in every row (with the header renames): the schema can be created, then the file fixed.
 * BOOLEAN_CASE: a spreadsheet's TRUE / FALSE (Google Sheets, Excel) — the fixer lower-cases them; `import --create --fix`
 * refused such a file ("1 problem to fix first … Fix the file") while the wizard created its dataset and fixed it.
 */
export const FIXED_BY_FIX: ReadonlySet<string> = new Set(['TIMESTAMP_DATES', 'TIMESTAMP_SERIAL', 'TIMESTAMP_MILLISECONDS', 'TIMESTAMP_MICROSECONDS', 'MISSING_MARKERS', 'BOOLEAN_CASE']);
/** Row problems the fixer cannot repair but sets aside in its rejects file (fix --rejects, import --fix-rejects, the wizard with consent). */
export const SET_ASIDE_BY_FIX: ReadonlySet<string> = new Set(['TYPE_MISMATCH', 'COLUMN_COUNT', 'REQUIRED_EMPTY']);

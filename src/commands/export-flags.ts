// --user-id-from and --item-id-from (fix, import): the wizard's two choices for analytics exports as
// flags, so a script can do what the wizard does. A Segment export's rows without a user_id take their
// anonymous_id (the fix step's “…anonymous visitors by their anonymous_id”: src/fix/segment.ts); a
// Mixpanel export's ITEM_ID is taken out of its properties JSON (the schema review's “Take ITEM_ID
// from product_id in properties”: src/fix/mixpanel.ts). Both are read by the fill-down pass of a local
// file (src/fix/fill-down.ts), so a value is checked against the file itself: a column its header
// lacks, a JSON key none of its first rows has, an S3 object, are usage errors naming the flag.
import { usageError } from '../core/errors.js';
import { visible } from '../core/sanitize.js';
import type { JsonItem } from '../fix/mixpanel.js';
import { withCommas } from '../core/with-commas.js';

/** parseArgs spec of both flags (fix's and import's OPTIONS) */
export const EXPORT_OPTIONS = {
  // Segment: the column (anonymous_id) whose value a row without a user_id takes as its USER_ID
  'user-id-from': { type: 'string' },
  // Mixpanel: COLUMN.KEY, the JSON column and its key the copy's ITEM_ID column is taken from
  'item-id-from': { type: 'string' },
} as const;

/** what the flags ask of the fixer (FixOptions.anonymousIds, FixOptions.jsonItem), and the flags as reported (--json) */
export interface ExportChoices {
  anonymousIds?: true;
  jsonItem?: JsonItem;
  /** for --json / --dry-run: the column named (userIdFrom) and COLUMN.KEY (itemIdFrom) */
  report: { userIdFrom?: string; itemIdFrom?: string };
  /** what each choice does, as `import` says it before its steps (--dry-run included) */
  lines: string[];
}

/** how many data rows the key of --item-id-from is looked for in */
export const JSON_ROWS = 1000;

const cell = (h: string) => h.replace(/^\uFEFF/, '').replace(/^"|"$/g, '').trim();
const list = (xs: string[], n = 12) => `${xs.slice(0, n).map(visible).join(', ')}${xs.length > n ? `, … (${xs.length} in all)` : ''}`;

/** The shape of --item-id-from without the file: COLUMN.KEY, both parts named. */
export function checkItemIdShape(cmd: string, v: string | undefined): void {
  if (v === undefined) return;
  const dot = v.lastIndexOf('.');
  if (dot <= 0 || dot === v.length - 1) throw usageError(`${cmd}: --item-id-from ${JSON.stringify(visible(v))}: name the column that holds each event's JSON and the key of the item in it, with a dot between.`, 'Example: --item-id-from properties.product_id (Mixpanel\'s export: the product_id in its properties column).');
}

/** The flags' choices checked against the file (a local CSV; `file` is its path as given, `abs` resolved). */
export async function exportChoices(cmd: string, values: { 'user-id-from'?: string; 'item-id-from'?: string; map?: string[] }, file: { abs: string; name: string } | { s3: string }): Promise<ExportChoices> {
  const user = values['user-id-from'];
  const item = values['item-id-from'];
  const out: ExportChoices = { report: {}, lines: [] };
  if (user === undefined && item === undefined) return out;
  checkItemIdShape(cmd, item);
  const flag = user !== undefined ? '--user-id-from' : '--item-id-from';
  if ('s3' in file) {
    throw usageError(`${cmd}: ${flag} reads the file's own rows, and ${visible(file.s3)} is in S3.`, `Copy it here first (aws s3 cp ${visible(file.s3)} .) and pass the local file.`);
  }
  const [{ createReadStream }, { readSample }, { segmentColumns }, { jsonValue }, { aliasRank }] = await Promise.all([import('node:fs'), import('../schema/sample.js'), import('../fix/segment.js'), import('../fix/mixpanel.js'), import('../validate/aliases.js')]);
  const name = visible(file.name);
  // the header, and (for --item-id-from) the first rows' values of its column
  let header: string[] = [];
  let at = -1;
  let key = '';
  let rows = 0;
  let found = 0;
  const keys = new Set<string>();
  let json = 0;
  if (item !== undefined) {
    // the header is read first: the longest column name COLUMN.KEY starts with (a column may hold a dot)
    await readSample(createReadStream(file.abs, { highWaterMark: 1 << 16 }), () => {}, 1 << 16, (h) => (header = h.map(cell)));
    const columns = header.filter((h) => item.startsWith(`${h}.`) && item.length > h.length + 1).sort((a, b) => b.length - a.length);
    if (!columns.length) {
      throw usageError(`${cmd}: --item-id-from ${visible(item)}: ${name} has no column ${visible(item.slice(0, item.lastIndexOf('.')))} (its header: ${list(header)}).`, 'Write it as COLUMN.KEY: the column that holds each event\'s properties as JSON, then the key naming the item — e.g. --item-id-from properties.product_id.');
    }
    at = header.indexOf(columns[0]);
    key = item.slice(columns[0].length + 1);
    // a column the copy has as ITEM_ID already (ITEM_ID, a spelling the fixer renames, --map …=ITEM_ID):
    // a second ITEM_ID column appended beside it would make the copy's header name the field twice
    const has = itemColumn(header, values.map, aliasRank);
    if (has !== undefined) {
      const own = has.toUpperCase() === 'ITEM_ID' ? '' : ` (the fixer names it ITEM_ID${values.map?.some((m) => m.slice(0, m.lastIndexOf('=')) === has) ? ', as --map says' : ''})`;
      throw usageError(`${cmd}: --item-id-from ${visible(item)}: ${name} has an ITEM_ID column already: ${visible(has)}${own}. The copy would have two.`, `Leave out --item-id-from: ${visible(has)} is the item. If it is not, name its field yourself (--map ${visible(has)}=${visible(has.toUpperCase() === 'ITEM_ID' ? 'ITEM_REF' : has.toUpperCase().replace(/[^A-Z0-9_]/g, '_'))}) and pass --item-id-from again.`);
    }
    await readSample(createReadStream(file.abs, { highWaterMark: 1 << 16 }), (fields) => {
      if (rows >= JSON_ROWS) return;
      rows++;
      const v = fields[at] ?? '';
      if (jsonValue(v, key)) found++;
      try {
        const o = JSON.parse(v) as unknown;
        if (o && typeof o === 'object' && !Array.isArray(o)) {
          json++;
          for (const k of Object.keys(o)) if (keys.size < 200) keys.add(k);
        }
      } catch {
        // not JSON: said below when no value is
      }
    }, 4 << 20);
  } else {
    await readSample(createReadStream(file.abs, { highWaterMark: 1 << 16 }), () => {}, 1 << 16, (h) => (header = h.map(cell)));
  }
  if (user !== undefined) {
    // as written, else case and separators aside (anonymousId for anonymous_id: Segment's API spelling)
    const loose = (h: string) => h.toLowerCase().replace(/[\s_-]/g, '');
    const exact = header.indexOf(user.trim());
    const i = exact >= 0 ? exact : header.findIndex((h) => loose(h) === loose(user));
    const seg = segmentColumns(header);
    const segHint = seg ? `Pass --user-id-from ${visible(header[seg.anonymous])}: ${name} is a Segment export, whose rows without a ${visible(header[seg.user])} name the visitor by it.` : `--user-id-from takes a Segment export's anonymous_id (or anonymousId) for the rows whose user_id is empty; ${name}'s header has no such pair.`;
    if (i < 0) throw usageError(`${cmd}: --user-id-from ${visible(user)}: ${name} has no column ${visible(user)} (its header: ${list(header)}).`, segHint);
    if (!seg) {
      throw usageError(`${cmd}: --user-id-from ${visible(user)}: it gives the rows whose user_id is empty their anonymous_id, as a Segment export has them; ${name} has no user_id and anonymous_id columns.`, `To read ${visible(header[i])} as USER_ID in every row, pass --map ${visible(header[i])}=USER_ID instead.`);
    }
    if (i !== seg.anonymous) throw usageError(`${cmd}: --user-id-from ${visible(user)}: the rows without a ${visible(header[seg.user])} take the visitor's ${visible(header[seg.anonymous])}, not ${visible(header[i])}.`, segHint);
    out.anonymousIds = true;
    out.report.userIdFrom = header[seg.anonymous];
    out.lines.push(`--user-id-from ${visible(header[seg.anonymous])}: the fixed copy gives each row without a ${visible(header[seg.user])} its ${visible(header[seg.anonymous])} as USER_ID (a visitor who signs in later is then two users).`);
  }
  if (item !== undefined) {
    const column = header[at];
    if (!found) {
      const what = `${cmd}: --item-id-from ${visible(item)}: no value of column ${visible(column)} in the first ${withCommas(rows)} row${rows === 1 ? '' : 's'} of ${name} has the key ${visible(key)}.`;
      throw usageError(what, json
        ? `The keys there: ${list([...keys])}. Pass the one naming the item, e.g. --item-id-from ${visible(column)}.${visible([...keys].find((k) => /product|item|sku/i.test(k)) ?? [...keys][0])}.`
        : `Its values are not JSON objects: name the column that holds each event's properties as JSON (Mixpanel's properties).`);
    }
    out.jsonItem = { column, key };
    out.report.itemIdFrom = `${column}.${key}`;
    out.lines.push(`--item-id-from ${visible(item)}: the fixed copy gets an ITEM_ID column, each row's ${visible(key)} in the JSON of column ${visible(column)} (${withCommas(found)} of the first ${withCommas(rows)} rows have it).`);
  }
  return out;
}

/** the header's column the fixer writes as ITEM_ID (its own name, a common spelling — aliases.ts — or --map's COLUMN=ITEM_ID), if any */
function itemColumn(header: string[], map: string[] | undefined, aliasRank: (column: string, field: string) => number): string | undefined {
  const mapped = (h: string) => map?.map((m) => [m.slice(0, m.lastIndexOf('=')), m.slice(m.lastIndexOf('=') + 1)]).find(([c]) => c === h || c.toLowerCase() === h.toLowerCase())?.[1];
  return header.find((h) => {
    const f = mapped(h);
    return f !== undefined ? f.toUpperCase() === 'ITEM_ID' : h.toUpperCase() === 'ITEM_ID' || aliasRank(h, 'ITEM_ID') >= 0;
  });
}

/** --user-id-from / --item-id-from are for an interactions file: another type is a usage error naming the flag. */
export function checkExportType(cmd: string, choices: ExportChoices, type: string | undefined): void {
  if (!type || type === 'INTERACTIONS') return;
  const flags = [choices.anonymousIds ? '--user-id-from' : '', choices.jsonItem ? '--item-id-from' : ''].filter(Boolean);
  if (!flags.length) return;
  throw usageError(`${cmd}: ${flags.join(' and ')} ${flags.length > 1 ? 'are' : 'is'} for an interactions file (an event export); this dataset is ${type.toLowerCase().replace(/_/g, '-')}.`, `Leave out ${flags.join(' and ')}, or import the export into an interactions dataset (--dataset-type interactions).`);
}

// `import --create` of a local file: the file is checked against the schema about to be created
// before anything is created (ensureForImport's beforeCreate). Before, a file that could not be
// imported — fewer than 1,000 interactions, an ID too long — created the dataset group, schema and
// dataset, then failed validation, and they stayed. Now it stops with exit 1 and nothing is created,
// naming what would help: --fix / --fix-rejects when the fixer repairs it (then the creation goes on
// and the fix step writes the copy after the dataset exists, as the wizard does), record by record
// for a small interactions file, `validate` for the rest. A file that passes (or that --fix will
// repair) hands its report on (validate/prepared.ts): the flow's validate step takes it instead of
// reading the file again when nothing changed between the two. The check and the fix tried on trial
// are flow/check-before-create.ts's (the wizard's schema review makes the same); here, what is said.
import type { AvroRecordSchema, DatasetType, Domain } from '../core/resources.js';
import type { PreparedReport } from '../validate/prepared.js';
import { visible } from '../core/sanitize.js';
import { shellQuote } from '../access/render.js';
import { withCommas } from '../core/with-commas.js';

export interface CheckBeforeCreate {
  /** the file's absolute path, and its name as given (--csv) */
  abs: string;
  name: string;
  avro: AvroRecordSchema;
  datasetType: DatasetType;
  domain?: Domain;
  groupName: string;
  fix: boolean;
  fixRejects: boolean;
  map?: Record<string, string>;
  /** --event-type: EVENT_TYPE added with this value in every row by the fix step */
  eventType?: string;
  /** --dates: the order of day and month the fix step reads dates in numbers only with */
  dates?: 'day-first' | 'month-first';
  /** --decimal: the file's decimal mark, with which the fix step reads a number written two ways (1,234) */
  decimal?: 'comma' | 'point';
  /** --user-id-from: a Segment export's rows without a user_id given their anonymous_id by the fix */
  anonymousIds?: boolean;
  /** --item-id-from: ITEM_ID appended by the fix from a key of a JSON column (a Mixpanel export's properties) */
  jsonItem?: import('../fix/mixpanel.js').JsonItem;
  say: (line: string) => void;
  signal?: AbortSignal;
  /** gets `validation: {valid, rows, errors, warnings}` when the file would fail */
  doc: Record<string, unknown>;
}

/**
 * go: create (the file is valid, or the fix step will repair it as the flags allow); prepared: the
 * report, for the flow's validate step, when the file did not change while it was read.
 */
export async function checkBeforeCreate(o: CheckBeforeCreate): Promise<{ go: boolean; prepared?: PreparedReport; report?: import('../validate/index.js').ValidationReport }> {
  const [{ parseSchema }, { checkFile }, { prepare }] = await Promise.all([import('../validate/index.js'), import('../flow/check-before-create.js'), import('../validate/prepared.js')]);
  const schema = parseSchema(JSON.stringify(o.avro), `the schema for ${o.name}`);
  // the fix is tried on a copy first only when it will run: --fix, and --fix-rejects when rows go aside
  // (with --user-id-from the rows without a user_id the report counts are not set aside: the trial says)
  const add = { ...(o.eventType !== undefined ? { EVENT_TYPE: o.eventType } : {}), ...(o.jsonItem ? { ITEM_ID: '' } : {}) };
  const provisional = Boolean(o.anonymousIds);
  const c = await checkFile({
    path: o.abs, name: o.name, schema, datasetType: o.datasetType, domain: o.domain, signal: o.signal,
    map: o.map, dates: o.dates, decimal: o.decimal, ...(Object.keys(add).length ? { add } : {}),
    ...(o.anonymousIds ? { anonymousIds: true } : {}), ...(o.jsonItem ? { jsonItem: o.jsonItem } : {}),
    tryFix: (f) => o.fix && (!f.setAside || o.fixRejects || provisional),
  });
  const report = c.report;
  const go = () => ({ go: true, report, prepared: prepare(c.stamp, { schema, datasetType: o.datasetType, domain: o.domain, report, when: 'before the dataset was created' }) });
  if (report.valid) return go();
  const fixable = c.fixable;
  // a Segment export too big to fix on trial (TRIAL_BYTES): its rows --user-id-from cannot give a USER_ID counted instead
  const big = o.fix && fixable && provisional && !c.trial ? await bigSegment(o, report, fixable) : undefined;
  if (big) return big === 'go' ? go() : { go: false };
  if (o.fix && fixable && (!fixable.setAside || o.fixRejects || (provisional && c.trial))) {
    const t = c.trial;
    const left = t && t.rejected ? t.left : undefined;
    const tooFew = left !== undefined && o.datasetType === 'INTERACTIONS' && left < 1000;
    if (!t || !t.rejected || (o.fixRejects && !tooFew)) {
      // the copy would still fail (a whole-file minimum its header hid until the renames: 25 users
      // with 2 interactions): said now, not after the group, schema and dataset exist
      if (t?.errors.length) return stillFails(o, t, report);
      return go();
    }
    const total = t.left + t.rejected; // (the report's count takes a header it could not read for a row)
    o.doc.validation = { valid: false, rows: total, errors: report.errors.length, warnings: report.warnings.length, cannotFix: t.rejected };
    const aside = `${withCommas(t.rejected)} of its ${withCommas(total)} row${total === 1 ? '' : 's'} cannot be fixed without guessing (first: line ${t.line}, ${visible(t.why)})`;
    // an analytics export's visitors who never signed in (empty user_id, an anonymous ID in the row): kept by --user-id-from
    const anon = !o.anonymousIds && /^USER_ID is (empty|blank)/.test(t.why) ? (await import('../flow/machine/segment-lines.js')).segmentColumnOf({ kind: 'local', path: o.abs }) : undefined;
    if (tooFew) {
      o.say(`${visible(o.name)}: ${aside}; set aside, they would leave ${withCommas(left!)} interactions — fewer than the 1,000 an import job needs. Nothing was created.`);
      if (anon) o.say(`Those without a user_id are visitors who never signed in: add --user-id-from ${visible(shellQuote(anon))} to import them under their ${visible(anon)} (a visitor who signs in later is then two users).`);
      o.say(`Repair those rows in the file (personalize-import fix ${shellQuote(o.name)} --rejects rejects.csv writes them out with their line numbers), or send the rest record by record: personalize-import import --individually --create --dataset-group ${shellQuote(o.groupName)} --dataset-type interactions --csv ${shellQuote(o.name)}`);
    } else {
      o.say(`${visible(o.name)}: ${aside}. Nothing was created.`);
      o.say('Pass --fix-rejects to set them aside (written to a rejects file with their line numbers) and import the rest, or repair them in the file first.');
    }
    return { go: false };
  }
  o.doc.validation = { valid: false, rows: report.rows, errors: report.errors.length, warnings: report.warnings.length };
  const n = report.errors.length;
  o.say(`${visible(o.name)} would fail its import against the schema above (${n} error${n === 1 ? '' : 's'}); nothing was created:`);
  for (const e of report.errors.slice(0, 8)) o.say(`  ${e.code}${e.line !== undefined ? ` (line ${e.line})` : ''}: ${e.message}`);
  if (n > 8) o.say(`  … and ${n - 8} more (personalize-import validate lists them all)`);
  const codes = new Set(report.errors.map((e) => e.code));
  if (fixable && fixable.setAside && !o.fixRejects) o.say(`Pass --fix-rejects: the fixer repairs the rest and sets about ${fixable.setAside} row${fixable.setAside === 1 ? '' : 's'} it cannot fix aside; then the group, schema and dataset are created and the copy imported.`);
  else if (fixable) o.say('Pass --fix: the fixer repairs these; then the group, schema and dataset are created and the fixed copy imported.');
  if (codes.has('TOO_FEW_INTERACTIONS')) {
    o.say(`An import job needs at least 1,000 interactions; fewer go in record by record: personalize-import import --individually --create --dataset-group ${shellQuote(o.groupName)} --dataset-type interactions --csv ${shellQuote(o.name)}`);
  }
  return { go: false };
}

/**
 * --user-id-from on a file over TRIAL_BYTES (not fixed on trial): the check counts every row without a
 * user_id among the rows set aside, but the fix gives those with an anonymous_id one. The rows without
 * either are counted in one streaming pass (segment-lines.ts): none, and the dataset is created; some,
 * and without --fix-rejects nothing is — before, the fix step stopped at them after the dataset existed,
 * or the check refused a file the fix repairs whole ("sets about 94,178 rows aside").
 */
async function bigSegment(o: CheckBeforeCreate, report: { rows: number; errors: unknown[]; warnings: unknown[] }, fixable: { setAside?: number }): Promise<'go' | 'stop' | undefined> {
  const [{ segmentRows }, { TRIAL_BYTES }] = await Promise.all([import('../flow/machine/segment-lines.js'), import('../flow/check-before-create.js')]);
  const n = await segmentRows(o.abs);
  if (!n) return undefined;
  const aside = Math.max(n.missing, (fixable.setAside ?? 0) - n.filled);
  const left = report.rows - aside;
  if (!aside || (o.fixRejects && left >= 1000)) return 'go';
  o.doc.validation = { valid: false, rows: report.rows, errors: report.errors.length, warnings: report.warnings.length, cannotFix: aside };
  const none = n.missing ? ` (${withCommas(n.missing)} with neither a ${visible(n.user)} nor an ${visible(n.anonymous)}: --user-id-from has nothing to give them)` : '';
  o.say(`${visible(o.name)}: ${withCommas(aside)} of its ${withCommas(report.rows)} rows cannot be fixed without guessing${none}, counted through the whole file (over ${TRIAL_BYTES >> 20} MiB it is not fixed on trial)${o.fixRejects ? `; set aside, they would leave ${withCommas(left)} interactions — fewer than the 1,000 an import job needs` : ''}. Nothing was created.`);
  o.say(o.fixRejects ? `Fill in their ${visible(n.user)} (personalize-import fix ${shellQuote(o.name)} --user-id-from ${shellQuote(n.anonymous)} --rejects rejects.csv writes them out with their line numbers).` : `Pass --fix-rejects to set them aside (written to a rejects file with their line numbers) and import the rest, or fill in their ${visible(n.user)} first.`);
  return 'stop';
}

/** the copy fixed on trial fails its check: nothing is created, and the reasons are said (exit 1) */
function stillFails(o: CheckBeforeCreate, t: { left: number; rejected: number; errors: { code: string; line?: number; message: string }[] }, report: { errors: unknown[]; warnings: unknown[] }): { go: false } {
  const n = t.errors.length;
  o.doc.validation = { valid: false, rows: t.left + t.rejected, errors: report.errors.length, warnings: report.warnings.length, afterFix: { rows: t.left, errors: n } };
  o.say(`${visible(o.name)}: fixed on trial (a copy in a temporary folder, gone now), it would still fail its import (${n} error${n === 1 ? '' : 's'}); nothing was created:`);
  for (const e of t.errors.slice(0, 8)) o.say(`  ${e.code}${e.line !== undefined ? ` (line ${e.line})` : ''}: ${visible(e.message)}`);
  if (n > 8) o.say(`  … and ${n - 8} more (personalize-import fix ${shellQuote(o.name)} writes the copy; personalize-import validate lists them)`);
  if (t.errors.some((e) => e.code === 'TOO_FEW_INTERACTIONS')) {
    o.say(`An import job needs at least 1,000 interactions; fewer go in record by record: personalize-import import --individually --create --dataset-group ${shellQuote(o.groupName)} --dataset-type interactions --csv ${shellQuote(o.name)}`);
  }
  return { go: false };
}

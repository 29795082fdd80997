// What "Fix and continue" offers a Segment export (src/fix/segment.ts): its rows without a user_id are
// anonymous visitors, set aside as rows with an empty USER_ID — or, chosen ("…anonymous visitors by
// their anonymous_id", Answers.anonymousIds), imported under their anonymous_id. Core: the fix step's
// line and choice; the rows are counted by the fixer's own pass (fill-down.ts), as the copy will have them.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fillDown, type FillDown } from '../../fix/fill-down.js';
import { exportOf, segmentColumns } from '../../fix/segment.js';
import type { ValidationReport } from '../../validate/types.js';
import { visible } from '../../core/sanitize.js';
import { headerLineOf } from './header-line.js';
import type { Choice, FlowState } from './types.js';
import type { CsvSource } from '../plan.js';
import { withCommas } from '../../core/with-commas.js';

/** what the offer needs: the rows without a user_id that have an anonymous_id, and the two columns' names */
export interface AnonymousRows {
  rows: number;
  user: string;
  anonymous: string;
}

// counted once per file as it is (path, size, time written): the fix step's model is drawn again and again
const counted = new Map<string, { filled: number; missing: number }>();

/** a Segment export's (local, interactions, invalid) rows without a user_id that have an anonymous_id: read through the fixer's own pass */
export async function anonymousRows(s: FlowState): Promise<AnonymousRows | undefined> {
  const r: ValidationReport | undefined = s.loaded.report;
  const src = s.answers.source;
  if (!r || r.valid || src?.kind !== 'local' || s.loaded.details?.dataset?.datasetType !== 'INTERACTIONS') return undefined;
  return anonymousIn(src.path);
}

/** a local file's header cells (its first line), as the fixer's pass names them */
const headerOf = (path: string) => headerLineOf({ kind: 'local', path })?.replace(/^\uFEFF/, '').split(',').map((h) => h.replace(/^"|"$/g, '').trim());

/** a Segment export's anonymous_id column as its header names it (the `fix` command's --user-id-from) */
export function segmentColumnOf(src: CsvSource): string | undefined {
  const header = src.kind === 'local' ? headerOf(src.path) : undefined;
  const c = header && segmentColumns(header);
  return c ? header[c.anonymous] : undefined;
}

/** a local file's rows without a user_id that have an anonymous_id, when its header is a Segment export's (the check before create asks it too) */
export async function anonymousIn(path: string): Promise<AnonymousRows | undefined> {
  const n = await segmentRows(path);
  return n && n.filled > 0 ? { rows: n.filled, user: n.user, anonymous: n.anonymous } : undefined;
}

/**
 * A local Segment export's rows without a user_id, streamed through the fixer's own pass: those with an
 * anonymous_id (`filled`: --user-id-from gives them a USER_ID) and those without one either (`missing`:
 * set aside even so). Undefined when the header is not a Segment export's.
 */
export async function segmentRows(path: string): Promise<{ filled: number; missing: number; user: string; anonymous: string } | undefined> {
  const header = headerOf(path);
  const c = header && segmentColumns(header);
  if (!c) return undefined;
  const st = await stat(path).catch(() => undefined);
  if (!st) return undefined;
  const key = `${path}|${st.size}|${st.mtimeMs}`;
  let n = counted.get(key);
  if (n === undefined) {
    const fill: FillDown = { rows: 0, values: 0, anonymous: 0 };
    for await (const _ of fillDown(createReadStream(path, { highWaterMark: 1 << 20 }), fill));
    n = { filled: fill.anonymous ?? 0, missing: fill.noAnonymous ?? 0 };
    counted.set(key, n);
  }
  return { ...n, user: header[c.user], anonymous: header[c.anonymous] };
}

const count = (n: number) => `${withCommas(n)} row${n === 1 ? ' has' : 's have'}`;

/** the fix step's line: how many rows, and what each choice does with them */
export function anonymousLines(s: FlowState, a: AnonymousRows | undefined): string[] {
  if (!a) return [];
  const what = `${count(a.rows)} no ${visible(a.user)}: visitors who never signed in (${exportOf(a.anonymous)} names them by ${visible(a.anonymous)})`;
  return [s.answers.anonymousIds
    ? `${what}: imported under their ${visible(a.anonymous)} as USER_ID, as asked.`
    : `${what}: set aside by “Fix and continue”; “…anonymous visitors by their ${visible(a.anonymous)}” imports them with it as USER_ID (a visitor who signs in later is then two users).`];
}

/** the choice, while not chosen */
export function anonymousChoice(s: FlowState, a: AnonymousRows | undefined): Choice[] {
  return a && !s.answers.anonymousIds ? [{ value: 'fix-anonymous', label: `Fix and continue, anonymous visitors by their ${visible(a.anonymous)}`, description: `USER_ID is the ${visible(a.anonymous)} in the ${withCommas(a.rows)} rows without a ${visible(a.user)}` }] : [];
}

/** the whole-file minimums the validator counts (PERSONALIZE-FACTS.md, "Minimums and sizes") */
const MINIMUMS = ['TOO_FEW_ACTIVE_USERS', 'TOO_FEW_INTERACTIONS'];

/**
 * The report as "Fix and continue" is judged on (steps-fix.ts fixOffered), for a Segment or Google
 * Analytics export: its empty user_id values (visitors who never signed in) are rows the fix step
 * offers to keep by their anonymous_id / user_pseudo_id, so they count neither against the fix nor
 * towards the rows it would set aside. A GA4 export's rows are mostly such visitors: counted, they
 * were "more than half the file" and the only way on was "Pick another file". The whole-file minimums
 * (25 users with 2 interactions, 1,000 interactions) were counted without them: the copy's own check
 * (the trial before create, the validation after the fix) counts them again with their IDs.
 */
export function withoutAnonymous(report: ValidationReport, headerLine: string | undefined): ValidationReport {
  const header = headerLine?.replace(/^\uFEFF/, '').replace(/\r$/, '').split(',').map((h) => h.replace(/^"|"$/g, '').trim());
  const c = report.datasetType === 'INTERACTIONS' && header ? segmentColumns(header) : undefined;
  if (!c || !header) return report;
  const user = header[c.user];
  const anonymous = (i: ValidationReport['errors'][number]) => i.code === 'REQUIRED_VALUE_MISSING' && i.column === user;
  if (!report.errors.some(anonymous)) return report;
  const errors = report.errors.filter((i) => !anonymous(i) && !MINIMUMS.includes(i.code));
  const counts = { ...report.stats.issueCounts };
  for (const code of ['REQUIRED_VALUE_MISSING', ...MINIMUMS]) if (!errors.some((i) => i.code === code)) delete counts[code];
  return { ...report, errors, stats: { ...report.stats, issueCounts: counts } };
}

// The fix step when a file's only errors are rows the fixer sets aside (an interactions file of 1,500
// rows, one with an empty or blank USER_ID): "Set aside … and continue" instead of a dead end whose
// only way on was to leave the wizard for `personalize-import fix --rejects`. The rows are named
// (first lines, why) and so is the rejects file: choosing it is the consent, not asked again.
// Core: the fix step's words (steps-fix.ts).
import { setAsideOnly, type DateOrder } from '../../fix/index.js';
import type { SchemaModel, ValidationReport } from '../../validate/index.js';
import { visible } from '../../core/sanitize.js';
import { withCommas } from '../../core/with-commas.js';
import type { CsvSource } from '../plan.js';
import { headerLineOf } from './header-line.js';
import { withoutAnonymous } from './segment-lines.js';

/** an import job's least interactions: setting rows aside may not take an interactions file under it */
const MIN_INTERACTIONS = 1000;

export interface AsideOnly {
  rows: number;
  /** the lines the report lists (the first up to 20 per code) */
  lines: number[];
  /** why, per line listed: the finding's words without its line ("column USER_ID: empty") */
  why: string[];
}

/**
 * Rows to set aside as the file's only errors — fewer than half the rows and, for an interactions
 * dataset, at least 1,000 left — or undefined (see setAsideOnly). One local or S3 file, not the copy.
 */
export function asideOnlyOffered(report: ValidationReport | undefined, schema: SchemaModel | undefined, src: CsvSource | undefined, alreadyFixed: string | undefined, o: { map?: Record<string, string>; dates?: DateOrder; add?: Record<string, string>; decimal?: 'comma' | 'point'; leaveOut?: number[]; datasetType?: string }): AsideOnly | undefined {
  if (!report || report.valid || !schema || !src) return undefined;
  if (src.kind === 's3' && (!src.key || src.key.endsWith('/'))) return undefined;
  if (src.kind === 'local' && alreadyFixed && src.path === alreadyFixed) return undefined;
  const header = headerLineOf(src);
  const judged = withoutAnonymous(report, header);
  const r = setAsideOnly(judged, schema, header, o.map, o.dates, o.add, o.decimal, o.leaveOut);
  if (!r) return undefined;
  if (/^interactions$/i.test(o.datasetType ?? '') && report.stats.rows - r.rows < MIN_INTERACTIONS) return undefined;
  const why = r.lines.map((line) => {
    const i = judged.errors.find((x) => x.line === line)!;
    const words = i.message.replace(/^Line \d+,\s*/, '').replace(/(, but |\. ).*$/s, '');
    return visible(words.length > 90 ? `${words.slice(0, 89)}…` : words);
  });
  return { rows: r.rows, lines: r.lines, why };
}

const rowsText = (k: number) => (k === 1 ? '1 row' : `${withCommas(k)} rows`);

/** the choice's label */
export const asideLabel = (a: AsideOnly) => `Set aside ${rowsText(a.rows)} and continue`;

/** the question: the rows are the only errors */
export function asideQuestion(a: AsideOnly, rows: number): string {
  return `The only errors are ${a.rows === 1 ? 'a row' : `${rowsText(a.rows)}`} of ${withCommas(rows)} that cannot be imported as written. Set ${a.rows === 1 ? 'it' : 'them'} aside and import the rest?`;
}

/** the lines under it: which rows and why, where they go, what the copy is */
export function asideLines(a: AsideOnly, output: string, rejects: string): string[] {
  const shown = a.lines.slice(0, 3).map((line, k) => `line ${line} (${a.why[k]})`);
  const more = a.rows > shown.length ? `, and ${a.rows - shown.length === 1 ? 'one more' : `about ${withCommas(a.rows - shown.length)} more`}` : '';
  const it = a.rows === 1 ? 'it' : 'them';
  return [
    `Set aside: ${shown.join(', ')}${more}.`,
    `“${asideLabel(a)}” writes a copy without ${it} to ${visible(output)} (the file itself is not changed) and ${it} to ${visible(rejects)} with ${a.rows === 1 ? 'its' : 'their'} original line number${a.rows === 1 ? '' : 's'}, checks the copy again and goes on with it.`,
  ];
}

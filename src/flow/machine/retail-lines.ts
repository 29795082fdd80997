// What "Fix and continue" says it does with an order export beyond the errors it repairs: IDs
// written as decimals (ID_DECIMAL: 13085.0 written 13085), IDs with spaces around them (ID_SPACES:
// " 123" written 123), a spreadsheet's dates (TIMESTAMP_SERIAL: 45000 written as epoch seconds) and
// the returns and cancellations (ORDERS_NOT_BOUGHT: kept, or set aside when asked). Core: the fix
// step's model lines.
import type { Issue } from '../../validate/issues.js';
import type { ValidationReport } from '../../validate/types.js';
import { dotZeroExample, returnsCountOf } from '../../validate/returns.js';
import { visible } from '../../core/sanitize.js';
import { paddedExample } from '../../validate/padded-ids.js';
import { serialExample } from '../../validate/serial-dates.js';
import { withCommas } from '../../core/with-commas.js';

/**
 * a valid file's warnings of values the fix writes as Personalize should read them: IDs written 13085.0
 * (ID_DECIMAL) or " 123" (ID_SPACES), a spreadsheet's dates (TIMESTAMP_SERIAL: 45000, serial-dates.ts)
 */
export function idWarnings(report: ValidationReport | undefined): Issue[] {
  return (report?.warnings ?? []).filter((w) => (w.code === 'ID_DECIMAL' || w.code === 'ID_SPACES' || w.code === 'TIMESTAMP_SERIAL') && w.column);
}

/** the fix step's question for a valid file with only such IDs to write again */
export function idsQuestion(ids: Issue[]): string {
  const dec = ids.filter((w) => w.code === 'ID_DECIMAL').map((w) => visible(w.column!));
  const pad = ids.filter((w) => w.code === 'ID_SPACES');
  const ex = pad.length ? paddedExample(pad[0].message) : undefined;
  const spaced = pad.length === 1 && ex ? `${ex.count === 1 ? 'one' : n(ex.count)} of its ${visible(pad[0].column!)} values ${ex.count === 1 ? 'has' : 'have'} spaces around ${ex.count === 1 ? 'it' : 'them'} (${visible(JSON.stringify(ex.value))})` : `its ${pad.map((w) => visible(w.column!)).join(' and ')} values include IDs with spaces around them`;
  const dates = ids.filter((w) => w.code === 'TIMESTAMP_SERIAL');
  const sx = dates.length ? serialExample(dates[0].message) : undefined;
  const serial = dates.length ? [`its ${dates.map((w) => visible(w.column!)).join(' and ')} values are a spreadsheet's dates${sx ? ` (${sx.value})` : ''}, not epoch seconds`] : [];
  const parts = [...(dec.length ? [`its ${dec.join(' and ')} values are all written as decimals (13085.0)`] : []), ...(pad.length ? [spaced] : []), ...serial];
  if (dates.length) return `The file is valid, but ${parts.join(', and ')}. Write a copy with ${dec.length || pad.length ? 'them as Personalize reads them' : 'them as epoch seconds'}?`;
  return `The file is valid, but ${parts.join(', and ')}. Write a copy with them ${dec.length && pad.length ? 'whole and trimmed' : dec.length ? 'as whole numbers' : 'trimmed'}?`;
}

/** the "as it is" choice's words for such a file */
export function idsAsIs(ids: Issue[]): string {
  if (ids.every((w) => w.code === 'TIMESTAMP_SERIAL')) return 'the dates imported as written: as epoch seconds they are times on 1 January 1970';
  const ex = ids.map((w) => (w.code === 'ID_SPACES' ? paddedExample(w.message) : undefined)).find(Boolean);
  return ex && !ids.some((w) => w.code === 'ID_DECIMAL') ? `the IDs imported as written: ${visible(JSON.stringify(ex.value))} is another ID than ${visible(JSON.stringify(ex.trimmed))}` : 'the IDs imported as written: 13085.0 is another ID than the 13085 of the other files and of your app\'s events';
}

const n = (x: number) => withCommas(x);

/** the returns-and-cancellations warning of a report, when there is one */
export function returnsOf(report: ValidationReport | undefined): Issue | undefined {
  return report?.warnings.find((w) => w.code === 'ORDERS_NOT_BOUGHT' && returnsCountOf(w.message) !== undefined);
}

/** the fix step's lines for them (each a sentence) */
export function retailLines(report: ValidationReport | undefined, dropReturns: boolean | undefined): string[] {
  const lines: string[] = [];
  for (const w of report?.warnings ?? []) {
    const ex = w.code === 'ID_DECIMAL' && w.column ? dotZeroExample(w.message) : undefined;
    if (ex) lines.push(`The copy writes the IDs of ${visible(w.column!)} as whole numbers (${ex.value} → ${ex.whole}): every one is written as a decimal, which Personalize would take for another ID than ${ex.whole}.`);
    const sp = w.code === 'ID_SPACES' && w.column ? paddedExample(w.message) : undefined;
    const sd = w.code === 'TIMESTAMP_SERIAL' && w.column ? serialExample(w.message) : undefined;
    if (sd) lines.push(`The copy writes the dates of ${visible(w.column!)} as epoch seconds (${sd.value} → ${sd.seconds}, read as UTC): they are a spreadsheet's dates (Excel's serial dates), which Personalize would read as times on 1 January 1970.`);
    if (sp) lines.push(`The copy trims the spaces around the IDs of ${visible(w.column!)} (${visible(JSON.stringify(sp.value))} → ${visible(sp.trimmed)}): Personalize would take ${visible(JSON.stringify(sp.value))} for another ID than ${visible(sp.trimmed)}.`);
  }
  const r = returnsOf(report);
  if (r) {
    const n = returnsCountOf(r.message)!;
    const rows = `${withCommas(n)} row${n === 1 ? ' is a return or cancellation' : 's are returns or cancellations'} (line ${r.line}${r.column ? `, ${visible(r.column)}` : ''})`;
    lines.push(dropReturns ? `${rows}: set aside in the rejects file, listed first and only if you agree.` : `${rows}: kept as purchases by “Fix and continue”; “…returns and cancellations set aside” leaves them out (import: --drop-returns).`);
  }
  return lines;
}

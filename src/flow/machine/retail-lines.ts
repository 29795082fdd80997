// What "Fix and continue" says it does with an order export beyond the errors it repairs: IDs
// written as decimals (ID_DECIMAL: 13085.0 written 13085) and the returns and cancellations
// (ORDERS_NOT_BOUGHT: kept, or set aside when asked). Core: the fix step's model lines.
import type { Issue } from '../../validate/issues.js';
import type { ValidationReport } from '../../validate/types.js';
import { dotZeroExample, returnsCountOf } from '../../validate/returns.js';
import { visible } from '../../core/sanitize.js';
import { withCommas } from '../../core/with-commas.js';

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
  }
  const r = returnsOf(report);
  if (r) {
    const n = returnsCountOf(r.message)!;
    const rows = `${withCommas(n)} row${n === 1 ? ' is a return or cancellation' : 's are returns or cancellations'} (line ${r.line}${r.column ? `, ${visible(r.column)}` : ''})`;
    lines.push(dropReturns ? `${rows}: set aside in the rejects file, listed first and only if you agree.` : `${rows}: kept as purchases by “Fix and continue”; “…returns and cancellations set aside” leaves them out (import: --drop-returns).`);
  }
  return lines;
}

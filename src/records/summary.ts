// What a record-by-record run did, as the lines that stay after it (issue #16 item 13: it ended with
// no summary, and the time it took — tracker creation included — was nowhere). Core: the Ink
// wizard prints these lines on exit; `import --individually` and plain mode print timingText().
import path from 'node:path';
import type { ImportRecordsResult } from './run.js';
import { unknownLine } from './report.js';
import { unknownAdvice } from './texts.js';
import type { DatasetType } from '../core/resources.js';
import { withCommas } from '../core/with-commas.js';

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** "in 3.4 s (2.1 s of it creating the event tracker)": what the run took, measured. */
export function timingText(r: Pick<ImportRecordsResult, 'ms' | 'trackerMs' | 'tracker'>): string {
  if (r.ms === undefined) return '';
  const t = r.trackerMs !== undefined && r.tracker ? ` (${seconds(r.trackerMs)} of it ${r.tracker.created ? 'creating' : 'finding'} the event tracker)` : '';
  return ` in ${seconds(r.ms)}${t}`;
}

/** The end-of-run summary: dataset, what went in, how long it took, the tracker, the report. */
export function recordsSummary(r: ImportRecordsResult, o: { file: string; dataset?: string; datasetType: string }): string[] {
  const sent = r.results.filter((x) => x.status === 'sent').length;
  // in flight when stopped: said apart, they may have gone in
  const unknown = r.results.filter((x) => x.status === 'unknown');
  const bad = r.results.filter((x) => x.status !== 'sent' && x.status !== 'unknown');
  const lines = [
    `Record by record into ${o.dataset ?? 'the dataset'} [${o.datasetType}]${r.stopped ? ': stopped' : bad.length ? `: ${bad.length} did not go in` : ': done'}.`,
    `  Sent      ${withCommas(sent)} of ${withCommas(r.results.length)} records in ${r.calls} call${r.calls === 1 ? '' : 's'}${timingText(r)}`,
  ];
  if (r.tracker) lines.push(`  Tracker   ${r.tracker.name}${r.tracker.created ? ' (created for this import; it stays for live events)' : ''}`);
  lines.push(`  Report    ${r.reportPath}`);
  if (bad.length) {
    lines.push(`${bad.length} did not go in:`);
    for (const x of bad.slice(0, 15)) lines.push(`  line ${x.line} (${x.id}): ${x.reason ?? x.status}`);
    if (bad.length > 15) lines.push(`  … and ${bad.length - 15} more (in the report)`);
  }
  if (unknown.length) lines.push(unknownLine(unknown), `  ${unknownAdvice(o.datasetType as DatasetType)}`);
  if (r.stopped) lines.push(r.stopped.message);
  if (bad.length || unknown.length || r.stopped) lines.push(`Fix those lines of ${path.basename(o.file)} in place, then: personalize-import import --individually --resume ${r.reportPath}`);
  lines.push('Filters see the new records within about 15–20 minutes.');
  return lines;
}

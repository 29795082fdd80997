// Timestamps written as a spreadsheet's dates: Excel's serial dates (45000.5208333333 is 2023-03-15
// 12:30), which Excel, Google Sheets and LibreOffice save in a CSV for a date column formatted as a
// number (dates.ts reads them). Every value of a column so (TIMESTAMP_SERIAL, counted by rows.ts over
// every row, both lanes and threads): the fixer converts that column (FixOptions.serialDates), the
// fractions at once, the whole days too once the column says it. Core: no React, no AWS SDK.
import type { DotZeroCount } from './returns.js';
import type { ValidationReport } from './types.js';
import { serialDateOf } from './dates.js';
import { iso } from './values.js';
import { withCommas } from '../core/with-commas.js';

/** a serial date's epoch seconds for a message: the day (2023-03-15), with its time when it has one (2023-03-15T12:30Z) */
export const serialShown = (seconds: number): string => iso(seconds).replace(/:00Z$/, 'Z').replace('T00:00Z', '');

/** TIMESTAMP_SERIAL's message: every value of a timestamp column an Excel serial date */
export function serialMessage(column: string, d: Required<DotZeroCount>): string {
  const v = d.first.value;
  const seconds = serialDateOf(v) ?? 0;
  const when = serialShown(seconds);
  const all = d.count === 1 ? "is the column's one value" : `are all ${withCommas(d.count)} values of the column`;
  return `Line ${d.first.line}, column ${column}: ${JSON.stringify(v)} is a spreadsheet's date (Excel's serial date: days since 1899-12-30), ${when}, not epoch seconds, and so ${all} (Excel, Google Sheets and LibreOffice save a date column so when it is formatted as a number). As epoch seconds they are times on 1 January 1970. “Fix and continue” (personalize-import fix) writes them as epoch seconds (${seconds} here, read as UTC).`;
}

/** from TIMESTAMP_SERIAL's message: the example value and its epoch seconds */
export function serialExample(message: string): { value: string; seconds: string } | undefined {
  const m = /column [^:]*: "(\d+(?:\.\d+)?)" is a spreadsheet's date[^]*\((\d+) here, read as UTC\)/.exec(message);
  return m ? { value: m[1], seconds: m[2] } : undefined;
}

/** the timestamp columns of a report whose every value is an Excel serial date (its TIMESTAMP_SERIAL warnings) */
export function serialColumns(report: ValidationReport | undefined): string[] {
  return [...new Set((report?.warnings ?? []).filter((w) => w.code === 'TIMESTAMP_SERIAL' && w.column).map((w) => w.column!))];
}

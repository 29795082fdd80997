// isFixable: whether every error of a validation report is of a kind `fixFile` repairs without
// guessing — the wizard's "Fix and continue" is offered only then. Up to 20 issues per code are kept
// in a report: the values checked here are those; rows the fixer still cannot read go to rejects.
import type { Issue, SchemaModel, ValidationReport } from '../validate/index.js';
import { planHeader } from './header.js';
import { fixableFloat, fixableWhole } from './floats.js';
import { MARK_COMMA, MARK_POINT, R_COMMA, R_POINT, readingsOf } from '../validate/decimal-comma.js';
import { readBoolean, readDate, type DateOrder } from './values.js';
import { magentoColumns, magentoDate } from './store-views.js';
import { isMissingMarker } from '../validate/markers.js';

/** (EMPTY_ROW: a row of separators only, which the fixer leaves out — nothing is lost) */
const ALWAYS = new Set(['FILE_IS_UTF16', 'WRONG_SEPARATOR', 'HEADER_QUOTED', 'HEADER_CASE', 'TIMESTAMP_MILLISECONDS', 'QUOTE_BACKSLASH_RFC', 'EMPTY_ROW']);

/** the value a type finding quotes: `column X: "value" is not …` */
function quotedValue(i: Issue): string | undefined {
  const m = /: ("(?:[^"\\]|\\.)*") is not /.exec(i.message);
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]) as string;
  } catch {
    return undefined;
  }
}

/**
 * true when every error in `report` is one the fixer repairs. Pass the schema to judge missing
 * columns, and the file's first line (its text) to judge NO_HEADER: a header of aliases only
 * (customer_id, product_id, event_time) reads as a record to the validator but not to the fixer.
 * `headerLine` is the text up to the first LF (up to 64 KiB): a file with CR-only line ends is
 * judged by the header before its first CR, since the validator saw no rows in it. `dates`: the
 * order of day and month the user gave (--dates), with which the fixer reads 01.11.2026 too.
 */
/** `leaveOut`: input columns the fixer drops by their places (FixOptions.leaveOut) */
export function isFixable(report: ValidationReport, schema?: SchemaModel, headerLine?: string, map?: Record<string, string>, dates?: DateOrder, add?: Record<string, string>, decimal?: Decimal, leaveOut?: number[]): boolean {
  if (report.valid) return false;
  // old-Mac CR line ends: the validator read the whole file as one line; its rows were never checked,
  // so the header the fixer will see decides
  // (a CR with more text after it: a Windows CRLF header line, read up to its LF, ends in a CR)
  if (schema && headerLine && !headerLine.includes('\0') && /\r[^\n]/.test(headerLine)) return planHeader(headerLine.split('\r')[0], schema, { required: [], map, add }).missing.length === 0;
  return report.errors.every((i) => fixableIssue(i, report, schema, headerLine, map, dates, add, decimal, leaveOut));
}

/** Row errors the fixer does not repair but sets aside, with consent, in a rejects file (src/fix/rows.ts). */
export const SET_ASIDE: ReadonlySet<string> = new Set(['COLUMN_COUNT', 'UNTERMINATED_QUOTE', 'BAD_QUOTING', 'REQUIRED_VALUE_MISSING', 'ID_TOO_LONG', 'TYPE_INT', 'TYPE_LONG', 'TYPE_FLOAT', 'TYPE_BOOLEAN']);

/**
 * Rows "Fix and continue" would set aside: the file has errors the fixer repairs, and every other error
 * is a row it writes to the rejects file once asked (a row with a value too many, a broken quote, an empty ID …), and those
 * rows are fewer than half the file (more, and a copy of the rest is not what the file meant).
 * Undefined when the file is not fixable that way; `rows` counts the rows at most (a row may carry
 * several of these errors). isFixable's files have none to set aside: they are not asked here.
 */
export function setAsideRows(report: ValidationReport, schema?: SchemaModel, headerLine?: string, map?: Record<string, string>, dates?: DateOrder, add?: Record<string, string>, decimal?: Decimal, leaveOut?: number[]): { rows: number } | undefined {
  if (report.valid || isFixable(report, schema, headerLine, map, dates, add, decimal, leaveOut)) return undefined;
  const rowErrors = report.errors.filter((i) => !fixableIssue(i, report, schema, headerLine, map, dates, add, decimal, leaveOut));
  // something to repair besides: a file whose only errors are rows to drop is not "fixed" by dropping them
  // (that one is offered as rows to set aside: setAsideOnly)
  if (rowErrors.length === report.errors.length) return undefined;
  return asideCount(report, rowErrors);
}

/**
 * Rows to set aside when they are the file's only errors (an interactions file of 1,500 rows, one
 * with an empty USER_ID): each a SET_ASIDE code on a data line, fewer than half the rows. `lines`:
 * the lines the report lists, in order; `codes`: their codes. Undefined otherwise (setAsideRows'
 * files have something to repair besides, and "Fix and continue" says so).
 */
export function setAsideOnly(report: ValidationReport, schema?: SchemaModel, headerLine?: string, map?: Record<string, string>, dates?: DateOrder, add?: Record<string, string>, decimal?: Decimal, leaveOut?: number[]): { rows: number; lines: number[]; codes: string[] } | undefined {
  if (report.valid || !report.errors.length) return undefined;
  if (report.errors.some((i) => fixableIssue(i, report, schema, headerLine, map, dates, add, decimal, leaveOut))) return undefined;
  const aside = asideCount(report, report.errors);
  if (!aside) return undefined;
  const lines = [...new Set(report.errors.map((i) => i.line!))].sort((a, b) => a - b);
  return { rows: aside.rows, lines, codes: [...new Set(report.errors.map((i) => i.code))] };
}

/** the rows `rowErrors` (each a SET_ASIDE code on a data line) stand for in the whole file, when fewer than half of it */
function asideCount(report: ValidationReport, rowErrors: Issue[]): { rows: number } | undefined {
  if (!rowErrors.length || !rowErrors.every((i) => SET_ASIDE.has(i.code) && i.line !== undefined && i.line > 1)) return undefined;
  const counts = report.stats.issueCounts ?? {};
  // per code, the report lists up to 20: the share of them the fixer cannot repair (a TYPE_LONG may be
  // a date it converts, or a word it cannot) — counted in lines, as a row may have several (a Magento
  // store-view row: six required values empty) — applied to the code's count in the whole file
  const rows = [...new Set(rowErrors.map((i) => i.code))].reduce((sum, code) => {
    const listed = report.errors.filter((i) => i.code === code).length;
    const unfixable = new Set(rowErrors.filter((i) => i.code === code).map((i) => i.line)).size;
    return sum + Math.max(unfixable, Math.ceil(((counts[code] ?? listed) * unfixable) / listed));
  }, 0);
  return rows * 2 < report.rows ? { rows } : undefined;
}

/**
 * A quote left open (UNTERMINATED_QUOTE) with a quote again on a line up to 99 lines on (BAD_QUOTING,
 * or a quote opening a value there): likely a value over several lines (a shop export's description),
 * which the fixer joins into one record (multiline.ts). One with no quote after it is a stray quote,
 * a row to set aside.
 */
const closes = (q: Issue, report: ValidationReport) => q.line !== undefined && report.errors.some((x) => (x.code === 'BAD_QUOTING' || x.code === 'UNTERMINATED_QUOTE') && x.line !== undefined && x.line > q.line! && x.line - q.line! < 100);
/** a line up to 99 lines after such a quote: the rest of that value, whose own findings (a value count, a type, an empty value) are not the line's */
const continues = (i: Issue, report: ValidationReport) => i.line !== undefined && report.errors.some((x) => x.code === 'UNTERMINATED_QUOTE' && x.line !== undefined && x.line < i.line! && i.line! - x.line < 100 && closes(x, report));

type Decimal = 'comma' | 'point';

/**
 * The decimal mark the fixer gives column `column` (decimal-proof.ts): a comma when a number finding
 * of the column quotes a value only a decimal comma reads (12,50) and none only a point with commas
 * grouping thousands reads (1,234.50) — judged on the findings kept, as the rest of isFixable
 */
function columnMark(report: ValidationReport, column: string | undefined): number {
  const readings = report.errors.filter((x) => /^TYPE_(INT|LONG|FLOAT)$/.test(x.code) && x.column === column).map((x) => {
    const v = (quotedValue(x) ?? '').trim().replace(/^[$€£¥] ?| ?[$€£¥]$/g, '');
    return { r: readingsOf(v).r, comma: v.includes(',') };
  });
  return readings.some((x) => x.r === R_COMMA) && !readings.some((x) => x.r === R_POINT && x.comma) ? MARK_COMMA : 0;
}

/**
 * A missing-value marker (NULL, n/a …) in a typed field: the fixer writes it empty where the field
 * allows null (the schema's field, the column named the fixer's way; without a schema, the finding says so)
 */
function markerFixable(i: Issue, schema?: SchemaModel, map?: Record<string, string>): boolean {
  if (!schema || !i.column) return /is optional\. .*writes it empty/.test(i.message);
  const named = planHeader(i.column, schema, { required: [], map }).outNames[0] ?? i.column;
  return schema.fields.find((f) => f.name === named)?.nullable ?? false;
}

/** `map`: column=FIELD names given to the fixer (--map), which it renames too; `dates`: its --dates; `add`: fields it adds with one value (--event-type); `decimal`: its --decimal */
export function fixableIssue(i: Issue, report: ValidationReport, schema?: SchemaModel, headerLine?: string, map?: Record<string, string>, dates?: DateOrder, add?: Record<string, string>, decimal?: Decimal, leaveOut?: number[]): boolean {
  if (ALWAYS.has(i.code)) return true;
  if (i.code === 'UNTERMINATED_QUOTE') return closes(i, report) || continues(i, report);
  if (/^(COLUMN_COUNT|REQUIRED_VALUE_MISSING|TYPE_)/.test(i.code) && continues(i, report)) return true;
  if (i.code === 'NO_HEADER') return Boolean(schema && headerLine && planHeader(headerLine, schema, { required: [], map, add }).missing.length === 0);
  const bytes = (v: string) => Buffer.from(v.trim(), 'utf8');
  switch (i.code) {
    case 'HEADER_DUPLICATE_COLUMN': {
      // columns without a name (trailing separators): the fixer drops them (header.ts)
      if ((i.column ?? '').trim() === '') return true;
      // a name twice ("event type" in the 4th and the 5th column): repaired when the copy's header
      // has it once — the first renamed to its field (EVENT_TYPE), the other kept or dropped; of
      // "color" twice, the one left out by its place dropped (leaveOut)
      if (!schema || !headerLine) return false;
      const out = planHeader(headerLine, schema, { required: [], map, add, leaveOut }).outNames.map((n) => n.toLowerCase());
      return new Set(out).size === out.length;
    }
    case 'INVALID_UTF8':
      // the file reads as Windows-1252 where the validator could tell (a line with two accented
      // letters side by side it cannot; the fixer converts those too, or sets the line aside)
      return report.errors.some((x) => x.code === 'INVALID_UTF8' && /Windows-1252/.test(x.message));
    case 'BAD_QUOTING':
      return /inside an unquoted value/.test(i.message);
    case 'TYPE_BOOLEAN': {
      const v = quotedValue(i);
      if (v !== undefined && isMissingMarker(v)) return markerFixable(i, schema, map);
      return v !== undefined && readBoolean(bytes(v), 0, bytes(v).length) >= 0;
    }
    case 'TYPE_INT':
    case 'TYPE_LONG':
    case 'TYPE_FLOAT': {
      const v = quotedValue(i);
      if (v === undefined) return false;
      if (isMissingMarker(v)) return markerFixable(i, schema, map);
      const b = bytes(v);
      // the column as the fixer will name it (a lower-case or aliased header is renamed first)
      const named = schema && i.column ? (planHeader(i.column, schema, { required: [], map }).outNames[0] ?? i.column) : (i.column ?? '');
      // (a Magento export's short dates, 3/12/20, 10:40 AM: its pass writes them year first, store-views.ts)
      if (/TIMESTAMP$/i.test(named)) return !Number.isNaN(readDate(b, 0, b.length, dates)) || (magentoColumns((headerLine ?? '').split(',')) !== undefined && magentoDate(v.trim(), dates) !== undefined);
      // a number with a decimal comma or thousands separators (the column's mark reading one written
      // two ways), a float's amount with a currency symbol: floats.ts writes it plainly
      const mark = decimal ? (decimal === 'comma' ? MARK_COMMA : MARK_POINT) : columnMark(report, i.column);
      return i.code === 'TYPE_FLOAT' ? fixableFloat(b, false, mark, Boolean(decimal)) : fixableWhole(b, i.code === 'TYPE_INT', mark, Boolean(decimal));
    }
    case 'HEADER_MISSING_COLUMN': {
      // fixable when the header, renamed the fixer's way, has the field
      if (!schema) return false;
      const names = [...report.stats.columns.map((c) => c.name), ...report.warnings.filter((w) => w.code === 'HEADER_UNKNOWN_COLUMN' && w.column).map((w) => w.column!)];
      const field = /\b([A-Z][A-Z0-9_]*)\b/.exec(i.column ?? i.message)?.[1];
      if (!field || names.length === 0) return false;
      const plan = planHeader(names.join(','), schema, { required: [], map, add });
      return plan.outNames.includes(field);
    }
    default:
      return false;
  }
}

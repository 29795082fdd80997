// isFixable: whether every error of a validation report is of a kind `fixFile` repairs without
// guessing — the wizard's "Fix and continue" is offered only then. Up to 20 issues per code are kept
// in a report: the values checked here are those; rows the fixer still cannot read go to rejects.
import type { Issue, SchemaModel, ValidationReport } from '../validate/index.js';
import { planHeader } from './header.js';
import { fixableFloat } from './floats.js';
import { isInteger, readBoolean, readTimestamp } from './values.js';

const ALWAYS = new Set(['FILE_IS_UTF16', 'WRONG_SEPARATOR', 'HEADER_QUOTED', 'HEADER_CASE', 'TIMESTAMP_MILLISECONDS']);

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
 * judged by the header before its first CR, since the validator saw no rows in it.
 */
export function isFixable(report: ValidationReport, schema?: SchemaModel, headerLine?: string): boolean {
  if (report.valid) return false;
  // old-Mac CR line ends: the validator read the whole file as one line; its rows were never checked,
  // so the header the fixer will see decides
  if (schema && headerLine && !headerLine.includes('\0') && /\r(?!\n)/.test(headerLine)) return planHeader(headerLine.split('\r')[0], schema, { required: [] }).missing.length === 0;
  return report.errors.every((i) => fixableIssue(i, report, schema, headerLine));
}

export function fixableIssue(i: Issue, report: ValidationReport, schema?: SchemaModel, headerLine?: string): boolean {
  if (ALWAYS.has(i.code)) return true;
  if (i.code === 'NO_HEADER') return Boolean(schema && headerLine && planHeader(headerLine, schema, { required: [] }).missing.length === 0);
  const bytes = (v: string) => Buffer.from(v.trim(), 'utf8');
  switch (i.code) {
    case 'INVALID_UTF8':
      // the file reads as Windows-1252 where the validator could tell (a line with two accented
      // letters side by side it cannot; the fixer converts those too, or sets the line aside)
      return report.errors.some((x) => x.code === 'INVALID_UTF8' && /Windows-1252/.test(x.message));
    case 'BAD_QUOTING':
      return /inside an unquoted value/.test(i.message);
    case 'TYPE_BOOLEAN': {
      const v = quotedValue(i);
      return v !== undefined && readBoolean(bytes(v), 0, bytes(v).length) >= 0;
    }
    case 'TYPE_INT':
    case 'TYPE_LONG':
    case 'TYPE_FLOAT': {
      const v = quotedValue(i);
      if (v === undefined) return false;
      const b = bytes(v);
      // the column as the fixer will name it (a lower-case or aliased header is renamed first)
      const named = schema && i.column ? (planHeader(i.column, schema, { required: [] }).outNames[0] ?? i.column) : (i.column ?? '');
      if (/TIMESTAMP$/i.test(named)) return !Number.isNaN(readTimestamp(b, 0, b.length));
      // a float: a plain number, or an amount with a currency symbol (floats.ts removes it)
      return i.code === 'TYPE_FLOAT' ? fixableFloat(b) : isInteger(b, 0, b.length, i.code === 'TYPE_INT');
    }
    case 'HEADER_MISSING_COLUMN': {
      // fixable when the header, renamed the fixer's way, has the field
      if (!schema) return false;
      const names = [...report.stats.columns.map((c) => c.name), ...report.warnings.filter((w) => w.code === 'HEADER_UNKNOWN_COLUMN' && w.column).map((w) => w.column!)];
      const field = /\b([A-Z][A-Z0-9_]*)\b/.exec(i.column ?? i.message)?.[1];
      if (!field || names.length === 0) return false;
      const plan = planHeader(names.join(','), schema, { required: [] });
      return plan.outNames.includes(field);
    }
    default:
      return false;
  }
}

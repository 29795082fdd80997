// isFixable: whether every error of a validation report is of a kind `fixFile` repairs without
// guessing — the wizard's "Fix and continue" is offered only then. Up to 20 issues per code are kept
// in a report: the values checked here are those; rows the fixer still cannot read go to rejects.
import type { Issue, SchemaModel, ValidationReport } from '../validate/index.js';
import { planHeader } from './header.js';
import { isFloat, isInteger, readBoolean, readTimestamp } from './values.js';

const ALWAYS = new Set(['FILE_IS_UTF16', 'WRONG_SEPARATOR', 'HEADER_QUOTED', 'TIMESTAMP_MILLISECONDS']);

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

/** true when every error in `report` is one the fixer repairs (pass the schema to judge missing columns) */
export function isFixable(report: ValidationReport, schema?: SchemaModel): boolean {
  if (report.valid) return false;
  return report.errors.every((i) => fixableIssue(i, report, schema));
}

export function fixableIssue(i: Issue, report: ValidationReport, schema?: SchemaModel): boolean {
  if (ALWAYS.has(i.code)) return true;
  const bytes = (v: string) => Buffer.from(v.trim(), 'utf8');
  switch (i.code) {
    case 'INVALID_UTF8':
      return /Windows-1252/.test(i.message);
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
      if (/TIMESTAMP$/.test(i.column ?? '')) return !Number.isNaN(readTimestamp(b, 0, b.length));
      return i.code === 'TYPE_FLOAT' ? isFloat(b, 0, b.length) : isInteger(b, 0, b.length, i.code === 'TYPE_INT');
    }
    case 'HEADER_MISSING_COLUMN': {
      // fixable when the header, renamed the fixer's way, has the field
      if (!schema) return false;
      const names = [...report.stats.columns.map((c) => c.name)];
      const field = /\b([A-Z][A-Z0-9_]*)\b/.exec(i.column ?? i.message)?.[1];
      if (!field || names.length === 0) return false;
      const plan = planHeader(names.join(','), schema, { required: [] });
      return plan.outNames.includes(field);
    }
    default:
      return false;
  }
}

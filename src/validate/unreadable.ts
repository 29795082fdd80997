// Files that are not comma-separated UTF-8 CSV at all, told apart at the header: another format
// (an Excel workbook, a gzip-compressed CSV, Parquet, PDF), UTF-16 (Excel's "Unicode Text", or
// "CSV UTF-16"), lines ended by a carriage return alone (classic Mac) and another separator (";" from Excel in many languages, tabs from a TSV export, "|"). Checking such a file row by row gives a wall of misleading errors
// (missing columns, bad quoting on every line), so the engine reports the one cause instead.
import type { SchemaModel } from './schema.js';
import type { IssueCode } from './issues.js';
import { aliasRank } from './aliases.js';

const SEPARATORS: [string, string][] = [
  [';', 'semicolons'],
  ['\t', 'tabs'],
  ['|', 'vertical bars'],
];

/** a file's first bytes → what it is, and how to get a CSV from it */
const FORMATS: { magic: number[]; what: string; fix: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an Excel .xlsx workbook is one)', fix: 'open it in Excel and save it as "CSV UTF-8 (Comma delimited)", or unzip it if it holds a CSV' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'an Excel .xls workbook', fix: 'open it in Excel and save it as "CSV UTF-8 (Comma delimited)"' },
  { magic: [0x1f, 0x8b], what: 'a gzip-compressed file', fix: 'decompress it first (gunzip)' },
  { magic: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file', fix: 'export the data as CSV' },
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document', fix: 'export the data as CSV' },
];

/** the cause, when the header line's bytes (without its line break) show the file is not a comma-separated UTF-8 CSV */
export function unreadableHeader(header: Uint8Array, schema: SchemaModel): { code: IssueCode; message: string } | undefined {
  const format = FORMATS.find((f) => f.magic.every((x, i) => header[i] === x));
  if (format) {
    return {
      code: 'NOT_CSV',
      message: `Line 1: this is not a CSV file but ${format.what}. Personalize imports plain CSV text: ${format.fix}. The rest of the file was not checked.`,
    };
  }
  // UTF-16: a byte-order mark, or NUL bytes between the letters of the column names
  let nul = 0;
  for (const x of header) if (x === 0) nul++;
  const bom16 = header.length >= 2 && ((header[0] === 0xff && header[1] === 0xfe) || (header[0] === 0xfe && header[1] === 0xff));
  if (bom16 || (header.length >= 4 && nul * 4 >= header.length)) {
    return {
      code: 'FILE_IS_UTF16',
      message: 'Line 1: the file is UTF-16 text (Excel saves this as "Unicode Text" or "CSV UTF-16"), not UTF-8. Personalize reads UTF-8: save it as "CSV UTF-8 (Comma delimited)", or convert it with iconv -f UTF-16 -t UTF-8. The rest of the file was not checked.',
    };
  }
  // a carriage return inside line 1 (CRLF's is not part of the line): lines end with CR alone, so
  // the whole file reads as one line and every value as a header error
  if (header.includes(13)) {
    return {
      code: 'CR_LINE_ENDINGS',
      message: 'Line 1: the lines end with a carriage return alone (CR, as classic Mac OS and some exports write them), not a line feed. Personalize reads one record a line, ended by LF or CRLF, so it would read this file as one long line. Convert the line endings (for example: tr \'\\r\' \'\\n\' < in.csv > out.csv). The rest of the file was not checked.',
    };
  }
  const text = new TextDecoder().decode(header).replace(/^\uFEFF/, '');
  const fields = new Set(schema.fields.map((f) => f.name.toUpperCase()));
  const known = (names: string[]) => names.filter((n) => fields.has(n.trim().replace(/^"(.*)"$/, '$1').toUpperCase())).length;
  // another separator: the names are found only when the header is split at it
  const byComma = known(text.split(','));
  for (const [sep, plural] of SEPARATORS) {
    if (!text.includes(sep)) continue;
    const names = text.split(sep);
    const found = known(names);
    // or no comma at all in a header this separator splits: one column, which no dataset can be
    // (every schema has two fields or more) — an export whose names are its own (Kunde;Artikel;…)
    const noComma = !text.includes(',') && names.filter((n) => n.trim()).length >= 2;
    if ((found >= 2 && found > byComma) || noComma) {
      const shown = names.slice(0, 4).map((n) => n.trim()).join(sep === '\t' ? '⇥' : sep) + (names.length > 4 ? '…' : '');
      return {
        code: 'WRONG_SEPARATOR',
        message: `Line 1: the columns are separated by ${plural} (${shown}), not commas. Personalize reads comma-separated values only: save the file as CSV with commas ("CSV UTF-8 (Comma delimited)" in Excel, whose CSV uses ";" in some languages). The rest of the file was not checked.`,
      };
    }
  }
  return undefined;
}

/**
 * The first line is a record, not a header: none of its values names a schema field (in any case),
 * and it holds a number or has as many values as the schema has fields. A line without a number that
 * names a field by a common spelling (aliases.ts: Mixpanel's event, distinct_id, time) is a header
 * under other names — the fixer renames it — not a record (it read as one when its values were as many
 * as the schema's fields).
 */
export function headerIsData(names: string[], schema: SchemaModel): { code: IssueCode; message: string } | undefined {
  const fields = schema.fields.map((f) => f.name);
  const upper = new Set(fields.map((f) => f.toUpperCase()));
  if (names.some((n) => upper.has(n.toUpperCase()))) return undefined;
  const numeric = names.some((n) => /^-?\d+(?:\.\d+)?$/.test(n));
  if (!numeric && names.length !== fields.length) return undefined;
  if (!numeric && names.some((n) => fields.some((f) => aliasRank(n.trim(), f) >= 0))) return undefined;
  const shown = names.slice(0, 3).map((n) => n || '(empty)').join(', ') + (names.length > 3 ? ', …' : '');
  const header = fields.join(',');
  return {
    code: 'NO_HEADER',
    message: `Line 1 is a record, not a header: none of its values (${shown}) names a schema field. Personalize needs a header row naming the columns first${names.length === fields.length ? `; if they follow the schema's order, add this line at the top: ${header}` : ` (the schema's fields: ${fields.join(', ')})`}. The rows were not checked.`,
  };
}


/** records after the header in a file whose lines end with CR alone (`bytes`: all of it that was read) */
export function crRecords(bytes: Uint8Array): number {
  let n = 0;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 13) {
      if (i > start) n++;
      start = i + 1;
    }
  }
  return Math.max(0, n - 1);
}

// The kinds of value change the row fixer counts (rows.ts) and the summary's label for each.
/** kinds of value change, counted per value and per row (the wasm lane counts the first eight; it stops at a line needing a later one) */
export const CHANGES = ['timestamp-date', 'timestamp-epoch-unit', 'timestamp-fraction', 'boolean', 'trimmed', 'quotes-doubled', 'quote-escaped', 'requoted', 'decimal-comma', 'currency', 'thousands', 'id-decimal', 'event-case', 'event-name', 'unit-removed', 'timestamp-serial'] as const;
export type ValueChange = (typeof CHANGES)[number];
export const C_DATE = 0;
export const C_UNIT = 1;
export const C_FRACTION = 2;
export const C_BOOL = 3;
export const C_TRIM = 4;
export const C_DOUBLED = 5;
export const C_BAREQUOTE = 6;
export const C_REQUOTED = 7;
export const C_DECIMAL = 8;
export const C_CURRENCY = 9;
export const C_THOUSANDS = 10;
export const C_IDDEC = 11;
/** EVENT_TYPE values written again (event-names.ts): a Domain group's type in another case; a name given by --event-names */
export const C_EVCASE = 12;
export const C_EVNAME = 13;
/** a number with a unit written without it (34 years → 34: floats.ts) */
export const C_UNITWORD = 14;
/** a spreadsheet's date (Excel's serial date: 45000.5208) written as epoch seconds (dates.ts) */
export const C_SERIAL = 15;

export const LABELS: Record<string, string> = {
  'timestamp-date': 'dates converted to epoch seconds',
  'timestamp-epoch-unit': 'millisecond (µs, ns) epochs converted to seconds',
  'timestamp-fraction': 'fractions of a second dropped',
  boolean: 'booleans written lowercase',
  trimmed: 'spaces trimmed around IDs and numbers',
  'quotes-doubled': 'RFC 4180 doubled quotes rewritten as \\"',
  'quote-escaped': 'quotes inside unquoted values escaped',
  requoted: 'values holding a comma quoted',
  'decimal-comma': 'numbers with a decimal comma written with a point',
  currency: 'currency symbols removed from amounts',
  thousands: 'thousands separators removed from numbers',
  'id-decimal': 'IDs written as decimals (a float column: 13085.0) written as whole numbers, as the other files and the events your app sends write them',
  'event-case': "event types written as the domain's recommenders count them",
  'event-name': 'event types renamed as asked (--event-names)',
  'unit-removed': 'units removed from numbers (the column\'s numbers all in one unit)',
  'timestamp-serial': "spreadsheet dates (Excel's serial dates: days since 1899-12-30) converted to epoch seconds",
};

/** a change kind's label; the domain's case rule names the domain */
export function labelOf(kind: string, domain?: string): string {
  return kind === 'event-case' && domain ? `event types written as ${domain}'s recommenders count them` : LABELS[kind];
}

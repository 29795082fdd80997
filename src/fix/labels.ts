// The summary's label for each kind of value change (rows.ts CHANGES).
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
};

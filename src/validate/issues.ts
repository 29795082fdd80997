// Codes, severities and the bounded collector: the first N occurrences of each code are kept with
// their line numbers, the rest are only counted, so ten million bad rows cost a few kilobytes.

export type Severity = 'error' | 'warning';

/** Every stable code the engine reports, with its default severity. */
export const CODES = {
  EMPTY_FILE: 'error',
  /** the first line is a record, not a header: nothing else is checked */
  NO_HEADER: 'error',
  /** the file is another format (Excel workbook, gzip, Parquet, PDF): nothing else is checked */
  NOT_CSV: 'error',
  /** the file is UTF-16, not UTF-8: nothing else is checked */
  FILE_IS_UTF16: 'error',
  /** the header is split by ";", tabs or "|", not commas: nothing else is checked */
  WRONG_SEPARATOR: 'error',
  HEADER_MISSING_COLUMN: 'error',
  HEADER_UNKNOWN_COLUMN: 'warning',
  HEADER_DUPLICATE_COLUMN: 'error',
  HEADER_ORDER: 'warning',
  HEADER_QUOTED: 'error',
  HEADER_CASE: 'error',
  BOM: 'warning',
  INVALID_UTF8: 'error',
  COLUMN_COUNT: 'error',
  /** a row of separators only (Excel's ;;;;): no values at all, reported once instead of a missing value per column */
  EMPTY_ROW: 'error',
  UNTERMINATED_QUOTE: 'error',
  BAD_QUOTING: 'error',
  /** \"" in a value whose quotes are doubled (an RFC 4180 export's JSON): misread by backslash escapes; fix reads it as RFC 4180 */
  QUOTE_BACKSLASH_RFC: 'error',
  QUOTE_DOUBLED: 'warning',
  REQUIRED_VALUE_MISSING: 'error',
  TYPE_INT: 'error',
  TYPE_LONG: 'error',
  TYPE_FLOAT: 'error',
  TYPE_BOOLEAN: 'error',
  ID_TOO_LONG: 'error',
  CATEGORICAL_TOO_LONG: 'error',
  TEXTUAL_TOO_LONG: 'warning',
  TIMESTAMP_MILLISECONDS: 'error',
  TIMESTAMP_FUTURE: 'warning',
  TIMESTAMP_ANCIENT: 'warning',
  RESERVED_VALUE: 'error',
  TOO_FEW_INTERACTIONS: 'error',
  /** error for FULL, warning for INCREMENTAL */
  TOO_FEW_ACTIVE_USERS: 'error',
  TOO_MANY_EVENT_TYPES: 'error',
  DUPLICATE_RECORD: 'warning',
  LINE_TOO_LONG: 'error',
  SIZE_LIMIT: 'error',
  SPARSE_COLUMN: 'warning',
  SPARSE_TEXTUAL: 'warning',
  SAME_TIMESTAMP: 'warning',
  FEW_INTERACTIONS_FOR_QUALITY: 'warning',
  /** a Domain group's interactions without the event type a use case of the domain trains on (View, Purchase, Watch) */
  DOMAIN_EVENT_TYPES: 'warning',
  /** a column name with spaces, a no-break space or a byte order mark around it (read as the trimmed name) */
  HEADER_SPACES: 'warning',
  /** lines end with a carriage return alone (classic Mac): nothing else is checked */
  CR_LINE_ENDINGS: 'error',
  /** every value of an ID column is a whole number written as a decimal (13085.0: a float column) */
  ID_DECIMAL: 'warning',
  /** IDs with spaces or tabs around them (" 123", "123 "): Personalize takes them as written, another ID than 123 */
  ID_SPACES: 'warning',
  /** IDs in scientific notation (1.00001E+11): a spreadsheet rounded long numeric IDs, different ones became one */
  ID_SCIENTIFIC: 'warning',
  /** every value of a timestamp column is an Excel serial date (45000.5208: a date column formatted as a number) */
  TIMESTAMP_SERIAL: 'warning',
  /** interactions: rows that are returns or cancellations (a negative quantity, an invoice C…) */
  ORDERS_NOT_BOUGHT: 'warning',
} as const satisfies Record<string, Severity>;

export type IssueCode = keyof typeof CODES;

export interface Issue {
  code: IssueCode;
  severity: Severity;
  /** what is wrong and what to do */
  message: string;
  /** 1-based physical line (the header is line 1); absent for file-wide findings */
  line?: number;
  /** the column (header name) it concerns */
  column?: string;
  /** the file (S3 key or path) when several were validated */
  file?: string;
  /** on the first kept occurrence of a code: how many occurrences there were in all, when more than were kept */
  count?: number;
}

interface Bucket {
  kept: Issue[];
  total: number;
  /** creation order (see `created`) */
  seq: number;
  /** noteLate(): each kept issue's order key */
  keys?: number[];
}

export class IssueCollector {
  private buckets = new Map<IssueCode, Bucket>();
  file?: string;
  /** codes seen so far: a finding checked later (noteLate) passes this value from the moment it was found */
  created = 0;
  /** added to line numbers to order noteLate() occurrences across sources (set per source, like `file`) */
  keyBase = 0;

  constructor(readonly maxPerCode = 20) {}

  /** Counts one occurrence; true when the caller should describe it with add(). */
  note(code: IssueCode): boolean {
    let b = this.buckets.get(code);
    if (!b) {
      b = { kept: [], total: 0, seq: this.created++ };
      this.buckets.set(code, b);
    }
    b.total++;
    return b.total <= this.maxPerCode;
  }

  /**
   * An occurrence found after later lines were already checked (a deferred check), reported as if it
   * had been noted when `created` was `seq`: its code takes the place among the codes it would have
   * had, and the kept occurrences are the first ones (by source, then line), in that order.
   * `message` is only called for an occurrence that is kept. Use it for a code only ever noted late.
   */
  noteLate(code: IssueCode, seq: number, line: number, message: () => string, column?: string): void {
    const key = this.keyBase + line;
    let b = this.buckets.get(code);
    if (!b || seq < b.seq) {
      // (re)place the code: before the first code created at or after `seq`
      b ??= { kept: [], total: 0, seq, keys: [] };
      b.seq = seq;
      const entries = [...this.buckets].filter(([c]) => c !== code);
      const at = entries.findIndex(([, x]) => x.seq >= seq);
      entries.splice(at < 0 ? entries.length : at, 0, [code, b]);
      this.buckets = new Map(entries);
    }
    b.total++;
    const keys = (b.keys ??= []);
    const max = this.maxPerCode;
    if (b.kept.length >= max && key >= keys[keys.length - 1]) return;
    let at = keys.length;
    while (at > 0 && keys[at - 1] > key) at--;
    const issue: Issue = { code, severity: CODES[code], message: message(), line };
    if (column !== undefined) issue.column = column;
    if (this.file !== undefined) issue.file = this.file;
    keys.splice(at, 0, key);
    b.kept.splice(at, 0, issue);
    if (b.kept.length > max) {
      keys.pop();
      b.kept.pop();
    }
  }

  /** Adds a described occurrence (call after note() returned true). */
  add(code: IssueCode, message: string, line?: number, column?: string, severity: Severity = CODES[code]): void {
    const b = this.buckets.get(code)!;
    const issue: Issue = { code, severity, message };
    if (line !== undefined) issue.line = line;
    if (column !== undefined) issue.column = column;
    if (this.file !== undefined) issue.file = this.file;
    b.kept.push(issue);
  }

  /** note() + add() for the rare, cheap cases */
  report(code: IssueCode, message: string, line?: number, column?: string, severity?: Severity): void {
    if (this.note(code)) this.add(code, message, line, column, severity);
  }

  /** adds n occurrences to a code's total (after report() described them as one) */
  addToTotal(code: IssueCode, n: number): void {
    const b = this.buckets.get(code);
    if (b) b.total += n;
  }

  /** the buckets, to send from a worker thread */
  exportBuckets(): { code: IssueCode; total: number; kept: Issue[] }[] {
    return [...this.buckets].map(([code, b]) => ({ code, total: b.total, kept: b.kept }));
  }

  /**
   * Adds a worker's buckets (in file order): its line numbers were counted from its own start, so
   * `lineOffset` is added to each line (and to the "Line N" that opens the message).
   */
  mergeBuckets(buckets: { code: IssueCode; total: number; kept: Issue[] }[], lineOffset: number): void {
    for (const w of buckets) {
      let b = this.buckets.get(w.code);
      if (!b) {
        b = { kept: [], total: 0, seq: this.created++ };
        this.buckets.set(w.code, b);
      }
      b.total += w.total;
      for (const i of w.kept) {
        if (b.kept.length >= this.maxPerCode) break;
        const line = i.line !== undefined && i.line > 1 ? i.line + lineOffset : i.line;
        const copy: Issue = { ...i };
        if (line !== undefined && line !== i.line) {
          copy.line = line;
          copy.message = i.message.replace(/^Line \d+/, `Line ${line}`);
        }
        if (this.file !== undefined) copy.file = this.file;
        b.kept.push(copy);
        b.keys?.push(this.keyBase + (line ?? 0));
      }
    }
  }

  totals(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [code, b] of this.buckets) out[code] = b.total;
    return out;
  }

  /** errors and warnings, each in line order within a code, codes in first-seen order */
  result(): { errors: Issue[]; warnings: Issue[] } {
    const errors: Issue[] = [];
    const warnings: Issue[] = [];
    for (const b of this.buckets.values()) {
      if (b.kept.length === 0) continue;
      const list = b.kept.map((i) => ({ ...i }));
      if (b.total > list.length) list[0].count = b.total;
      for (const i of list) (i.severity === 'error' ? errors : warnings).push(i);
    }
    return { errors, warnings };
  }
}

/**
 * How many findings `list` stands for: a report lists at most the first 20 of a code, and
 * `issueCounts` holds every one. "0 errors, 107 warnings" above "Continue with 21 warnings?" was the
 * listed count beside the total.
 */
export function issueTotal(list: readonly Issue[], counts: Readonly<Record<string, number>> | undefined): number {
  let n = 0;
  for (const code of new Set(list.map((i) => i.code))) n += counts?.[code] ?? list.filter((i) => i.code === code).length;
  return n;
}

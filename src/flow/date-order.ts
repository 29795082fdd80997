// What a file says about the order of day and month in its dates written in numbers only
// (01.11.2026 10:00): a value whose first number is over 12 (13.11.2026) can only be day first, one
// whose second is (11/13/2026) only month first; 01.11.2026 could be either. The flow's "How are the
// dates written?" (machine/steps-dates.ts) shows a value of the file and takes a default only from
// such a proof. Reads at most the first `limit` bytes (a date order proves itself within the first
// days of an export; the fixer still rejects, and lists, any row the order given does not read).
import { dateReadings } from '../validate/dates.js';

export interface DateValue {
  value: string;
  /** the file's line (1 = the header) */
  line: number;
  dayFirst?: string;
  monthFirst?: string;
}

export interface DateEvidence {
  /** the first date in numbers only that either order reads (what the question shows) */
  example?: DateValue;
  /** the first value only the day first reads (13.11.2026) */
  dayFirst?: DateValue;
  /** the first value only the month first reads (11/13/2026) */
  monthFirst?: DateValue;
  /** bytes read, and whether that was the whole file */
  bytes: number;
  whole: boolean;
  /** the header cell of the column read (InvoiceDate, which the fixer's copy calls TIMESTAMP) */
  column?: string;
}

/** the day and month order the file proves (a value only one reads, none only the other reads) */
export function provenOrder(e: DateEvidence | undefined): 'day-first' | 'month-first' | undefined {
  if (!e) return undefined;
  if (e.dayFirst && !e.monthFirst) return 'day-first';
  if (e.monthFirst && !e.dayFirst) return 'month-first';
  return undefined;
}

export const EVIDENCE_BYTES = 16 * 1024 * 1024;

/**
 * The example the question shows: the first value either order reads, but one whose day and month
 * differ (01.02.2026: 1 February or 2 January) over one that reads the same both ways (01.01.2026,
 * "1 January (day first) / 1 January (month first)" told the user nothing).
 */
function pickExample(out: DateEvidence, value: DateValue): void {
  if (!out.example || (out.example.dayFirst === out.example.monthFirst && value.dayFirst !== value.monthFirst)) out.example = value;
}

const SEPARATORS = [',', ';', '\t', '|'];
const unquote = (v: string) => v.trim().replace(/^\uFEFF/, '').replace(/^"(.*)"$/, '$1').trim();

/** The column's index in the header, and the separator that finds it (undefined: not found). */
function columnOf(header: string, column: string | ((cells: string[]) => number)): { sep: string; index: number; name: string } | undefined {
  const want = typeof column === 'string' ? column.trim().toLowerCase() : '';
  for (const sep of SEPARATORS) {
    const cells = header.split(sep).map(unquote);
    const index = typeof column === 'string' ? cells.findIndex((c) => c.toLowerCase() === want) : column(cells);
    if (index >= 0) return { sep, index, name: cells[index].trim() };
  }
  return undefined;
}

/**
 * Reads `column` (the file's name of the timestamp column, or what finds its index among the header's cells) of the file's first `limit` bytes and
 * returns what its dates in numbers only say about their order. A line with a quote is skipped (its
 * values may hold the separator; the rest of the file decides).
 */
export async function dateEvidence(stream: AsyncIterable<Uint8Array>, column: string | ((cells: string[]) => number), limit = EVIDENCE_BYTES): Promise<DateEvidence> {
  const out: DateEvidence = { bytes: 0, whole: true };
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let line = 0;
  let at: { sep: string; index: number; name: string } | undefined;
  let found = false;
  const pick = (value: DateValue) => pickExample(out, value);
  const take = (text: string): boolean => {
    line++;
    if (line === 1) {
      at = columnOf(text, column);
      if (at) out.column = at.name;
      return !at;
    }
    if (!at || text.includes('"')) return false;
    const v = text.split(at.sep)[at.index];
    if (v === undefined) return false;
    const r = dateReadings(v);
    if (!r) return false;
    const value: DateValue = { value: v.trim(), line, ...r };
    if (r.dayFirst && r.monthFirst) pick(value);
    else if (r.dayFirst) out.dayFirst ??= value;
    else if (r.monthFirst) out.monthFirst ??= value;
    // both proofs: the file says nothing more
    return Boolean(out.dayFirst && out.monthFirst && out.example && out.example.dayFirst !== out.example.monthFirst);
  };
  for await (const chunk of stream) {
    const room = limit - out.bytes;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    out.bytes += part.length;
    rest += decoder.decode(part, { stream: true });
    let nl: number;
    let start = 0;
    while ((nl = rest.indexOf('\n', start)) >= 0) {
      if (take(rest.slice(start, nl).replace(/\r$/, ''))) {
        found = true;
        break;
      }
      start = nl + 1;
    }
    rest = rest.slice(start);
    if (found || part.length < chunk.length) {
      out.whole = false;
      break;
    }
  }
  if (!found && out.whole && rest) take(rest.replace(/\r$/, ''));
  return out;
}

/**
 * What the fixer's rejects say about the order, when dates in numbers only are why rows were set
 * aside (`TIMESTAMP "18.09.2026 15:40" is not read without guessing: …`): the field and the
 * evidence the listed rows give. A file whose first error stopped the validation early (`;` for a
 * separator) had its dates found only by the fixer, which does not guess: without this, every row
 * was offered to the rejects file. Undefined when no listed reject is such a date.
 */
export function evidenceFromRejects(listed: readonly { line: number; reason: string }[]): { evidence: DateEvidence; column: string; rows: number } | undefined {
  const out: DateEvidence = { bytes: 0, whole: false };
  let column: string | undefined;
  let rows = 0;
  for (const x of listed) {
    const m = /^(\S+) ("(?:[^"\\]|\\.)*") is not read without guessing: /.exec(x.reason);
    if (!m) continue;
    let v: string;
    try {
      v = JSON.parse(m[2]) as string;
    } catch {
      continue;
    }
    const r = dateReadings(v);
    if (!r || (!r.dayFirst && !r.monthFirst)) continue;
    column ??= m[1];
    rows++;
    const value: DateValue = { value: v.trim(), line: x.line, ...r };
    if (r.dayFirst && r.monthFirst) pickExample(out, value);
    else if (r.dayFirst) out.dayFirst ??= value;
    else out.monthFirst ??= value;
  }
  return column ? { evidence: out, column, rows } : undefined;
}

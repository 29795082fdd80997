// The bounded sample inference reads: the header and the records in the first `limitBytes` (64 MiB by
// default) of a byte stream, or the whole stream when it is smaller. The stream is left as soon as
// the limit is reached (its iterator's return() runs: a file stream closes, an S3 body is released),
// so a 1 GB file costs the same as a 64 MiB one. A record cut by the limit is dropped, not guessed.
import { findRecordEnd, splitFields } from '../csv/records.js';
import { JOIN_MAX_BYTES, JOIN_MAX_LINES } from '../fix/multiline.js';

export const SAMPLE_BYTES = 64 * 1024 * 1024;

export interface Sample {
  header: string[];
  /** data records seen (the header excluded, blank lines and rows without values skipped) */
  rows: number;
  /** rows of separators only (Excel's ;;;; for rows formatted but empty), or spaces and tabs between them: skipped, no record (blank lines are not counted) */
  emptyRows: number;
  /** bytes read from the stream */
  bytes: number;
  /** true when the stream went on past the limit: the sample is the start of the file */
  truncated: boolean;
  /** the UTF-8 BOM was present (the CSV reader drops it) */
  bom: boolean;
  /** the separator the header uses: the one of , ; tab | that splits it into the most columns (commas win ties) */
  separator: string;
}

const SEPARATORS = [',', ';', '\t', '|'];
/** a value of spaces and tabs at most */
const BLANK = /^[ \t]*$/;
const onlySeparators = (text: string, sep: string) => {
  for (let i = 0; i < text.length; i++) if (text[i] !== sep && text[i] !== ' ' && text[i] !== '\t') return false;
  return true;
};

/** The separator of a header line: the one that splits it into the most columns; a comma unless another gives more. */
export function headerSeparator(text: string): string {
  let best = { sep: ',', n: 0 };
  for (const sep of SEPARATORS) {
    const n = text.split(sep).length;
    if (n > best.n) best = { sep, n };
  }
  return best.sep;
}

/** `text` split at `sep` outside double quotes, each field's quotes removed ("" inside one is a quote). */
function splitAt(text: string, sep: string): string[] {
  const out: string[] = [];
  let v = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (v += '"'), i++;
      else if (c === '"') quoted = false;
      else v += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) (out.push(v), (v = ''));
    else v += c;
  }
  out.push(v);
  return out;
}

/** Yields the stream's chunks up to `limit` bytes (the last one cut), then stops reading it. */
async function* bounded(source: AsyncIterable<Uint8Array>, limit: number, seen: { bytes: number; truncated: boolean; bom: boolean; first: boolean }): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    if (seen.first && chunk.length > 0) {
      seen.bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      seen.first = false;
    }
    const room = limit - seen.bytes;
    if (chunk.length > room) {
      if (room > 0) yield chunk.subarray(0, room);
      seen.bytes += Math.max(0, room);
      seen.truncated = true;
      return; // leaving the for-await calls the source's return(): reading stops here
    }
    seen.bytes += chunk.length;
    yield chunk;
  }
}

/**
 * Reads the header, then hands each data record of the sample to `onRow` (nothing is kept here, so
 * memory stays flat whatever the sample holds). Same dialect as src/csv/records.ts (it uses its
 * record end and field splitting), with a fast path for the common line without quotes.
 */
export async function readSample(source: AsyncIterable<Uint8Array>, onRow: (fields: string[], line: number) => void, limitBytes = SAMPLE_BYTES, onHeader?: (header: string[]) => void): Promise<Sample> {
  const seen = { bytes: 0, truncated: false, bom: false, first: true };
  const decoder = new TextDecoder('utf-8');
  let header: string[] | undefined;
  let rows = 0;
  let emptyRows = 0;
  // a row without values (separators, spaces and tabs only: as the validator and fix judge it) is no record: not handed on, counted
  let pendingNone = false;
  const emit = (fields: string[], at: number, none: boolean) => {
    if (none) emptyRows++;
    else {
      onRow(fields, at);
      rows++;
    }
  };
  // one record behind: when the limit cuts the stream, the last record may be half a record
  let pending: string[] | undefined;
  let pendingLine = 0;
  // the line (1-based) the record being taken starts on
  let line = 1;
  let sep = ',';
  const split = (text: string) => {
    if (sep !== ',') return splitAt(text, sep);
    if (text.indexOf('"') < 0) return text.split(',');
    const fields = splitFields(text);
    // an RFC 4180 export's \"" (JSON's escaped quote, its quotes doubled) breaks the backslash reading:
    // read as RFC 4180, as fix reads such a value, when that gives the header's column count
    if (header && fields.length !== header.length && text.includes('""')) {
      const rfc = splitAt(text, ',');
      if (rfc.length === header.length) return rfc;
    }
    return fields;
  };
  const take = (text: string) => {
    if (!header) sep = headerSeparator(text);
    const fields = split(text);
    if (!header) {
      header = fields.map((h) => h.trim());
      onHeader?.(header);
      return;
    }
    if (pending) emit(pending, pendingLine, pendingNone);
    pending = fields;
    pendingNone = BLANK.test(fields[0]) && onlySeparators(text, sep);
    pendingLine = line;
  };
  const linesIn = (from: number, to: number) => {
    let n = 0;
    for (let i = buf.indexOf('\n', from); i >= 0 && i <= to; i = buf.indexOf('\n', i + 1)) n++;
    return n;
  };
  let buf = '';
  let firstText = true;
  // the records of buf's whole lines; `final`: no more data comes (a quote open to the end is not read on)
  // a record whose quote is still open at the buffer's end waits for more data: read again once the
  // buffer has doubled or holds the bound (not at every chunk: small chunks would make it quadratic)
  let waitFor = 0;
  const drain = (final: boolean) => {
    waitFor = 0;
    let pos = 0;
    let quote = buf.indexOf('"');
    for (;;) {
      const nl = buf.indexOf('\n', pos);
      if (nl < 0) break;
      if (quote >= 0 && quote < pos) quote = buf.indexOf('"', pos);
      let end = nl;
      if (quote >= 0 && quote < nl) {
        // a quoted value over several lines (a description) is one record — as the fixer joins it: within
        // 100 lines and 64 KiB, and with the header's column count; else (a quote left open, or \"" in an
        // RFC 4180 export read with backslash escapes) the line is a record of its own, as the validator
        // reads it, and the rest of the file is not swallowed into it
        end = findRecordEnd(buf, pos);
        if (end < 0 && !final && buf.length - pos <= JOIN_MAX_BYTES) {
          waitFor = Math.min(JOIN_MAX_BYTES + 1, 2 * (buf.length - pos));
          break;
        }
        if (end < 0 || (end !== nl && (end - pos > JOIN_MAX_BYTES || linesIn(pos, end) > JOIN_MAX_LINES || (header && split(buf.slice(pos, end).replace(/\r$/, '')).length !== header.length)))) end = nl;
      }
      const text = buf.charCodeAt(end - 1) === 13 ? buf.slice(pos, end - 1) : buf.slice(pos, end);
      if (text.length > 0) take(text);
      line += end === nl ? 1 : linesIn(pos, end);
      pos = end + 1;
    }
    buf = buf.slice(pos);
  };
  for await (const chunk of bounded(source, limitBytes, seen)) {
    buf += decoder.decode(chunk, { stream: true });
    if (firstText && buf.length > 0) {
      if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1);
      firstText = false;
    }
    if (buf.length >= waitFor) drain(false);
  }
  buf += decoder.decode();
  if (firstText && buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1);
  // (a sample cut by its limit keeps its last, perhaps cut, record for `pending` to drop)
  drain(!seen.truncated);
  const rest = buf.replace(/\r$/, '');
  if (rest.length > 0) take(rest);
  if (pending && !seen.truncated) emit(pending, pendingLine, pendingNone);
  return { header: header ?? [], rows, emptyRows, bytes: seen.bytes, truncated: seen.truncated, bom: seen.bom, separator: sep };
}

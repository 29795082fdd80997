// The bounded sample inference reads: the header and the records in the first `limitBytes` (64 MiB by
// default) of a byte stream, or the whole stream when it is smaller. The stream is left as soon as
// the limit is reached (its iterator's return() runs: a file stream closes, an S3 body is released),
// so a 1 GB file costs the same as a 64 MiB one. A record cut by the limit is dropped, not guessed.
import { csvRecords } from '../csv/records.js';

export const SAMPLE_BYTES = 64 * 1024 * 1024;

export interface Sample {
  header: string[];
  /** data records seen (the header excluded, blank lines skipped) */
  rows: number;
  /** bytes read from the stream */
  bytes: number;
  /** true when the stream went on past the limit: the sample is the start of the file */
  truncated: boolean;
  /** the UTF-8 BOM was present (the CSV reader drops it) */
  bom: boolean;
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
 * memory stays flat whatever the sample holds).
 */
export async function readSample(source: AsyncIterable<Uint8Array>, onRow: (fields: string[]) => void, limitBytes = SAMPLE_BYTES, onHeader?: (header: string[]) => void): Promise<Sample> {
  const seen = { bytes: 0, truncated: false, bom: false, first: true };
  let header: string[] | undefined;
  let rows = 0;
  // one record behind: when the limit cuts the stream, the last record may be half a record
  let pending: string[] | undefined;
  for await (const rec of csvRecords(bounded(source, limitBytes, seen))) {
    if (!header) {
      header = rec.fields.map((h) => h.trim());
      onHeader?.(header);
      continue;
    }
    if (pending) {
      onRow(pending);
      rows++;
    }
    pending = rec.fields;
  }
  if (pending && !seen.truncated) {
    onRow(pending);
    rows++;
  }
  return { header: header ?? [], rows, bytes: seen.bytes, truncated: seen.truncated, bom: seen.bom };
}

// A simple record iterator over a CSV byte stream, in Personalize's dialect (header row, one record
// a line, double-quoted values with backslash escapes; RFC 4180 doubled quotes accepted).
// Contract used by the sandbox's import jobs and by anything that wants rows as strings:
//   for await (const { line, fields } of csvRecords(source)) { … }   // the header is line 1
// The validation engine has its own byte-level fast path; both must agree on the dialect.

export interface CsvRecord {
  /** 1-based physical line where the record starts */
  line: number;
  fields: string[];
}

export async function* csvRecords(source: AsyncIterable<Uint8Array>): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder('utf-8');
  let buf = '';
  let lineNo = 1;
  let first = true;
  for await (const chunk of source) {
    buf += decoder.decode(chunk, { stream: true });
    if (first && buf.length > 0) {
      if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1);
      first = false;
    }
    let start = 0;
    for (;;) {
      const end = findRecordEnd(buf, start);
      if (end < 0) break;
      const text = buf.slice(start, end).replace(/\r$/, '');
      const nl = countNewlines(text);
      if (text.length > 0) yield { line: lineNo, fields: splitFields(text) };
      lineNo += nl + 1;
      start = end + 1;
    }
    buf = buf.slice(start);
  }
  buf += decoder.decode();
  if (first && buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1);
  const text = buf.replace(/\r$/, '');
  if (text.length > 0) yield { line: lineNo, fields: splitFields(text) };
}

/** Index of the newline that ends the record starting at `start`, or -1 (quotes may hold newlines). */
export function findRecordEnd(s: string, start: number): number {
  let inQuotes = false;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inQuotes) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) {
        if (s.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      }
    } else if (c === 34) inQuotes = true;
    else if (c === 10) return i;
  }
  return -1;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

export function splitFields(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let v = '';
      i++;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === 92 && i + 1 < text.length) {
          v += text[i + 1];
          i += 2;
        } else if (c === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            v += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          v += text[i];
          i++;
        }
      }
      // anything between the closing quote and the comma is kept as-is (malformed; validators flag it)
      const comma = text.indexOf(',', i);
      if (comma < 0) {
        out.push(v + text.slice(i));
        return out;
      }
      out.push(v + text.slice(i, comma));
      i = comma + 1;
    } else {
      const comma = text.indexOf(',', i);
      if (comma < 0) {
        out.push(text.slice(i));
        return out;
      }
      out.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}

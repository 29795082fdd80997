// Reads a CSV byte stream line by line (the validator's dialect: a newline always ends a record;
// CRLF or LF; a UTF-8 BOM skipped) and hands the wanted columns of each line to a callback as byte
// ranges, quotes removed. Nothing is kept between lines but a partial line at a chunk's end, so memory
// is flat whatever the file's size. A value with escapes (\" \\ or "") is decoded.

export interface LineSink {
  /** the header's cells (line 1) */
  header(names: string[]): void;
  /**
   * one data line: for each wanted column k, bytes [starts[k], ends[k]) of bufs[k] (-1: the line has no such
   * column). `line` is 1-based (the header is line 1).
   */
  row(bufs: Uint8Array[], starts: Int32Array, ends: Int32Array, line: number): void;
}

const COMMA = 44;
const QUOTE = 34;
const BACKSLASH = 92;
const NL = 10;
const CR = 13;

export class LineReader {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private carry: Uint8Array = new Uint8Array(0);
  private lineNo = 0;
  private first = true;
  /** column index → slot in starts/ends (-1: not wanted) */
  private wantAt: Int32Array = new Int32Array(0);
  /** the header's names once read */
  names: string[] | undefined;

  constructor(private readonly sink: LineSink, private readonly want: () => number[]) {
    this.starts = new Int32Array(8);
    this.ends = new Int32Array(8);
  }

  get lines(): number {
    return this.lineNo;
  }

  push(chunk: Uint8Array): void {
    let b = chunk;
    let pos = 0;
    if (this.carry.length) {
      // only the line cut by the previous chunk is joined: the rest is read in place
      const nl = chunk.indexOf(NL);
      if (nl < 0) {
        const joined = new Uint8Array(this.carry.length + chunk.length);
        joined.set(this.carry);
        joined.set(chunk, this.carry.length);
        this.carry = joined;
        return;
      }
      const joined = new Uint8Array(this.carry.length + nl + 1);
      joined.set(this.carry);
      joined.set(chunk.subarray(0, nl + 1), this.carry.length);
      this.carry = new Uint8Array(0);
      this.push(joined);
      pos = nl + 1;
    }
    if (this.first) {
      if (b.length - pos < 3 && (pos === b.length || b[pos] === 0xef)) {
        // maybe the start of a BOM: wait for more
        this.carry = Uint8Array.prototype.slice.call(b, pos);
        return;
      }
      if (b.length - pos >= 3 && b[pos] === 0xef && b[pos + 1] === 0xbb && b[pos + 2] === 0xbf) pos += 3;
      this.first = false;
    }
    for (;;) {
      const nl = b.indexOf(NL, pos);
      if (nl < 0) break;
      this.line(b, pos, nl > pos && b[nl - 1] === CR ? nl - 1 : nl);
      pos = nl + 1;
    }
    // a copy (a Buffer's slice() is a view, and the caller may reuse its buffer)
    if (pos < b.length) this.carry = Uint8Array.prototype.slice.call(b, pos);
  }

  end(): void {
    let b = this.carry;
    let pos = 0;
    if (this.first && b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) pos = 3;
    this.first = false;
    if (b.length > pos) {
      const e = b[b.length - 1] === CR ? b.length - 1 : b.length;
      this.line(b, pos, e);
    }
    b = new Uint8Array(0);
    this.carry = b;
  }

  private line(b: Uint8Array, s: number, e: number): void {
    this.lineNo++;
    if (this.names === undefined) {
      const names: string[] = [];
      const dec = new TextDecoder();
      this.split(b, s, e, (col, vs, ve, buf) => {
        names[col] = dec.decode(buf.subarray(vs, ve)).trim();
      });
      this.names = names;
      this.sink.header(names);
      const want = this.want();
      const at = new Int32Array(Math.max(names.length, ...want.map((w) => w + 1), 1)).fill(-1);
      want.forEach((c, k) => {
        if (c >= 0) at[c] = k;
      });
      this.wantAt = at;
      this.bufs = want.map(() => b);
      this.own = want.map(() => new Uint8Array(256));
      return;
    }
    if (s === e) return; // a blank line
    const starts = this.starts;
    const ends = this.ends;
    const bufs = this.bufs;
    starts.fill(-1);
    ends.fill(-1);
    const wantAt = this.wantAt;
    const last = wantAt.length;
    // no closure, no allocation a line; stops after the last wanted column
    let col = 0;
    let i = s;
    while (col < last) {
      const k = wantAt[col];
      let q: number;
      if (i < e && b[i] === QUOTE) {
        const j = closingQuote(b, i, e);
        if (k >= 0) {
          if (hasEscape(b, i + 1, j)) {
            if (this.own[k].length < j - i) this.own[k] = new Uint8Array((j - i) * 2);
            bufs[k] = this.own[k];
            starts[k] = 0;
            ends[k] = unescapeInto(b, i + 1, j, this.own[k]);
          } else {
            bufs[k] = b;
            starts[k] = i + 1;
            ends[k] = j;
          }
        }
        q = j + 1;
        while (q < e && b[q] !== COMMA) q++;
      } else {
        q = b.indexOf(COMMA, i);
        if (q < 0 || q > e) q = e;
        if (k >= 0) {
          bufs[k] = b;
          starts[k] = i;
          ends[k] = q;
        }
      }
      if (q >= e) break;
      i = q + 1;
      col++;
    }
    this.sink.row(bufs, starts, ends, this.lineNo);
  }

  /** true when b is one of the reader's own buffers (an escaped value, overwritten by the next line) */
  owns(b: Uint8Array): boolean {
    return this.own.includes(b);
  }

  private bufs: Uint8Array[] = [];
  private own: Uint8Array[] = [];
  private escBuf = new Uint8Array(1 << 12);

  /** calls fn(column, start, end, buffer) for each value of b[s, e); an escaped value comes in a decode buffer */
  private split(b: Uint8Array, s: number, e: number, fn: (col: number, vs: number, ve: number, buf: Uint8Array) => void): void {
    let col = 0;
    let i = s;
    for (;;) {
      if (i < e && b[i] === QUOTE) {
        // quoted: up to the closing quote; \x and "" escapes decoded when present
        const j = closingQuote(b, i, e);
        if (hasEscape(b, i + 1, j)) {
          if (this.escBuf.length < j - i) this.escBuf = new Uint8Array(j - i);
          fn(col, 0, unescapeInto(b, i + 1, j, this.escBuf), this.escBuf);
        } else fn(col, i + 1, j, b);
        // past the closing quote, to the next comma
        let k = j + 1;
        while (k < e && b[k] !== COMMA) k++;
        if (k >= e) return;
        i = k + 1;
      } else {
        let k = i;
        while (k < e && b[k] !== COMMA) k++;
        fn(col, i, k, b);
        if (k >= e) return;
        i = k + 1;
      }
      col++;
    }
  }
}

/** the index of the closing quote of the value quoted from b[i] (e: none before the line's end); \x and "" skipped */
function closingQuote(b: Uint8Array, i: number, e: number): number {
  let j = i + 1;
  while (j < e) {
    const c = b[j];
    if (c === BACKSLASH && j + 1 < e) j += 2;
    else if (c === QUOTE) {
      if (j + 1 < e && b[j + 1] === QUOTE) j += 2;
      else break;
    } else j++;
  }
  return j;
}

/** whether a quoted value's bytes b[s, e) hold an escape (\x, or "" — a lone quote cannot be inside) */
function hasEscape(b: Uint8Array, s: number, e: number): boolean {
  for (let x = s; x < e; x++) if (b[x] === BACKSLASH || b[x] === QUOTE) return true;
  return false;
}

/** b[s, e) with its escapes decoded, written to o (long enough); the decoded length */
function unescapeInto(b: Uint8Array, s: number, e: number, o: Uint8Array): number {
  let n = 0;
  for (let j = s; j < e; j++) {
    const c = b[j];
    o[n++] = (c === BACKSLASH || c === QUOTE) && j + 1 < e ? b[++j] : c;
  }
  return n;
}

/** counts the newlines of a stream (the catalog's size before its set is allocated) */
export async function countLines(source: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  let last = NL;
  for await (const chunk of source) {
    let p = chunk.indexOf(NL);
    while (p >= 0) {
      n++;
      p = chunk.indexOf(NL, p + 1);
    }
    if (chunk.length) last = chunk[chunk.length - 1];
  }
  return last === NL ? n : n + 1;
}

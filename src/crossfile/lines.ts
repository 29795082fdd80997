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
    if (this.carry.length) {
      const joined = new Uint8Array(this.carry.length + chunk.length);
      joined.set(this.carry);
      joined.set(chunk, this.carry.length);
      b = joined;
    }
    let pos = 0;
    if (this.first && b.length >= 3) {
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) pos = 3;
      this.first = false;
    } else if (this.first) {
      this.carry = b.slice();
      return;
    }
    for (;;) {
      const nl = b.indexOf(NL, pos);
      if (nl < 0) break;
      this.line(b, pos, nl > pos && b[nl - 1] === CR ? nl - 1 : nl);
      pos = nl + 1;
    }
    this.carry = pos < b.length ? b.slice(pos) : new Uint8Array(0);
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
    this.starts.fill(-1);
    this.ends.fill(-1);
    const wantAt = this.wantAt;
    this.split(b, s, e, (col, vs, ve, buf) => {
      const k = col < wantAt.length ? wantAt[col] : -1;
      if (k < 0) return;
      if (buf === b) {
        this.bufs[k] = b;
        this.starts[k] = vs;
        this.ends[k] = ve;
        return;
      }
      // an escaped value, decoded into the shared buffer: copied into this column's own
      if (this.own[k].length < ve) this.own[k] = new Uint8Array(ve * 2);
      this.own[k].set(buf.subarray(0, ve));
      this.bufs[k] = this.own[k];
      this.starts[k] = 0;
      this.ends[k] = ve;
    });
    this.sink.row(this.bufs, this.starts, this.ends, this.lineNo);
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
        let j = i + 1;
        let escaped = false;
        while (j < e) {
          const c = b[j];
          if (c === BACKSLASH && j + 1 < e) {
            escaped = true;
            j += 2;
          } else if (c === QUOTE) {
            if (j + 1 < e && b[j + 1] === QUOTE) {
              escaped = true;
              j += 2;
            } else break;
          } else j++;
        }
        if (escaped) {
          const len = this.unescape(b, i + 1, j);
          fn(col, 0, len, this.escBuf);
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

  private unescape(b: Uint8Array, s: number, e: number): number {
    if (this.escBuf.length < e - s) this.escBuf = new Uint8Array(e - s);
    const o = this.escBuf;
    let n = 0;
    for (let j = s; j < e; j++) {
      const c = b[j];
      if ((c === BACKSLASH || c === QUOTE) && j + 1 < e) {
        o[n++] = b[++j];
      } else o[n++] = c;
    }
    return n;
  }
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

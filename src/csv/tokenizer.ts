// Byte-level tokenizer for Personalize's CSV dialect, the validation engine's hot path.
//
// Dialect: one record a line (LF or CRLF, mixed). A value is either bare bytes up to the next comma,
// or double-quoted with `\"` and `\\` escaped by a backslash; RFC 4180 doubled quotes (`""`) are
// accepted inside a quoted value and flagged so the validator can warn. A newline always ends the
// record: Personalize reads one record a line, so a quote still open at the end of a line is an
// unterminated quote, never a multi-line value. That rule is what lets a file be split at any
// newline and checked in pieces.
//
// Nothing here allocates per field: tokenize() fills preallocated start/end/flag arrays with byte
// offsets into the caller's buffer.

/** a line longer than this is not buffered: LINE_TOO_LONG */
export const MAX_LINE_BYTES = 1 << 20;

/** field flags */
export const F_QUOTED = 1;
/** a backslash escape inside a quoted value */
export const F_ESCAPE = 2;
/** an RFC 4180 doubled quote inside a quoted value */
export const F_DOUBLED = 4;
/** a quote inside a bare value, or text after a closing quote */
export const F_BAD_QUOTE = 8;
/** the quoted value is not closed before the end of the line */
export const F_UNTERMINATED = 16;

export class Tokens {
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  /** fields in the last tokenized line */
  count = 0;
  /** bit 0x80 set = the line has a non-ASCII byte (other bits: some of the line's bytes, not all) */
  hi = 0;
  /** OR of every field's flags */
  allFlags = 0;
  /** offset just past the line's content (before CR LF / LF) */
  lineEnd = 0;

  /** the buffer last tokenized, and a DataView on it for word reads */
  buf: Uint8Array | null = null;
  view: DataView = new DataView(new ArrayBuffer(0));

  setBuffer(b: Uint8Array): void {
    this.buf = b;
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  constructor(capacity = 64) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.starts = s;
    this.ends = e;
    this.flags = f;
  }
}

/**
 * Tokenizes the line that starts at `s`. Returns the offset of its terminating LF, or -1 when no LF
 * occurs before `limit` (the line is incomplete: feed more bytes, or append an LF at end of input).
 * Field i's value bytes are [starts[i], ends[i]) — inside the quotes for a quoted value, escapes
 * still in place. A trailing CR before the LF is not part of the last value.
 *
 * Bare values (the common case) are scanned four bytes at a time: one unaligned 32-bit read and a
 * few bit operations find the first ',', LF, '"' or non-ASCII byte in the word (SWAR "has zero
 * byte" on the word XOR each separator), instead of three compares and a branch per byte.
 */
export function tokenize(b: Uint8Array, s: number, limit: number, t: Tokens): number {
  let starts = t.starts;
  let ends = t.ends;
  let flags = t.flags;
  let cap = starts.length;
  if (t.buf !== b) t.setBuffer(b);
  const dv = t.view;
  const lim4 = limit - 4;
  let n = 0;
  let hi = 0;
  let all = 0;
  let i = s;
  for (;;) {
    if (n === cap) {
      t.grow();
      starts = t.starts;
      ends = t.ends;
      flags = t.flags;
      cap = starts.length;
    }
    if (i < limit && b[i] === 34) {
      let f = F_QUOTED;
      let j = i + 1;
      let c = 0;
      for (;;) {
        if (j >= limit) return -1;
        c = b[j];
        if (c === 34) {
          if (j + 1 >= limit) return -1;
          if (b[j + 1] === 34) {
            f |= F_DOUBLED;
            j += 2;
            continue;
          }
          break;
        }
        if (c === 10) break;
        if (c === 92) {
          if (j + 1 >= limit) return -1;
          if (b[j + 1] === 10) {
            j++;
            c = 10;
            break;
          }
          f |= F_ESCAPE;
          j += 2;
          continue;
        }
        hi |= c;
        j++;
      }
      if (c === 10) {
        // the line ended inside the quotes
        starts[n] = i + 1;
        ends[n] = j > i + 1 && b[j - 1] === 13 ? j - 1 : j;
        f |= F_UNTERMINATED;
        flags[n] = f;
        all |= f;
        n++;
        t.count = n;
        t.hi = hi;
        t.allFlags = all;
        t.lineEnd = ends[n - 1];
        return j;
      }
      starts[n] = i + 1;
      ends[n] = j;
      j++; // past the closing quote
      if (j >= limit) return -1;
      c = b[j];
      if (c === 13 && j + 1 < limit && b[j + 1] === 10) {
        flags[n] = f;
        all |= f;
        n++;
        t.count = n;
        t.hi = hi;
        t.allFlags = all;
        t.lineEnd = j;
        return j + 1;
      }
      if (c !== 44 && c !== 10) {
        // text after the closing quote: keep it in the value so the column is still found
        f |= F_BAD_QUOTE;
        while (j < limit) {
          c = b[j];
          if (c === 44 || c === 10) break;
          hi |= c;
          j++;
        }
        if (j >= limit) return -1;
        ends[n] = c === 10 && b[j - 1] === 13 ? j - 1 : j;
      }
      flags[n] = f;
      all |= f;
      n++;
      if (c === 10) {
        t.count = n;
        t.hi = hi;
        t.allFlags = all;
        t.lineEnd = b[j - 1] === 13 ? j - 1 : j;
        return j;
      }
      i = j + 1;
    } else {
      let j = i;
      let c = 0;
      let f = 0;
      for (;;) {
        // four bytes at a time up to the first ',' / LF / '"' / byte >= 0x80
        while (j <= lim4) {
          const w = dv.getInt32(j, true);
          const x = w ^ 0x2c2c2c2c;
          const y = w ^ 0x0a0a0a0a;
          const z = w ^ 0x22222222;
          const m = (((x - 0x01010101) & ~x) | ((y - 0x01010101) & ~y) | ((z - 0x01010101) & ~z) | w) & 0x80808080;
          if (m !== 0) {
            j += (31 - Math.clz32(m & -m)) >> 3;
            break;
          }
          j += 4;
        }
        if (j >= limit) return -1;
        c = b[j];
        if (c === 44 || c === 10) break;
        if (c === 34) f = F_BAD_QUOTE;
        hi |= c;
        j++;
      }
      starts[n] = i;
      if (c === 10) {
        const e = j > i && b[j - 1] === 13 ? j - 1 : j;
        ends[n] = e;
        flags[n] = f;
        all |= f;
        n++;
        t.count = n;
        t.hi = hi;
        t.allFlags = all;
        t.lineEnd = e;
        return j;
      }
      ends[n] = j;
      flags[n] = f;
      all |= f;
      n++;
      i = j + 1;
    }
  }
}

/** Decodes a tokenized value (escapes resolved) — for the rare places that need the text. */
export function fieldText(b: Uint8Array, start: number, end: number, flag: number): string {
  const raw = Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8');
  if (!(flag & (F_ESCAPE | F_DOUBLED))) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\\' && i + 1 < raw.length) {
      out += raw[i + 1];
      i++;
    } else if (ch === '"' && raw[i + 1] === '"') {
      out += '"';
      i++;
    } else out += ch;
  }
  return out;
}

export interface LineSink {
  /** a complete line (the header is line 1); tokens describe it */
  line(b: Uint8Array, lineNo: number, t: Tokens): void;
  /** a line longer than MAX_LINE_BYTES; its bytes were dropped */
  tooLong(lineNo: number): void;
  /** after the lines of one pushed chunk: the chunk's bytes may be reused after this */
  chunkDone?(): void;
  /**
   * Optional fast path: takes whole lines of `chunk` from `pos` (before `len`) that it can check by
   * itself, and returns how many; `fastEnd` is then the offset just past them. The splitter
   * tokenizes the next line for line() and asks again after it. `chunkId` changes with every chunk
   * (the same buffer may come back with new bytes).
   */
  fastLines?(chunk: Uint8Array, pos: number, len: number, firstLineNo: number, chunkId: number): number;
  fastEnd?: number;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Turns a stream of chunks into tokenized lines. Quotes, CRLF and multi-byte characters split
 * across chunks are handled by carrying the unfinished line (at most MAX_LINE_BYTES) to the next
 * chunk; everything else is tokenized in place.
 */
export class LineSplitter {
  readonly tokens = new Tokens();
  /** lines completed so far */
  lineNo = 0;
  /** a UTF-8 BOM opened the stream (it is skipped) */
  bom = false;
  /** bytes seen, BOM included */
  bytes = 0;
  private carry: Buffer = Buffer.alloc(0);
  /** chunks fed so far (fastLines' chunkId) */
  private chunks = 0;
  private skipping = false;
  private started = false;
  private head: Buffer | null = null;

  constructor(private readonly sink: LineSink) {}

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (!this.started) {
      // wait for 3 bytes to decide about the BOM
      const h = this.head ? Buffer.concat([this.head, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      if (h.length < 3 && UTF8_BOM.slice(0, h.length).every((x, k) => h[k] === x)) {
        this.head = Buffer.from(h);
        return;
      }
      this.started = true;
      this.head = null;
      if (h.length >= 3 && h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf) {
        this.bom = true;
        chunk = h.subarray(3);
      } else chunk = h;
    }
    this.feed(chunk);
  }

  /** end of input: a last line without a trailing newline still counts */
  end(): void {
    if (!this.started) {
      this.started = true;
      if (this.head) this.feed(this.head);
      this.head = null;
    }
    if (this.skipping) {
      this.skipping = false;
      this.lineNo++;
      return;
    }
    if (this.carry.length > 0) {
      const b = Buffer.concat([this.carry, NL]);
      this.carry = EMPTY;
      this.lineNo++;
      const end = tokenize(b, 0, b.length, this.tokens);
      if (end < 0) throw new Error('tokenizer: no line end with a newline appended');
      this.sink.line(b, this.lineNo, this.tokens);
      this.sink.chunkDone?.();
    }
  }

  private feed(chunk: Uint8Array): void {
    let pos = 0;
    const len = chunk.length;
    if (this.skipping || this.carry.length > 0) {
      const nl = indexOfNl(chunk, 0);
      if (nl < 0) {
        if (this.skipping) return;
        if (this.carry.length + len > MAX_LINE_BYTES) {
          this.carry = EMPTY;
          this.skipping = true;
          this.sink.tooLong(this.lineNo + 1);
          return;
        }
        this.carry = Buffer.concat([this.carry, chunk]);
        return;
      }
      if (this.skipping) {
        this.skipping = false;
        this.lineNo++;
      } else if (this.carry.length + nl > MAX_LINE_BYTES) {
        this.carry = EMPTY;
        this.lineNo++;
        this.sink.tooLong(this.lineNo);
      } else {
        const b = Buffer.concat([this.carry, chunk.subarray(0, nl + 1)]);
        this.carry = EMPTY;
        this.lineNo++;
        tokenize(b, 0, b.length, this.tokens);
        this.sink.line(b, this.lineNo, this.tokens);
      }
      pos = nl + 1;
    }
    const t = this.tokens;
    const sink = this.sink;
    const fast = sink.fastLines !== undefined;
    const chunkId = ++this.chunks;
    while (pos < len) {
      if (fast) {
        const n = sink.fastLines!(chunk, pos, len, this.lineNo + 1, chunkId);
        if (n > 0) {
          this.lineNo += n;
          pos = sink.fastEnd!;
          if (pos >= len) break;
        }
      }
      const end = tokenize(chunk, pos, len, t);
      if (end < 0) break;
      this.lineNo++;
      if (end - pos > MAX_LINE_BYTES) sink.tooLong(this.lineNo);
      else sink.line(chunk, this.lineNo, t);
      pos = end + 1;
    }
    if (pos < len) {
      if (len - pos > MAX_LINE_BYTES) {
        this.skipping = true;
        this.sink.tooLong(this.lineNo + 1);
      } else this.carry = Buffer.from(chunk.subarray(pos));
    }
    this.sink.chunkDone?.();
  }
}

const NL = Buffer.from('\n');
const EMPTY = Buffer.alloc(0);

function indexOfNl(b: Uint8Array, from: number): number {
  return b.indexOf(10, from);
}

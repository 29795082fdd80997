// Bytes in → UTF-8 bytes out, chunk by chunk: UTF-16 (LE/BE, with or without a byte-order mark)
// transcoded, a UTF-8 byte-order mark removed, old-Mac CR-only line ends turned into LF. Lines in
// Windows-1252 are found and converted line by line by the fixer (`fromWindows1252`), since a file
// is usually ASCII but for a few lines.

export type Encoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE';

export interface Sniffed {
  encoding: Encoding;
  /** a byte-order mark was there (and is not passed on) */
  bom: boolean;
}

/** the encoding, from a file's first bytes */
export function sniff(b: Uint8Array): Sniffed {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'UTF-8', bom: true };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'UTF-16LE', bom: true };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'UTF-16BE', bom: true };
  // no mark: NUL bytes beside ASCII letters tell UTF-16 and its byte order
  const n = Math.min(b.length, 512) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0 && b[i + 1] !== 0) even++;
    if (b[i + 1] === 0 && b[i] !== 0) odd++;
  }
  if (n >= 4 && odd * 4 >= n / 2) return { encoding: 'UTF-16LE', bom: false };
  if (n >= 4 && even * 4 >= n / 2) return { encoding: 'UTF-16BE', bom: false };
  return { encoding: 'UTF-8', bom: false };
}

/**
 * The chunks as UTF-8, with what was found: the encoding, a BOM, CR-only line ends (decided once, on
 * the first line end seen; a file does not change its line ends half way). Until a line end tells —
 * an LF, or a CR with a byte after it — the decoded bytes are held back (up to LINE_END_WAIT): a
 * first chunk ending between the header's CR and LF is not taken for a CR-only file.
 */
export async function* utf8Chunks(chunks: AsyncIterable<Uint8Array>, found: { sniffed?: Sniffed; crOnly?: boolean }): AsyncGenerator<Uint8Array> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let first = true;
  let pending: Uint8Array | undefined;
  /** decoded bytes held until the line ends are known */
  let held: Uint8Array | undefined;
  const settle = (chunk: Uint8Array, end: boolean): Uint8Array | undefined => {
    if (found.crOnly !== undefined) return found.crOnly ? crToLf(chunk) : chunk;
    const all = held ? concat(held, chunk) : chunk;
    const lf = all.indexOf(10);
    const cr = all.indexOf(13);
    // told: an LF; a CR with a byte after it (before any LF); the end of the file; or enough held
    const told = lf >= 0 || (cr >= 0 && cr < all.length - 1) || end || all.length >= LINE_END_WAIT;
    if (!told) {
      held = Uint8Array.from(all);
      return undefined;
    }
    held = undefined;
    found.crOnly = lf < 0 && cr >= 0;
    return found.crOnly ? crToLf(all) : all;
  };
  for await (const raw of chunks) {
    let chunk = raw;
    if (first) {
      // a few bytes may not be enough to tell: gather at least 4 (or the whole file)
      if (chunk.length < 4) {
        pending = pending ? concat(pending, chunk) : Uint8Array.from(chunk);
        if (pending.length < 4) continue;
        chunk = pending;
        pending = undefined;
      }
      first = false;
      const s = sniff(chunk);
      found.sniffed = s;
      if (s.encoding !== 'UTF-8') decoder = new TextDecoder(s.encoding === 'UTF-16LE' ? 'utf-16le' : 'utf-16be');
      else if (s.bom) chunk = chunk.subarray(3);
      if (decoder) chunk = Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
    } else if (decoder) {
      chunk = Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
    }
    const out = settle(chunk, false);
    if (out?.length) yield out;
  }
  if (first && pending) {
    // the whole file is under 4 bytes
    found.sniffed = sniff(pending);
    let chunk: Uint8Array = pending;
    if (found.sniffed.bom && found.sniffed.encoding === 'UTF-8') chunk = chunk.subarray(3);
    else if (found.sniffed.encoding !== 'UTF-8') chunk = Buffer.from(new TextDecoder(found.sniffed.encoding === 'UTF-16LE' ? 'utf-16le' : 'utf-16be').decode(chunk), 'utf8');
    const out = settle(chunk, true);
    if (out?.length) yield out;
    return;
  }
  const tail = decoder ? Buffer.from(decoder.decode(), 'utf8') : new Uint8Array(0);
  if (tail.length || held) {
    const out = settle(tail, true);
    if (out?.length) yield out;
  }
}

/** bytes held at most before the line ends are decided (a header longer than this, with no line end: not CR-only) */
const LINE_END_WAIT = 1 << 20;

function crToLf(b: Uint8Array): Uint8Array {
  const out = Buffer.from(b);
  for (let i = out.indexOf(13); i >= 0; i = out.indexOf(13, i + 1)) out[i] = 10;
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Windows-1252's characters for 0x80–0x9F (undefined ones: undefined) */
const HIGH = [0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1, -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e, 0x0178];

/**
 * A line that is not UTF-8, read as Windows-1252 (Excel's plain "CSV (Comma delimited)"), as UTF-8;
 * undefined when it holds a byte Windows-1252 does not define, or a UTF-8 sequence (mixed or broken
 * UTF-8 rather than single-byte text).
 */
export function fromWindows1252(b: Uint8Array, s: number, e: number): Buffer | undefined {
  let t = '';
  for (let i = s; i < e; i++) {
    const x = b[i];
    if (x < 0x80) {
      t += String.fromCharCode(x);
      continue;
    }
    // a UTF-8 lead byte with its continuation: mixed or broken UTF-8, not single-byte text
    if (x >= 0xc2 && x <= 0xf4 && i + 1 < e && b[i + 1] >= 0x80 && b[i + 1] <= 0xbf) return undefined;
    if (x < 0xa0) {
      const c = HIGH[x - 0x80];
      if (c < 0) return undefined;
      t += String.fromCharCode(c);
    } else t += String.fromCharCode(x);
  }
  return Buffer.from(t, 'utf8');
}

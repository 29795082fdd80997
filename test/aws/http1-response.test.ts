// The HTTP/1.1 response parser under ranged-get.ts, fed as a socket feeds it: whole, and cut at every
// byte (a read may end anywhere — inside the status line, a header, a chunk-size line, the CRLF after
// a chunk, a trailer). The same response must give the same head and body however it was cut.
import { describe, expect, it } from 'vitest';
import { HttpProtocolError, ResponseParser, type ResponseHead } from '../../src/aws/http1-response.js';

interface Seen {
  heads: ResponseHead[];
  body: string;
  done: boolean[];
}

function parser(): { p: ResponseParser; seen: Seen } {
  const seen: Seen = { heads: [], body: '', done: [] };
  const p = new ResponseParser({
    head: (h) => seen.heads.push(h),
    // a view of the fed bytes: copied at once, as ranged-get.ts does before the read buffer is reused
    body: (v) => (seen.body += v.toString('latin1')),
    done: (extra) => seen.done.push(extra),
  });
  return { p, seen };
}

/** feeds `raw` in reads cut at the given offsets (each read in a buffer of its own, with bytes around it) */
function feed(raw: string, cuts: number[]): Seen {
  const { p, seen } = parser();
  const bytes = Buffer.from(raw, 'latin1');
  let from = 0;
  for (const at of [...cuts, bytes.length]) {
    const read = Buffer.concat([Buffer.from('XX'), bytes.subarray(from, at), Buffer.from('YY')]);
    p.feed(read, 2, read.length - 2);
    from = at;
  }
  return seen;
}

function everyCut(raw: string, check: (seen: Seen, cut: number) => void): void {
  check(feed(raw, []), -1);
  for (let cut = 1; cut < raw.length; cut++) check(feed(raw, [cut]), cut);
}

describe('ResponseParser', () => {
  it('a Content-Length body, cut at every byte: one head, the exact body, done once', () => {
    const raw = 'HTTP/1.1 206 Partial Content\r\nContent-Length: 11\r\nContent-Range: bytes 5-15/99\r\nX-A: 1\r\nx-a: 2\r\n\r\nhello\nworld';
    everyCut(raw, (seen, cut) => {
      expect(seen.heads, `cut at ${cut}`).toHaveLength(1);
      expect(seen.heads[0]).toMatchObject({ statusCode: 206, reason: 'Partial Content', keepAlive: true });
      expect(seen.heads[0].headers['content-range']).toBe('bytes 5-15/99');
      expect(seen.heads[0].headers['x-a']).toBe('1, 2');
      expect(seen.body, `cut at ${cut}`).toBe('hello\nworld');
      expect(seen.done).toEqual([false]);
    });
  });

  it('a chunked body with extensions and trailers, cut at every byte', () => {
    const raw =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '5;name=value\r\nab\r\nc\r\n' + // a chunk holding a CRLF of its own
      'A\r\n0123456789\r\n' +
      '0\r\nX-Checksum: 1\r\nX-More: 2\r\n\r\n';
    everyCut(raw, (seen, cut) => {
      expect(seen.body, `cut at ${cut}`).toBe('ab\r\nc0123456789');
      expect(seen.done, `cut at ${cut}`).toEqual([false]);
    });
  });

  it('bytes after a complete response say the connection is not to be reused', () => {
    const seen = feed('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA', []);
    expect(seen.body).toBe('ok');
    expect(seen.done).toEqual([true]);
  });

  it('an interim 100 Continue is skipped; LF-only line ends are read', () => {
    const seen = feed('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\nContent-Length: 3\n\nabc', [30]);
    expect(seen.heads.map((h) => h.statusCode)).toEqual([200]);
    expect(seen.body).toBe('abc');
  });

  it('keep-alive: HTTP/1.0 only when asked, HTTP/1.1 unless Connection: close', () => {
    expect(feed('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n', []).done).toEqual([true]);
    expect(feed('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n', []).done).toEqual([false]);
    expect(feed('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', []).done).toEqual([true]);
  });

  it('a body read to the close ends at eof; a Content-Length body cut short is an ECONNRESET', () => {
    const { p, seen } = parser();
    const closeDelimited = Buffer.from('HTTP/1.1 200 OK\r\n\r\nall of it');
    p.feed(closeDelimited, 0, closeDelimited.length);
    expect(p.complete).toBe(false);
    p.eof();
    expect(seen.body).toBe('all of it');
    expect(seen.done).toEqual([true]);

    const short = parser();
    const cut = Buffer.from('HTTP/1.1 206 Partial Content\r\nContent-Length: 10\r\n\r\nabc');
    short.p.feed(cut, 0, cut.length);
    expect(short.p.lengthLeft).toBe(7);
    expect(() => short.p.eof()).toThrow(expect.objectContaining({ code: 'ECONNRESET' }));
  });

  it('malformed responses are protocol errors, whatever read they arrive in', () => {
    const bad: [string, RegExp][] = [
      ['HTTP/2 200 OK\r\n\r\n', /status line/],
      ['HTTP/1.1 200 OK\r\n folded: no\r\n\r\n', /header line/],
      ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /Content-Length/],
      ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /chunk size "zz"/],
      ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY\r\n', /bytes after a chunk|no line end/],
    ];
    for (const [raw, message] of bad) {
      for (const cuts of [[], [raw.length - 3]]) {
        expect(() => feed(raw, cuts), raw).toThrow(HttpProtocolError);
        expect(() => feed(raw, cuts), raw).toThrow(message);
      }
    }
  });

  it('a head or a chunk-size line that never ends is refused at its limit, not buffered forever', () => {
    const { p } = parser();
    const header = Buffer.from('HTTP/1.1 200 OK\r\n' + 'X-Pad: ' + 'a'.repeat(1000) + '\r\n');
    expect(() => {
      for (let n = 0; n < 100; n++) p.feed(header, n === 0 ? 0 : 17, header.length);
    }).toThrow(/too long/);

    const chunked = parser();
    const head = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
    chunked.p.feed(head, 0, head.length);
    const junk = Buffer.from('1'.repeat(1024));
    expect(() => {
      for (let n = 0; n < 20; n++) chunked.p.feed(junk, 0, junk.length);
    }).toThrow(/chunk-size line is too long/);
  });
});

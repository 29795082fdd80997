// #16 item 8: the stream Ink writes to never wipes the scrollback (ESC[3J), and its full clear does
// keeps the rest of Ink's clear (ESC[2J ESC[H), which tmux answers by keeping the old screen.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import ansiEscapes from 'ansi-escapes';
import { keepScrollback, withoutScrollbackWipe } from '../../src/ui/ink/keep-scrollback.js';

describe('keepScrollback', () => {
  it("Ink's clearTerminal loses its ESC[3J; no ESC[3J ever passes; other writes are unchanged", () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    const s = keepScrollback(out);
    s.write(`${ansiEscapes.clearTerminal}frame`);
    s.write('\x1b[3Jx');
    s.write('\x1b[1A\x1b[2Kplain');
    expect(chunks).toEqual(['\x1b[2J\x1b[Hframe', 'x', '\x1b[1A\x1b[2Kplain']);
    expect(withoutScrollbackWipe(ansiEscapes.clearTerminal)).not.toContain('\x1b[3J');
  });

  it('the rest of the stream (columns, rows, events) is the real one', () => {
    const out = Object.assign(new PassThrough(), { columns: 60, rows: 20 });
    const s = keepScrollback(out);
    expect(s.columns).toBe(60);
    expect(s.rows).toBe(20);
    let resized = false;
    s.on('resize', () => (resized = true));
    out.emit('resize');
    expect(resized).toBe(true);
  });
});

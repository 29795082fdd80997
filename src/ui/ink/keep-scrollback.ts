// Never clear the user's scrollback. When the live area is as tall as the screen, Ink redraws with
// ansi-escapes' clearTerminal: ESC[2J (the screen) ESC[3J (the scrollback!) ESC[H. The stream Ink
// is given drops ESC[3J from every write, so what the user had above the wizard — and the wizard's
// own answered lines — stay there to scroll back to; everything else passes through unchanged.
// ESC[2J stays: terminals such as tmux push the cleared screen into the scrollback (so nothing of
// the user's is lost; a frame taller than the screen is still redrawn whole).
const ERASE_SCROLLBACK = '\x1b[3J';

export function withoutScrollbackWipe(s: string): string {
  return s.split(ERASE_SCROLLBACK).join('');
}

export function keepScrollback<T extends NodeJS.WritableStream>(out: T): T {
  const write = (chunk: unknown, ...rest: unknown[]) =>
    (out.write as (...a: unknown[]) => boolean)(typeof chunk === 'string' && chunk.includes(ERASE_SCROLLBACK) ? withoutScrollbackWipe(chunk) : chunk, ...rest);
  return new Proxy(out, {
    get(target, prop) {
      if (prop === 'write') return write;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

// Where Ink leaves the cursor when its live area ends empty. Ink draws an empty frame as a lone
// newline (its frame + "\n"), so after the last <Static> lines there is one blank row and the cursor
// under it: the shell's prompt would come after a blank row. Not always — a frame that filled the
// screen is redrawn whole, with no newline after it. So the stream Ink is given remembers whether
// the last thing written (escape sequences aside: the cursor shown again, synchronized output) was
// that lone newline; only then does the command move the cursor back up onto the blank row.
const ESCAPES = /\x1b\[[0-9;?<>=]*[ -/]*[@-~]/g;

export interface FrameTracker<T> {
  stream: T;
  /** the last write was Ink's empty frame: a blank row above the cursor */
  blankRowAbove(): boolean;
}

export function trackEmptyFrame<T extends NodeJS.WritableStream>(out: T): FrameTracker<T> {
  let lone = false;
  const write = (chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string') {
      const text = chunk.replace(ESCAPES, '');
      if (text !== '') lone = text === '\n';
    } else if (chunk && (chunk as Uint8Array).length) lone = false;
    return (out.write as (...a: unknown[]) => boolean)(chunk, ...rest);
  };
  const stream = new Proxy(out, {
    get(target, prop) {
      if (prop === 'write') return write;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { stream, blankRowAbove: () => lone };
}

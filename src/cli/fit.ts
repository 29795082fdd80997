import { fitText } from '../core/fit.js';

/** For text written to `stream`: fitted to the terminal's width when it is a terminal, else as is (pipes, files, --json). */
export function fitFor(stream: NodeJS.WritableStream | NodeJS.WriteStream, opts: { reflow?: boolean } = {}): (text: string) => string {
  const s = stream as NodeJS.WriteStream;
  const cols = s.isTTY ? s.columns : undefined;
  return (text) => fitText(text, cols, opts);
}

/** writes `text` to `stream`, fitted to the terminal's width */
export function writeFitted(stream: NodeJS.WritableStream | NodeJS.WriteStream, text: string): void {
  stream.write(fitFor(stream)(text));
}

/** writes hand-wrapped text (help) to `stream`, re-wrapped to the terminal's width when narrower */
export function writeHelp(stream: NodeJS.WritableStream | NodeJS.WriteStream, text: string): void {
  stream.write(fitFor(stream, { reflow: true })(text));
}

// Ink's Output (ink/build/output.js, Ink 6), the same frames for less work: the built CLI uses this
// class in Ink's place (scripts/build.mjs, plugin `ink-frame-output`). Ink builds every frame as a
// grid of styled characters, the whole screen width by the view's height, and turns each row back
// into a string (tokenizing, diffing ANSI codes character by character), even when only the
// spinner and the elapsed time changed. A live view redraws once a second for minutes: that was
// most of its CPU (issue #17). Here a row's text is remembered from frame to frame, keyed by what
// was written on it (each write's column and its styled text, in order, and the width), and only a
// row whose writes changed is built again, exactly as Ink builds it. Clipping, transformers, wide
// characters and the cached widths are Ink's code as it is (the widths: text-width.ts, which is
// string-width's). test/ui/frame-output.test.ts holds it to Ink's own Output on generated frames.
import sliceAnsi from 'slice-ansi';
import stringWidth from './text-width.js';
import { styledCharsFromTokens, styledCharsToString, tokenize, type StyledChar } from '@alcalzone/ansi-tokenize';

type Transformer = (s: string, index: number) => string;
interface Clip {
  x1: number | undefined;
  x2: number | undefined;
  y1: number | undefined;
  y2: number | undefined;
}
type Operation = { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };

/** entries a cache keeps before it starts again (a live view's distinct lines over a long watch) */
const MAX_ENTRIES = 2000;

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, value);
  return value;
}

/** kept across frames: a line's styled characters and widths do not change */
const styledChars = new Map<string, StyledChar[]>();
const widths = new Map<string, number>();
const blockWidths = new Map<string, number>();
/** a row's text by its key (width and writes) */
const rows = new Map<string, string>();

function getStyledChars(line: string): StyledChar[] {
  return styledChars.get(line) ?? remember(styledChars, line, styledCharsFromTokens(tokenize(line)));
}

function getStringWidth(text: string): number {
  return widths.get(text) ?? remember(widths, text, stringWidth(text));
}

function getWidestLine(text: string): number {
  let cached = blockWidths.get(text);
  if (cached === undefined) {
    let lineWidth = 0;
    for (const line of text.split('\n')) lineWidth = Math.max(lineWidth, getStringWidth(line));
    cached = remember(blockWidths, text, lineWidth);
  }
  return cached;
}

export default class Output {
  width: number;
  height: number;
  private readonly operations: Operation[] = [];

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    // what is written on each row: its column and its styled text, in the order Ink writes them
    const writes: { x: number; line: string }[][] = [];
    for (let y = 0; y < this.height; y++) writes.push([]);
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      if (operation.type === 'unclip') clips.pop();
      if (operation.type !== 'write') continue;
      const { text, transformers } = operation;
      let { x, y } = operation;
      let lines = text.split('\n');
      const clip = clips.at(-1);
      if (clip) {
        const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
        const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
        if (clipHorizontally) {
          const width = getWidestLine(text);
          if (x + width < clip.x1! || x > clip.x2!) continue;
        }
        if (clipVertically) {
          const height = lines.length;
          if (y + height < clip.y1! || y > clip.y2!) continue;
        }
        if (clipHorizontally) {
          lines = lines.map((line) => {
            const from = x < clip.x1! ? clip.x1! - x : 0;
            const width = getStringWidth(line);
            const to = x + width > clip.x2! ? clip.x2! - x : width;
            return sliceAnsi(line, from, to);
          });
          if (x < clip.x1!) x = clip.x1!;
        }
        if (clipVertically) {
          const from = y < clip.y1! ? clip.y1! - y : 0;
          const height = lines.length;
          const to = y + height > clip.y2! ? clip.y2! - y : height;
          lines = lines.slice(from, to);
          if (y < clip.y1!) y = clip.y1!;
        }
      }
      let offsetY = 0;
      for (let [index, line] of lines.entries()) {
        const row = writes[y + offsetY];
        if (!row) continue;
        for (const transformer of transformers) line = transformer(line, index);
        row.push({ x, line });
        offsetY++;
      }
    }
    const out: string[] = [];
    for (const row of writes) {
      let key = `${this.width}`;
      for (const w of row) key += `\u0000${w.x}\u0001${w.line}`;
      let text = rows.get(key);
      if (text === undefined) text = remember(rows, key, this.row(row));
      out.push(text);
    }
    return { output: out.join('\n'), height: writes.length };
  }

  /** one row as Ink builds it: spaces the width of the screen, the writes over them, to a string */
  private row(row: { x: number; line: string }[]): string {
    const currentLine: (StyledChar | undefined)[] = [];
    for (let x = 0; x < this.width; x++) currentLine.push({ type: 'char', value: ' ', fullWidth: false, styles: [] });
    for (const { x, line } of row) {
      let offsetX = x;
      for (const character of getStyledChars(line)) {
        currentLine[offsetX] = character;
        const characterWidth = Math.max(1, getStringWidth(character.value));
        if (characterWidth > 1) {
          for (let index = 1; index < characterWidth; index++) currentLine[offsetX + index] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
        }
        offsetX += characterWidth;
      }
    }
    return styledCharsToString(currentLine.filter((item): item is StyledChar => item !== undefined)).trimEnd();
  }
}

// Fits plain-text output (help, reports, errors) to a terminal's width by breaking long lines
// between words, so an 80-column terminal does not cut "warnings" into "warn" / "ings". A broken
// line goes on under its own text: under the description of a "--flag   description" row, else
// two spaces deeper than the line began. Words are never split (an ARN or a path stays one piece
// to copy): one too long for the room at that indent starts further left, as far as it needs to fit;
// the terminal wraps one longer than the screen. Colour codes do not count as width.
// Every writer here also passes the text through `neutralize` (src/core/sanitize.ts): only colour
// codes reach the terminal; any other control character (from a file, S3 or the service) is escaped.
import { neutralize } from './sanitize.js';

const ANSI = /\x1b\[[0-9;]*m/g;
/** a two-column row ("--flag <v>   description", "name   summary"): group 1 is up to the second column */
const ROW = /^(\s*\S(?:.*?\S)?\s{2,})\S/;

export function visibleWidth(s: string): number {
  let n = 0;
  for (const ch of s.replace(ANSI, '')) {
    const c = ch.codePointAt(0)!;
    // combining marks take no column; the CJK and emoji blocks take two
    if (c >= 0x300 && c < 0x370) continue;
    n += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60) || (c >= 0x1f300 && c <= 0x1faff) ? 2 : 1;
  }
  return n;
}

/** where a broken line goes on: under a two-column row's second column, else two spaces deeper */
function hangingIndent(line: string, width: number): number {
  const plain = line.replace(ANSI, '');
  const lead = plain.length - plain.trimStart().length;
  const row = ROW.exec(plain);
  if (row && visibleWidth(row[1]) <= width / 2) return visibleWidth(row[1]);
  return Math.min(lead + 2, Math.floor(width / 2));
}

/** a word that starts a shell command ("personalize-import status …", "`aws s3 cp …`") */
function startsCommand(word: string, next: string | undefined): boolean {
  const w = word.replace(ANSI, '');
  if (/^`?(?:personalize-import|npx)$/.test(w)) return true;
  return /^`?aws$/.test(w) && next !== undefined && /^(?:personalize|personalize-events|s3|s3api|iam|sts|kms|configure|sso)$/.test(next.replace(ANSI, ''));
}

/**
 * Merges a command into one unbreakable word: a line break inside it would make a copied command
 * run in two halves. A command in backticks ends at the closing backtick; any other runs to the end
 * of the line, or to a "[" or "(" that starts a synopsis's optional part.
 */
function keepCommandsWhole(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    if (!startsCommand(parts[i], parts[i + 2])) {
      out.push(parts[i]);
      if (i + 1 < parts.length) out.push(parts[i + 1]);
      continue;
    }
    const ticked = parts[i].replace(ANSI, '').startsWith('`');
    let j = i;
    // a usage synopsis may break before its optional parts ("[--json]", "(--a | --b)")
    while (j + 2 < parts.length && !(ticked && j > i && /`[^`\s]*$/.test(parts[j])) && !(!ticked && /^[[(]/.test(parts[j + 2]))) j += 2;
    out.push(parts.slice(i, j + 1).join(''));
    if (j + 1 < parts.length) out.push(parts[j + 1]);
    i = j;
  }
  return out;
}

function fitLine(line: string, width: number, hang = hangingIndent(line, width)): string[] {
  if (visibleWidth(line) <= width) return [line];
  const lead = /^\s*/.exec(line)![0];
  // words and the spaces between them; the leading spaces stay with the first word
  const parts = keepCommandsWhole(line.slice(lead.length).split(/( +)/));
  const out: string[] = [];
  let cur = lead + parts[0];
  let curW = visibleWidth(cur);
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const gap = parts[i];
    const word = parts[i + 1];
    if (word === '') continue; // trailing spaces
    const w = visibleWidth(word);
    if (curW + gap.length + w <= width) {
      cur += gap + word;
      curW += gap.length + w;
    } else {
      out.push(cur);
      // a word too long for the room at the indent (an S3 URI, a command) starts as far left as it
      // needs to fit whole, rather than being cut by the terminal at the screen's edge
      const pad = hang + w > width && w <= width ? width - w : hang;
      cur = ' '.repeat(pad) + word;
      curW = pad + w;
    }
  }
  out.push(cur);
  return out;
}

const isBlank = (l: string) => l.trim() === '';
const indentOf = (l: string) => l.length - l.trimStart().length;
/** a "--flag   description" or "name   summary" row */
const isRow = (l: string) => ROW.test(l.replace(ANSI, ''));
/** a command line (usage, an example): nothing is joined to it */
const isCommand = (l: string) => /^(?:\$|personalize-import|npx|npm|aws|node)\s/.test(l.trimStart());
/** starts an item of its own: a flag, a bullet, an arrow, an exit code, a command line */
const startsItem = (l: string) => isCommand(l) || /^(?:--?\w|[-•*→✔✖⚠]\s|\d+\s)/.test(l.trimStart());

/** the width the help texts are hand-wrapped at */
const HELP_WRAP = 100;

/**
 * Joins the lines of hand-wrapped text (help) back into the logical lines they were wrapped from,
 * so that fitting them to a narrower screen does not leave a short stub after every source line.
 * A line was wrapped when its next line's first word would not have fitted on it (within a few
 * columns of HELP_WRAP); then the next line goes on it if it sits at its hanging indent (a flag's
 * description, an item's second line) or at the same indent (a paragraph) and starts no item.
 */
function unwrap(lines: string[]): { line: string; hang?: number }[] {
  const out: { line: string; hang?: number }[] = [];
  let first = ''; // the first physical line of the logical line being built
  let last = ''; // its last physical line
  for (const line of lines) {
    const full = !isBlank(last) && !isBlank(line) && !isCommand(first) && visibleWidth(last) + 1 + visibleWidth(line.trimStart().split(' ')[0]) > HELP_WRAP - 10;
    const item = full && indentOf(line) > indentOf(first) && indentOf(line) === hangingIndent(first, HELP_WRAP) && !startsItem(line);
    const paragraph = full && indentOf(line) === indentOf(first) && !isRow(first) && !isRow(line) && !startsItem(line);
    if (out.length && (item || paragraph)) {
      const o = out[out.length - 1];
      o.line = `${o.line} ${line.trimStart()}`;
      // a paragraph's lines all start at its indent
      if (paragraph) o.hang = indentOf(first);
    } else {
      out.push({ line });
      first = line;
    }
    last = line;
  }
  return out;
}

/**
 * `text` with every line longer than `width` columns broken between words; unchanged without a
 * width. `reflow`: the text is hand-wrapped (help), so its wrapped lines are joined first.
 */
export function fitText(text: string, width: number | undefined, opts: { reflow?: boolean } = {}): string {
  if (!width || width < 20) return text;
  const lines = text.split('\n');
  if (!lines.some((l) => visibleWidth(l) > width)) return text;
  const logical = opts.reflow ? unwrap(lines) : lines.map((line) => ({ line, hang: undefined }));
  return logical.flatMap((l) => fitLine(l.line, width, l.hang === undefined ? undefined : Math.min(l.hang, Math.floor(width / 2)))).join('\n');
}

/**
 * Pieces of a word wider than `room` (a long file path, an S3 key): broken after the last `/`, `-` or
 * `_` that leaves a piece within the room, else at the room's edge — never cut off.
 */
function breakWord(word: string, room: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (visibleWidth(rest) > room) {
    let w = 0;
    let at = 0;
    let after = 0;
    for (const ch of rest) {
      w += visibleWidth(ch);
      if (w > room) break;
      at += ch.length;
      if ('/-_'.includes(ch)) after = at;
    }
    // a separator too near the start would leave a stub of a line: break at the edge then
    const cut = after >= room / 2 ? after : Math.max(at, 1);
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

/**
 * A numbered row ("  1) label — description") fitted to `width`: every line after the first goes on
 * under the label, and a word wider than the room there (a long path) is broken after a `/` or `-`
 * on its way, so the number stays beside its label and two long paths that differ only at their end
 * still read apart. Unchanged without a width (a pipe) or when it fits.
 */
export function fitRow(prefix: string, text: string, width: number | undefined): string {
  const line = prefix + text;
  if (!width || visibleWidth(line) <= width) return line;
  const hang = visibleWidth(prefix);
  const room = width - hang;
  // colour codes inside a word would be broken apart: such a row (and a narrow screen) is fitted as text
  if (room < 20 || line.includes('\x1b')) return fitText(line, width);
  const out: string[] = [];
  let cur = '';
  for (const word of text.split(/ +/).filter(Boolean)) {
    const w = visibleWidth(word);
    if (cur && visibleWidth(cur) + 1 + w <= room) {
      cur += ` ${word}`;
      continue;
    }
    if (w <= room) {
      if (cur) out.push(cur);
      cur = word;
      continue;
    }
    // wider than a whole line: its first piece fills what is left of this one when that is much
    const left = cur ? room - visibleWidth(cur) - 1 : room;
    let pieces: string[];
    if (cur && left >= 12) {
      const [head, ...tail] = breakWord(word, left);
      pieces = [`${cur} ${head}`, ...breakWord(tail.join(''), room)];
    } else {
      if (cur) out.push(cur);
      pieces = breakWord(word, room);
    }
    out.push(...pieces.slice(0, -1));
    cur = pieces[pieces.length - 1];
  }
  if (cur) out.push(cur);
  return out.map((l, i) => (i === 0 ? prefix : ' '.repeat(hang)) + l).join('\n');
}

/** the width to fit text written to `stream` to: a terminal's columns, none for a pipe or a file */
export function widthOf(stream: NodeJS.WritableStream | NodeJS.WriteStream): number | undefined {
  const s = stream as NodeJS.WriteStream;
  return s.isTTY ? s.columns : undefined;
}

/** For text written to `stream`: fitted to the terminal's width when it is a terminal, else as is (pipes, files, --json). */
export function fitFor(stream: NodeJS.WritableStream | NodeJS.WriteStream, opts: { reflow?: boolean } = {}): (text: string) => string {
  const s = stream as NodeJS.WriteStream;
  const cols = s.isTTY ? s.columns : undefined;
  return (text) => fitText(neutralize(text), cols, opts);
}

/** writes `text` to `stream`, fitted to the terminal's width */
export function writeFitted(stream: NodeJS.WritableStream | NodeJS.WriteStream, text: string): void {
  stream.write(fitFor(stream)(text));
}

/** writes hand-wrapped text (help) to `stream`, re-wrapped to the terminal's width when narrower */
export function writeHelp(stream: NodeJS.WritableStream | NodeJS.WriteStream, text: string): void {
  stream.write(fitFor(stream, { reflow: true })(text));
}

/** a writer for `stream` whose text is fitted to the terminal's width (for code that takes `{ write }`) */
export function fittedWriter(stream: NodeJS.WritableStream | NodeJS.WriteStream): { write(text: string): boolean } {
  const fit = fitFor(stream);
  return { write: (text) => stream.write(fit(text)) };
}

// Text copied out of a terminal that hard-wrapped it: every line the terminal broke is exactly as
// long as the terminal is wide, and the break falls wherever column W ends — in the middle of an
// operation name ("CreateDa" / "tasetImportJob"), an ARN's account id ("123" / "456789012") or a
// bucket name. Read as written, the wrapper is not recognised and the values come out cut. This
// finds that width and joins the lines it broke, without a separator (the terminal inserted none).
// Core module: no dependencies.

/** Terminal widths common enough that one broken line of exactly that length is taken as a wrap. */
const COMMON_WIDTHS = new Set([80, 100, 120, 132, 160]);

/** How many columns a line takes on a terminal: a tab goes on to the next stop of 8. */
function columns(line: string): number {
  if (!line.includes('\t')) return line.length;
  let c = 0;
  for (const ch of line) c = ch === '\t' ? (Math.floor(c / 8) + 1) * 8 : c + 1;
  return c;
}

export interface Unwrapped {
  text: string;
  /** the terminal's width in columns: the length of every line it broke */
  width: number;
}

/**
 * The text with the lines a terminal of some width broke joined again, or undefined when nothing
 * says it was wrapped so. A broken line is exactly as long as the longest line (a terminal prints no
 * longer one) and the text goes on after it with no space between; two such breaks, or one at a
 * common terminal width, show the width. Text wrapped between words (an e-mail, a ticket system)
 * is left alone: there most shorter lines end where the next line's first word would not have fit.
 */
export function unwrapTerminal(text: string): Unwrapped | undefined {
  if (text.length > 200_000) return undefined;
  const lines = text.split(/\r?\n/);
  if (lines.length < 2 || lines.length > 20_000) return undefined;
  // (columns, not characters: a tab — a Java stack frame's indent — takes the terminal to its next stop of 8)
  const cols = lines.map(columns);
  let width = 0;
  for (const c of cols) width = Math.max(width, c);
  if (width < 40 || width > 400) return undefined;
  const continues = (i: number) => i + 1 < lines.length && lines[i + 1].trim() !== '';
  let broken = 0;
  let shortBreaks = 0;
  let wordWraps = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!continues(i)) continue;
    // (a break before a space proves nothing: a line that ends there and an indented next line look the same)
    if (cols[i] === width) broken += /^\S/.test(lines[i + 1]) && /\S$/.test(lines[i]) ? 1 : 0;
    else if (lines[i].trim()) {
      shortBreaks++;
      // (the next line's first word would not have fit on this one: a break a word-wrapper made)
      const next = /^\S*/.exec(lines[i + 1])![0].length;
      if (next && cols[i] + 1 + next > width) wordWraps++;
    }
  }
  if (!broken || (broken < 2 && !COMMON_WIDTHS.has(width))) return undefined;
  if (wordWraps >= 2 && wordWraps * 2 > shortBreaks) return undefined;
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    out += lines[i];
    if (i + 1 < lines.length) out += cols[i] === width && continues(i) ? '' : '\n';
  }
  return { text: out, width };
}

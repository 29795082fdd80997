// wrap-ansi, as Ink's <Text wrap="wrap"> calls it (scripts/build.mjs, plugin `ink-wrap`): Ink asks
// for `trim: false` so that a line's own leading spaces stay, and wrap-ansi then also keeps the space
// a line was broken at — at the start of the next row: "…your recommenders train" / " on." at 60
// columns. Here each source line is wrapped alone (wrap-ansi does the same), and a row that a break
// started loses the spaces before its first character (colour codes before them stay). A source
// line's own indent is never touched: only rows after its first. The widths Ink measures come from
// the same function (its measure and its draw both call wrapText), so layout and drawing agree.
// test/ui/ink-wrap.test.ts holds it; the built CLI's screens are checked in tmux (run-summary-tmux).
import wrapAnsi from 'wrap-ansi';

type Options = Parameters<typeof wrapAnsi>[2];

// SGR colour/style codes, and OSC 8 hyperlinks, that may come before a row's first character
const LEADING = /^((?:\x1b\[[0-9;]*m|\x1b\]8;[^\x07\x1b]*(?:\x07|\x1b\\))*) +/;

export default function wrap(text: string, columns: number, options?: Options): string {
  if (options?.trim !== false) return wrapAnsi(text, columns, options);
  return String(text)
    .split('\n')
    .map((line) => wrapAnsi(line, columns, options).split('\n').map((row, i) => (i === 0 ? row : row.replace(LEADING, '$1'))).join('\n'))
    .join('\n');
}

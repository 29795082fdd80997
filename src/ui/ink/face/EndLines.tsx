// The lines a run ends with (what became of the file and the job, the summary: job ARN whole, status,
// duration, data, the commands to copy), written once to the scrollback through <Static> as the last
// thing the wizard prints. Broken between words as every command's output is (src/core/fit.ts:
// commands and ARNs kept whole), then a line still wider than the terminal (an ARN, a command with
// one) is cut into rows exactly as wide as the terminal — where the terminal itself would wrap it, so
// the ARN reads whole across its rows and a row never ends early (Ink's own word wrap would move the
// ARN to a row of its own and split a copied command in two).
import React from 'react';
import { Box, Text } from 'ink';
import { fitText } from '../../../core/fit.js';
import { neutralize } from '../../../core/sanitize.js';
import textWidth from '../text-width.js';

/** `line` cut into rows of at most `width` columns (a character never split; a wide one starts the next row when it would not fit). */
export function terminalRows(line: string, width: number): string[] {
  if (width < 1 || textWidth(line) <= width) return [line];
  const rows: string[] = [];
  let row = '';
  let w = 0;
  for (const ch of line) {
    const cw = textWidth(ch);
    if (w + cw > width && row) {
      rows.push(row);
      row = '';
      w = 0;
    }
    row += ch;
    w += cw;
  }
  rows.push(row);
  return rows;
}

/** The rows `lines` take in a terminal `columns` wide (leading blank lines dropped: the block above spaces itself). */
export function endRows(lines: string[], columns: number): string[] {
  const from = lines.findIndex((l) => l.trim() !== '');
  if (from < 0) return [];
  return fitText(neutralize(lines.slice(from).join('\n')), columns)
    .split('\n')
    .flatMap((l) => terminalRows(l, columns));
}

export function EndLines({ lines, columns, gap }: { lines: string[]; columns: number; gap: boolean }) {
  const rows = endRows(lines, columns);
  if (!rows.length) return null;
  return (
    <Box flexDirection="column" marginTop={gap ? 1 : 0} width={columns}>
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate-end">{r || ' '}</Text>
      ))}
    </Box>
  );
}

// Checks on a captured terminal screen (tmux capture-pane) shared by the tmux walks.

/**
 * Rows that start with the space a line was broken at: after a row as wide as the terminal, one space
 * more than an indent (Ink's wrap kept it there: "…recommenders train" / " on." at 60 columns).
 */
export function breakSpaces(screen: string, cols: number): string[] {
  const rows = screen.split('\n');
  return rows.filter((r, i) => i > 0 && rows[i - 1].length === cols && /^(?: {2})* \S/.test(r));
}

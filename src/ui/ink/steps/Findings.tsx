// The validation findings on the Ink screen (issue #16 item 3): the list from src/validate/findings.ts
// (each error with the warning that explains it under it, then the other warnings), collapsed to
// `limit` entries until the user presses "a", which shows every finding (and "a" again folds it).
// Where every finding would make the live frame too tall (a small terminal), "a" asks the
// screen to print the whole report once to the scrollback above the question instead (the
// PrintAllFindings context): a live frame as tall as the terminal makes Ink redraw it whole and
// leave copies of the screen in the scrollback (#16 items 3 and 8).
import React, { createContext, useContext, useState } from 'react';
import { Box } from 'ink';
import { useKeys } from '../keys.js';
import { Hanging } from '../face/lines.js';
import { findingLines } from '../../../validate/findings.js';
import type { Issue } from '../../../validate/issues.js';

export const ALL_FINDINGS_KEY = 'a';

/** Set by a screen that can print the whole report above its question (the Ink wizard's FlowScreen):
 *  `spare`, the rows the live frame can still grow by without being as tall as the terminal. */
export const PrintAllFindings = createContext<{ print(): void; spare: number } | undefined>(undefined);

/** The rows a list of finding lines takes at `columns`, wrapping included. */
function height(r: ReturnType<typeof findingLines>, columns: number): number {
  const width = Math.max(20, columns - 2);
  // a wrapped row goes on under the text after the marks ("✗ ", "↳ ! "): that much narrower
  const marks = (t: string) => /^((?:[✗!↳…] )*)/.exec(t)?.[1].length ?? 0;
  return r.lines.reduce((n, l) => n + Math.max(1, Math.ceil((Array.from(l.text).length - marks(l.text)) / (width - l.indent - marks(l.text)))), 0);
}

/** The most entries (at least one) whose wrapped lines fit `room.lines` at `room.columns`. */
function fitted(errors: Issue[], warnings: Issue[], room: { lines: number; columns: number }) {
  let best = findingLines(errors, warnings, { limit: 1 });
  for (let limit = 2; limit <= errors.length + warnings.length; limit++) {
    const r = findingLines(errors, warnings, { limit });
    if (height(r, room.columns) > room.lines) break;
    best = r;
    if (!r.hidden) break;
  }
  return best;
}

/** The list and whether a key hint is due ("a all findings" / "a fewer"). */
export function useFindings(errors: Issue[], warnings: Issue[], room: { lines: number; columns: number }, active: boolean) {
  const [all, setAll] = useState(false);
  const printAll = useContext(PrintAllFindings);
  const collapsed = fitted(errors, warnings, room);
  const full = findingLines(errors, warnings);
  useKeys((input, key) => {
    if (input !== ALL_FINDINGS_KEY || key.ctrl || key.meta || !(collapsed.hidden || all)) return;
    // every finding would not fit here: printed once above the question, the live frame stays small
    if (!all && printAll && height(full, room.columns) - height(collapsed, room.columns) > printAll.spare) return printAll.print();
    setAll((x) => !x);
  }, { isActive: active });
  const { lines } = all ? full : collapsed;
  const hint = all ? `${ALL_FINDINGS_KEY} fewer` : collapsed.hidden ? `${ALL_FINDINGS_KEY} all findings` : undefined;
  const view = (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        // a wrapped row goes on under the finding's text, not under its mark (Hanging)
        <Box key={i} marginLeft={2 + l.indent}>
          <Hanging text={`${l.text}${l.tone === 'dim' ? ` (${ALL_FINDINGS_KEY}: show them)` : ''}`} color={l.tone === 'error' ? 'red' : l.tone === 'dim' ? undefined : 'yellow'} dimColor={l.tone === 'dim'} />
        </Box>
      ))}
    </Box>
  );
  return { view, hint };
}

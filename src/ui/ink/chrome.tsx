// The frame every screen of the wizard shares: the ✔ summary of what is answered, the current
// screen's title with "step n of m", and its purpose line. Light on purpose (step 1 draws it before
// the later code has loaded): only Ink and src/flow/steps.ts.
import React from 'react';
import { Box, Text } from 'ink';
import { stepNumber, type StepId } from '../../flow/steps.js';
import { visible } from '../../core/sanitize.js';

export interface Answered {
  /** the step (machine id) this line answers; a later visit of that step drops it and what follows */
  step: string;
  label: string;
  value: string;
  /** answered by a flag or a saved profile */
  from?: string;
}

/**
 * Words, then a file or path in parentheses ("fix and continue, anonymous visitors by their
 * user_pseudo_id (/tmp/…/ga4.fixed-2.csv)"), too long for `room` columns: the words lose their end
 * and the parenthesis its middle, each on its own, so the parentheses stay a pair. Cut as one text,
 * the row lost its middle, "(" with it (a path), or its end, ")" with it (a file name). Other values,
 * and rooms too small to say anything, as they are (the row's own cut then).
 */
export function fitParenthesis(v: string, room: number): string {
  const m = /^(.*\S) \(([^()]+)\)$/.exec(v);
  if (!m || v.length <= room) return v;
  const [, head, inner] = m;
  // the parenthesis gets up to 45 % of the row (a path's start and its file name), the words the rest
  let tail = Math.min(inner.length + 2, Math.max(14, Math.floor(room * 0.45)));
  let words = room - 1 - tail;
  if (head.length < words) {
    tail = Math.min(inner.length + 2, tail + words - head.length);
    words = head.length;
  }
  if (words < 8 || tail < 6) return v;
  const h = head.length <= words ? head : `${head.slice(0, words - 1)}…`;
  const keep = tail - 3;
  const t = inner.length + 2 <= tail ? inner : `${inner.slice(0, Math.ceil(keep / 2))}…${inner.slice(inner.length - Math.floor(keep / 2))}`;
  return `${h} (${t})`;
}

/**
 * One answered step on one row. A value that is a path, an S3 URL or an ARN loses its middle when
 * the row is too narrow — its end is the file, key or resource name that tells two apart — anything
 * else its end; words with a file or path in parentheses are cut each on its own (fitParenthesis),
 * given the row's `width`.
 */
export function AnsweredLine({ a, width }: { a: Answered; width?: number }) {
  const shown = visible(a.value);
  // "✔ " and the label padded to 10 and a space; " (from …)"
  const value = width ? fitParenthesis(shown, width - 13 - (a.from ? visible(a.from).length + 8 : 0)) : shown;
  return (
    <Text wrap={value === shown && value.includes('/') ? 'truncate-middle' : 'truncate-end'}>
      <Text color="green">✔ </Text>
      <Text dimColor>{`${a.label.padEnd(10)} `}</Text>
      {value}
      {a.from ? <Text dimColor> (from {a.from})</Text> : null}
    </Text>
  );
}

export function Header({ screen, title, purpose, gap }: { screen: StepId; title: string; purpose: string; gap: boolean }) {
  const num = stepNumber(screen);
  return (
    <Box marginTop={gap ? 1 : 0} flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color="cyan">{title}</Text>
        {num.n > 0 ? <Text dimColor>  step {num.n} of {num.of}</Text> : null}
      </Text>
      {purpose ? <Text dimColor wrap="wrap">{purpose}</Text> : null}
    </Box>
  );
}

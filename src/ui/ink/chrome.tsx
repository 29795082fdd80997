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
 * One answered step on one row. A value that is a path, an S3 URL or an ARN loses its middle when
 * the row is too narrow — its end is the file, key or resource name that tells two apart — anything
 * else its end.
 */
export function AnsweredLine({ a }: { a: Answered }) {
  return (
    <Text wrap={a.value.includes('/') ? 'truncate-middle' : 'truncate-end'}>
      <Text color="green">✔ </Text>
      <Text dimColor>{`${a.label.padEnd(10)} `}</Text>
      {visible(a.value)}
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

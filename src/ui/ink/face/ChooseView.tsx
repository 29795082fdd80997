// A choose step (and the review's choices): the model's lines, its question, its choices with the
// default highlighted; a disabled choice is shown, not selectable, with its reason; the highlighted
// choice's description under the list. Esc = back (the machine decides where that is).
import React from 'react';
import { Box, Text } from 'ink';
import type { StepModel } from '../../../flow/machine/types.js';
import { visible } from '../../../core/sanitize.js';
import { Select } from '../components/Select.js';
import { KeyHints, moveHint } from '../components/KeyHints.js';
import { Lines } from './lines.js';

export interface ViewProps {
  m: StepModel;
  listLimit: number;
  columns: number;
  answer(value: string): void;
  back(): void;
}

export function Choices({ m, listLimit, answer, back }: Omit<ViewProps, 'columns'>) {
  const choices = m.choices ?? [];
  // a question the user must decide (no default: the dates' order when the file proves none): nothing
  // highlighted, so an Enter out of habit takes no answer
  const initial = m.noDefault ? -1 : Math.max(0, choices.findIndex((c) => c.value === m.default));
  return (
    <Select
      key={m.id}
      items={choices.map((c) => ({ label: visible(c.label), value: c.value, ...(c.disabled ? { disabled: visible(c.disabled) } : c.description ? { details: [visible(c.description)] } : {}) }))}
      initialIndex={initial}
      limit={listLimit}
      onSelect={answer}
      onBack={back}
    />
  );
}

export function ChooseView(p: ViewProps) {
  const { m, listLimit, columns } = p;
  const n = m.choices?.length ?? 0;
  return (
    <Box flexDirection="column">
      <Lines lines={m.lines} room={Math.max(4, listLimit)} width={columns} />
      {m.question !== m.title ? <Text bold wrap="wrap">{visible(m.question)}</Text> : null}
      <Choices {...p} />
      <KeyHints hints={[...(m.noDefault ? ['↑↓ pick one, then Enter (nothing is chosen for you)'] : [moveHint(n), 'Enter choose']), n > listLimit && 'type to filter', m.back !== false && 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}

// The review: everything the job will be created with, as the model's rows (a value too long for
// its row — a role ARN at 60 columns, an S3 URL — goes whole on the line under its label, neither
// cut nor broken mid-word: wrapped after a ':' or '/' into rows under its first character, so an
// S3 key with a space in it does not read as two things), then the question and its choices.
// Nothing is created before the answer.
import React from 'react';
import { Box, Text } from 'ink';
import { visible } from '../../../core/sanitize.js';
import { WrappedPath } from '../components/WrappedPath.js';
import { KeyHints, moveHint } from '../components/KeyHints.js';
import { Choices, type ViewProps } from './ChooseView.js';
import { Lines } from './lines.js';

export function ReviewView(p: ViewProps) {
  const { m, columns } = p;
  return (
    <Box flexDirection="column">
      {m.rows
        ? m.rows.map(([k, v]) =>
            11 + String(v ?? '').length > columns ? (
              <Box key={k} flexDirection="column">
                <Text dimColor>{k}</Text>
                <WrappedPath text={visible(v)} indent={2} />
              </Box>
            ) : (
              <Text key={k}>
                <Text dimColor>{k.padEnd(11)}</Text>
                {visible(v)}
              </Text>
            ),
          )
        : <Lines lines={m.lines} room={99} width={columns} />}
      <Box marginTop={1} flexDirection="column">
        <Text bold wrap="wrap">{visible(m.question)}</Text>
        <Choices {...p} />
        <KeyHints hints={[moveHint(m.choices?.length ?? 0), 'Enter choose', m.back !== false && 'Esc back', 'Ctrl-C quit']} />
      </Box>
    </Box>
  );
}

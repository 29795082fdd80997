import React from 'react';
import { Box, Text } from 'ink';
import { formatError } from '../../../core/errors.js';

export function ErrorBox({ error, title }: { error: unknown; title?: string }) {
  const [msg, ...rest] = formatError(error).split('\n');
  return (
    <Box flexDirection="column">
      <Text color="red" wrap="wrap">✖ {title ? `${title}: ` : ''}{msg}</Text>
      {rest.map((l, i) => (
        <Text key={i} wrap="wrap">{l}</Text>
      ))}
    </Box>
  );
}

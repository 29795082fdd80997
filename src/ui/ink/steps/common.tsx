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

export function fmtDate(d: Date | undefined): string {
  return d ? d.toISOString().slice(0, 10) : '?';
}

export function fmtDateTime(d: Date | undefined): string {
  return d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '?';
}

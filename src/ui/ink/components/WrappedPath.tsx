// A path, S3 URL or ARN that may be wider than the terminal: wrapped after a ':' or '/' (where a
// piece fits; inside a piece only when it alone is wider than a row) into rows under its first
// character — never cut with an ellipsis, never broken at a space inside a key with its tail at
// column 0 (which read as two things).
import React from 'react';
import { Box, Text } from 'ink';

/** the pieces a path may wrap between: each ends in ':' or '/', the last is what follows the last one */
export function arnPieces(arn: string): string[] {
  return arn.match(/[^:/]*[:/]|[^:/]+$/g) ?? [arn];
}

/** `text` must already be made safe for the terminal (visible / visibleText). */
export function WrappedPath({ text, indent = 0, dim = false }: { text: string; indent?: number; dim?: boolean }) {
  return (
    <Box paddingLeft={indent} flexWrap="wrap" flexShrink={1}>
      {arnPieces(text).map((piece, i) => (
        <Text key={i} wrap="wrap" dimColor={dim}>
          {piece}
        </Text>
      ))}
    </Box>
  );
}

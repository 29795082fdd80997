// The live job view: one Copilot-style row per stage with its time, the failure reason nested
// under the failed row, a dim note for passing weather (throttling, dropped connections).
import React from 'react';
import { Box, Text } from 'ink';
import type { StageRow } from '../../../job/stages.js';
import { clockDuration } from '../../../job/format.js';
import { Spinner } from './Spinner.js';

export function StageRows({ rows, note }: { rows: StageRow[]; note?: string }) {
  return (
    <Box flexDirection="column">
      {rows.map((r) => (
        <Box key={r.status} flexDirection="column">
          <Text>
            {r.state === 'running' ? <Spinner /> : r.state === 'done' ? <Text color="green">✔</Text> : r.state === 'failed' ? <Text color="red">✖</Text> : <Text dimColor>·</Text>}{' '}
            <Text dimColor={r.state === 'waiting'}>{r.label.padEnd(32)}</Text>
            {r.elapsedMs !== undefined ? <Text dimColor>{clockDuration(r.elapsedMs)}</Text> : null}
          </Text>
          {r.detail ? (
            <Text color="red" wrap="wrap">
              {'    '}
              {r.detail}
            </Text>
          ) : null}
        </Box>
      ))}
      {note ? <Text dimColor>  {note}</Text> : null}
    </Box>
  );
}

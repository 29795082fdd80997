// The live job view: one Copilot-style row per stage with its time, the failure reason nested
// under the failed row, a dim note for passing weather (throttling, dropped connections). The
// running stage's time moves by itself (LiveDuration): a second's tick does not render the rows.
import React from 'react';
import { Box, Text } from 'ink';
import type { StageRow } from '../../../job/stages.js';
import { clockDuration } from '../../../job/format.js';
import { LiveDuration, Spinner } from './Spinner.js';

/** live: the running stage's time moves on (false: as of this render, e.g. after watching stopped) */
export function StageRows({ rows, note, live = true }: { rows: StageRow[]; note?: string; live?: boolean }) {
  return (
    <Box flexDirection="column">
      {rows.map((r) => (
        <Box key={r.status} flexDirection="column">
          <Text>
            {/* not live (watching stopped, the frame kept in the scrollback): no spinner frozen mid-turn */}
            {r.state === 'running' ? live ? <Spinner /> : <Text color="yellow">■</Text> : r.state === 'done' ? <Text color="green">✔</Text> : r.state === 'failed' ? <Text color="red">✖</Text> : <Text dimColor>·</Text>}{' '}
            <Text dimColor={r.state === 'waiting'}>{r.label.padEnd(32)}</Text>
            {live && r.since !== undefined ? (
              <Text dimColor>
                <LiveDuration since={r.since} />
              </Text>
            ) : r.elapsedMs !== undefined ? (
              <Text dimColor>{clockDuration(r.elapsedMs)}</Text>
            ) : null}
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

// A group run's live block (issue #19): a headline saying what happens now, then one row per file and
// its import job — dataset type, file, what it does now, its running time — and a failed row's short
// reason under it. The running times move by themselves (LiveDuration on the shared clock): a
// second's tick renders those leaves, never this block; it renders when a row changes.
import React from 'react';
import { Box, Text } from 'ink';
import type { GroupRow } from '../../../flow/group-rows.js';
import { clockDuration } from '../../../job/format.js';
import { visible } from '../../../core/sanitize.js';
import { LiveDuration, Spinner } from './Spinner.js';

const TYPE_WIDTH = 13;
const FILE_WIDTH = 18;
const NOW_WIDTH = 34;

function fit(s: string, w: number): string {
  const t = visible(s);
  return t.length > w ? `${t.slice(0, w - 1)}…` : t.padEnd(w);
}

function Mark({ r, live }: { r: GroupRow; live: boolean }) {
  if (r.state === 'running') return live ? <Spinner /> : <Text color="yellow">■</Text>;
  if (r.state === 'done') return <Text color="green">✔</Text>;
  if (r.state === 'failed') return <Text color="red">✖</Text>;
  if (r.state === 'stopped') return <Text color="yellow">■</Text>;
  return <Text dimColor>·</Text>;
}

/** live: spinners turn and running times move on (false: the block as it ended, kept above the end) */
export function GroupRows({ headline, rows, live }: { headline: string; rows: GroupRow[]; live: boolean }) {
  const going = live && rows.some((r) => r.state === 'running' || r.state === 'waiting');
  return (
    <Box flexDirection="column">
      {going ? <Spinner label={visible(headline)} /> : <Text bold>{visible(headline)}</Text>}
      {rows.map((r) => (
        <Box key={r.type} flexDirection="column">
          <Text wrap="truncate-end">
            {'  '}
            <Mark r={r} live={live} /> {r.type.toLowerCase().replace('_', '-').padEnd(TYPE_WIDTH)}
            <Text dimColor>{fit(r.file, FILE_WIDTH)}</Text> <Text color={r.state === 'failed' ? 'red' : r.state === 'done' ? 'green' : undefined} dimColor={r.state === 'waiting'}>{fit(r.now, NOW_WIDTH)}</Text>{' '}
            {live && r.since !== undefined ? (
              <Text dimColor>
                <LiveDuration since={r.since} />
              </Text>
            ) : r.elapsedMs !== undefined && r.state !== 'waiting' ? (
              <Text dimColor>{clockDuration(r.elapsedMs)}</Text>
            ) : null}
          </Text>
          {r.reason ? (
            <Text color="red" wrap="truncate-end">
              {'      '}
              {visible(r.reason)}
            </Text>
          ) : null}
        </Box>
      ))}
    </Box>
  );
}

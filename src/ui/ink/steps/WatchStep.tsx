// Live status: a row per stage with elapsed time and a spinner, calm dim notes through throttling
// and dropped connections; the failure reason with the likely cause and fix; on ACTIVE, what
// happens next. Ctrl-C leaves the job running and prints how to follow it again.
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { watchJob, type JobSnapshot } from '../../../job/watcher.js';
import { stageRows } from '../../../job/stages.js';
import { clockDuration } from '../../../job/format.js';
import { matchFailure } from '../../../diagnose/catalogue.js';
import { nextSteps } from '../../../flow/index.js';
import { StageRows } from '../components/StageRows.js';
import { Select } from '../components/Select.js';
import { KeyHints } from '../components/KeyHints.js';
import { ErrorBox } from './common.js';
import type { StepProps } from '../types.js';

export function WatchStep({ services, conn, answers, loaded, done, exit, onInterrupt }: StepProps) {
  const arn = loaded.jobArn!;
  const [snap, setSnap] = useState<JobSnapshot | undefined>();
  const seenAt = useRef(Date.now());
  const [error, setError] = useState<unknown>();
  const [, tick] = useState(0);

  useEffect(() => {
    const ac = new AbortController();
    onInterrupt(() => {
      ac.abort();
      exit(130, ['The import job keeps running in AWS (an import job cannot be stopped). Follow it with:', `  personalize-import status ${arn}`]);
    });
    (async () => {
      for await (const s of watchJob(conn!.personalize, arn, { signal: ac.signal, ...services.watch })) {
        seenAt.current = Date.now();
        setSnap(s);
      }
    })().catch((e) => !ac.signal.aborted && setError(e));
    const t = setInterval(() => tick((x) => x + 1), 1000);
    return () => {
      ac.abort();
      clearInterval(t);
      onInterrupt(undefined);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const follow = `personalize-import status ${arn}`;
  if (error) {
    return (
      <Box flexDirection="column">
        <ErrorBox error={error} title="Lost track of the job" />
        <Text wrap="wrap">The job keeps running in AWS. Follow it with: {follow}</Text>
        <Select items={[{ label: 'Quit', value: 'q' }]} onSelect={() => exit(1, [`Follow the job with: ${follow}`])} />
      </Box>
    );
  }
  const now = Date.now();
  const rows = stageRows({ status: snap?.status ?? 'CREATE PENDING', stageTimes: snap?.stageTimes ?? {}, failureReason: snap?.job.failureReason }, now);
  const finished = snap?.done;
  const elapsed = snap ? (finished ? snap.elapsedMs : snap.elapsedMs + Math.max(0, now - seenAt.current)) : 0;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-middle">
        <Text dimColor>Job </Text>
        {arn}
      </Text>
      <StageRows rows={rows} note={finished ? undefined : snap?.note} />
      {!finished ? (
        <>
          <Text dimColor>Elapsed {clockDuration(elapsed)}{snap?.nextPollMs ? ` · next check in ${Math.ceil(snap.nextPollMs / 1000)} s` : ''}</Text>
          <KeyHints hints={['Ctrl-C stop watching (the job keeps running)']} />
        </>
      ) : null}
      {finished && snap!.status === 'ACTIVE' ? (
        <Box flexDirection="column" marginTop={1}>
          <Text color="green" bold>✔ Imported in {clockDuration(elapsed)}. What happens next:</Text>
          {nextSteps(answers.datasetType, answers.importMode, Boolean(loaded.details?.rules.hasBulkData)).map((l, i) => (
            <Box key={i} paddingLeft={2}>
              <Text wrap="wrap">• {l}</Text>
            </Box>
          ))}
          <Select items={[{ label: 'Continue', value: 'go' }]} onSelect={() => done({}, { finalStatus: 'ACTIVE' })} />
          <KeyHints hints={['Enter continue', 'Ctrl-C quit']} />
        </Box>
      ) : null}
      {finished && snap!.status !== 'ACTIVE' ? (() => {
        const m = matchFailure(snap!.job.failureReason);
        return (
          <Box flexDirection="column" marginTop={1}>
            <Text color="red" bold>✖ The import failed.</Text>
            <Text wrap="wrap">Likely cause: {m.cause}</Text>
            <Text wrap="wrap">Fix: {m.fix}</Text>
            <Text dimColor wrap="wrap">Details and the exact policy to add: personalize-import diagnose {arn}</Text>
            <Select items={[{ label: 'Quit', value: 'q' }]} onSelect={() => exit(1, [`Import job failed: ${snap!.job.failureReason ?? '(no reason given)'}`, `Diagnose it: personalize-import diagnose ${arn}`])} />
            <KeyHints hints={['Enter quit']} />
          </Box>
        );
      })() : null}
    </Box>
  );
}

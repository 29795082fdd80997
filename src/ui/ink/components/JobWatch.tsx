// The live view of one import job, shared by the wizard's last step and `personalize-import status`
// on a terminal: a row per stage with a spinner and its time, calm dim notes through throttling and
// dropped connections, the failure reason with the catalogue's likely cause and fix, and on ACTIVE
// what happens next. The host owns the keyboard: it is handed the function that stops watching
// (onInterrupt) and draws its own menu under a finished job (actions).
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { PersonalizeApi } from '../../../core/ports.js';
import type { DatasetType, Domain, ImportMode } from '../../../core/resources.js';
import { isAppError } from '../../../core/errors.js';
import { visibleText } from '../../../core/sanitize.js';
import { WrappedPath } from './WrappedPath.js';
export { arnPieces } from './WrappedPath.js';
import { EXIT } from '../../../core/exit-codes.js';
import { watchJob, type JobSnapshot, type WatchOptions } from '../../../job/watcher.js';
import { stageRows } from '../../../job/stages.js';
import { clockDuration } from '../../../job/format.js';
import { matchFailure } from '../../../diagnose/catalogue.js';
import { factsOfJob } from '../../../diagnose/known.js';
import { nextSteps } from '../../../flow/index.js';
import { StageRows } from './StageRows.js';
import { KeyHints } from './KeyHints.js';
import { ErrorBox } from '../steps/common.js';
import { LiveDuration } from './Spinner.js';

/** How a watch ended. */
export interface JobWatchEnd {
  /** 0 ACTIVE · 1 CREATE FAILED · 130 stopped by the user · an AppError's code when the watch lost track */
  code: number;
  /** what to print after the screen (the final frame already shows the rest) */
  lines: string[];
  /** the last snapshot seen */
  last?: JobSnapshot;
  /** set when the watch lost track of the job (not transient weather: that is a note) */
  error?: unknown;
}

export interface JobWatchProps {
  personalize: PersonalizeApi;
  arn: string;
  /** for the "what happens next" text on ACTIVE (unknown type: the generic advice) */
  datasetType?: DatasetType;
  importMode?: ImportMode;
  /** the dataset group's domain (its recommenders retrain themselves: no solution version to train) */
  domain?: Domain;
  /** a FULL import over earlier bulk data: the next steps say it was replaced */
  replaced?: boolean;
  /** polling (tests: small) */
  watch?: Pick<WatchOptions, 'initialMs' | 'maxMs' | 'factor'>;
  /** receives the function that stops watching while the job runs (undefined once it ended) */
  onInterrupt?(handler: (() => void) | undefined): void;
  /** every snapshot, as it comes (a host may show more about the job) */
  onSnapshot?(s: JobSnapshot): void;
  /** called once, after the final frame has been drawn */
  onDone?(code: number, lines: string[], end: JobWatchEnd): void;
  /** under a finished view (not after an interrupt): the host's menu, e.g. the wizard's Continue */
  actions?(end: JobWatchEnd): React.ReactNode;
  /** the key hint while watching (the host decides which key stops it) */
  stopHint?: string;
  /** the embedded, in-process sandbox: the job ends with the command, it does not keep running */
  sandbox?: boolean;
}

/** An ARN in pieces that end at a ':' or '/' (the last one runs to the end): where it may wrap. */
/**
 * "Job <arn>", the ARN whole: wrapped (at a ':' or '/' when a piece fits, else at the width) into as
 * many rows as it takes under its first character — never cut in the middle with an ellipsis, which
 * left a user copying it from the live screen with a broken ARN. Its last piece, the job name, is on
 * one row: `personalize-import status <job-name>` takes it alone.
 */
export function JobArn({ arn }: { arn: string }) {
  const text = visibleText(arn);
  return (
    <Box>
      <Text dimColor>Job </Text>
      <WrappedPath text={text} />
    </Box>
  );
}

/**
 * The job's ARN, a row per stage with its time, and while it runs the elapsed time and the key that
 * stops watching: drawn from the snapshots (by JobWatch, which polls, and by the wizard's run view,
 * which is handed the machine's watch step's snapshots).
 */
export function JobProgress({ arn, snap, seenAt, live, stopHint }: { arn: string; snap?: JobSnapshot; seenAt: number; live: boolean; stopHint?: string }) {
  const finished = Boolean(snap?.done);
  const now = Date.now();
  const rows = stageRows({ status: snap?.status ?? 'CREATE PENDING', stageTimes: snap?.stageTimes ?? {}, failureReason: snap?.job.failureReason === undefined ? undefined : visibleText(snap.job.failureReason) }, now);
  return (
    <>
      <JobArn arn={arn} />
      <StageRows rows={rows} note={finished ? undefined : snap?.note} live={live} />
      {live ? (
        <>
          <Text dimColor>
            Elapsed {snap ? <LiveDuration since={seenAt} baseMs={snap.elapsedMs} /> : clockDuration(0)}
            {snap?.nextPollMs ? ` · next check in ${Math.ceil(snap.nextPollMs / 1000)} s` : ''}
          </Text>
          {stopHint ? <KeyHints hints={[stopHint]} /> : null}
        </>
      ) : null}
    </>
  );
}

/** the preflight checks of a failure whose fix is a policy to add */
const PERMISSION_CHECKS: ReadonlySet<string> = new Set(['bucket-policy', 'role-trust', 'role-s3-access', 'kms']);

/** After Ctrl-C: short lines (they are printed under an 80-column screen), the command on its own. */
export function reattachLines(arn: string, sandbox = false): string[] {
  if (sandbox) return ['Stopped watching: the embedded sandbox stops with this command, and the import job in it with it.'];
  return ['The import job keeps running in AWS (an import job cannot be stopped).', 'Follow it again with:', `  personalize-import status ${arn}`];
}

export function JobWatch({ personalize, arn, datasetType, importMode, domain, replaced, watch, onInterrupt, onSnapshot, onDone, actions, sandbox = false, stopHint = sandbox ? 'Ctrl-C quit (the embedded sandbox and its job end)' : 'Ctrl-C stop watching (the job keeps running)' }: JobWatchProps) {
  const [snap, setSnap] = useState<JobSnapshot | undefined>();
  const seenAt = useRef(Date.now());
  const [error, setError] = useState<unknown>();
  const [stopped, setStopped] = useState(false);

  useEffect(() => {
    const ac = new AbortController();
    onInterrupt?.(() => {
      ac.abort();
      setStopped(true);
    });
    (async () => {
      for await (const s of watchJob(personalize, arn, { signal: ac.signal, ...watch })) {
        seenAt.current = Date.now();
        setSnap(s);
        onSnapshot?.(s);
      }
    })().catch((e) => !ac.signal.aborted && setError(e));
    return () => {
      ac.abort();
      onInterrupt?.(undefined);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const finished = Boolean(snap?.done);
  // the times on screen move once a second while the job runs, each by itself (LiveDuration, on the
  // spinner's clock, same frame): the tick renders those leaves, not this tree
  const follow = `personalize-import status${sandbox ? ' --sandbox' : ''} ${arn}`;
  const end: JobWatchEnd | undefined = stopped
    ? { code: EXIT.INTERRUPTED, lines: reattachLines(arn, sandbox), last: snap }
    : error
      ? { code: isAppError(error) ? error.exitCode : EXIT.FAILED, lines: [`Follow the job with: ${follow}`], last: snap, error }
      : finished
        ? snap!.status === 'ACTIVE'
          ? { code: EXIT.OK, lines: [], last: snap }
          : { code: EXIT.FAILED, lines: [`Import job failed: ${visibleText(snap!.job.failureReason ?? '(no reason given)')}`, `Diagnose it: personalize-import diagnose${sandbox ? ' --sandbox' : ''} ${arn}`], last: snap }
        : undefined;

  // told once the end is on screen (an effect runs after the frame is committed), so a host that
  // unmounts right away leaves the final frame behind
  const told = useRef(false);
  useEffect(() => {
    if (!end || told.current) return;
    told.current = true;
    if (!stopped) onInterrupt?.(undefined);
    onDone?.(end.code, end.lines, end);
  });

  if (error) {
    return (
      <Box flexDirection="column">
        <ErrorBox error={error} title="Lost track of the job" />
        <Text wrap="wrap">{sandbox ? `The job runs in the embedded sandbox until this command ends. Its status: ${follow}` : `The job keeps running in AWS. Follow it with: ${follow}`}</Text>
        {actions?.(end!)}
      </Box>
    );
  }
  const elapsed = snap ? (finished ? snap.elapsedMs : snap.elapsedMs + Math.max(0, Date.now() - seenAt.current)) : 0;
  return (
    <Box flexDirection="column">
      <JobProgress arn={arn} snap={snap} seenAt={seenAt.current} live={!finished && !stopped} stopHint={stopHint} />
      {stopped ? <Text dimColor>Stopped watching after {clockDuration(elapsed)}{snap && snap.status !== 'UNKNOWN' ? ` (last seen: ${snap.status})` : ''}.</Text> : null}
      {finished && snap!.status === 'ACTIVE' ? (
        <Box flexDirection="column" marginTop={1}>
          <Text color="green" bold>✔ Imported in {clockDuration(elapsed)}. What happens next:</Text>
          {nextSteps(datasetType, importMode ?? snap!.job.importMode, Boolean(replaced), domain).map((l, i) => (
            // the bullet in a column of its own, so a wrapped line goes on under the text
            <Box key={i} paddingLeft={2}>
              <Text>• </Text>
              <Box flexShrink={1}>
                <Text wrap="wrap">{l}</Text>
              </Box>
            </Box>
          ))}
          {actions?.(end!)}
        </Box>
      ) : null}
      {finished && snap!.status !== 'ACTIVE' ? (() => {
        const m = matchFailure(snap!.job.failureReason === undefined ? undefined : visibleText(snap!.job.failureReason), factsOfJob(snap!.job));
        return (
          <Box flexDirection="column" marginTop={1}>
            <Text color="red" bold>✖ The import failed.</Text>
            <Text wrap="wrap">Likely cause: {m.cause}</Text>
            <Text wrap="wrap">Fix: {m.fix}</Text>
            {/* "the exact policy" only where a policy is the fix (bucket policy, role trust or access, KMS) */}
            <Text dimColor wrap="wrap">{m.checks.some((c) => PERMISSION_CHECKS.has(c)) ? 'Details and the exact policy to add' : 'Details'}: personalize-import diagnose{sandbox ? ' --sandbox' : ''} {arn}</Text>
            {actions?.(end!)}
          </Box>
        );
      })() : null}
    </Box>
  );
}

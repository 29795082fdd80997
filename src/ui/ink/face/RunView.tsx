// What the machine's steps report, drawn by event type (not by step): notes, the validation's
// progress and report, the upload's progress, the bucket check, the preflight (a blocked one with
// the statements to add), the create (refused: the likely cause and fix), the job's stages and how
// it finished. `events` are those since the last answer; `running` is the run step under way.
import React from 'react';
import { Box, Text } from 'ink';
import type { FlowEvent, StepModel } from '../../../flow/machine/types.js';
import { formatBytes } from '../../../flow/run.js';
import { blockingChecks } from '../../../diagnose/preflight.js';
import { statementBlocks } from '../../../diagnose/report.js';
import { matchCreateError } from '../../../diagnose/catalogue.js';
import { visible, visibleText } from '../../../core/sanitize.js';
import type { JobSnapshot } from '../../../job/watcher.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { Spinner } from '../components/Spinner.js';
import { KeyHints } from '../components/KeyHints.js';
import { JobProgress } from '../components/JobWatch.js';
import { GroupRows } from '../components/GroupRows.js';
import { ErrorBox } from '../steps/common.js';
import { ValidationReportView } from '../steps/ValidateStep.js';
import { LineText } from './lines.js';
import { WrappedPath } from '../components/WrappedPath.js';
import { withCommas } from '../../../core/with-commas.js';

type Of<T extends FlowEvent['type']> = Extract<FlowEvent, { type: T }>;

export interface RunViewProps {
  events: FlowEvent[];
  running?: StepModel;
  /** Esc stops the running step (its model's `cancel`) */
  cancellable?: boolean;
  listLimit: number;
  sandbox: boolean;
  /** when the last job snapshot came (the elapsed time runs on from it) */
  seenAt: number;
}

function Event({ e, live, listLimit }: { e: FlowEvent; live: boolean; listLimit: number }) {
  switch (e.type) {
    case 'note':
      return <LineText line={{ text: e.text, tone: e.tone }} />;
    case 'validated':
      return <ValidationReportView report={e.report} source={e.source} otherFails={e.otherFails} listLimit={listLimit} />;
    case 'validation-skipped':
      return <Text color="yellow" wrap="wrap">{e.loud ? '⚠ VALIDATION SKIPPED: ' : '⚠ Not validated: '}{visible(e.reason)}</Text>;
    case 'upload-removed':
      return <Text dimColor wrap="wrap">Removed s3://{visible(e.bucket)}/{visible(e.key)}.</Text>;
    case 'preflight': {
      const r = e.result;
      if (!e.blocked) {
        const cant = r.checks.filter((c) => c.status === 'CANT_CHECK').map((c) => `${c.title}: ${c.detail}`);
        return cant.length && live ? <Text dimColor wrap="truncate-end">Not checked: {visible(cant[0])}{cant.length > 1 ? ` (+${cant.length - 1})` : ''}</Text> : null;
      }
      return (
        <Box flexDirection="column">
          {blockingChecks(r).map((c) => (
            <Box key={c.id} flexDirection="column">
              <Text color="red" wrap="wrap">✖ Check failed: {c.title}</Text>
              <Text wrap="wrap">  {visible(c.detail)}</Text>
              {c.fix ? <Text wrap="wrap">  → {visible(c.fix)}</Text> : null}
            </Box>
          ))}
          <Text wrap="wrap">The job would fail, so it was not created.</Text>
          {statementBlocks(r.checks, r, 'preflight', e.roleArn).map((b) => (
            <Box key={b.title} flexDirection="column">
              <Text bold wrap="wrap">  {b.title}</Text>
              <Text wrap="wrap">  {b.howTo}</Text>
              <Text dimColor wrap="wrap">  {visible(JSON.stringify(b.json))}</Text>
            </Box>
          ))}
        </Box>
      );
    }
    case 'create-refused': {
      const m = matchCreateError(e.error);
      return (
        <Box flexDirection="column">
          <ErrorBox error={e.error} title="The job was not created" />
          {/* the catalogue's words quote the service's message (a job name, an S3 path, a principal's ARN): escaped */}
          {m.known ? <Text wrap="wrap">Likely cause: {visibleText(m.cause)} Fix: {visibleText(m.fix)}</Text> : null}
        </Box>
      );
    }
    case 'created':
      // the location on rows of its own, under the line, wrapped after a '/' (WrappedPath)
      return (
        <Box flexDirection="column">
          <Text dimColor wrap="truncate-end">Created import job {visible(e.jobArn.split('/').pop() ?? e.jobArn)}, reading</Text>
          <WrappedPath text={visible(e.dataLocation)} indent={2} dim />
        </Box>
      );
    case 'finished':
      return (
        <Box flexDirection="column" marginTop={1}>
          {e.lines.map((l, i) => {
            // a bullet in a column of its own, so a wrapped line goes on under the text
            const b = /^(\s*)• (.*)$/.exec(l);
            return b ? (
              <Box key={i} paddingLeft={b[1].length}>
                <Text>• </Text>
                <Box flexShrink={1}>
                  <Text wrap="wrap">{visible(b[2])}</Text>
                </Box>
              </Box>
            ) : (
              <Text key={i} wrap="wrap" bold={i === 0} color={i === 0 ? (e.status === 'ACTIVE' ? 'green' : 'red') : undefined}>{visible(l)}</Text>
            );
          })}
        </Box>
      );
    default:
      return null;
  }
}

export function RunView({ events, running, cancellable, listLimit, sandbox, seenAt }: RunViewProps) {
  const last = <T extends FlowEvent['type']>(t: T) => [...events].reverse().find((e) => e.type === t) as Of<T> | undefined;
  const job = last('job')?.snapshot as JobSnapshot | undefined;
  const jobAt = events.findIndex((e) => e.type === 'job');
  const live = Boolean(running);
  // progress belongs to the step under way; what it leaves (a report, a note) stays until the next answer
  let progress: React.ReactNode = null;
  if (running?.id === 'validate' || running?.screen === 'validate') {
    const v = last('validating');
    const p = last('validation-progress');
    if (v) {
      const total = p?.total ?? v.total;
      progress = (
        <Box flexDirection="column">
          <Spinner label={`Checking ${withCommas(p?.rows ?? 0)} rows of ${visible(v.source)} against the schema of ${visible(v.dataset)}…`} />
          {total ? <ProgressBar ratio={(p?.bytes ?? 0) / total} label={`${formatBytes(p?.bytes ?? 0)} of ${formatBytes(total)}`} /> : null}
        </Box>
      );
    }
  }
  const up = last('upload-progress');
  if (running && last('upload-start') && !last('uploaded')) {
    const mbps = up?.bytesPerSecond ? `${(up.bytesPerSecond / 1024 / 1024).toFixed(1)} MB/s` : '… MB/s';
    const eta = up?.etaSeconds !== undefined ? `ETA ${Math.ceil(up.etaSeconds)} s` : 'ETA …';
    progress = (
      <Box flexDirection="column">
        <Spinner label={visible(running.question)} />
        <ProgressBar ratio={up?.total ? up.loaded / up.total : 0} label={up?.total ? `${formatBytes(up.loaded)} of ${formatBytes(up.total)} · ${mbps} · ${eta}` : 'starting…'} />
      </Box>
    );
  }
  const watching = Boolean(job) && live && !job?.done;
  // a group run's rows: the latest snapshot, drawn where the first came (it says what happens now)
  const group = last('group-rows');
  const groupAt = events.findIndex((e) => e.type === 'group-rows');
  const stopHint = sandbox ? 'Ctrl-C quit (the embedded sandbox and its job end)' : 'Ctrl-C stop watching (the job keeps running)';
  return (
    <Box flexDirection="column">
      {events.map((e, i) => {
        if (e.type === 'group-rows') return i === groupAt && group ? <GroupRows key={i} headline={group.headline} rows={group.rows} live={live} /> : null;
        if (e.type === 'job') return i === jobAt && job ? <JobProgress key={i} arn={job.job.arn ?? ''} snap={job} seenAt={seenAt} live={watching} stopHint={stopHint} /> : null;
        // once the job has finished, its outcome takes the room (the data location is in the summary printed at the end)
        if (e.type === 'created' && job?.done) return null;
        return <Event key={i} e={e} live={live} listLimit={listLimit} />;
      })}
      {progress}
      {live && !progress && !watching && !group ? <Spinner label={`${visible(running!.question)}…`} /> : null}
      {live && !watching ? <KeyHints hints={[cancellable && 'Esc stop and go back', 'Ctrl-C stop']} /> : null}
    </Box>
  );
}

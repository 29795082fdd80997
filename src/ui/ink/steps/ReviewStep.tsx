// The review: everything the job will be created with. Enter runs the preflight (bucket policy,
// role, running jobs…) and, when nothing FAILs, creates the job. A failing check blocks with its fix.
import React, { useRef, useState } from 'react';
import { Box, Text, useInput, useStdout } from 'ink';
import { completePlan, planDataLocation, formatTags, createJob, describeSource } from '../../../flow/index.js';
import { whatHappened } from '../../../flow/machine/index.js';
import { isAppError } from '../../../core/errors.js';
import { blockingChecks, type PreflightResult } from '../../../diagnose/preflight.js';
import { statementBlocks } from '../../../diagnose/report.js';
import { PERMISSION_CHECKS } from '../../../flow/machine/index.js';
import { matchCreateError } from '../../../diagnose/catalogue.js';
import { Spinner } from '../components/Spinner.js';
import { KeyHints } from '../components/KeyHints.js';
import { ErrorBox } from './common.js';
import type { StepProps } from '../types.js';
import { visible } from '../../../core/sanitize.js';

type Phase = { k: 'review' } | { k: 'checking' } | { k: 'blocked'; result: PreflightResult } | { k: 'creating' } | { k: 'failed'; error: unknown };

export function ReviewStep({ conn, answers, loaded, columns, done, back, exit, onInterrupt }: StepProps) {
  const [phase, setPhase] = useState<Phase>({ k: 'review' });
  const [cantCheck, setCantCheck] = useState<string[]>([]);
  const { plan, missing } = completePlan(answers);
  const stop = useRef(new AbortController());
  // below 24 rows no blank line before the footer: the review stays shorter than the screen (#16 item 8)
  const compact = (useStdout().stdout?.rows ?? 24) < 24;

  // what is true after a Ctrl-C here: from what happened (the job, the object this run uploaded)
  const truth = (jobArn?: string) => whatHappened({ loaded: { jobArn, upload: loaded.upload } }, conn ? { context: conn.context } : undefined);

  const create = async () => {
    if (!plan) return;
    const signal = stop.current.signal;
    // Ctrl-C from here on: before the request is sent it stops the creation; after, the job exists
    onInterrupt(() => stop.current.abort());
    const stopped = () => exit(130, ['Stopped before the import job was created.', ...truth()]);
    try {
      if (conn!.preflight) {
        setPhase({ k: 'checking' });
        const r = await conn!.preflight({ dataLocation: planDataLocation(plan), roleArn: plan.roleArn, datasetGroup: loaded.group ?? plan.datasetGroupArn, region: conn!.context.region ?? answers.region ?? 'us-east-1', mode: plan.importMode });
        if (signal.aborted) return stopped();
        setCantCheck(r.checks.filter((c) => c.status === 'CANT_CHECK').map((c) => `${c.title}: ${c.detail}`));
        if (blockingChecks(r).length) {
          onInterrupt(undefined);
          return setPhase({ k: 'blocked', result: r });
        }
      }
      setPhase({ k: 'creating' });
      const planForCreate = loaded.upload && plan.source.kind === 'local' ? { ...plan, bucket: loaded.upload.bucket, key: loaded.upload.key } : plan;
      const { jobArn } = await createJob(planForCreate, conn!.personalize, { signal });
      // the request was on its way when Ctrl-C came: the job exists, say so with its ARN
      if (signal.aborted) return exit(130, ['Stopped after the create request was sent.', ...truth(jobArn)]);
      onInterrupt(undefined);
      // a generated name that clashed took a random suffix (createJob): the screens after say the real one
      done({ jobName: planForCreate.jobName }, { jobArn });
    } catch (e) {
      if (signal.aborted || (isAppError(e) && e.kind === 'interrupted')) return stopped();
      onInterrupt(undefined);
      setPhase({ k: 'failed', error: e });
    }
  };

  useInput((input, key) => {
    if (phase.k === 'checking' || phase.k === 'creating') return;
    if (key.escape) return phase.k === 'review' ? back() : setPhase({ k: 'review' });
    // the exit code `import` gives: 3 when a permission is missing (README), else 1
    if (phase.k !== 'review' && input === 'q') return exit(phase.k === 'blocked' && blockingChecks(phase.result).some((c) => PERMISSION_CHECKS.has(c.id)) ? 3 : 1, truth());
    if (key.return && phase.k === 'review') void create();
  });

  if (!plan) return <Text color="red">Missing: {missing.join(', ')}. Press Esc to go back.</Text>;
  const rows: [string, string][] = [
    ['Dataset', `${answers.datasetName} [${answers.datasetType}] in ${answers.datasetGroupName}`],
    ...(plan.source.kind === 'local' ? ([['File', describeSource(plan.source)]] as [string, string][]) : []),
    ['Validated', loaded.report ? `${loaded.report.rows.toLocaleString('en-US')} rows, no errors${loaded.report.warnings.length ? `, ${loaded.report.warnings.length} warning${loaded.report.warnings.length > 1 ? 's' : ''} accepted` : ''}` : 'not validated here'],
    ['Data from', loaded.upload ? `s3://${loaded.upload.bucket}/${loaded.upload.key}` : planDataLocation(plan)],
    ['Mode', plan.importMode === 'FULL' ? (loaded.details?.rules.hasBulkData ? 'FULL (replaces the existing bulk data — confirmed)' : 'FULL (first bulk import)') : 'INCREMENTAL (adds records)'],
    ['Job name', plan.jobName],
    ['IAM role', plan.roleArn],
    ['Tags', formatTags(plan.tags)],
    ...(plan.publishAttributionMetrics !== undefined ? ([['Metrics', plan.publishAttributionMetrics ? 'publish attribution metrics to S3' : 'not published']] as [string, string][]) : []),
  ];
  return (
    <Box flexDirection="column">
      {(phase.k === 'blocked' || phase.k === 'failed' ? rows.filter(([k]) => k === 'Data from' || k === 'IAM role') : rows).map(([k, v]) =>
        // a value too long for the row (a role ARN at 60 columns) goes whole on the line under its
        // label, not cut and not broken mid-word beside it
        11 + String(v ?? '').length > columns ? (
          <Box key={k} flexDirection="column">
            <Text dimColor>{k}</Text>
            <Text wrap="wrap">{'  '}{visible(v)}</Text>
          </Box>
        ) : (
          <Text key={k}>
            <Text dimColor>{k.padEnd(11)}</Text>
            {visible(v)}
          </Text>
        ),
      )}
      <Box marginTop={compact ? 0 : 1} flexDirection="column">
        {phase.k === 'review' ? (
          <>
            <Text>Press <Text bold>Enter</Text> to create the import job. It cannot be stopped once created.</Text>
            <KeyHints hints={['Enter create the job', 'Esc back', 'Ctrl-C quit']} />
          </>
        ) : null}
        {phase.k === 'checking' ? <Spinner label="Checking that Personalize can read the data (bucket policy, role, running jobs)…" /> : null}
        {phase.k === 'creating' ? <Spinner label="Creating the import job…" /> : null}
        {phase.k === 'blocked' ? (
          <>
            {blockingChecks(phase.result).map((c) => (
              <Box key={c.id} flexDirection="column">
                <Text color="red" wrap="wrap">✖ Check failed: {c.title}</Text>
                <Text wrap="wrap">  {c.detail}</Text>
                {c.fix ? <Text wrap="wrap">  → {c.fix}</Text> : null}
              </Box>
            ))}
            {statementBlocks(phase.result.checks, phase.result, 'preflight', plan.roleArn).map((b) => (
              <Box key={b.title} flexDirection="column">
                <Text bold wrap="wrap">  {b.title}</Text>
                <Text wrap="wrap">  {b.howTo}</Text>
                <Text dimColor wrap="wrap">  {visible(JSON.stringify(b.json))}</Text>
              </Box>
            ))}
            <Text wrap="wrap">The job would fail, so it was not created. Fix the above, or go back and pick another bucket or role.</Text>
            <KeyHints hints={['Esc back to the review', 'q quit', 'Ctrl-C quit']} />
          </>
        ) : null}
        {phase.k === 'failed' ? (
          <>
            <ErrorBox error={phase.error} title="The job was not created" />
            {(() => {
              const m = matchCreateError(phase.error);
              return m.known ? <Text wrap="wrap">Likely cause: {m.cause} Fix: {m.fix}</Text> : null;
            })()}
            <KeyHints hints={['Esc back to the review', 'q quit', 'Ctrl-C quit']} />
          </>
        ) : null}
        {cantCheck.length && (phase.k === 'creating' || phase.k === 'checking') ? <Text dimColor wrap="truncate-end">Not checked: {cantCheck[0]}{cantCheck.length > 1 ? ` (+${cantCheck.length - 1})` : ''}</Text> : null}
      </Box>
    </Box>
  );
}

// The wizard's last live step: the shared job view (components/JobWatch) with the wizard's menus
// under a finished job. Ctrl-C while watching leaves the job running (in AWS; the embedded sandbox
// ends with the command, its job too) and prints what is true. Every way out ends with the job's
// summary (src/flow/run-summary.ts), printed after the screen so it stays in the scrollback.
import React from 'react';
import { JobWatch } from '../components/JobWatch.js';
import { Select } from '../components/Select.js';
import { KeyHints } from '../components/KeyHints.js';
import { jobSummary } from '../job-summary.js';
import type { StepProps } from '../types.js';

export function WatchStep({ services, conn, answers, loaded, done, exit, onInterrupt }: StepProps) {
  const arn = loaded.jobArn!;
  const sandbox = Boolean(conn?.context.sandbox);
  const summary = (status: string | undefined, ms: number | undefined, stopped = false) => jobSummary(answers, loaded, conn, status, ms, stopped);
  return (
    <JobWatch
      personalize={conn!.personalize}
      arn={arn}
      datasetType={answers.datasetType}
      importMode={answers.importMode}
      replaced={Boolean(loaded.details?.rules.hasBulkData)}
      watch={services.watch}
      sandbox={sandbox}
      onInterrupt={onInterrupt}
      onDone={(code, lines, end) => {
        const status = end.last && end.last.status !== 'UNKNOWN' ? end.last.status : undefined;
        // the failure's own "Diagnose it" line is in the summary's commands
        const all = [...lines.filter((l) => !l.startsWith('Diagnose it:')), ...summary(status, end.last?.elapsedMs, code === 130)];
        // Ctrl-C while watching leaves at once; a finished view waits for its menu below, and
        // Ctrl-C there quits with the job's outcome (the job is no longer running to be left behind)
        if (code === 130) exit(code, all);
        else onInterrupt(() => exit(code, all));
      }}
      actions={(end) =>
        end.code === 0 ? (
          <>
            <Select items={[{ label: 'Continue', value: 'go' }]} onSelect={() => done({}, { finalStatus: 'ACTIVE', jobMs: end.last?.elapsedMs })} />
            <KeyHints hints={['Enter continue', 'Ctrl-C quit']} />
          </>
        ) : end.error ? (
          <Select items={[{ label: 'Quit', value: 'q' }]} onSelect={() => exit(end.code, [...end.lines, ...summary(end.last?.status, end.last?.elapsedMs)])} />
        ) : (
          <>
            <Select
              items={[
                { label: 'Pick another file', value: 'file' },
                { label: 'Retry with the same file (a new job)', value: 'retry' },
                { label: 'Quit', value: 'q' },
              ]}
              onSelect={(v) => {
                // a new job: the failed one is no longer this run's job (its ARN stays in the diagnose line above)
                const fresh = { jobArn: undefined, finalStatus: undefined, jobMs: undefined };
                if (v === 'file') done({ source: undefined, jobName: undefined }, { ...fresh, upload: undefined, report: undefined, reportsByMode: undefined, acceptedWarnings: undefined }, { next: 'csv', auto: true });
                else if (v === 'retry') done({ jobName: undefined }, fresh, { next: 'job', auto: true });
                else exit(1, [...end.lines.filter((l) => !l.startsWith('Diagnose it:')), ...summary(end.last?.status, end.last?.elapsedMs)]);
              }}
            />
            <KeyHints hints={['↑↓ move', 'Enter choose', 'Ctrl-C quit']} />
          </>
        )
      }
    />
  );
}

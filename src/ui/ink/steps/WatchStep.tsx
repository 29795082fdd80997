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
  const summary = (status: string | undefined, ms: number | undefined) => jobSummary(answers, loaded, conn, status, ms);
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
        const all = [...lines.filter((l) => !l.startsWith('Diagnose it:')), ...summary(status, end.last?.elapsedMs)];
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
        ) : (
          <>
            <Select items={[{ label: 'Quit', value: 'q' }]} onSelect={() => exit(1, [...end.lines.filter((l) => !l.startsWith('Diagnose it:')), ...summary(end.last?.status, end.last?.elapsedMs)])} />
            {end.error ? null : <KeyHints hints={['Enter quit']} />}
          </>
        )
      }
    />
  );
}

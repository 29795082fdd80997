// The wizard's last live step: the shared job view (components/JobWatch) with the wizard's menus
// under a finished job. Ctrl-C while watching leaves the job running and prints how to follow it.
import React from 'react';
import { JobWatch } from '../components/JobWatch.js';
import { Select } from '../components/Select.js';
import { KeyHints } from '../components/KeyHints.js';
import type { StepProps } from '../types.js';

export function WatchStep({ services, conn, answers, loaded, done, exit, onInterrupt }: StepProps) {
  const arn = loaded.jobArn!;
  return (
    <JobWatch
      personalize={conn!.personalize}
      arn={arn}
      datasetType={answers.datasetType}
      importMode={answers.importMode}
      replaced={Boolean(loaded.details?.rules.hasBulkData)}
      watch={services.watch}
      onInterrupt={onInterrupt}
      onDone={(code, lines) => {
        // Ctrl-C while watching leaves at once; a finished view waits for its menu below, and
        // Ctrl-C there quits with the job's outcome (the job is no longer running to be left behind)
        if (code === 130) exit(code, lines);
        else onInterrupt(() => exit(code, lines));
      }}
      actions={(end) =>
        end.code === 0 ? (
          <>
            <Select items={[{ label: 'Continue', value: 'go' }]} onSelect={() => done({}, { finalStatus: 'ACTIVE' })} />
            <KeyHints hints={['Enter continue', 'Ctrl-C quit']} />
          </>
        ) : end.error ? (
          <Select items={[{ label: 'Quit', value: 'q' }]} onSelect={() => exit(1, end.lines)} />
        ) : (
          <>
            <Select items={[{ label: 'Quit', value: 'q' }]} onSelect={() => exit(1, end.lines)} />
            <KeyHints hints={['Enter quit']} />
          </>
        )
      }
    />
  );
}

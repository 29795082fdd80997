// `personalize-import status` on a terminal: the wizard's live job view (components/JobWatch) on
// its own, under lines naming the job and its mode, its source and its dataset. This host owns the
// keyboard: Ctrl-C (a key in raw mode, or SIGINT when the terminal cannot do raw mode or the signal
// comes from elsewhere) stops watching; the job keeps running.
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text, useStdin } from 'ink';
import { useKeys } from './keys.js';
import type { PersonalizeApi } from '../../core/ports.js';
import type { Dataset, DatasetType, Domain, ImportJob } from '../../core/resources.js';
import { parsePersonalizeArn } from '../../job/arn.js';
import { JobWatch, type JobWatchEnd, type JobWatchProps } from './components/JobWatch.js';
import { WrappedPath } from './components/WrappedPath.js';
import { visibleText } from '../../core/sanitize.js';

export interface StatusViewProps {
  personalize: PersonalizeApi;
  arn: string;
  /** the job as described before the screen started (its name, mode and source head the view);
   *  absent when that call was throttled: the watch then carries on through the weather */
  job?: ImportJob;
  /** the job's dataset, when DescribeDataset answered (the next steps depend on its type); without
   *  it, it is asked once the watch has seen the job, and skipped silently if that fails */
  datasetType?: DatasetType;
  datasetName?: string;
  /** the dataset group's domain, when known (a Domain group's next steps differ) */
  domain?: Domain;
  watch?: JobWatchProps['watch'];
  onDone(code: number, lines: string[], end: JobWatchEnd): void;
}

export function StatusView({ personalize, arn, job: given, datasetType, datasetName, domain: givenDomain, watch, onDone }: StatusViewProps) {
  const stop = useRef<(() => void) | undefined>(undefined);
  const [job, setJob] = useState(given);
  const [dataset, setDataset] = useState<Partial<Pick<Dataset, 'name' | 'datasetType'>> | undefined>(datasetName || datasetType ? { name: datasetName, datasetType } : undefined);
  const [domain, setDomain] = useState(givenDomain);
  const asked = useRef(Boolean(dataset));
  const { isRawModeSupported } = useStdin();
  useKeys(
    (input, key) => {
      if (key.ctrl && input === 'c') stop.current?.();
    },
    { isActive: isRawModeSupported === true },
  );
  useEffect(() => {
    const onSigint = () => stop.current?.();
    process.on('SIGINT', onSigint);
    return () => {
      process.removeListener('SIGINT', onSigint);
    };
  }, []);
  // (called from the watch loop: reads only refs and setters, never this render's values)
  const seen = (j: ImportJob) => {
    if (j.status === 'UNKNOWN') return;
    setJob((cur) => cur ?? j);
    if (!asked.current && j.datasetArn) {
      asked.current = true;
      personalize.describeDataset(j.datasetArn).then((d) => {
        setDataset(d);
        // a Domain group's recommenders retrain themselves: what happens next differs
        if (d.datasetGroupArn) personalize.describeDatasetGroup(d.datasetGroupArn).then((g) => setDomain(g.domain), () => {});
      }, () => {});
    }
  };
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>Import job {job?.name ?? parsePersonalizeArn(arn)?.resource ?? ''}</Text>
        {job?.importMode ? ` (${job.importMode})` : ''}
      </Text>
      {/* the data location whole, on a row of its own (wrapped at a '/' when it is longer than the
          screen): on one row with the name it was cut with "…" at 80 columns, and which file the
          job read is what a reader of this screen needs */}
      {job?.dataLocation ? (
        <Box>
          <Text dimColor>from </Text>
          <WrappedPath text={visibleText(job.dataLocation)} dim />
        </Box>
      ) : null}
      {dataset?.name ? <Text dimColor wrap="truncate-end">into dataset {dataset.name}{dataset.datasetType ? ` (${dataset.datasetType})` : ''}</Text> : null}
      <JobWatch
        personalize={personalize}
        arn={arn}
        datasetType={dataset?.datasetType}
        importMode={job?.importMode}
        domain={domain}
        watch={watch}
        onInterrupt={(h) => (stop.current = h)}
        onSnapshot={(s) => seen(s.job)}
        onDone={onDone}
      />
    </Box>
  );
}

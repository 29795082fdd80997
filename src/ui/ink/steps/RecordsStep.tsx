// After validation, for a small local file (≤ 1000 records) or a dataset that already holds bulk
// data: offer to import record by record (PutUsers / PutItems / PutEvents) instead of an S3 upload
// and a bulk job; say how that differs; for interactions, find or (after saying what it is) create
// the group's event tracker; send with a progress bar; end with the per-line results and the report.
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import path from 'node:path';
import { differenceText, importRecords, offerIndividually, SMALL_FILE_RECORDS, TRACKER_TEXT, type SendProgress } from '../../../records/index.js';
import { isSupportedType } from '../../../records/convert.js';
import { recordsSummary } from '../../../records/summary.js';
import type { DatasetType } from '../../../core/resources.js';
import type { ValidationReport } from '../../../validate/engine.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { Select } from '../components/Select.js';
import { Spinner } from '../components/Spinner.js';
import { KeyHints } from '../components/KeyHints.js';
import { ErrorBox } from './common.js';
import type { StepProps } from '../types.js';

export { BULK_ONLY_CODES, recordsOffered } from '../../../records/texts.js';

/** Title and purpose shown while this screen stands in for the upload step. */
export const RECORDS_STEP_INFO = { id: 'upload' as const, title: 'Bulk job or record by record', purpose: 'A small file can go straight into the dataset, record by record: no S3, no role, no import job.' };

type Phase = { k: 'choose' } | { k: 'checking' } | { k: 'tracker' } | { k: 'sending'; p?: SendProgress; note?: string } | { k: 'done'; code: number; lines: string[]; p?: SendProgress } | { k: 'error'; error: unknown };

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function RecordsStep({ services, conn, answers, loaded, back, exit, onInterrupt, onBulk }: StepProps & { onBulk: () => void }) {
  const [phase, setPhase] = useState<Phase>({ k: 'choose' });
  const ac = useRef(new AbortController());
  const type = answers.datasetType as DatasetType;
  const report = loaded.report!;
  const bulkBlocked = report.errors.length > 0; // only bulk-only errors get here
  const offer = offerIndividually({ datasetType: type, records: report.rows, hasBulkData: Boolean(loaded.details?.rules.hasBulkData), users: report.stats.uniqueUsers });
  const file = answers.source?.kind === 'local' ? answers.source.path : '';

  useEffect(() => () => onInterrupt(undefined), []); // eslint-disable-line react-hooks/exhaustive-deps
  const lastProgress = useRef<SendProgress | undefined>(undefined);
  // exit once the finished frame (no key hint) is drawn; the summary goes under it
  useEffect(() => {
    if (phase.k === 'done') exit(phase.code, phase.lines);
  }, [phase]); // eslint-disable-line react-hooks/exhaustive-deps

  const send = (mayCreate: boolean) => {
    setPhase({ k: 'sending' });
    onInterrupt(() => ac.current.abort());
    const reportPath = path.join(services.cwd, `${path.basename(file, path.extname(file))}-records-${stamp(services.now?.() ?? new Date())}.json`);
    importRecords({
      api: conn!.records!,
      file,
      datasetArn: answers.datasetArn!,
      datasetType: type,
      datasetGroupArn: answers.datasetGroupArn!,
      schema: loaded.details!.schema!,
      reportPath,
      signal: ac.current.signal,
      mayCreateTracker: () => mayCreate,
      onEvent: (e) => {
        if (e.type === 'progress') {
          lastProgress.current = e.progress;
          setPhase({ k: 'sending', p: e.progress });
        }
        else if (e.type === 'tracker') setPhase((cur) => ({ ...(cur.k === 'sending' ? cur : { k: 'sending' as const }), note: e.message }));
      },
    })
      // the last frame loses its "Ctrl-C stop" hint before the summary is printed under it
      .then((r) => setPhase({ k: 'done', code: r.stopped ? r.stopped.exitCode : r.results.some((x) => x.status !== 'sent') ? 1 : 0, lines: recordsSummary(r, { file, dataset: answers.datasetName, datasetType: type }), p: lastProgress.current }))
      .catch((e: unknown) => setPhase({ k: 'error', error: e }));
  };

  const choose = async (v: string) => {
    if (v === 'bulk') return onBulk();
    if (v === 'back') return back();
    if (type !== 'INTERACTIONS') return send(false);
    setPhase({ k: 'checking' });
    try {
      const trackers = await conn!.records!.listEventTrackers(answers.datasetGroupArn!);
      if (trackers.length) send(false);
      else setPhase({ k: 'tracker' });
    } catch (e) {
      setPhase({ k: 'error', error: e });
    }
  };

  if (phase.k === 'error') {
    return (
      <Box flexDirection="column">
        <ErrorBox error={phase.error} title="Record-by-record import stopped" />
        <Select items={[{ label: 'Back', value: 'back' }, { label: 'Quit', value: 'quit' }]} onBack={back} onSelect={(v) => (v === 'back' ? setPhase({ k: 'choose' }) : exit(1))} />
        <KeyHints hints={['Enter choose', 'Ctrl-C quit']} />
      </Box>
    );
  }
  if (phase.k === 'checking') return <Spinner label="Looking for the dataset group's event tracker…" />;
  if (phase.k === 'tracker') {
    return (
      <Box flexDirection="column">
        {TRACKER_TEXT.map((l, i) => <Text key={i} wrap="wrap">{l}</Text>)}
        <Select items={[{ label: 'Create the event tracker and send the events', value: 'create' }, { label: 'Back', value: 'back' }]} onBack={() => setPhase({ k: 'choose' })} onSelect={(v) => (v === 'create' ? send(true) : setPhase({ k: 'choose' }))} />
        <KeyHints hints={['↑↓ move', 'Enter choose', 'Esc back', 'Ctrl-C quit']} />
      </Box>
    );
  }
  if (phase.k === 'done') {
    const p = phase.p;
    return p ? <ProgressBar ratio={p.total ? (p.sent + p.rejected) / p.total : 1} label={`${p.sent} sent · ${p.rejected} rejected · ${p.calls} calls`} /> : <Text> </Text>;
  }
  if (phase.k === 'sending') {
    const p = phase.p;
    return (
      <Box flexDirection="column">
        {phase.note ? <Text dimColor wrap="wrap">{phase.note}</Text> : null}
        {p ? <ProgressBar ratio={p.total ? (p.sent + p.rejected) / p.total : 1} label={`${p.sent} sent · ${p.rejected} rejected · ${p.calls} calls`} /> : <Spinner label="Reading the file…" />}
        <KeyHints hints={['Ctrl-C stop (what was not sent is in the report, for --resume)']} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text wrap="wrap">{offer.why}</Text>
      {/* a box, not leading spaces: wrapped lines keep the indent (#16 item 19) */}
      {differenceText(type).map((l, i) => <Box key={i} marginLeft={2}><Text dimColor wrap="wrap">{l}</Text></Box>)}
      <Box marginTop={1}>
        <Select
          items={[
            { label: 'Import record by record', value: 'records', hint: 'no S3, no role, seconds' },
            { label: 'Bulk import job', value: 'bulk', hint: 'upload to S3, then an import job', ...(bulkBlocked ? { disabled: report.errors.map((e) => e.message).join(' ') } : {}) },
          ]}
          onBack={back}
          onSelect={(v) => void choose(v)}
        />
      </Box>
      <KeyHints hints={['↑↓ move', 'Enter choose', 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}

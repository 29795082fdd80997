// Record by record (PutUsers / PutItems / PutEvents), once the machine's verdict or "how" step chose
// it (its walk ends with the file and the dataset): say how that differs from a bulk job; for
// interactions, find or (after saying what it is) create the group's event tracker; send with a
// progress bar; end with the per-line results and the report.
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import path from 'node:path';
import { differenceText, importRecords, offerIndividually, TRACKER_TEXT, type SendProgress } from '../../../records/index.js';
import { STOPPING_TEXT } from '../../../records/send.js';
import type { ValidationReport } from '../../../validate/engine.js';
import { recordsSummary } from '../../../records/summary.js';
import type { DatasetType, Domain } from '../../../core/resources.js';
import type { SchemaModel } from '../../../validate/index.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { Select } from '../components/Select.js';
import { Spinner } from '../components/Spinner.js';
import { KeyHints } from '../components/KeyHints.js';
import { ErrorBox } from './common.js';
import type { Connected, WizardServices } from '../types.js';

export interface RecordsRunProps {
  services: WizardServices;
  conn: Connected;
  file: string;
  datasetArn: string;
  datasetType: DatasetType;
  datasetGroupArn: string;
  datasetName?: string;
  schema: SchemaModel;
  /** the file's validation (how long sending takes, said before the tracker question) */
  report?: ValidationReport;
  hasBulkData?: boolean;
  /** the dataset group's domain: its recommenders retrain themselves (no solution version to train) */
  domain?: Domain;
  exit(code: number, lines?: string[]): void;
  onInterrupt(h: (() => void) | undefined): void;
}

type Phase = { k: 'checking' } | { k: 'tracker' } | { k: 'sending'; p?: SendProgress; note?: string } | { k: 'done'; code: number; lines: string[]; p?: SendProgress } | { k: 'error'; error: unknown };

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function RecordsRun({ services, conn, file, datasetArn, datasetType: type, datasetGroupArn, datasetName, schema, report, hasBulkData, domain, exit, onInterrupt }: RecordsRunProps) {
  const [phase, setPhase] = useState<Phase>({ k: 'checking' });
  const ac = useRef(new AbortController());
  const quit = () => exit(0, ['Nothing was sent: no record went into the dataset.']);

  useEffect(() => {
    void start();
    return () => onInterrupt(undefined);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const lastProgress = useRef<SendProgress | undefined>(undefined);
  // exit once the finished frame (no key hint) is drawn; the summary goes under it
  useEffect(() => {
    if (phase.k === 'done') exit(phase.code, phase.lines);
  }, [phase]); // eslint-disable-line react-hooks/exhaustive-deps

  const send = (mayCreate: boolean) => {
    setPhase({ k: 'sending' });
    onInterrupt(() => {
      ac.current.abort();
      setPhase((cur) => (cur.k === 'sending' && cur.p ? { ...cur, note: STOPPING_TEXT } : cur));
    });
    const reportPath = path.join(services.cwd, `${path.basename(file, path.extname(file))}-records-${stamp(services.now?.() ?? new Date())}.json`);
    importRecords({
      api: conn!.records!,
      file,
      datasetArn,
      datasetType: type,
      datasetGroupArn,
      schema,
      reportPath,
      signal: ac.current.signal,
      mayCreateTracker: () => mayCreate,
      onEvent: (e) => {
        if (e.type === 'progress') {
          lastProgress.current = e.progress;
          // "Stopping: …" stays while the calls in flight answer
          setPhase((cur) => ({ k: 'sending', p: e.progress, ...(cur.k === 'sending' && cur.note === STOPPING_TEXT ? { note: STOPPING_TEXT } : {}) }));
        }
        else if (e.type === 'tracker') setPhase((cur) => ({ ...(cur.k === 'sending' ? cur : { k: 'sending' as const }), note: e.message }));
      },
    })
      // the last frame loses its "Ctrl-C stop" hint before the summary is printed under it
      .then((r) => setPhase({ k: 'done', code: r.stopped ? r.stopped.exitCode : r.results.some((x) => x.status !== 'sent') ? 1 : 0, lines: recordsSummary(r, { file, dataset: datasetName, datasetType: type }), p: lastProgress.current }))
      .catch((e: unknown) => setPhase({ k: 'error', error: e }));
  };

  const start = async () => {
    if (type !== 'INTERACTIONS') return send(false);
    setPhase({ k: 'checking' });
    try {
      const trackers = await conn!.records!.listEventTrackers(datasetGroupArn);
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
        <Select items={[{ label: 'Quit', value: 'quit' }]} onSelect={() => exit(1)} />
        <KeyHints hints={['Enter choose', 'Ctrl-C quit']} />
      </Box>
    );
  }
  if (phase.k === 'checking') return <Spinner label="Looking for the dataset group's event tracker…" />;
  if (phase.k === 'tracker') {
    return (
      <Box flexDirection="column">
        {report ? <Text wrap="wrap">{offerIndividually({ datasetType: type, records: report.rows, hasBulkData: Boolean(hasBulkData), users: report.stats.uniqueUsers }).why}</Text> : null}
        {/* a box, not leading spaces: wrapped lines keep the indent (#16 item 19) */}
        {differenceText(type, domain).map((l, i) => <Box key={`d${i}`} marginLeft={2}><Text dimColor wrap="wrap">{l}</Text></Box>)}
        {TRACKER_TEXT.map((l, i) => <Text key={i} wrap="wrap">{l}</Text>)}
        <Select items={[{ label: 'Create the event tracker and send the events', value: 'create' }, { label: 'Quit (send nothing)', value: 'quit' }]} onBack={quit} onSelect={(v) => (v === 'create' ? send(true) : quit())} />
        <KeyHints hints={['↑↓ move', 'Enter choose', 'Esc back', 'Ctrl-C quit']} />
      </Box>
    );
  }
  if (phase.k === 'done') {
    const p = phase.p;
    return p ? <ProgressBar ratio={p.total ? (p.sent + p.rejected + p.unknown) / p.total : 1} label={`${p.sent} sent · ${p.rejected} rejected${p.unknown ? ` · ${p.unknown} unknown` : ''} · ${p.calls} calls`} /> : <Text> </Text>;
  }
  if (phase.k === 'sending') {
    const p = phase.p;
    return (
      <Box flexDirection="column">
        {phase.note ? <Text dimColor wrap="wrap">{phase.note}</Text> : null}
        {p ? <ProgressBar ratio={p.total ? (p.sent + p.rejected + p.unknown) / p.total : 1} label={`${p.sent} sent · ${p.rejected} rejected${p.unknown ? ` · ${p.unknown} unknown` : ''} · ${p.calls} calls`} /> : <Spinner label="Reading the file…" />}
        <KeyHints hints={['Ctrl-C stop (what was not sent is in the report, for --resume)']} />
      </Box>
    );
  }
  return <Spinner label="Reading the file…" />;
}

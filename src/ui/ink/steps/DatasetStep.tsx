// Step 3: the group's datasets with type, schema fields (required marked) and last import job;
// a dataset that is not ACTIVE cannot be picked, with the reason.
import React, { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import { datasetBlockedReason, datasetDetails, sortDatasets, type DatasetDetails } from '../../../flow/index.js';
import { Select } from '../components/Select.js';
import { Spinner } from '../components/Spinner.js';
import { KeyHints } from '../components/KeyHints.js';
import { ErrorBox, fmtDateTime } from './common.js';
import type { StepProps } from '../types.js';
import type { MetricAttribution } from '../../../core/resources.js';

export function fieldsLine(d: DatasetDetails): string {
  if (!d.fields.length) return 'Schema: (could not be read)';
  return `Fields: ${d.fields.map((f) => `${f.name}${f.required ? '*' : ''}`).join(' ')}   (* required)`;
}

export function lastJobLine(d: DatasetDetails): string {
  const j = d.lastJob;
  if (!j) return 'Last import: none yet';
  return `Last import: ${j.name} · ${j.status}${j.importMode ? ` · ${j.importMode}` : ''} · ${fmtDateTime(j.createdAt)}`;
}

export function DatasetStep({ conn, answers, loaded, done, back, exit, listLimit }: StepProps) {
  const [list, setList] = useState<DatasetDetails[] | undefined>();
  const [error, setError] = useState<unknown>();
  const preset = loaded.presetFrom?.dataset;

  useEffect(() => {
    let live = true;
    const api = conn!.personalize;
    const attributions: Promise<MetricAttribution[]> = api.listMetricAttributions ? api.listMetricAttributions(answers.datasetGroupArn!).catch(() => []) : Promise.resolve([]);
    (async () => {
      if (preset && answers.datasetArn) {
        const ds = await api.describeDataset(answers.datasetArn);
        const d = await datasetDetails(api, ds, answers.domain);
        if (!live) return;
        const blocked = datasetBlockedReason(ds);
        if (blocked) throw new Error(`Dataset ${ds.name} cannot take an import: ${blocked}`);
        done({ datasetName: ds.name, datasetType: ds.datasetType }, { details: d, attributions: await attributions }, { auto: true });
        return;
      }
      const ds = sortDatasets(await api.listDatasets(answers.datasetGroupArn!));
      const all = await Promise.all(ds.map((x) => datasetDetails(api, x, answers.domain)));
      if (live) setList(all);
    })().catch((e) => live && setError(e));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (error) {
    return (
      <Box flexDirection="column">
        <ErrorBox error={error} title={preset ? `The dataset from ${preset} could not be used` : 'Could not read the datasets'} />
        <Select items={[{ label: 'Go back', value: 'back' }, { label: 'Quit', value: 'quit' }]} onBack={back} onSelect={(v) => (v === 'back' ? back() : exit(2))} />
        <KeyHints hints={['Enter choose', 'Esc back', 'Ctrl-C quit']} />
      </Box>
    );
  }
  if (!list) return <Spinner label={preset ? `Reading the dataset from ${preset}…` : 'Reading datasets, schemas and import history…'} />;
  if (!list.length) {
    return (
      <Box flexDirection="column">
        <Text color="yellow">Dataset group {answers.datasetGroupName} has no datasets yet.</Text>
        <Text wrap="wrap">Create a schema and a dataset in it (console: the group → Datasets → Create dataset, or `aws personalize create-dataset`), then run this again.</Text>
        <Select items={[{ label: 'Pick another dataset group', value: 'back' }, { label: 'Quit', value: 'quit' }]} onBack={back} onSelect={(v) => (v === 'back' ? back() : exit(2))} />
        <KeyHints hints={['Enter choose', 'Esc back', 'Ctrl-C quit']} />
      </Box>
    );
  }
  const initial = Math.max(0, list.findIndex((d) => d.dataset.arn === answers.datasetArn && !datasetBlockedReason(d.dataset)), list.findIndex((d) => !datasetBlockedReason(d.dataset)));
  const w = Math.max(...list.map((d) => d.dataset.name.length));
  return (
    <Box flexDirection="column">
      <Select
        items={list.map((d) => ({
          label: `${d.dataset.datasetType.padEnd(12)} ${d.dataset.name.padEnd(w)}`,
          hint: d.dataset.status,
          value: d,
          disabled: datasetBlockedReason(d.dataset),
          details: [fieldsLine(d), lastJobLine(d)],
        }))}
        initialIndex={initial}
        limit={Math.max(3, listLimit - 2)}
        onBack={back}
        onSelect={(d) => {
          const api = conn!.personalize;
          const attr = api.listMetricAttributions ? api.listMetricAttributions(answers.datasetGroupArn!).catch(() => []) : Promise.resolve([]);
          void attr.then((attributions) =>
            done({ datasetArn: d.dataset.arn, datasetName: d.dataset.name, datasetType: d.dataset.datasetType }, { details: d, attributions, report: undefined, presetFrom: loaded.presetFrom?.upload ? { upload: loaded.presetFrom.upload } : {} }),
          );
        }}
      />
      <KeyHints hints={['↑↓ move', 'Enter choose', 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}

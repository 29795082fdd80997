// Step 2: every dataset group (all pages) with its type, status and creation date; type to filter.
import React, { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import type { DatasetGroup } from '../../../core/resources.js';
import { groupBlockedReason, groupKind, sortGroups } from '../../../flow/index.js';
import { Select } from '../components/Select.js';
import { Spinner } from '../components/Spinner.js';
import { KeyHints } from '../components/KeyHints.js';
import { ErrorBox, fmtDate } from './common.js';
import type { StepProps } from '../types.js';

export function GroupStep({ conn, answers, loaded, done, back, exit, listLimit }: StepProps) {
  const [groups, setGroups] = useState<DatasetGroup[] | undefined>();
  const [error, setError] = useState<unknown>();
  const preset = loaded.presetFrom?.group;

  useEffect(() => {
    let live = true;
    const api = conn!.personalize;
    if (preset && answers.datasetGroupArn) {
      api.describeDatasetGroup(answers.datasetGroupArn).then(
        (g) => live && done({ datasetGroupName: g.name, domain: g.domain }, { group: g }, { auto: true }),
        (e) => live && setError(e),
      );
      return () => {
        live = false;
      };
    }
    api.listDatasetGroups().then((gs) => live && setGroups(gs), (e) => live && setError(e));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const choose = async (g: DatasetGroup) => {
    try {
      const full = await conn!.personalize.describeDatasetGroup(g.arn);
      done({ datasetGroupArn: g.arn, datasetGroupName: g.name, domain: full.domain ?? g.domain, datasetArn: undefined }, { group: { ...g, ...full }, details: undefined, presetFrom: {} });
    } catch (e) {
      setError(e);
    }
  };

  if (error) {
    return (
      <Box flexDirection="column">
        <ErrorBox error={error} title={preset ? `The dataset group from ${preset} could not be read` : 'Could not list dataset groups'} />
        {/* the key hints under the menu, as on every other screen (#16 item 19) */}
        <Select items={[{ label: 'Go back', value: 'back' }, { label: 'Quit', value: 'quit' }]} onBack={back} onSelect={(v) => (v === 'back' ? back() : exit(3))} />
        <KeyHints hints={['Enter choose', 'Esc back', 'Ctrl-C quit']} />
      </Box>
    );
  }
  if (!groups) return <Spinner label={preset ? `Reading the dataset group from ${preset}…` : 'Reading dataset groups…'} />;
  if (!groups.length) {
    return (
      <Box flexDirection="column">
        <Text color="yellow">There are no dataset groups in {conn!.context.region ?? 'this region'} yet.</Text>
        <Text wrap="wrap">Create one first: in the console (Amazon Personalize → Create dataset group), or</Text>
        <Text>  aws personalize create-dataset-group --name my-group</Text>
        <Text wrap="wrap">then create a schema and a dataset in it, and run this again. Wrong region? Go back to step 1 and change it (or pass --region).</Text>
        <Select items={[{ label: 'Go back', value: 'back' }, { label: 'Quit', value: 'quit' }]} onBack={back} onSelect={(v) => (v === 'back' ? back() : exit(2))} />
        <KeyHints hints={['Enter choose', 'Esc back', 'Ctrl-C quit']} />
      </Box>
    );
  }
  const sorted = sortGroups(groups);
  const w = Math.min(32, Math.max(...sorted.map((g) => g.name.length)));
  const initial = Math.max(0, sorted.findIndex((g) => g.arn === answers.datasetGroupArn));
  return (
    <Box flexDirection="column">
      <Text dimColor>{sorted.length} dataset group{sorted.length > 1 ? 's' : ''} in {conn!.context.region}</Text>
      <Select
        items={sorted.map((g) => ({
          label: g.name.padEnd(w),
          hint: `${groupKind(g.domain).padEnd(26)} ${g.status.padEnd(8)} created ${fmtDate(g.createdAt)}`,
          value: g,
          disabled: groupBlockedReason(g),
        }))}
        initialIndex={initial}
        limit={listLimit}
        onSelect={(g) => void choose(g)}
        onBack={back}
      />
      <KeyHints hints={['↑↓ move', 'Enter choose', sorted.length > listLimit && 'type to filter', 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}

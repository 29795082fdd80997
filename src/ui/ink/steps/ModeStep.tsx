// Step 7: FULL or INCREMENTAL from the dataset's job history. No bulk data → FULL only, INCREMENTAL
// shown disabled with the reason. Bulk data → a real choice (the cursor starts on INCREMENTAL, the
// one that loses nothing), and FULL asks for the dataset's name typed to confirm.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import type { ImportMode } from '../../../core/resources.js';
import { fullConfirmationMatches, importModeRules } from '../../../flow/index.js';
import { failsForMode } from '../../../validate/modes.js';
import { Select } from '../components/Select.js';
import { TextInput } from '../components/TextInput.js';
import { KeyHints } from '../components/KeyHints.js';
import type { StepProps } from '../types.js';

export function ModeStep({ answers, loaded, done, back }: StepProps) {
  const rules = loaded.details?.rules ?? importModeRules([]);
  // the file judged for each mode (ValidateStep): a mode it fails for is not offered
  const byMode = loaded.reportsByMode;
  const failsFor = (m: ImportMode) => failsForMode(byMode, m);
  const choose = (m: ImportMode) => done({ importMode: m }, byMode ? { report: byMode[m] } : undefined);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [wrong, setWrong] = useState(false);
  const name = answers.datasetName ?? '';

  if (confirming) {
    return (
      <Box flexDirection="column">
        <Text color="yellow" wrap="wrap">FULL replaces ALL bulk data in {name}. {rules.options[0].description}</Text>
        <Text>Type the dataset’s name <Text bold>{name}</Text> to confirm:</Text>
        <TextInput
          value={typed}
          onChange={(v) => {
            setTyped(v);
            setWrong(false);
          }}
          onSubmit={(v) => (fullConfirmationMatches(v, name) ? choose('FULL') : setWrong(true))}
          onBack={() => {
            setConfirming(false);
            setTyped('');
          }}
        />
        {wrong ? <Text color="red">That is not the dataset’s name; nothing was chosen. Type {name} exactly, or Esc to choose again.</Text> : null}
        <KeyHints hints={['Enter confirm FULL', 'Esc choose again', 'Ctrl-C quit']} />
      </Box>
    );
  }
  const open = (m: ImportMode) => rules.options.some((o) => o.mode === m && o.enabled) && !failsFor(m);
  let initial = answers.importMode ? (answers.importMode === 'FULL' ? 0 : 1) : rules.hasBulkData ? 1 : 0;
  if (!open(rules.options[initial]?.mode ?? 'FULL')) initial = rules.options.findIndex((o) => open(o.mode));
  return (
    <Box flexDirection="column">
      {rules.hasBulkData ? (
        <Text wrap="wrap">{name} already holds bulk data (last import: {rules.lastActive?.name}). Choose how this file is added:</Text>
      ) : (
        <Text wrap="wrap">No bulk import into {name} has finished yet, so this one is FULL.</Text>
      )}
      {rules.running.length ? <Text color="yellow" wrap="wrap">Still running on this dataset: {rules.running.map((j) => `${j.name} (${j.status})`).join(', ')}. This job starts after it.</Text> : null}
      <Select<ImportMode>
        items={rules.options.map((o) => ({
          label: o.mode === 'FULL' ? (rules.hasBulkData ? 'FULL — replace the bulk data' : 'FULL — the first bulk import') : 'INCREMENTAL — add to the bulk data',
          value: o.mode,
          disabled: o.enabled ? failsFor(o.mode) : o.disabledReason,
          details: o.enabled && !failsFor(o.mode) ? [o.description] : undefined,
        }))}
        initialIndex={initial}
        onBack={back}
        onSelect={(m) => {
          const o = rules.options.find((x) => x.mode === m)!;
          if (o.needsConfirmation) setConfirming(true);
          else choose(m);
        }}
      />
      <KeyHints hints={['↑↓ move', 'Enter choose', 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}

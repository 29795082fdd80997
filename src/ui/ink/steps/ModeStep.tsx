// Step 7: FULL or INCREMENTAL from the dataset's job history (the choices are the machine's model,
// src/flow/machine/steps-job.ts, as in plain mode and `import`). No bulk data → FULL only, INCREMENTAL
// shown disabled with the reason. Bulk data → a real choice (the cursor starts on INCREMENTAL, the
// one that loses nothing), and FULL asks for the dataset's name typed to confirm.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import type { ImportMode } from '../../../core/resources.js';
import { sizeLimitMessage } from '../../../core/size-limit.js';
import { fullConfirmationMatches, importModeRules } from '../../../flow/index.js';
import { modeModel, replaceText } from '../../../flow/machine/index.js';
import { Select } from '../components/Select.js';
import { TextInput } from '../components/TextInput.js';
import { KeyHints } from '../components/KeyHints.js';
import type { StepProps } from '../types.js';

export function ModeStep({ answers, loaded, done, back }: StepProps) {
  const rules = loaded.details?.rules ?? importModeRules([]);
  // the file judged for each mode (ValidateStep): a mode it fails for is not offered
  const byMode = loaded.reportsByMode;
  const choose = (m: ImportMode) => done({ importMode: m }, byMode ? { report: byMode[m] } : undefined);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [wrong, setWrong] = useState(false);
  const name = answers.datasetName ?? '';
  // the question, choices (labels, disabled reasons, descriptions) and default: the machine's model,
  // the same plain mode and `import` use
  const model = modeModel({ answers, loaded: { details: loaded.details, reportsByMode: byMode }, presetFrom: {} });

  if (confirming) {
    return (
      <Box flexDirection="column">
        {/* said once, as plain mode and import say it (it said the same thing twice: #16 item 19) */}
        <Text color="yellow" wrap="wrap">{replaceText({ answers, loaded: { details: loaded.details } })} Records imported one by one are kept.</Text>
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
  const choices = model.choices ?? [];
  const initial = Math.max(0, choices.findIndex((c) => c.value === model.default));
  return (
    <Box flexDirection="column">
      {model.lines.map((l, i) => <Text key={i} color={l.tone === 'warn' ? 'yellow' : undefined} wrap="wrap">{l.text}</Text>)}
      <Select<ImportMode>
        items={choices.map((c) => ({
          label: c.label,
          value: c.value as ImportMode,
          // the uploaded file over a mode's size limit (exact bytes): that mode is not offered
          disabled: c.disabled ?? (loaded.upload ? sizeLimitMessage(loaded.upload.bytes, c.value as ImportMode, 'The uploaded file') : undefined),
          details: c.disabled || !c.description ? undefined : [c.description],
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

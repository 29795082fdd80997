// Save: offer to save (or update) a profile with region, AWS profile name, group, dataset,
// bucket, prefix and role — never credentials.
import React, { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import { PROFILE_NAME, type SavedProfile } from '../../../profiles/store.js';
import { Select } from '../components/Select.js';
import { TextInput } from '../components/TextInput.js';
import { KeyHints } from '../components/KeyHints.js';
import { jobSummary } from '../job-summary.js';
import type { StepProps } from '../types.js';
import { holdsSame } from '../../../profiles/same.js';

export function suggestProfileName(groupName: string | undefined, sandbox: boolean | undefined): string {
  const base = (groupName ?? 'import').replace(/[^A-Za-z0-9_-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 50) || 'import';
  return sandbox ? `${base}` : base;
}

export function SaveStep({ services, conn, answers, loaded, exit }: StepProps) {
  const store = services.profiles;
  const [custom, setCustom] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const name = answers.profileName ?? suggestProfileName(answers.datasetGroupName, conn?.context.sandbox);
  const flag = conn?.context.sandbox ? ' --sandbox' : '';
  // saved or not, the run ends with the job's summary (it stays in the scrollback)
  const summary = jobSummary(answers, loaded, conn);

  useEffect(() => {
    if (!store) exit(0, summary);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (!store) return null;

  const fields = (n: string): Omit<SavedProfile, 'updatedAt'> => ({
    name: n, region: conn?.context.region ?? answers.region, awsProfile: conn?.context.sandbox ? undefined : (conn?.context.profile ?? answers.awsProfile),
    sandbox: conn?.context.sandbox ? true : undefined, datasetGroupArn: answers.datasetGroupArn!, datasetGroupName: answers.datasetGroupName,
    datasetArn: answers.datasetArn!, datasetName: answers.datasetName, datasetType: answers.datasetType,
    bucket: answers.bucket, prefix: answers.prefix, roleArn: answers.roleArn,
  });
  const save = (n: string) => {
    try {
      const p: Omit<SavedProfile, 'updatedAt'> = {
        name: n, region: conn?.context.region ?? answers.region, awsProfile: conn?.context.sandbox ? undefined : (conn?.context.profile ?? answers.awsProfile),
        sandbox: conn?.context.sandbox ? true : undefined, datasetGroupArn: answers.datasetGroupArn!, datasetGroupName: answers.datasetGroupName,
        datasetArn: answers.datasetArn!, datasetName: answers.datasetName, datasetType: answers.datasetType,
        bucket: answers.bucket, prefix: answers.prefix, roleArn: answers.roleArn,
      };
      store.save(p);
      exit(0, [`Saved profile ${n}. Next time: personalize-import --profile ${n}${flag}`, ...summary]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  if (custom !== undefined) {
    return (
      <Box flexDirection="column">
        <Text>Profile name:</Text>
        <TextInput value={custom} onChange={(v) => { setCustom(v); setError(undefined); }} onSubmit={(v) => (PROFILE_NAME.test(v.trim()) ? save(v.trim()) : setError('Use letters, digits, "-" and "_" (up to 64).'))} onBack={() => setCustom(undefined)} />
        {error ? <Text color="red">✖ {error}</Text> : null}
        <KeyHints hints={['Enter save', 'Esc back', 'Ctrl-C quit without saving']} />
      </Box>
    );
  }
  const existing = store.get(name);
  const exists = Boolean(existing);
  // the saved profile already holds exactly these answers: nothing to update, say so
  const unchanged = holdsSame(existing, fields(name));
  return (
    <Box flexDirection="column">
      <Text wrap="wrap">A profile keeps the region, dataset group, dataset, bucket, prefix and role — never credentials. Next time: personalize-import --profile {name}{flag}</Text>
      <Select
        items={[
          unchanged ? { label: `Done (profile “${name}” already holds these answers)`, value: 'skip' } : { label: exists ? `Update profile “${name}”` : `Save as profile “${name}”`, value: 'save' },
          { label: 'Save under another name…', value: 'other' },
          ...(unchanged ? [] : [{ label: 'Don’t save', value: 'skip' }]),
        ]}
        onSelect={(v) => (v === 'save' ? save(name) : v === 'other' ? setCustom('') : exit(0, summary))}
      />
      {error ? <Text color="red">✖ {error}</Text> : null}
      <KeyHints hints={['↑↓ move', 'Enter choose', 'Ctrl-C quit']} />
    </Box>
  );
}

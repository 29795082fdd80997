// Step 8: the job's name (suggested, checked against the service's pattern and the dataset's job
// names), the IAM role (profile → dataset group → sandbox, or typed; checked against the ARN
// pattern), optional tags, and attribution metrics when the group has a metric attribution.
import React, { useMemo, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { checkJobName, checkRoleArn, defaultRole, parseTags, suggestJobName, formatTags } from '../../../flow/index.js';
import { TextInput } from '../components/TextInput.js';
import { KeyHints } from '../components/KeyHints.js';
import type { StepProps } from '../types.js';

type Field = 'name' | 'role' | 'tags' | 'attr';

export function JobStep({ services, conn, answers, loaded, done, back }: StepProps) {
  const existing = useMemo(() => (loaded.details?.jobs ?? []).map((j) => j.name), [loaded.details]);
  const role = defaultRole({ profileRole: loaded.profile?.roleArn ?? answers.roleArn, group: loaded.group, sandboxRole: conn?.context.roleArn });
  const hasAttribution = (loaded.attributions ?? []).length > 0;
  const fields: Field[] = hasAttribution ? ['name', 'role', 'tags', 'attr'] : ['name', 'role', 'tags'];
  const [focus, setFocus] = useState<Field>('name');
  // the name this screen proposed: kept as is, it may take a random suffix on a clash at create (src/job/name.ts); a typed one never changes
  const [suggested] = useState(() => (answers.jobName && answers.jobNameGenerated ? answers.jobName : suggestJobName(answers.datasetName ?? 'import', (services.now ?? (() => new Date()))(), existing)));
  const [name, setName] = useState(answers.jobName ?? suggested);
  const [roleArn, setRoleArn] = useState(answers.roleArn ?? role?.roleArn ?? '');
  const [tags, setTags] = useState(answers.tags && Object.keys(answers.tags).length ? formatTags(answers.tags) : '');
  const [attr, setAttr] = useState(answers.publishAttributionMetrics ?? false);
  const [tried, setTried] = useState(false);

  const errors: Partial<Record<Field, string>> = {
    name: checkJobName(name.trim(), existing),
    role: checkRoleArn(roleArn),
    tags: parseTags(tags).error,
  };
  const submit = () => {
    setTried(true);
    const bad = fields.find((f) => errors[f]);
    if (bad) return setFocus(bad);
    done({ jobName: name.trim(), jobNameGenerated: name.trim() === suggested, roleArn: roleArn.trim(), tags: parseTags(tags).tags, ...(hasAttribution ? { publishAttributionMetrics: attr } : {}) });
  };
  const move = (d: number) => setFocus(fields[(fields.indexOf(focus) + d + fields.length) % fields.length]);
  useInput((input, key) => {
    if (key.tab || key.downArrow) return move(key.shift ? -1 : 1);
    if (key.upArrow) return move(-1);
    if (focus === 'attr') {
      if (input === ' ') setAttr((a) => !a);
      if (key.return) submit();
      if (key.escape) back();
    }
  });

  const show = (f: Field) => (tried || f !== focus) && errors[f];
  // the focused field is marked with ❯ as well as colour (NO_COLOR terminals see it too)
  // a fixed-width box, not trailing spaces: Ink measures a text without its trailing spaces, so a
  // padded label left the field one column too wide and a long role wrapped its last letter (#16 item 8)
  const label = (f: Field, text: string) => (
    <Box width={13} flexShrink={0}>
      <Text color={focus === f ? 'cyan' : undefined} bold={focus === f}>{`${focus === f ? '❯ ' : '  '}${text}`}</Text>
    </Box>
  );
  return (
    <Box flexDirection="column">
      <Box>
        {label('name', 'Job name')}
        <TextInput prompt="" value={name} onChange={setName} onSubmit={submit} onBack={back} isActive={focus === 'name'} />
      </Box>
      {show('name') ? <Text color="red">{'             '}✖ {errors.name}</Text> : null}
      <Box>
        {label('role', 'IAM role')}
        <TextInput prompt="" value={roleArn} onChange={setRoleArn} onSubmit={submit} onBack={back} isActive={focus === 'role'} placeholder="arn:aws:iam::123456789012:role/PersonalizeS3Access" />
      </Box>
      {show('role') ? <Text color="red" wrap="wrap">{'             '}✖ {errors.role}</Text> : role && roleArn === role.roleArn ? <Text dimColor>{'             '}from the {role.from}</Text> : null}
      <Box>
        {label('tags', 'Tags')}
        <TextInput prompt="" value={tags} onChange={setTags} onSubmit={submit} onBack={back} isActive={focus === 'tags'} placeholder="optional: team=search, env=prod" />
      </Box>
      {show('tags') ? <Text color="red">{'             '}✖ {errors.tags}</Text> : null}
      {hasAttribution ? (
        <Box>
          {label('attr', 'Metrics')}
          <Text>[{attr ? 'x' : ' '}] publish attribution metrics for this import to S3 <Text dimColor>(Space toggles)</Text></Text>
        </Box>
      ) : null}
      <KeyHints hints={['Enter review', 'Tab/↑↓ next field', 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}

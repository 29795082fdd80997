// Step 1: where the import goes — region, AWS profile, account as far as known (no STS call);
// saved profiles offered first. Also the "no credentials" screen, which offers the sandbox.
import React, { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import { Select, type SelectItem } from '../components/Select.js';
import { Spinner } from '../components/Spinner.js';
import { KeyHints, moveHint } from '../components/KeyHints.js';
import { ErrorBox } from './common.js';
import type { SavedProfile } from '../../../profiles/store.js';
import type { Connected, StepProps } from '../types.js';
import type { Answers } from '../../../flow/index.js';
import { regionChoices } from '../../../flow/regions.js';
import { visible } from '../../../core/sanitize.js';

type Phase = { k: 'connecting'; label: string } | { k: 'no-creds'; message: string; hint?: string } | { k: 'error'; error: unknown } | { k: 'ready' };

export function profileAnswers(p: SavedProfile): Partial<Answers> {
  return {
    profileName: p.name, datasetGroupArn: p.datasetGroupArn, datasetGroupName: p.datasetGroupName, datasetArn: p.datasetArn,
    datasetName: p.datasetName, datasetType: p.datasetType, bucket: p.bucket, prefix: p.prefix, roleArn: p.roleArn,
    ...(p.region ? { region: p.region } : {}), ...(p.awsProfile ? { awsProfile: p.awsProfile } : {}),
  };
}

export function WhereStep(props: StepProps) {
  const { services, conn, answers, done, exit, setConn } = props;
  const [phase, setPhase] = useState<Phase>(conn ? { k: 'ready' } : { k: 'connecting', label: answers.sandbox ? 'Starting the local sandbox…' : 'Looking for AWS credentials…' });
  const [sandbox, setSandbox] = useState(Boolean(answers.sandbox));
  // the region list (#16 item 7): shown at once when the credentials come without a region, or on "Change region"
  const [pickRegion, setPickRegion] = useState(false);

  const connect = async (sb: boolean, region = answers.region, awsProfile = answers.awsProfile): Promise<Connected | undefined> => {
    try {
      if (!sb && services.checkCredentials) {
        setPhase({ k: 'connecting', label: 'Looking for AWS credentials…' });
        const c = await services.checkCredentials({ sandbox: false, region, awsProfile });
        if (!c.ok) {
          setPhase({ k: 'no-creds', message: c.message, hint: c.hint });
          return undefined;
        }
      }
      setPhase({ k: 'connecting', label: sb ? 'Starting the local sandbox…' : 'Connecting to AWS…' });
      const c = await services.connect({ sandbox: sb, region, awsProfile });
      setConn(c);
      setPhase({ k: 'ready' });
      return c;
    } catch (e) {
      setPhase({ k: 'error', error: e });
      return undefined;
    }
  };

  useEffect(() => {
    if (conn) return;
    void connect(sandbox).then((c) => {
      if (!c || !answers.profileName) return;
      // --profile: this step is answered
      const p = services.profiles?.get(answers.profileName);
      if (p) applyProfile(p, c, true);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const applyProfile = (p: SavedProfile, c: Connected, auto: boolean) => {
    const from = `profile ${p.name}`;
    done({ ...profileAnswers(p), region: c.context.region ?? p.region, sandbox: c.context.sandbox }, {
      profile: p,
      presetFrom: { group: from, dataset: from, ...(p.bucket ? { upload: from } : {}) },
      report: undefined, upload: undefined, details: undefined, group: undefined,
    }, { auto });
  };

  if (phase.k === 'connecting') return <Spinner label={phase.label} />;
  if (phase.k === 'error') {
    return (
      <Box flexDirection="column">
        <ErrorBox error={phase.error} />
        <Select items={[{ label: 'Try again', value: 'retry' }, { label: 'Use the local sandbox instead (no AWS account needed)', value: 'sandbox' }, { label: 'Quit', value: 'quit' }]} onSelect={(v) => {
          if (v === 'quit') return exit(3);
          const sb = v === 'sandbox' || sandbox;
          setSandbox(sb);
          void connect(sb);
        }} />
        <KeyHints hints={['↑↓ move', 'Enter choose', 'Ctrl-C quit']} />
      </Box>
    );
  }
  if (phase.k === 'no-creds') {
    return (
      <Box flexDirection="column">
        <Text color="yellow" wrap="wrap">{/^no aws credentials/i.test(phase.message) ? phase.message : `No AWS credentials found: ${phase.message}`}</Text>
        <Text wrap="wrap">Provide them with `aws configure` (or `aws sso login`), AWS_PROFILE / --aws-profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; then run this again. Or try everything on a local sandbox first:</Text>
        <Box marginTop={1}>
          <Select items={[{ label: 'Try the local sandbox (no AWS account needed)', value: 'sandbox' }, { label: 'Quit', value: 'quit' }]} onSelect={(v) => {
            if (v === 'quit') return exit(3, ['No AWS credentials found. Run `aws configure` or set AWS_PROFILE, or try: personalize-import --sandbox']);
            setSandbox(true);
            void connect(true);
          }} />
        </Box>
        <KeyHints hints={['↑↓ move', 'Enter choose', 'Ctrl-C quit']} />
      </Box>
    );
  }
  const c = conn!;
  const ctx = c.context;
  if (!ctx.sandbox && (pickRegion || !ctx.region)) {
    return (
      <Box flexDirection="column">
        <Text wrap="wrap">{ctx.region ? `Region now ${ctx.region}. Pick the region to import into:` : 'Your AWS configuration names no region. Pick the region to import into (Amazon Personalize regions):'}</Text>
        <Box marginTop={1} flexDirection="column">
          <Select
            items={regionChoices(ctx.region).map((r) => ({ label: r.label, value: r.value, hint: r.description }))}
            limit={props.listLimit}
            onBack={ctx.region ? () => setPickRegion(false) : undefined}
            onSelect={(r) => {
              setPickRegion(false);
              // the chosen region for the rest of the run (and in the saved profile)
              if (r !== ctx.region) void connect(false, r, answers.awsProfile);
            }}
          />
        </Box>
        <KeyHints hints={['↑↓ move', 'Enter choose', ctx.region && 'Esc keep the region', 'Ctrl-C quit']} />
      </Box>
    );
  }
  const profiles = (services.profiles?.list() ?? []).filter((p) => Boolean(p.sandbox) === Boolean(ctx.sandbox));
  const items: SelectItem<SavedProfile | 'fresh' | 'region'>[] = [
    ...profiles.map((p) => ({
      label: `Use profile ${p.name}: ${p.datasetGroupName ?? p.datasetGroupArn.split('/').pop()} → ${p.datasetName ?? p.datasetArn.split('/').pop()}`,
      value: p as SavedProfile | 'fresh' | 'region',
      // the whole line (bucket, role) under the highlighted profile: it does not fit 80 columns in one
      details: [`uploads to ${p.bucket ? `s3://${p.bucket}/${p.prefix ?? ''}` : '(no bucket saved)'} · role ${p.roleArn ? p.roleArn.split('/').pop() : '(none saved)'}`],
    })),
    { label: profiles.length ? 'Start a new import without a profile' : 'Continue', value: 'fresh' },
    ...(ctx.sandbox ? [] : [{ label: `Change region (now ${ctx.region})`, value: 'region' as const }]),
  ];
  return (
    <Box flexDirection="column">
      <Text>
        <Text dimColor>Region      </Text>
        {ctx.region}
      </Text>
      {ctx.endpointOverride && !ctx.sandbox ? (
        // AWS_ENDPOINT_URL(_PERSONALIZE) set (a sandbox's --print-env, LocalStack, a VPC endpoint): where
        // the calls go, said before anything is read there — plain mode says it too
        <Text wrap="wrap">
          <Text dimColor>Endpoint    </Text>
          {visible(ctx.endpointOverride)}
          <Text dimColor> (set in the environment, not AWS's default)</Text>
        </Text>
      ) : null}
      <Text>
        <Text dimColor>Credentials </Text>
        {ctx.sandbox ? 'local sandbox (nothing leaves this machine)' : ctx.profile ? `AWS profile ${ctx.profile}` : 'default chain (environment, SSO, instance role)'}
      </Text>
      <Text>
        <Text dimColor>Account     </Text>
        {ctx.accountId ?? <Text dimColor>shown once a dataset group is read (no STS call made)</Text>}
      </Text>
      <Text dimColor wrap="wrap">Nothing is created or uploaded before you confirm it; Esc goes back one step.</Text>
      <Box marginTop={1} flexDirection="column">
        {profiles.length ? <Text>Saved profiles:</Text> : null}
        <Select items={items} limit={props.listLimit} onSelect={(v) => {
          if (v === 'region') return setPickRegion(true);
          if (v === 'fresh') {
            done({ region: ctx.region, sandbox: ctx.sandbox, profileName: undefined, datasetGroupArn: undefined, datasetArn: undefined, bucket: undefined, prefix: undefined, roleArn: undefined },
              { presetFrom: {}, profile: undefined, report: undefined, upload: undefined, details: undefined, group: undefined });
            return;
          }
          if (!ctx.sandbox && v.region && v.region !== ctx.region) {
            void connect(false, v.region, v.awsProfile ?? answers.awsProfile).then((c2) => c2 && applyProfile(v, c2, false));
            return;
          }
          applyProfile(v, c, false);
        }} />
      </Box>
      <KeyHints hints={[moveHint(items.length), 'Enter choose', 'Ctrl-C quit']} />
    </Box>
  );
}

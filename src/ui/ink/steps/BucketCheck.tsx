// The upload screen's bucket check (issue #13 part 3): drawn from the step machine's own steps
// (bucket-check, bucket-fix, bucket-fix-apply in src/flow/machine/steps-access.ts), so the wizard
// says and does what plain mode does. Runs before anything is uploaded; a FAIL offers "Fix it for
// me" (the change shown, then a yes) or another bucket. Long policies are shown compacted to fit.
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { normalisePrefix, s3KeyFor } from '../../../flow/index.js';
import { newState, type FlowEvent, type FlowPorts, type FlowState, type StepModel } from '../../../flow/machine/index.js';
import { bucketCheckStep, bucketFixApplyStep, bucketFixStep } from '../../../flow/machine/steps-access.js';
import type { Line } from '../../../flow/machine/types.js';
import { Select } from '../components/Select.js';
import { Spinner } from '../components/Spinner.js';
import { KeyHints } from '../components/KeyHints.js';
import { ErrorBox } from './common.js';
import type { StepProps } from '../types.js';

const COLOR: Partial<Record<NonNullable<Line['tone']>, string>> = { ok: 'green', warn: 'yellow', error: 'red' };

/** Lines for a small screen: the JSON of a statement (dim) or a policy diff's added lines joined into one wrapped line. */
function compact(m: StepModel): Line[] {
  const out: Line[] = [];
  let json: string[] = [];
  let kept = 0;
  const flush = () => {
    if (json.length) out.push({ text: json.join(' ').replace(/\s+/g, ' '), tone: 'dim' });
    if (kept) out.push({ text: `(${kept} lines of the existing policy kept as they are)`, tone: 'dim' });
    json = [];
    kept = 0;
  };
  for (const l of m.lines) {
    const t = l.text.trim();
    if (l.tone === 'dim' || t.startsWith('+ ')) json.push(t.replace(/^\+ /, ''));
    else if (/^ {6} {2}/.test(l.text)) kept++;
    else if (t.startsWith('$ ')) continue;
    else {
      flush();
      out.push(l);
    }
  }
  flush();
  return out;
}

export interface BucketCheckProps extends Pick<StepProps, 'conn' | 'answers' | 'loaded' | 'listLimit'> {
  bucket: string;
  prefix: string;
  /** the bucket passes (or the user continues with it): upload */
  onReady(): void;
  /** another bucket */
  onOther(): void;
  onBack(): void;
}

export function BucketCheck({ conn, answers, loaded, listLimit, bucket, prefix, onReady, onOther, onBack }: BucketCheckProps) {
  const [model, setModel] = useState<StepModel | undefined>();
  const [notes, setNotes] = useState<Line[]>([]);
  const [busy, setBusy] = useState<string | undefined>(`Checking s3://${bucket}/ for Personalize (region, policy, encryption)…`);
  const [error, setError] = useState<unknown>();
  const ac = useRef(new AbortController());
  const st = useRef<FlowState | undefined>(undefined);
  if (!st.current) {
    st.current = newState({ ...answers, bucket, prefix: normalisePrefix(prefix), key: s3KeyFor(prefix, (answers.source as { path: string }).path) });
    st.current.loaded.group = loaded.group;
  }
  const s = st.current;
  const p = { personalize: conn!.personalize, s3: conn!.s3, context: conn!.context, accessSetup: conn!.accessSetup, cwd: '', now: () => new Date(), ...(loaded.profile?.roleArn ? { profileRole: loaded.profile.roleArn } : {}) } as FlowPorts;
  const ctx = { signal: ac.current.signal, emit: (e: FlowEvent) => { if (e.type === 'note') setNotes((n) => [...n, { text: e.text, tone: e.tone }]); } };

  const guard = (f: () => Promise<void>) => f().catch((e) => { setBusy(undefined); setError(e); });
  const check = () => guard(async () => {
    setBusy(`Checking s3://${bucket}/ for Personalize (region, policy, encryption)…`);
    await bucketCheckStep.run!(s, p, ctx);
    if (!s.loaded.access?.failed) return onReady();
    setNotes([]);
    setModel(await bucketFixStep.model(s, p));
    setBusy(undefined);
  });
  useEffect(() => {
    void check();
    const c = ac.current;
    return () => c.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const pick = (v: string) => guard(async () => {
    const m = model!;
    setError(undefined);
    if (m.id === 'bucket-fix') {
      const t = await bucketFixStep.answer!(s, v, p, ctx);
      if (t && 'goto' in t && t.goto === 'bucket') return onOther();
      if (v === 'keep') return onReady();
      setNotes([]);
      setModel(await bucketFixApplyStep.model(s, p));
      return;
    }
    setBusy(v === 'yes' ? `Changing the policy of ${bucket}…` : undefined);
    const t = await bucketFixApplyStep.answer!(s, v, p, ctx);
    if (t && 'goto' in t && t.goto === 'bucket-check') return check();
    setModel(await bucketFixStep.model(s, p));
    setBusy(undefined);
  });

  const noteView = notes.map((l, i) => <Text key={i} color={COLOR[l.tone ?? 'plain']} dimColor={l.tone === 'dim'} wrap="wrap">{l.text}</Text>);
  if (busy || !model) {
    return (
      <Box flexDirection="column">
        {noteView}
        {error ? <ErrorBox error={error} title="The bucket could not be checked" /> : <Spinner label={busy ?? ''} />}
        {error ? <KeyHints hints={['Esc back to the bucket', 'Ctrl-C quit']} /> : null}
        {error ? <Select items={[{ label: 'Back to the bucket', value: 'back' }]} onSelect={onBack} onBack={onBack} /> : null}
      </Box>
    );
  }
  const items = (model.choices ?? []).map((c) => ({ label: c.label, value: c.value, ...(c.description ? { hint: c.description } : {}), ...(c.disabled ? { disabled: c.disabled } : {}) }));
  const initial = Math.max(0, items.findIndex((i) => i.value === model.default));
  return (
    <Box flexDirection="column">
      {error ? <ErrorBox error={error} title="Not changed" /> : null}
      {noteView}
      {compact(model).map((l, i) => <Text key={`l${i}`} color={COLOR[l.tone ?? 'plain']} dimColor={l.tone === 'dim'} wrap="wrap">{l.text}</Text>)}
      <Text bold wrap="wrap">{model.question}</Text>
      <Select key={model.id} items={items} initialIndex={initial} limit={listLimit} onSelect={(v) => void pick(v)} onBack={model.id === 'bucket-fix' ? onBack : () => void pick('no')} />
      <KeyHints hints={['↑↓ move', 'Enter choose', model.id === 'bucket-fix' ? 'Esc back to the prefix' : 'Esc change nothing', 'Ctrl-C quit']} />
    </Box>
  );
}

// The guided import. Step 1 (Where: connect, region, a saved profile) is drawn here, before the
// step machine starts; after it the Ink face of the machine (face/FlowScreen.tsx) draws every step
// by its kind while drive() decides the sequence, the branches, Esc and the presets. Ctrl-C stops
// (an upload is aborted first; a running job is left running, with the command to follow it).
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useStdout } from 'ink';
import { KeyRelay, useKeys } from './keys.js';
// Only what step 1 draws is imported here (no barrels: src/flow/index.js or the machine would pull
// the validator, the schema parser and more); the rest loads right after the first frame (issue 17).
import { stepInfo } from '../../flow/steps.js';
import type { Answers } from '../../flow/plan.js';
import type { FlowEnd, FlowState } from '../../flow/machine/types.js';
import { whatHappened } from '../../flow/machine/base.js';
import type { SavedProfile } from '../../profiles/store.js';
import type { Connected, StepProps, WizardServices } from './types.js';
import { WhereStep } from './steps/WhereStep.js';
import { Spinner } from './components/Spinner.js';
import { Header, type Answered } from './chrome.js';
import { laterSteps, loadLaterSteps } from './later-steps.js';

// React and Ink's render, for the wizard command: it imports this module alone before its first frame
// (one entry of the bundle instead of three, each with chunks of its own: fewer ES modules to load)
export { React };
// (keys.tsx's render: Ink's, counting the frames written, so a screen takes keys once it is drawn)
export { render } from './keys.js';
// the gate of the stream Ink is given, for the face (settle-gate.ts)
export { Settle } from './settle-context.js';

export interface WizardProps {
  services: WizardServices;
  /** answers from flags (region, awsProfile, sandbox) */
  initial: Answers;
  /** a saved profile to start from (--profile) */
  profileName?: string;
  /** lines: what the run ends with; printed: already in the scrollback (<Static>), the live area left empty */
  onExit(code: number, lines?: string[], o?: { printed?: boolean }): void;
}

type Phase = { k: 'where' } | { k: 'flow'; n: number } | { k: 'records'; end: FlowEnd; state: FlowState };

/** Step 1's answer, the first line of the summary above the machine's steps. */
function whereLine(a: Answers, c: Connected): Answered {
  const ctx = c.context;
  const bits = [ctx.region ?? a.region ?? '(no region)', ctx.sandbox ? 'sandbox' : ctx.profile || a.awsProfile ? `AWS profile ${ctx.profile ?? a.awsProfile}` : undefined, a.profileName ? `saved profile ${a.profileName}` : undefined];
  return { step: 'where', label: 'Where', value: bits.filter(Boolean).join(' · ') };
}

/** The wizard inside the key relay (keys.tsx): each screen takes keys from the commit that draws it. */
export function Wizard(props: WizardProps) {
  return (
    <KeyRelay>
      <WizardScreens {...props} />
    </KeyRelay>
  );
}

function WizardScreens({ services, initial, profileName, onExit }: WizardProps) {
  const { stdout } = useStdout();
  const rows = stdout?.rows ?? 24;
  const columns = stdout?.columns ?? 80;
  const [phase, setPhase] = useState<Phase>({ k: 'where' });
  const [answers, setAnswers] = useState<Answers>({ ...initial, ...(profileName ? { profileName } : {}) });
  const [profile, setProfile] = useState<SavedProfile | undefined>();
  const [conn, setConn] = useState<Connected | undefined>();
  // the later code, loaded once step 1 is on screen; a render follows when it is in
  const [later, setLater] = useState(() => laterSteps());
  useEffect(() => {
    if (later) return;
    const t = setImmediate(() => void loadLaterSteps().then(setLater));
    return () => clearImmediate(t);
  }, [later]);
  const interrupt = useRef<(() => void) | undefined>(undefined);
  const exited = useRef(false);

  const exit = useCallback((code: number, lines?: string[], o?: { printed?: boolean }) => {
    if (exited.current) return;
    exited.current = true;
    onExit(code, lines, o);
  }, [onExit]);

  useKeys((input, key) => {
    if (key.ctrl && input === 'c') {
      if (interrupt.current) return interrupt.current();
      exit(130, ['Stopped.', ...whatHappened({ loaded: {} })]);
    }
  });

  // Where answered: the machine starts (again, after an Esc back to Where)
  const done = useCallback<StepProps['done']>((patch, more) => {
    setAnswers((a) => ({ ...a, ...patch }));
    setProfile(more?.profile);
    setPhase((p) => ({ k: 'flow', n: p.k === 'flow' ? p.n + 1 : Date.now() }));
  }, []);
  const flow = useMemo(() => (phase.k === 'flow' && later && conn ? later.flowFor(services, conn, answers, profile) : undefined), [phase, later]); // eslint-disable-line react-hooks/exhaustive-deps
  const onInterrupt = useCallback((h: (() => void) | undefined) => {
    interrupt.current = h;
  }, []);
  const notice = services.notice ? <Text color="yellow" wrap="truncate-end">{services.notice}</Text> : null;

  if (phase.k === 'where' || !conn) {
    const info = stepInfo('where', conn?.context);
    const listLimit = Math.max(3, Math.min(12, rows - 14));
    return (
      <Box flexDirection="column">
        {notice}
        <Header screen="where" title={info.title} purpose={info.purpose} gap={false} />
        <Box marginTop={1} flexDirection="column">
          <WhereStep services={services} conn={conn} answers={answers} loaded={{}} listLimit={listLimit} columns={columns} done={done} back={() => {}} exit={exit} setConn={setConn} onInterrupt={onInterrupt} />
        </Box>
      </Box>
    );
  }
  if (!later || (phase.k === 'flow' && !flow)) return <Spinner label="Loading…" />;
  if (phase.k === 'records') {
    const s = phase.state;
    const ind = phase.end.individually!;
    return (
      <Box flexDirection="column">
        <Header screen="upload" title="Record by record" purpose="The records go straight into the dataset: no S3, no role, no import job." gap={false} />
        <Box marginTop={1} flexDirection="column">
          <later.RecordsRun services={services} conn={conn} file={ind.file} datasetArn={ind.datasetArn} datasetType={s.answers.datasetType!} datasetGroupArn={s.answers.datasetGroupArn!} datasetName={s.answers.datasetName} schema={s.loaded.details!.schema!} report={s.loaded.report} hasBulkData={s.loaded.details?.rules.hasBulkData} domain={s.answers.domain} exit={exit} onInterrupt={onInterrupt} />
        </Box>
      </Box>
    );
  }
  return (
    <later.FlowScreen
      key={phase.n}
      ports={flow!.ports}
      state={flow!.state}
      lead={[whereLine(answers, conn)]}
      notice={services.notice}
      onInterrupt={onInterrupt}
      onBackOut={() => setPhase({ k: 'where' })}
      onRecords={(end, state) => setPhase({ k: 'records', end, state })}
      exit={exit}
    />
  );
}

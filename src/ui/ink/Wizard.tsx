// The guided import: one screen per step of src/flow, answered steps summarised above the current
// one, a footer that always says what to press. Esc goes back one step; Ctrl-C stops (an upload is
// aborted first; a running job is left running, with the command to follow it).
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Static, Text, useInput, useStdout } from 'ink';
// Only what step 1 draws is imported here (no barrels: src/flow/index.js would pull the validator,
// the schema parser and more); the later steps load right after the first frame (issue 17).
import { stepInfo, stepNumber, type StepId } from '../../flow/steps.js';
import { describeSource, type Answers } from '../../flow/plan.js';
import { whatHappened } from '../../flow/machine/base.js';
import { formatBytes } from '../../flow/run.js';
import { validatedText } from '../../flow/verdict.js';
import { visible } from '../../core/sanitize.js';
import { STEP_ORDER, type Connected, type Loaded, type StepProps, type WizardServices } from './types.js';
import { WhereStep } from './steps/WhereStep.js';
import { Spinner } from './components/Spinner.js';
import { later, laterSteps, loadLaterSteps, type StepView } from './later-steps.js';
import { jobSummary } from './job-summary.js';

export interface WizardProps {
  services: WizardServices;
  /** answers from flags (region, awsProfile, sandbox) */
  initial: Answers;
  /** a saved profile to start from (--profile) */
  profileName?: string;
  onExit(code: number, lines?: string[]): void;
}

/** a later step whose code is still loading (seen only if Enter comes before it has loaded) */
const Loading: StepView = () => <Spinner label="Loading…" />;

/** One line per answered step, for the summary above the current screen. */
export function summaryLines(a: Answers, l: Loaded, upTo: StepId): { label: string; value: string; from?: string }[] {
  const out: { label: string; value: string; from?: string }[] = [];
  const before = (s: StepId) => STEP_ORDER.indexOf(s) < STEP_ORDER.indexOf(upTo);
  const from = (s: StepId) => l.presetFrom?.[s];
  if (before('where')) {
    // the account, once an ARN has told us (no STS call is made for it)
    const account = /^arn:[^:]+:personalize:[^:]*:(\d{12}):/.exec(a.datasetGroupArn ?? '')?.[1];
    const bits = [a.region ?? '(no region)', account ? `account ${account}` : undefined, a.sandbox ? 'sandbox' : a.awsProfile ? `AWS profile ${a.awsProfile}` : undefined, a.profileName ? `saved profile ${a.profileName}` : undefined];
    out.push({ label: 'Where', value: bits.filter(Boolean).join(' · ') });
  }
  if (before('group') && a.datasetGroupName) out.push({ label: 'Group', value: `${a.datasetGroupName} (${a.domain ? a.domain : 'Custom'})`, from: from('group') });
  if (before('dataset') && a.datasetName) out.push({ label: 'Dataset', value: `${a.datasetName} [${a.datasetType}]`, from: from('dataset') });
  if (before('csv') && a.source) out.push({ label: 'CSV', value: describeSource(a.source) });
  if (before('validate') && l.report) out.push({ label: 'Validation', value: validatedText(l.report) });
  if (before('upload') && l.upload) out.push({ label: 'Upload', value: `s3://${l.upload.bucket}/${l.upload.key} (${formatBytes(l.upload.bytes)})` });
  if (before('mode') && a.importMode) out.push({ label: 'Mode', value: a.importMode });
  if (before('job') && a.jobName) out.push({ label: 'Job', value: a.jobName });
  return out;
}

export function Wizard({ services, initial, profileName, onExit }: WizardProps) {
  const { stdout } = useStdout();
  const rows = stdout?.rows ?? 24;
  const columns = stdout?.columns ?? 80;
  const [step, setStep] = useState<StepId>('where');
  const [history, setHistory] = useState<StepId[]>([]);
  const [answers, setAnswers] = useState<Answers>({ ...initial, ...(profileName ? { profileName } : {}) });
  const [loaded, setLoaded] = useState<Loaded>({});
  const [conn, setConn] = useState<Connected | undefined>();
  // a small validated local file may go in record by record instead of the upload (RecordsStep)
  const [bulkChosen, setBulkChosen] = useState(false);
  // the later steps' code, loaded once step 1 is on screen; a render follows when it is in
  const [stepsLoaded, setStepsLoaded] = useState(() => laterSteps() !== undefined);
  useEffect(() => {
    if (stepsLoaded) return;
    const t = setImmediate(() => void loadLaterSteps().then(() => setStepsLoaded(true)));
    return () => clearImmediate(t);
  }, [stepsLoaded]);
  const RecordsView = useCallback((p: StepProps) => {
    const R = laterSteps()?.records;
    return R ? <R {...p} onBulk={() => setBulkChosen(true)} /> : null;
  }, []);
  const interrupt = useRef<(() => void) | undefined>(undefined);
  const exited = useRef(false);
  const notice = services.notice;

  const exit = useCallback((code: number, lines?: string[]) => {
    if (exited.current) return;
    exited.current = true;
    onExit(code, lines);
  }, [onExit]);

  const done = useCallback<StepProps['done']>((patch, more, opts) => {
    setAnswers((a) => ({ ...a, ...patch }));
    if (more) setLoaded((l) => ({ ...l, ...more }));
    setStep((cur) => {
      const next = opts?.next ?? STEP_ORDER[STEP_ORDER.indexOf(cur) + 1];
      if (!opts?.auto) setHistory((h) => [...h, cur]);
      return next;
    });
  }, []);

  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;
  const back = useCallback(() => {
    setHistory((h) => {
      if (h.length) {
        setStep(h[h.length - 1]);
        return h.slice(0, -1);
      }
      // nothing asked before this step: the steps a saved profile answered are opened instead
      // (Esc at the CSV after --profile goes to the dataset, its answer highlighted)
      setStep((cur) => {
        const preset = loadedRef.current.presetFrom ?? {};
        const before = STEP_ORDER.slice(0, STEP_ORDER.indexOf(cur)).reverse().find((x) => preset[x]);
        if (!before) return cur;
        setLoaded((l) => ({ ...l, presetFrom: Object.fromEntries(Object.entries(l.presetFrom ?? {}).filter(([k]) => k !== before)) }));
        return before;
      });
      return h;
    });
  }, []);

  const connRef = useRef(conn);
  connRef.current = conn;
  const answersRef = useRef(answers);
  answersRef.current = answers;
  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      if (interrupt.current) return interrupt.current();
      // what is true now, from what happened: a job that exists is named, an uploaded object too
      const l = loadedRef.current;
      const c = connRef.current;
      const happened = whatHappened({ loaded: { jobArn: l.jobArn, upload: l.upload, finalStatus: l.finalStatus } }, c ? { context: c.context } : undefined);
      // a job that exists: its summary (ARN whole, status, duration, data, commands) stays after exit
      exit(l.finalStatus === 'ACTIVE' ? 0 : 130, [...(l.finalStatus ? [] : ['Stopped.']), ...(l.jobArn ? jobSummary(answersRef.current, l, c).slice(1) : happened)]);
    }
  });

  // Once the job exists the answers are final: they move to <Static> (printed once, scrolling
  // away) so the live area is only the job view. The review shows them itself, so it hides them.
  const frozen = step === 'watch' || step === 'save';
  const [staticItems, setStaticItems] = useState<{ key: string; label: string; value: string; from?: string }[]>([]);
  useEffect(() => {
    if (frozen && !staticItems.length) setStaticItems(summaryLines(answers, loaded, 'review').map((x) => ({ ...x, key: x.label })));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [frozen]);
  // A frame as tall as the terminal makes Ink clear and redraw it whole, and every redraw leaves a
  // copy in the scrollback (the review's "✔ Where" twice at 60x20, #16 item 8): below 24 rows the
  // answered steps take two lines (the earlier ones' values on one) and the review, which lists
  // everything itself, none.
  const compact = rows < 24;
  const full = frozen ? [] : step === 'review' ? (compact ? [] : summaryLines(answers, loaded, 'group')) : summaryLines(answers, loaded, step);
  const summary = compact && full.length > 2 ? [{ label: `${full.length - 1} steps`, value: full.slice(0, -1).map((x) => x.value.split(' · ')[0]).join(' · ') }, full[full.length - 1]] : full;
  const steps = laterSteps();
  const viaRecords = step === 'upload' && !bulkChosen && Boolean(steps) && steps!.recordsOffered({ datasetType: answers.datasetType, report: loaded.report, hasBulkData: loaded.details?.rules.hasBulkData, local: answers.source?.kind === 'local', available: Boolean(conn?.records && loaded.details?.schema) });
  const info = viaRecords ? steps!.RECORDS_STEP_INFO : stepInfo(step, conn?.context);
  const num = stepNumber(step);
  // the live area must stay smaller than the screen: header 2, summary, hints 2, margins
  const listLimit = Math.max(3, Math.min(12, rows - summary.length - 14));
  const View = viaRecords ? RecordsView : step === 'where' ? WhereStep : (later(step) ?? Loading);
  const labelW = 11;
  return (
    <Box flexDirection="column">
      <Static items={staticItems}>
        {(s) => (
          <Text key={s.key} wrap="truncate-end">
            <Text color="green">✔ </Text>
            <Text dimColor>{s.label.padEnd(11)}</Text>
            {visible(s.value)}
          </Text>
        )}
      </Static>
      {notice ? <Text color="yellow" wrap="truncate-end">{notice}</Text> : null}
      {summary.map((s) => (
        <Text key={s.label} wrap="truncate-end">
          <Text color="green">✔ </Text>
          <Text dimColor>{s.label.padEnd(labelW)}</Text>
          {visible(s.value)}
          {s.from ? <Text dimColor> (from {s.from})</Text> : null}
        </Text>
      ))}
      <Box marginTop={summary.length || staticItems.length ? 1 : 0} flexDirection="column">
        <Text wrap="truncate-end">
          <Text bold color="cyan">{info.title}</Text>
          {num.n > 0 ? <Text dimColor>  step {num.n} of {num.of}</Text> : null}
        </Text>
        <Text dimColor wrap="wrap">{info.purpose}</Text>
      </Box>
      <Box marginTop={1} flexDirection="column">
        <View
          key={step}
          services={services}
          conn={conn}
          answers={answers}
          loaded={loaded}
          listLimit={listLimit}
          columns={columns}
          done={done}
          back={back}
          exit={exit}
          setConn={setConn}
          onInterrupt={(h) => {
            interrupt.current = h;
          }}
        />
      </Box>
    </Box>
  );
}

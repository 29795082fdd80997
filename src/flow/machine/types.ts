// The step machine's shapes: what a step is (data + a few functions over the state and the ports),
// the model a face renders, the events side-effect steps emit, and the state the answers build up.
// No React, no SDK, no prompts: faces (src/ui/ink, src/ui/plain, src/commands/import.ts) render a
// StepModel and hand back an answer; src/flow/machine/drive.ts walks the steps.
import type { AccessPorts } from '../../access/ports.js';
import type { Change, PlanCheck } from '../../access/plan.js';
import type { AwsContext, PersonalizeApi, StorageApi } from '../../core/ports.js';
import type { DatasetGroup, ImportMode, MetricAttribution } from '../../core/resources.js';
import type { PreflightOptions, PreflightResult } from '../../diagnose/preflight.js';
import type { JobSnapshot } from '../../job/watcher.js';
import type { ProfileStore } from '../../profiles/store.js';
import type { ValidationReport } from '../../validate/engine.js';
import type { ReportsByMode } from '../../validate/modes.js';
import type { PreparedReport } from '../../validate/prepared.js';
import type { Answers, ImportPlan } from '../plan.js';
import type { DatasetDetails } from '../queries.js';
import type { ImportEvent } from '../run.js';
import type { GroupRow, GroupRowsLine } from '../group-rows.js';
import type { StepId } from '../steps.js';

/** The kinds of step a face draws; one view per kind, not one per step. */
export type StepKind = 'choose' | 'input' | 'run' | 'review';

export interface Choice {
  value: string;
  label: string;
  /** one line under the label (shown for the highlighted choice in Ink, after it in plain) */
  description?: string;
  /** shown, not selectable: why */
  disabled?: string;
}

export type Tone = 'plain' | 'dim' | 'bold' | 'ok' | 'warn' | 'error';
export interface Line {
  text: string;
  tone?: Tone;
  /** about the question's choices: shown only where it is asked (not by `import`, which answers it from its flags) */
  asked?: boolean;
}

/** What a face shows for the current step, built from the answers so far and the ports. */
export interface StepModel {
  id: string;
  /** the screen it belongs to (title, purpose, "step n of m") */
  screen: StepId;
  kind: StepKind;
  title: string;
  purpose: string;
  /** shown above the question */
  lines: Line[];
  /** the question (choose / input / review) */
  question: string;
  choices?: Choice[];
  /** the value Enter takes (a choice's value, or the text of an input) */
  default?: string;
  /** choose: no choice is taken by Enter until one is picked (a face that highlights one highlights none) */
  noDefault?: boolean;
  /** input: undefined when acceptable, else what is wrong (checked before the answer is taken) */
  check?: (value: string) => string | undefined | Promise<string | undefined>;
  /** answered by a flag or a saved profile: not asked, shown as answered ("from profile shop") */
  preset?: { value: string; from: string };
  /** the flag that answers this step (the usage error of a run without questions names it) */
  flag?: string;
  /**
   * What a run without questions (`import`) does here: take `value` (with a note saying so), or
   * stop with the usage error (exit 2) naming the flag. Undefined: the default, silently.
   */
  unattended?: { value: string; note?: string } | { error: string; hint?: string };
  /** an answer to show once answered ("sandbox-shop (Custom)") */
  describe?: (value: string) => string;
  // ---- hints for a face that draws more than lines (the Ink wizard); plain mode may ignore them ----
  /** the short name of this answer in the summary of answered steps ("Bucket"); default: the title */
  label?: string;
  /** input: Tab completes local paths and s3:// locations */
  complete?: 'path';
  /** input: the heading over the listed choices ("CSV files here") */
  choicesTitle?: string;
  /** input: shown dim while the field is empty */
  placeholder?: string;
  /** review: the rows as label and value (the `lines` say the same as text) */
  rows?: [string, string][];
  /** run: Esc may stop it and go back one step; the text says what stopping leaves behind */
  cancel?: string;
  /** set by drive(): false when Esc has nowhere to go (the import job exists: nothing before it is undone) */
  back?: boolean;
}

/** What side-effect steps (and the driver) report; every face renders the same stream. */
export type FlowEvent =
  | { type: 'step'; model: StepModel }
  /** a step answered without asking (`from`: the flag or profile), or an answer made good later (a group
   *  created from "＋ New dataset group"): the summary of answered steps shows it in the step's place —
   *  the answers after it dropped (the group's name and kind), or kept with `inPlace` (a dataset made
   *  from the CSV chosen after it) */
  | { type: 'answered'; step: string; screen: StepId; label: string; value: string; from?: string; inPlace?: boolean }
  | { type: 'note'; text: string; tone?: Tone; stderr?: boolean }
  | { type: 'validating'; source: string; dataset: string; total?: number }
  | { type: 'validation-progress'; bytes: number; rows: number; total?: number }
  /** checkedBefore: the report was made earlier in the run (when: "before the dataset was created"), the file not read again */
  | { type: 'validated'; report: ValidationReport; source: string; otherFails?: string; checkedBefore?: string }
  | { type: 'validation-skipped'; reason: string; loud: boolean }
  | ImportEvent
  | { type: 'upload-removed'; bucket: string; key: string }
  | { type: 'preflight'; result: PreflightResult; roleArn?: string; blocked: boolean; permission: boolean }
  | { type: 'create-refused'; error: unknown }
  | { type: 'dry-run'; request: CreateRequest }
  | { type: 'job'; snapshot: JobSnapshot }
  /** a group run's rows, one per file and its job, as they are now (the latest replaces the earlier);
   *  `line`: what changed, for a face that prints lines (plain mode, `import`) */
  | { type: 'group-rows'; headline: string; rows: GroupRow[]; line?: GroupRowsLine }
  | { type: 'finished'; status: string; jobArn: string; lines: string[] };

/** The CreateDatasetImportJob request a plan sends (what --dry-run prints). */
export interface CreateRequest {
  jobName: string;
  datasetArn: string;
  dataSource: { dataLocation: string };
  roleArn: string;
  importMode: ImportMode;
  tags?: { tagKey: string; tagValue: string }[];
  publishAttributionMetricsToS3?: boolean;
}

/** What a run ended with: the exit code and what is true now (never a constant sentence). */
export interface FlowEnd {
  exitCode: number;
  /** why: done (ACTIVE / created / dry run), quit (user), stopped (Ctrl-C), failed, records */
  reason: 'done' | 'quit' | 'stopped' | 'failed' | 'records' | 'dry-run' | 'back';
  /** lines that stay on screen after the run (the truth about what exists) */
  lines: string[];
  plan?: ImportPlan;
  jobArn?: string;
  /** the user chose record by record: the file and dataset for the records path */
  individually?: { file: string; datasetArn: string };
}

/** Data read along the way (not answers: what the screens show). */
export interface Loaded {
  group?: DatasetGroup;
  details?: DatasetDetails;
  report?: ValidationReport;
  reportsByMode?: ReportsByMode;
  /** the validation could not run (no schema) or was skipped by flag */
  validationSkipped?: string;
  /**
   * a report of the local file made before the flow (import --create's check before creating): the
   * validate step takes it, once, when it is the same check (validate/prepared.ts), instead of
   * reading the file again
   */
  prepared?: PreparedReport;
  upload?: { bucket: string; key: string; bytes: number; ms: number; etag?: string };
  attributions?: MetricAttribution[];
  jobArn?: string;
  finalStatus?: string;
  /** the bucket check when it was chosen, "Fix it for me", "Create a role" (src/flow/machine/steps-access.ts) */
  access?: {
    checks?: PlanCheck[];
    changes?: Change[];
    failed?: boolean;
    choice?: 'fix' | 'keep';
    /** "Fix it for me" applied its changes: the check that follows says whether they held */
    applied?: boolean;
    createRole?: boolean;
    roleChanges?: Change[];
    /** the role this run created (the job create then waits out IAM propagation) */
    roleCreated?: string;
  };
}

/** The answers so far plus what was read; one object the steps read and write. */
export interface FlowState {
  answers: Answers;
  loaded: Loaded;
  /** steps (by id) answered by a flag or a saved profile, and by what ("profile shop", "--mode") */
  presetFrom: Partial<Record<string, string>>;
  /** the --json document `import` prints (every step fills its part) */
  doc: Record<string, unknown>;
}

/** What the steps need from outside: every edge injected. */
export interface FlowPorts {
  personalize: PersonalizeApi;
  s3: StorageApi;
  context: AwsContext;
  preflight?: (opts: PreflightOptions) => Promise<PreflightResult>;
  /** record by record can be offered (PutUsers / PutItems / PutEvents available) */
  recordsAvailable?: boolean;
  /** where relative paths are read from */
  cwd: string;
  /** the shipped samples/ folder (the CSV default in the sandbox) */
  samplesDir?: string;
  /** the sandbox's role and bucket (embedded, or announced by `personalize-import sandbox`) */
  sandboxDefaults?: { roleArn?: string; bucket?: string };
  /** the saved profile's role (a default) */
  profileRole?: string;
  now: () => Date;
  watch?: { initialMs?: number; maxMs?: number };
  /** FULL over existing bulk data confirmed by --yes */
  yes?: boolean;
  skipValidation?: boolean;
  noWait?: boolean;
  /** validation workers (default: 2 where there are 2 cores) */
  workers?: number;
  /** --dry-run: every step short of the side effects; the review prints the request instead */
  dryRun?: boolean;
  /** saved profiles (the Save step); absent: not offered */
  profiles?: Pick<ProfileStore, 'get' | 'save'>;
  /** access setup's reads and writes: the bucket check when chosen, "Fix it for me", "Create a role"; absent: not offered */
  accessSetup?: AccessPorts;
  /** waits (IAM propagation retries); default: a timer */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RunContext {
  emit(e: FlowEvent): void;
  signal: AbortSignal;
}

/** Where a step sends the walk: the next step in order (undefined), a named step, or the end. */
export type Transition = undefined | { goto: string } | { end: FlowEnd } | { again: string };

/** One step: data plus a few pure-ish functions. Added in ONE place: src/flow/machine/registry.ts. */
export interface StepDef {
  id: string;
  screen: StepId;
  kind: StepKind;
  /** uploads, creates or otherwise changes something (deferred by `import` until after the review, never run by --dry-run) */
  sideEffect?: boolean;
  /** a side effect the answer of this (review) step consents to: `import` runs it once that step is answered (default: the job's review) */
  consent?: string;
  /** does this step apply now? (e.g. the upload steps only for a local file) */
  applies?(s: FlowState, p: FlowPorts): boolean;
  model(s: FlowState, p: FlowPorts): Promise<StepModel>;
  /** choose / input / review: take the answer (already checked) */
  answer?(s: FlowState, value: string, p: FlowPorts, ctx: RunContext): Promise<Transition>;
  /** run: do the work, emitting events */
  run?(s: FlowState, p: FlowPorts, ctx: RunContext): Promise<Transition>;
}

export type { ReportsByMode };

// What the wizard is given (services: injected edges, so tests run it against the sandbox) and
// what every step receives.
import type { AwsContext, PersonalizeApi, StorageApi } from '../../core/ports.js';
import type { DatasetGroup, ImportMode, MetricAttribution } from '../../core/resources.js';
import type { Answers, DatasetDetails, StepId } from '../../flow/index.js';
import type { ProfileStore, SavedProfile } from '../../profiles/store.js';
import type { ValidationReport } from '../../validate/engine.js';
import type { PreflightOptions, PreflightResult } from '../../diagnose/preflight.js';
import type { RecordsApi } from '../../records/ports.js';

export interface Connected {
  personalize: PersonalizeApi;
  s3: StorageApi;
  context: AwsContext;
  /** preflight before the job is created; absent = skipped */
  preflight?: (opts: PreflightOptions) => Promise<PreflightResult>;
  /** PutUsers / PutItems / PutEvents and event trackers: the record-by-record choice; absent = not offered */
  records?: RecordsApi;
  /** access setup's reads and writes: the bucket checked when chosen, "Fix it for me", "Create a role"; absent = not offered */
  accessSetup?: import('../../access/ports.js').AccessPorts;
  close?(): Promise<void>;
}

export interface ConnectOptions {
  sandbox: boolean;
  region?: string;
  awsProfile?: string;
}

export type CredentialCheck = { ok: true } | { ok: false; message: string; hint?: string };

export interface WizardServices {
  connect(opts: ConnectOptions): Promise<Connected>;
  /** only asked when not in the sandbox */
  checkCredentials?(opts: ConnectOptions): Promise<CredentialCheck>;
  profiles?: ProfileStore;
  /** one line to show once (e.g. a corrupted profile file moved aside) */
  notice?: string;
  cwd: string;
  /** the shipped samples/ folder, when found */
  samplesDir?: string;
  now?: () => Date;
  /** job watcher polling (tests: small) */
  watch?: { initialMs?: number; maxMs?: number };
}

/** What step 1 (Where) hands on besides answers (its saved profile); the machine keeps its own state (FlowState). */
export interface Loaded {
  group?: DatasetGroup;
  details?: DatasetDetails;
  /** the validation report for the import mode (re-judged when the mode step picks the other one) */
  report?: ValidationReport;
  /** dataset with bulk data: the report judged for each mode (SIZE_LIMIT, TOO_FEW_ACTIVE_USERS differ) */
  reportsByMode?: Record<ImportMode, ValidationReport>;
  acceptedWarnings?: boolean;
  upload?: { bucket: string; key: string; bytes: number; ms: number; source: string };
  attributions?: MetricAttribution[];
  jobArn?: string;
  finalStatus?: string;
  /** how long the job ran, as watched (for the end-of-run summary) */
  jobMs?: number;
  profile?: SavedProfile;
  /** steps answered by a flag or a profile (shown as answered, skipped by Esc) */
  presetFrom?: Partial<Record<StepId, string>>;
}

/** What step 1 (WhereStep, drawn before the step machine starts) receives. */
export interface StepProps {
  services: WizardServices;
  conn?: Connected;
  answers: Answers;
  loaded: Loaded;
  /** rows available for lists on this screen */
  listLimit: number;
  columns: number;
  /** answer this step; `auto` = not a user's choice (Esc skips it going back) */
  done(patch: Partial<Answers>, loaded?: Partial<Loaded>, opts?: { auto?: boolean; next?: StepId }): void;
  back(): void;
  exit(code: number, lines?: string[]): void;
  setConn(c: Connected): void;
  /** the step registers what Ctrl-C should do while it is busy (e.g. abort an upload) */
  onInterrupt(handler: (() => void) | undefined): void;
}


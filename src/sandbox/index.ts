// The sandbox: a local Amazon Personalize control plane (JSON 1.1 over HTTP) plus S3 (s3rver),
// which the unchanged AWS SDKs and the AWS CLI talk to through endpoint overrides.
//   const sb = await startSandbox({ jobSeconds: 0 });
//   new PersonalizeClient({ region: sb.region, endpoint: sb.personalizeEndpoint, credentials: … })
//   …; await sb.close();
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FAILURE, JobRunner } from './jobs.js';
import { startPersonalize, type Faults, type RequestLogEntry } from './personalize.js';
import { startEvents } from './events.js';
import { grantPolicy, noGrantPolicy, startS3, type RangeFaults } from './s3.js';
import { ADMIN_POLICY, bucketPolicyLetsPersonalizeRead, IamState, sandboxRole, startIam } from './iam.js';
import { defaultKeyPolicy, KmsState, lockedKeyPolicy, sandboxKey, startKms } from './kms.js';
import { startSts } from './sts.js';
import { SANDBOX_DEFAULTS, CUSTOM_GROUP, DOMAIN_GROUP } from './seed.js';
import { SandboxState, type DatasetRecords } from './state.js';
import { gracefulListening } from '../core/signals.js';

export type { Faults, FaultKind, RequestLogEntry } from './personalize.js';
export type { DatasetRecords, Row } from './state.js';
export type { RangeFaults } from './s3.js';
export { FAILURE } from './jobs.js';
export { SANDBOX_DEFAULTS, CUSTOM_GROUP, DOMAIN_GROUP } from './seed.js';

/** Temporary folders of sandboxes running without a data directory (removed on close and at exit). */
const temporary = new Set<string>();
let exitHookInstalled = false;

/**
 * Removes, synchronously, the temporary folder (S3 objects, imported records) of every sandbox in
 * this process that has not closed. For a process's last moments: a signal handler that cannot wait
 * for close(), or the 'exit' hook installed with the first sandbox (which runs on process.exit()
 * and after an uncaught exception alike).
 */
export function removeTemporaryFolders(): void {
  for (const dir of temporary) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // nothing more can be done this late
    }
    temporary.delete(dir);
  }
}

/**
 * SIGHUP (its terminal closed) or SIGTERM where no listener stops the process gracefully (an upload,
 * a validation, the `sandbox` command: marked by core/signals.ts; they exit themselves and the
 * 'exit' hook runs): the folders go and the process ends as the signal would have ended it (129,
 * 143). Before, the wizard with the embedded sandbox died by the signal — Ink's signal-exit re-raises
 * it — without the 'exit' hook, and left its folder. It exits itself: waiting for another listener
 * to be alone would wait for signal-exit, which waits for the same.
 */
function onTerminating(sig: NodeJS.Signals): void {
  if (gracefulListening(sig)) return;
  removeTemporaryFolders();
  process.exit(sig === 'SIGHUP' ? 129 : 143);
}

function temporaryFolder(): string {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', removeTemporaryFolders);
    for (const sig of ['SIGHUP', 'SIGTERM'] as const) process.on(sig, onTerminating);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'personalize-sandbox-'));
  temporary.add(dir);
  return dir;
}

function dropTemporary(dir: string | undefined): void {
  if (!dir) return;
  rmSync(dir, { recursive: true, force: true });
  temporary.delete(dir);
}

export interface SandboxOptions {
  /** Personalize port; 0 (default) = ephemeral */
  port?: number;
  /** S3 port; 0 (default) = ephemeral */
  s3Port?: number;
  /** persist state (JSON), imported records and S3 objects here across restarts; default: resources
   * in memory, records and objects in a temporary folder removed on close (and at process exit) */
  dataDir?: string;
  /** seconds an import job takes (a quarter PENDING, the rest IN_PROGRESS); default 20 */
  jobSeconds?: number;
  /** default us-east-1 */
  region?: string;
  /** personalize-events (PutUsers / PutItems / PutEvents) port; 0 (default) = ephemeral */
  eventsPort?: number;
  /** 'none': an empty account, no dataset groups, schemas or datasets (the buckets and role stay); default 'default' */
  seed?: 'default' | 'none';
  /**
   * seconds a created dataset group or dataset takes to be ACTIVE (half CREATE PENDING, half CREATE
   * IN_PROGRESS), and a deleted one to be gone; default: a fifth of jobSeconds, at most 4
   */
  createSeconds?: number;
  /** accepted for callers that pass it; the sandbox itself never prints */
  quiet?: boolean;
  /**
   * Test knob: multipart part N is answered N × this many ms late, so an upload is reliably still
   * running when a test interrupts it. Default: PERSONALIZE_SANDBOX_UPLOAD_PART_DELAY_MS, else 0.
   */
  uploadPartDelayMs?: number;
  /**
   * A role made with CreateRole is not usable by Personalize for this many ms (IAM's eventual
   * consistency): CreateDatasetImportJob answers "Insufficient privileges for accessing data in S3"
   * meanwhile. Default: PERSONALIZE_SANDBOX_NEW_ROLE_DELAY_MS, else 0.
   */
  newRoleDelayMs?: number;
  /**
   * The identity policy of the sandbox's caller (an IAM user; STS GetCallerIdentity names it): what
   * IAM's SimulatePrincipalPolicy evaluates for it (iam:PassRole …) and what KMS consults when a key
   * policy defers to the account. Default: PERSONALIZE_SANDBOX_CALLER_POLICY, else allow everything.
   */
  callerPolicy?: string;
}

export interface SandboxStateView {
  /** bulk and individual records of a dataset, as imported */
  records(datasetArn: string): DatasetRecords;
  /** the raw resources (read them; do not change them) */
  readonly inner: SandboxState;
}

export interface Sandbox {
  /** AWS_ENDPOINT_URL_PERSONALIZE, AWS_ENDPOINT_URL_PERSONALIZE_EVENTS, AWS_ENDPOINT_URL_S3, AWS_REGION, AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID,
   * AWS_SECRET_ACCESS_KEY, PERSONALIZE_SANDBOX_ROLE_ARN, PERSONALIZE_SANDBOX_BUCKET,
   * PERSONALIZE_SANDBOX_NOGRANT_BUCKET */
  env: Record<string, string>;
  personalizeEndpoint: string;
  /** personalize-events: PutUsers / PutItems / PutEvents (REST-JSON) */
  eventsEndpoint: string;
  s3Endpoint: string;
  /** IAM (CreateRole, GetRole, ListRoles, role policies, SimulatePrincipalPolicy…): the seeded role and any created */
  iamEndpoint: string;
  /** KMS (DescribeKey, GetKeyPolicy, PutKeyPolicy, ListKeys): the seeded keys */
  kmsEndpoint: string;
  /** STS GetCallerIdentity: the sandbox's caller */
  stsEndpoint: string;
  /** the bucket encrypted with the customer managed key kmsKeyArn */
  kmsBucket: string;
  kmsKeyArn: string;
  /** a key whose policy the caller may read, not change */
  lockedKeyArn: string;
  callerArn: string;
  region: string;
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  roleArn: string;
  bucket: string;
  noGrantBucket: string;
  /** the seeded dataset groups' ARNs */
  seeded: { customGroupArn: string; domainGroupArn: string; datasetArn(group: 'custom' | 'domain', type: 'INTERACTIONS' | 'ITEMS' | 'USERS'): string };
  faults: Faults;
  state: SandboxStateView;
  /** every Personalize request received (operation, time, status), oldest first; the events data
   * plane's calls too (PutUsers / PutItems / PutEvents, with `records` and `target`) */
  requests: RequestLogEntry[];
  /** test knob: multipart part N is answered N × ms late, so an upload is still running when a test interrupts it */
  setUploadPartDelay(ms: number): void;
  /** test knob: the events data plane stores each call's records at once and answers `ms` later */
  setEventsAnswerDelay(ms: number): void;
  /** test knob: the next `count` events data-plane calls store their records, then answer 500 or drop the connection */
  setEventsFailAfterStore(count: number, how: 'server-error' | 'drop'): void;
  /** test knob: the next events data-plane calls fail in this order ('throttle': before storing; 'drop' / 'server-error': after) */
  queueEventsFaults(faults: ('server-error' | 'drop' | 'throttle')[]): void;
  /** S3 fault injection: drop ranged GETs mid-body; the log of ranged GETs */
  s3Faults: RangeFaults;
  close(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const region = opts.region ?? SANDBOX_DEFAULTS.region;
  const accountId = SANDBOX_DEFAULTS.accountId;
  const bucket = SANDBOX_DEFAULTS.bucket;
  const noGrantBucket = SANDBOX_DEFAULTS.noGrantBucket;
  const roleArn = `arn:aws:iam::${accountId}:role/${SANDBOX_DEFAULTS.roleName}`;
  const temp = opts.dataDir ? undefined : temporaryFolder();
  let state: SandboxState;
  let s3: Awaited<ReturnType<typeof startS3>>;
  try {
    state = new SandboxState(region, accountId, opts.dataDir, temp && path.join(temp, 'records'), { seed: opts.seed ?? 'default' });
    s3 = await startS3({
      port: opts.s3Port ?? 0,
      region,
      directory: path.join(opts.dataDir ?? temp!, 's3'),
      buckets: [
        { name: bucket, policy: grantPolicy(bucket) },
        { name: noGrantBucket, policy: noGrantPolicy(noGrantBucket, accountId) },
        { name: SANDBOX_DEFAULTS.kmsBucket, policy: grantPolicy(SANDBOX_DEFAULTS.kmsBucket), encryption: { algorithm: 'aws:kms', kmsKeyId: `arn:aws:kms:${region}:${accountId}:key/${SANDBOX_DEFAULTS.kmsKeyId}`, bucketKeyEnabled: true } },
      ],
      uploadPartDelayMs: opts.uploadPartDelayMs ?? (Number(process.env.PERSONALIZE_SANDBOX_UPLOAD_PART_DELAY_MS) || 0),
    });
  } catch (e) {
    dropTemporary(temp);
    throw e;
  }
  const save = () => state.save();
  const iamState = new IamState(accountId, [sandboxRole(accountId, SANDBOX_DEFAULTS.roleName, [bucket, noGrantBucket])], opts.dataDir ? path.join(opts.dataDir, 'iam-roles.json') : undefined);
  const callerArn = `arn:aws:iam::${accountId}:user/${SANDBOX_DEFAULTS.callerName}`;
  iamState.caller = { arn: callerArn, userId: 'AIDASANDBOXCALLER0001', policies: [opts.callerPolicy ?? (process.env.PERSONALIZE_SANDBOX_CALLER_POLICY || ADMIN_POLICY)] };
  const kmsKeyArn = `arn:aws:kms:${region}:${accountId}:key/${SANDBOX_DEFAULTS.kmsKeyId}`;
  const kmsState = new KmsState(region, accountId, [
    sandboxKey(region, accountId, SANDBOX_DEFAULTS.kmsKeyId, 'Encrypts personalize-sandbox-sse-kms', defaultKeyPolicy(accountId)),
    sandboxKey(region, accountId, SANDBOX_DEFAULTS.lockedKeyId, 'Managed by the key administrators', lockedKeyPolicy(accountId, SANDBOX_DEFAULTS.keyAdminRole)),
  ], { arn: callerArn, identityAllows: (a, r) => iamState.callerAllows(a, r) }, (arn) => Boolean(iamState.roleByArn(arn)) || arn === callerArn, opts.dataDir ? path.join(opts.dataDir, 'kms-keys.json') : undefined);
  // a bucket encrypted with a customer managed key: its key policy must let Personalize (and the role) use the key
  const keyUsable = (b: string, roleArn: string) => {
    const enc = s3.encryptionOf(b);
    if (!enc || !/kms/.test(enc.algorithm) || !enc.kmsKeyId || /alias\/aws\/s3$/.test(enc.kmsKeyId)) return true;
    const keyArn = enc.kmsKeyId.startsWith('arn:') ? enc.kmsKeyId : `arn:aws:kms:${region}:${accountId}:key/${enc.kmsKeyId}`;
    return kmsState.personalizeMayUse(keyArn, { arn: roleArn, identityAllows: (a, r) => iamState.roleAllows(roleArn, a, r) });
  };
  const jobs = new JobRunner({
    state,
    s3,
    jobSeconds: opts.jobSeconds ?? 20,
    // both sides, evaluated as preflight evaluates them: the bucket policy must let
    // personalize.amazonaws.com read, and the job's role must trust Personalize and allow the reads;
    // with a customer managed KMS key, its key policy and the role must allow using it
    readable: (b, keys, roleArn) => bucketPolicyLetsPersonalizeRead(s3.policyOf(b), b, keys, accountId) && iamState.canRead(roleArn, b, keys) && keyUsable(b, roleArn),
    onChange: save,
  });
  let personalize;
  let events;
  try {
    // a new event tracker is CREATE PENDING for a tenth of a job's time (at most 2 s), then ACTIVE
    const roleDelay = opts.newRoleDelayMs ?? (Number(process.env.PERSONALIZE_SANDBOX_NEW_ROLE_DELAY_MS) || 0);
    personalize = await startPersonalize({
      state, jobs, port: opts.port ?? 0, onChange: save, trackerPendingSeconds: Math.min(2, (opts.jobSeconds ?? 20) / 10),
      createSeconds: opts.createSeconds ?? Math.min(4, (opts.jobSeconds ?? 20) / 5),
      roleProblem: (roleArn) => (iamState.propagating(roleArn, roleDelay) ? FAILURE.privileges : undefined),
    });
  } catch (e) {
    await s3.close();
    dropTemporary(temp);
    throw e;
  }
  try {
    events = await startEvents({ state, port: opts.eventsPort ?? 0, log: personalize.log, onChange: save });
  } catch (e) {
    await Promise.all([personalize.close(), s3.close()]);
    dropTemporary(temp);
    throw e;
  }
  let iam;
  let kms;
  let sts;
  try {
    iam = await startIam({ state: iamState });
    kms = await startKms({ state: kmsState });
    sts = await startSts({ caller: { arn: callerArn, userId: iamState.caller.userId, account: accountId } });
  } catch (e) {
    await Promise.all([personalize.close(), events.close(), s3.close(), iam?.close(), kms?.close()]);
    dropTemporary(temp);
    throw e;
  }
  save();
  // after a restart with --data-dir: jobs that were running carry on
  for (const j of state.jobs.values()) if (j.status === 'CREATE PENDING' || j.status === 'CREATE IN_PROGRESS') jobs.start(j);

  const env: Record<string, string> = {
    AWS_ENDPOINT_URL_PERSONALIZE: personalize.endpoint,
    AWS_ENDPOINT_URL_PERSONALIZE_EVENTS: events.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_IAM: iam.endpoint,
    AWS_ENDPOINT_URL_KMS: kms.endpoint,
    AWS_ENDPOINT_URL_STS: sts.endpoint,
    AWS_REGION: region,
    // AWS CLI v1 reads AWS_DEFAULT_REGION, not AWS_REGION
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: SANDBOX_DEFAULTS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SANDBOX_DEFAULTS.secretAccessKey,
    PERSONALIZE_SANDBOX_ROLE_ARN: roleArn,
    PERSONALIZE_SANDBOX_BUCKET: bucket,
    PERSONALIZE_SANDBOX_NOGRANT_BUCKET: noGrantBucket,
    PERSONALIZE_SANDBOX_KMS_BUCKET: SANDBOX_DEFAULTS.kmsBucket,
  };
  let closing: Promise<void> | undefined;
  return {
    env,
    personalizeEndpoint: personalize.endpoint,
    eventsEndpoint: events.endpoint,
    s3Endpoint: s3.endpoint,
    iamEndpoint: iam.endpoint,
    kmsEndpoint: kms.endpoint,
    stsEndpoint: sts.endpoint,
    kmsBucket: SANDBOX_DEFAULTS.kmsBucket,
    kmsKeyArn,
    lockedKeyArn: `arn:aws:kms:${region}:${accountId}:key/${SANDBOX_DEFAULTS.lockedKeyId}`,
    callerArn,
    setUploadPartDelay: (ms: number) => s3.setUploadPartDelay(ms),
    setEventsAnswerDelay: (ms: number) => events.setAnswerDelay(ms),
    setEventsFailAfterStore: (count: number, how: 'server-error' | 'drop') => events.failAfterStore(count, how),
    queueEventsFaults: (list: ('server-error' | 'drop' | 'throttle')[]) => events.queueFaults(list),
    s3Faults: s3.rangeFaults,
    region,
    accountId,
    accessKeyId: SANDBOX_DEFAULTS.accessKeyId,
    secretAccessKey: SANDBOX_DEFAULTS.secretAccessKey,
    roleArn,
    bucket,
    noGrantBucket,
    seeded: {
      customGroupArn: state.arn('dataset-group', CUSTOM_GROUP),
      domainGroupArn: state.arn('dataset-group', DOMAIN_GROUP),
      datasetArn: (g, t) => state.arn('dataset', `${g === 'custom' ? CUSTOM_GROUP : DOMAIN_GROUP}/${t}`),
    },
    faults: personalize.faults,
    state: { records: (arn) => state.records(arn), inner: state },
    requests: personalize.log,
    close() {
      closing ??= (async () => {
        // test knob: a close that takes this long (a Ctrl-C can land while the wizard's sandbox closes)
        const delay = Number(process.env.PERSONALIZE_SANDBOX_CLOSE_DELAY_MS) || 0;
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        await jobs.close();
        await Promise.all([personalize.close(), events.close(), s3.close(), iam.close(), kms.close(), sts.close()]);
        save();
        dropTemporary(temp);
      })();
      return closing;
    },
  };
}

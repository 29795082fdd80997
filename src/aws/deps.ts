// The one way every command gets its AWS clients: createDeps() resolves region, credentials and
// endpoint overrides (or starts the in-process sandbox), wires --debug logging, and returns the
// PersonalizeApi / StorageApi implementations plus where they point.
import type { AwsContext, Io, PersonalizeApi, PersonalizeCreateApi, StorageApi } from '../core/ports.js';
import { AppError } from '../core/errors.js';
import { createClients, resolvedRegion, settingsFromEnv, type ClientSettings } from './clients.js';
import { SdkPersonalize } from './personalize.js';
import { SdkStorage } from './s3.js';
import { addDebugLogging } from './debug.js';
import { toAppError } from './errors.js';
import type { RecordsApi } from '../records/ports.js';
import { createEventsClient, eventsEndpointFromEnv, SdkRecords } from './events.js';

export interface CreateDepsOptions {
  region?: string;
  awsProfile?: string;
  sandbox?: boolean;
  debug?: boolean;
  io: Io;
  /** sandbox only: seconds per job stage (tests: 0–1) */
  sandboxJobSeconds?: number;
  /** told while a List* page is retried under the retry policy (src/job/retry.ts), every 30 s */
  onRetryNote?: (note: string) => void;
}

export interface AwsDeps {
  personalize: PersonalizeApi & Required<Pick<PersonalizeApi, 'listMetricAttributions'>> & PersonalizeCreateApi;
  s3: StorageApi;
  /** personalize-events (PutUsers / PutItems / PutEvents) and event trackers: record-by-record import */
  records: RecordsApi;
  context: AwsContext;
  close(): Promise<void>;
}

/** What the sandbox module is expected to export (src/sandbox/index.ts). */
interface SandboxHandle {
  env: Record<string, string>;
  accountId?: string;
  roleArn: string;
  bucket: string;
  close(): Promise<void>;
}
type StartSandbox = (opts?: { jobSeconds?: number; quiet?: boolean }) => Promise<SandboxHandle>;

async function loadSandbox(): Promise<StartSandbox> {
  const mod = await import('../sandbox/index.js');
  return mod.startSandbox as StartSandbox;
}

export async function createDeps(opts: CreateDepsOptions): Promise<AwsDeps> {
  let sandbox: SandboxHandle | undefined;
  let settings: ClientSettings;
  if (opts.sandbox) {
    const startSandbox = await loadSandbox();
    sandbox = await startSandbox({ quiet: true, ...(opts.sandboxJobSeconds !== undefined ? { jobSeconds: opts.sandboxJobSeconds } : {}) });
    const e = sandbox.env;
    // Configured from the sandbox's own env, explicitly: process.env (a real profile, real keys)
    // must not leak into a sandbox session.
    settings = {
      region: e.AWS_REGION ?? 'us-east-1',
      personalizeEndpoint: e.AWS_ENDPOINT_URL_PERSONALIZE,
      s3Endpoint: e.AWS_ENDPOINT_URL_S3,
      credentials: { accessKeyId: e.AWS_ACCESS_KEY_ID ?? 'sandbox', secretAccessKey: e.AWS_SECRET_ACCESS_KEY ?? 'sandbox' },
    };
  } else {
    settings = settingsFromEnv(opts.io.env, { region: opts.region, awsProfile: opts.awsProfile });
  }

  const clients = createClients(settings);
  const eventsEndpoint = sandbox ? sandbox.env.AWS_ENDPOINT_URL_PERSONALIZE_EVENTS : eventsEndpointFromEnv(opts.io.env);
  const eventsClient = createEventsClient(settings, eventsEndpoint);
  const region = settings.region ?? (await resolvedRegion(clients.personalize));
  const context: AwsContext = {
    region,
    profile: settings.profile,
    endpointOverride: settings.personalizeEndpoint,
    s3EndpointOverride: settings.s3Endpoint,
    sandbox: Boolean(sandbox),
    ...(sandbox ? { roleArn: sandbox.roleArn, bucket: sandbox.bucket, accountId: sandbox.accountId, iamEndpoint: sandbox.env.AWS_ENDPOINT_URL_IAM, kmsEndpoint: sandbox.env.AWS_ENDPOINT_URL_KMS, stsEndpoint: sandbox.env.AWS_ENDPOINT_URL_STS } : {}),
    ...(opts.debug ? { debug: true } : {}),
  };

  if (opts.debug) {
    const secrets = () => secretValues(opts.io.env, settings);
    addDebugLogging(clients.personalize, 'personalize', opts.io.stderr, secrets);
    addDebugLogging(clients.s3, 's3', opts.io.stderr, secrets);
    addDebugLogging(eventsClient, 'personalize-events', opts.io.stderr, secrets);
    opts.io.stderr.write(`[debug] region ${region ?? '(none)'}${settings.profile ? `, profile ${settings.profile}` : ''}${settings.personalizeEndpoint ? `, personalize endpoint ${settings.personalizeEndpoint}` : ''}${settings.s3Endpoint ? `, s3 endpoint ${settings.s3Endpoint} (path-style)` : ''}${sandbox ? ', sandbox' : ''}\n`);
  }

  const place = { region, profile: settings.profile };
  const personalize = new SdkPersonalize(clients.personalize, { ...place, endpoint: settings.personalizeEndpoint });
  if (opts.onRetryNote) personalize.onRetryNote = opts.onRetryNote;
  const s3 = new SdkStorage(clients.s3, { ...place, endpoint: settings.s3Endpoint });

  // A missing region fails every call the same way; say it once, up front, on first use.
  const guarded = region ? { personalize, s3 } : regionMissing(personalize, s3);
  const sdkRecords = new SdkRecords(eventsClient, clients.personalize, { ...place, endpoint: settings.personalizeEndpoint, eventsEndpoint });
  const records: RecordsApi = region ? sdkRecords : regionMissing(sdkRecords, s3).personalize;

  let closed = false;
  return {
    personalize: guarded.personalize,
    s3: guarded.s3,
    records,
    context,
    async close() {
      if (closed) return;
      closed = true;
      clients.personalize.destroy();
      clients.s3.destroy();
      eventsClient.destroy();
      if (sandbox) await sandbox.close();
    },
  };
}

function secretValues(env: Record<string, string | undefined>, s: ClientSettings): string[] {
  return [env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN, s.credentials?.secretAccessKey, s.credentials?.sessionToken].filter((x): x is string => Boolean(x));
}

function regionMissing<P extends object, S extends object>(p: P, s: S): { personalize: P; s3: S } {
  const err = () => new AppError('region-missing', 'No AWS region is configured.', { hint: 'Pass --region (e.g. --region us-east-1), set AWS_REGION, or set region in your AWS profile.' });
  const wrap = <T extends object>(o: T): T =>
    new Proxy(o, { get: (t, k, r) => (typeof Reflect.get(t, k, r) === 'function' ? () => Promise.reject(err()) : Reflect.get(t, k, r)) });
  return { personalize: wrap(p), s3: wrap(s) };
}

export type CredentialProbe = { ok: true; source: 'sandbox' | 'environment' | 'chain' } | { ok: false; error: AppError };

/**
 * Are credentials resolvable? Static keys in env answer at once; otherwise the SDK's default chain
 * (profile, SSO cache, process, web identity, container/instance metadata) is asked — no service
 * call is made, though the last link may try the instance-metadata endpoint (≤ ~1 s).
 */
export async function probeCredentials(opts: { awsProfile?: string; sandbox?: boolean; io: Io }): Promise<CredentialProbe> {
  if (opts.sandbox) return { ok: true, source: 'sandbox' };
  const settings = settingsFromEnv(opts.io.env, { awsProfile: opts.awsProfile });
  if (settings.credentials) return { ok: true, source: 'environment' };
  const { personalize } = createClients({ ...settings, region: settings.region ?? 'us-east-1' });
  try {
    const provider = personalize.config.credentials as unknown as () => Promise<{ accessKeyId?: string }>;
    const c = await provider();
    return c?.accessKeyId ? { ok: true, source: 'chain' } : { ok: false, error: toAppError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), { what: 'find AWS credentials', service: 'Personalize', profile: settings.profile }) };
  } catch (e) {
    return { ok: false, error: toAppError(e, { what: 'find AWS credentials', service: 'Personalize', profile: settings.profile }) };
  } finally {
    personalize.destroy();
  }
}

/** Convenience for the wizard: true when credentials resolve. */
export async function hasCredentials(opts: { awsProfile?: string; sandbox?: boolean; io: Io }): Promise<boolean> {
  return (await probeCredentials(opts)).ok;
}

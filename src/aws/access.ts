// The AccessApi (src/diagnose/ports.ts) over real SDK clients: IAM (src/aws/iam.ts), S3
// GetBucketEncryption and a region-wide ListDatasetImportJobs. Built next to createDeps() from the
// same settings, so it points wherever the other clients point.
import { GetBucketEncryptionCommand, type S3Client } from '@aws-sdk/client-s3';
import { paginateListDatasetImportJobs, type PersonalizeClient } from '@aws-sdk/client-personalize';
import { AppError, isAppError } from '../core/errors.js';
import type { Io, PersonalizeApi } from '../core/ports.js';
import type { ImportJob } from '../core/resources.js';
import type { AccessApi, BucketEncryption, CallerFacts, KmsApi, SimulationResult } from '../diagnose/ports.js';
import { settingsFromEnv } from './clients.js';
import { addDebugLogging } from './debug.js';
import { call } from './errors.js';
import { createIamClient, iamEndpointFromEnv, SdkIam } from './iam.js';
import { SdkPersonalize } from './personalize.js';
import { kmsEndpointFromEnv, SdkKms } from './kms.js';
import { callerIdentity, createStsClient, stsEndpointFromEnv } from './sts.js';
import type { STSClient } from '@aws-sdk/client-sts';
import { SdkStorage } from './s3.js';
import * as convert from './convert.js';
import type { AwsDeps } from './deps.js';

export interface AccessOptions {
  /** the deps the command already made (createDeps): their clients are reused for S3 / Personalize */
  deps: Pick<AwsDeps, 'personalize' | 's3' | 'context'>;
  io: Io;
  region?: string;
  awsProfile?: string;
  debug?: boolean;
}

const RUNNING = new Set(['CREATE PENDING', 'CREATE IN_PROGRESS']);

class SdkAccess implements AccessApi {
  readonly iamUnavailable?: string;
  readonly kms?: KmsApi;
  readonly kmsUnavailable?: string;
  constructor(
    private readonly iam: SdkIam | undefined,
    iamUnavailable: string | undefined,
    private readonly s3: S3Client | undefined,
    private readonly personalizeClient: PersonalizeClient | undefined,
    private readonly personalize: PersonalizeApi,
    private readonly place: { region?: string; profile?: string },
    kms: { api?: KmsApi; unavailable?: string } = {},
    private readonly sts?: { client: STSClient; endpoint?: string },
    private readonly stsUnavailable?: string,
  ) {
    this.iamUnavailable = iamUnavailable;
    if (kms.api) this.kms = kms.api;
    if (kms.unavailable) this.kmsUnavailable = kms.unavailable;
  }

  private caller?: Promise<CallerFacts>;
  callerIdentity(): Promise<CallerFacts> {
    const sts = this.sts;
    if (!sts) return Promise.reject(new AppError('internal', `STS cannot be asked here: ${this.stsUnavailable ?? 'no STS client'}`));
    this.caller ??= callerIdentity(sts.client, { ...this.place, endpoint: sts.endpoint }, this.iam ? (n) => this.iam!.roleArnByName(n) : undefined);
    return this.caller;
  }

  simulatePrincipal(principalArn: string, asks: { action: string; resource: string; context?: Record<string, string> }[]): Promise<SimulationResult[]> {
    return this.needIam().simulatePrincipal(principalArn, asks);
  }

  private needIam(): SdkIam {
    if (!this.iam) throw new AppError('internal', this.iamUnavailable ?? 'IAM is not available.');
    return this.iam;
  }

  getRole(roleArn: string) { return this.needIam().getRole(roleArn); }
  rolePolicies(roleArn: string) { return this.needIam().rolePolicies(roleArn); }
  simulateRole(roleArn: string, asks: { action: string; resource: string }[]) { return this.needIam().simulateRole(roleArn, asks); }

  async bucketEncryption(bucket: string): Promise<BucketEncryption | undefined> {
    const client = this.s3;
    if (!client) throw new AppError('internal', 'No S3 client to read the bucket encryption with.');
    try {
      return await call({ what: `read the encryption of bucket ${bucket}`, service: 'S3', ...this.place }, async () => {
        try {
          const r = await client.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
          const rule = r.ServerSideEncryptionConfiguration?.Rules?.[0];
          const d = rule?.ApplyServerSideEncryptionByDefault;
          if (!d?.SSEAlgorithm) return undefined;
          return { algorithm: d.SSEAlgorithm, ...(d.KMSMasterKeyID ? { kmsKeyId: d.KMSMasterKeyID } : {}), ...(rule?.BucketKeyEnabled !== undefined ? { bucketKeyEnabled: rule.BucketKeyEnabled } : {}) };
        } catch (e) {
          const n = (e as { name?: string }).name;
          if (n === 'ServerSideEncryptionConfigurationNotFoundError') return undefined;
          // Local S3s (the sandbox's s3rver, some MinIO setups) do not implement it.
          if (n === 'NotImplemented') throw new AppError('internal', 'this S3 endpoint does not implement GetBucketEncryption', { awsName: n, cause: e });
          throw e;
        }
      });
    } catch (e) {
      // S3's AccessDenied names no action; this call is s3:GetEncryptionConfiguration.
      if (isAppError(e) && e.kind === 'access-denied') throw new AppError('access-denied', e.message, { action: 's3:GetEncryptionConfiguration', cause: e });
      throw e;
    }
  }

  async listRunningImportJobs(): Promise<ImportJob[]> {
    // One region-wide listing (datasetArn is optional in ListDatasetImportJobs); when that is not
    // supported (some endpoints insist on a dataset), walk groups → datasets → jobs instead.
    if (this.personalizeClient) {
      const client = this.personalizeClient;
      try {
        return await call({ what: 'list import jobs in the region', service: 'Personalize', ...this.place }, async () => {
          const out: ImportJob[] = [];
          for await (const page of paginateListDatasetImportJobs({ client, pageSize: 100 }, {})) {
            for (const j of page.datasetImportJobs ?? []) { const c = convert.importJob(j); if (RUNNING.has(c.status)) out.push(c); }
          }
          return out;
        });
      } catch (e) {
        if (!isAppError(e) || e.kind !== 'invalid-input') {
          if (isAppError(e) && e.kind === 'access-denied') throw new AppError('access-denied', e.message, { action: e.action ?? 'personalize:ListDatasetImportJobs', cause: e });
          throw e;
        }
      }
    }
    const out: ImportJob[] = [];
    for (const g of await this.personalize.listDatasetGroups()) {
      for (const d of await this.personalize.listDatasets(g.arn)) {
        for (const j of await this.personalize.listImportJobs(d.arn)) if (RUNNING.has(j.status)) out.push(j);
      }
    }
    return out;
  }
}

/**
 * The AccessApi for a command that already has its deps. IAM is marked unavailable (role checks
 * become CAN'T CHECK, no IAM call made) in the sandbox, and whenever Personalize points at an
 * endpoint override but IAM has none — real IAM would not know that endpoint's credentials.
 */
export function createAccess(opts: AccessOptions): { access: AccessApi; iam?: SdkIam; close(): void } {
  const ctx = opts.deps.context;
  const s3 = opts.deps.s3 instanceof SdkStorage ? opts.deps.s3.client : undefined;
  const personalizeClient = opts.deps.personalize instanceof SdkPersonalize ? opts.deps.personalize.client : undefined;
  // the sandbox serves its own IAM; otherwise AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL, else real IAM
  const iamEndpoint = ctx.sandbox ? ctx.iamEndpoint : iamEndpointFromEnv(opts.io.env);
  let unavailable: string | undefined;
  if (ctx.sandbox && !iamEndpoint) unavailable = 'the sandbox does not serve IAM';
  else if (!ctx.sandbox && ctx.endpointOverride && !iamEndpoint) unavailable = `Personalize points at an endpoint override (${ctx.endpointOverride}) and no IAM endpoint is set (AWS_ENDPOINT_URL_IAM)`;

  let iam: SdkIam | undefined;
  if (!unavailable) {
    const settings = settingsFromEnv(opts.io.env, { region: opts.region ?? ctx.region, awsProfile: opts.awsProfile });
    // the sandbox takes any key; never send a real identity's keys to it
    if (ctx.sandbox) Object.assign(settings, { profile: undefined, credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' } });
    const client = createIamClient(settings, iamEndpoint);
    if (opts.debug) {
      const secrets = [opts.io.env.AWS_SECRET_ACCESS_KEY, opts.io.env.AWS_SESSION_TOKEN, settings.credentials?.secretAccessKey, settings.credentials?.sessionToken].filter((x): x is string => Boolean(x));
      addDebugLogging(client, 'iam', opts.io.stderr, () => secrets);
    }
    iam = new SdkIam(client, { region: settings.region, profile: settings.profile, endpoint: iamEndpoint });
  }
  // KMS and STS: the sandbox serves both; otherwise their own overrides, else the real services —
  // unless Personalize points at an override and they have none (as for IAM above)
  const kmsEndpoint = ctx.sandbox ? ctx.kmsEndpoint : kmsEndpointFromEnv(opts.io.env);
  const stsEndpoint = ctx.sandbox ? ctx.stsEndpoint : stsEndpointFromEnv(opts.io.env);
  const overridden = (ep: string | undefined, what: string) =>
    (ctx.sandbox && !ep ? `the sandbox does not serve ${what}` : !ctx.sandbox && ctx.endpointOverride && !ep ? `Personalize points at an endpoint override (${ctx.endpointOverride}) and no ${what} endpoint is set (AWS_ENDPOINT_URL_${what})` : undefined);
  const settings = settingsFromEnv(opts.io.env, { region: opts.region ?? ctx.region, awsProfile: opts.awsProfile });
  if (ctx.sandbox) Object.assign(settings, { profile: undefined, credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' } });
  const debugSecrets = [opts.io.env.AWS_SECRET_ACCESS_KEY, opts.io.env.AWS_SESSION_TOKEN, settings.credentials?.secretAccessKey, settings.credentials?.sessionToken].filter((x): x is string => Boolean(x));
  const kmsUnavailable = overridden(kmsEndpoint, 'KMS');
  const kms = kmsUnavailable ? undefined : new SdkKms(settings, kmsEndpoint, (c) => { if (opts.debug) addDebugLogging(c, 'kms', opts.io.stderr, () => debugSecrets); });
  const stsUnavailable = overridden(stsEndpoint, 'STS');
  const stsClient = stsUnavailable ? undefined : createStsClient(settings, stsEndpoint);
  if (stsClient && opts.debug) addDebugLogging(stsClient, 'sts', opts.io.stderr, () => debugSecrets);
  const access = new SdkAccess(iam, unavailable, s3, personalizeClient, opts.deps.personalize, { region: ctx.region, profile: ctx.profile },
    { ...(kms ? { api: kms } : {}), ...(kmsUnavailable ? { unavailable: kmsUnavailable } : {}) }, stsClient ? { client: stsClient, ...(stsEndpoint ? { endpoint: stsEndpoint } : {}) } : undefined, stsUnavailable);
  return {
    access,
    ...(iam ? { iam } : {}),
    close: () => {
      iam?.client.destroy();
      kms?.destroy();
      stsClient?.destroy();
    },
  };
}

// KMS, for buckets encrypted with a customer managed key: DescribeKey, GetKeyPolicy and (access
// setup, with consent) PutKeyPolicy. Built from the same ClientSettings as the other clients; the
// endpoint override is AWS_ENDPOINT_URL_KMS, then AWS_ENDPOINT_URL. KMS is regional: without an
// override, each key is asked in its own region (from its ARN).
import { DescribeKeyCommand, GetKeyPolicyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { AppError } from '../core/errors.js';
import type { KmsApi, KmsKeyFacts } from '../diagnose/ports.js';
import type { ClientSettings } from './clients.js';
import { profileConfig } from './settings.js';
import { toAppError, type ErrorContext } from './errors.js';

type Env = Record<string, string | undefined>;

/** AWS_ENDPOINT_URL_KMS, then AWS_ENDPOINT_URL — unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true. */
export function kmsEndpointFromEnv(env: Env): string | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined;
  return env.AWS_ENDPOINT_URL_KMS?.trim() || env.AWS_ENDPOINT_URL?.trim() || undefined;
}

function name(e: unknown): string | undefined {
  return (e as { name?: string })?.name;
}

/** A key's region, from its ARN (arn:aws:kms:REGION:ACCOUNT:key/ID). */
function regionOf(keyId: string): string | undefined {
  return /^arn:[^:]+:kms:([^:]+):/.exec(keyId)?.[1];
}

export class SdkKms implements KmsApi {
  private readonly clients = new Map<string, KMSClient>();
  constructor(
    private readonly settings: ClientSettings,
    private readonly endpoint: string | undefined,
    private readonly onClient: (c: KMSClient) => void = () => {},
  ) {}

  private client(keyId: string): KMSClient {
    const region = (this.endpoint ? undefined : regionOf(keyId)) ?? this.settings.region ?? 'us-east-1';
    let c = this.clients.get(region);
    if (!c) {
      c = new KMSClient({
        region,
        ...profileConfig(this.settings),
        ...(this.settings.credentials ? { credentials: this.settings.credentials } : {}),
        ...(this.endpoint ? { endpoint: this.endpoint } : {}),
        maxAttempts: 3,
      });
      this.onClient(c);
      this.clients.set(region, c);
    }
    return c;
  }

  /** Runs a KMS call; a refusal becomes access-denied naming `action` (KMS's message names it too). */
  private async call<T>(action: string, what: string, keyId: string, fn: (c: KMSClient) => Promise<T>): Promise<T> {
    try {
      return await fn(this.client(keyId));
    } catch (e) {
      const ctx: ErrorContext = { what, service: 'KMS', region: regionOf(keyId) ?? this.settings.region, profile: this.settings.profile, endpoint: this.endpoint };
      const app = toAppError(e, ctx);
      if (app.kind === 'access-denied') {
        const act = app.action ?? action;
        throw new AppError('access-denied', `Access denied: not allowed ${act} on ${keyId}.`, { action: act, awsName: app.awsName, cause: e, hint: `Allow ${act} for your identity in the key policy of ${keyId} (or in your IAM policy, when the key policy defers to the account), or hand the change to the key's owner.` });
      }
      throw app;
    }
  }

  async describeKey(keyId: string): Promise<KmsKeyFacts | undefined> {
    return this.call('kms:DescribeKey', `describe the KMS key ${keyId}`, keyId, async (c) => {
      try {
        const m = (await c.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata;
        if (!m?.Arn || !m.KeyId) return undefined;
        return { arn: m.Arn, keyId: m.KeyId, accountId: m.AWSAccountId ?? /:(\d{12}):/.exec(m.Arn)?.[1] ?? '', keyManager: m.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER', ...(m.KeyState ? { keyState: m.KeyState } : {}) };
      } catch (e) {
        if (name(e) === 'NotFoundException') return undefined;
        throw e;
      }
    });
  }

  async getKeyPolicy(keyArn: string): Promise<string> {
    return this.call('kms:GetKeyPolicy', `read the key policy of ${keyArn}`, keyArn, async (c) => {
      const r = await c.send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }));
      if (r.Policy === undefined) throw new AppError('internal', `KMS returned no policy for ${keyArn}.`);
      return r.Policy;
    });
  }

  /**
   * kms:PutKeyPolicy. A role created a moment ago may not be visible to KMS yet ("invalid
   * principals"): that one error is retried with backoff (1, 2, 4, 8 s), as IAM's docs advise.
   */
  async putKeyPolicy(keyArn: string, policy: string): Promise<void> {
    await this.call('kms:PutKeyPolicy', `set the key policy of ${keyArn}`, keyArn, async (c) => {
      for (let wait = 1000; ; wait *= 2) {
        try {
          await c.send(new PutKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default', Policy: policy }));
          return;
        } catch (e) {
          const msg = (e as Error).message ?? '';
          if (name(e) === 'MalformedPolicyDocumentException' && /invalid principals?/i.test(msg) && wait <= 8000) {
            await new Promise((r) => setTimeout(r, wait));
            continue;
          }
          if (name(e) === 'MalformedPolicyDocumentException') throw new AppError('invalid-input', `KMS rejected the key policy of ${keyArn}: ${msg}`, { awsName: name(e), cause: e });
          if (name(e) === 'LimitExceededException') throw new AppError('limit', `KMS refused the key policy of ${keyArn}: ${msg}`, { awsName: name(e), cause: e, hint: 'A key policy holds at most 32 KB: shorten it (merge statements) and run again.' });
          throw e;
        }
      }
    });
  }

  destroy(): void {
    for (const c of this.clients.values()) c.destroy();
  }
}

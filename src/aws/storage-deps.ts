// S3 alone, for a command that reads objects and nothing else (validate s3://…): the same settings,
// S3 client, --debug logging and missing-region message as createDeps (deps.ts), without loading or
// configuring the Personalize and personalize-events clients (their modules and set-up were ~10 %
// of the code `validate s3://` compiled before its first byte). --sandbox still goes through
// createDeps: the sandbox is started there.
import type { Io, StorageApi } from '../core/ports.js';
import { AppError } from '../core/errors.js';
import { addDebugLogging } from './debug.js';
import { createS3Client } from './s3-client.js';
import { SdkStorage } from './s3.js';
import { resolvedRegion, settingsFromEnv } from './settings.js';

export interface StorageDeps {
  s3: StorageApi;
  close(): Promise<void>;
}

export async function createStorageDeps(opts: { region?: string; awsProfile?: string; debug?: boolean; io: Io }): Promise<StorageDeps> {
  const settings = settingsFromEnv(opts.io.env, { region: opts.region, awsProfile: opts.awsProfile });
  const client = createS3Client(settings);
  const region = settings.region ?? (await resolvedRegion(client));
  if (opts.debug) {
    const env = opts.io.env;
    const secrets = () => [env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN, settings.credentials?.secretAccessKey, settings.credentials?.sessionToken].filter((x): x is string => Boolean(x));
    addDebugLogging(client, 's3', opts.io.stderr, secrets);
    opts.io.stderr.write(`[debug] region ${region ?? '(none)'}${settings.profile ? `, profile ${settings.profile}` : ''}${settings.s3Endpoint ? `, s3 endpoint ${settings.s3Endpoint} (path-style)` : ''}\n`);
  }
  const storage = new SdkStorage(client, { region, profile: settings.profile, endpoint: settings.s3Endpoint });
  return { s3: region ? storage : regionMissing(storage), close: async () => client.destroy() };
}

/** every call fails with the message createDeps gives when no region is configured */
function regionMissing<T extends object>(o: T): T {
  const err = () => new AppError('region-missing', 'No AWS region is configured.', { hint: 'Pass --region (e.g. --region us-east-1), set AWS_REGION, or set region in your AWS profile.' });
  return new Proxy(o, { get: (t, k, r) => (typeof Reflect.get(t, k, r) === 'function' ? () => Promise.reject(err()) : Reflect.get(t, k, r)) });
}

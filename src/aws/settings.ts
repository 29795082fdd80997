// Where the AWS clients point and who they are: region, credentials and endpoint overrides,
// resolved the AWS way but read from the Io's env (so an in-process caller or a test can pass its
// own environment) and handed to the SDK explicitly, so we always know what is in effect. No SDK
// client here: a command that needs S3 alone (validate s3://…) loads only the S3 client.
import type { AwsCredentialIdentity } from '@aws-sdk/types';

export interface ClientSettings {
  /** undefined = let the SDK resolve it from the profile's config file */
  region?: string;
  /** named profile for the default credential chain (incl. SSO) and config-file region */
  profile?: string;
  personalizeEndpoint?: string;
  s3Endpoint?: string;
  /** explicit credentials (sandbox, or static keys from a non-process env); else the default chain */
  credentials?: AwsCredentialIdentity;
}

type Env = Record<string, string | undefined>;

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/**
 * Resolves settings from flags and env. Precedence: --region, AWS_REGION, AWS_DEFAULT_REGION,
 * then the profile's config (by the SDK). Endpoints: AWS_ENDPOINT_URL_<SERVICE>, then
 * AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (the SDK's own rules).
 */
export function settingsFromEnv(env: Env, opts: { region?: string; awsProfile?: string }): ClientSettings {
  const region = nonEmpty(opts.region) ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
  const profile = nonEmpty(opts.awsProfile) ?? nonEmpty(env.AWS_PROFILE);
  const ignore = (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true';
  const common = ignore ? undefined : nonEmpty(env.AWS_ENDPOINT_URL);
  const personalizeEndpoint = ignore ? undefined : nonEmpty(env.AWS_ENDPOINT_URL_PERSONALIZE) ?? common;
  const s3Endpoint = ignore ? undefined : nonEmpty(env.AWS_ENDPOINT_URL_S3) ?? common;
  // Static keys in env are what the default chain would pick first anyway (unless a profile is
  // named); passing them explicitly makes an injected env (tests, in-process) behave like process.env.
  let credentials: AwsCredentialIdentity | undefined;
  const key = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secret = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  if (!profile && key && secret) {
    credentials = { accessKeyId: key, secretAccessKey: secret, sessionToken: nonEmpty(env.AWS_SESSION_TOKEN) };
  }
  return { region, profile, personalizeEndpoint, s3Endpoint, credentials };
}

/** The region the client resolved to, or undefined when none is configured anywhere. */
export async function resolvedRegion(client: { config: { region: unknown } }): Promise<string | undefined> {
  const r = client.config.region;
  try {
    const v = typeof r === 'function' ? await (r as () => Promise<string>)() : (r as string | undefined);
    return nonEmpty(v);
  } catch {
    return undefined;
  }
}

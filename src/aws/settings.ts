// Where the AWS clients point and who they are: region, credentials and endpoint overrides,
// resolved the AWS way but read from the Io's env (so an in-process caller or a test can pass its
// own environment) and handed to the SDK explicitly, so we always know what is in effect. No SDK
// client here: a command that needs S3 alone (validate s3://…) loads only the S3 client.
import type { AwsCredentialIdentity, Logger } from '@aws-sdk/types';
import { visible } from '../core/sanitize.js';

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

const quiet = () => {};
let saidProfile = false;

/**
 * A named profile for a client's config (every client: Personalize, S3, IAM, KMS, STS, events). With
 * static keys in the environment too (a sandbox's `eval`, CI's secrets), the SDK's credential chain
 * takes the profile and printed an 8-line "Multiple credential sources detected … a future version
 * may change this behavior" warning on stderr (console.warn, for want of a client logger): this
 * logger says what is true in one line, once; the SDK's other logging stays off, as without one.
 */
export function profileConfig(s: ClientSettings): { profile?: string; logger?: Logger } {
  if (!s.profile) return {};
  const profile = s.profile;
  const warn = (...args: unknown[]) => {
    if (saidProfile || !/Multiple credential sources/.test(args.map(String).join(' '))) return;
    saidProfile = true;
    process.stderr.write(`Note: the AWS profile ${visible(profile)} is used; AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment are not.\n`);
  };
  return { profile, logger: { trace: quiet, debug: quiet, info: quiet, warn, error: quiet } };
}

// Who is calling: STS GetCallerIdentity (allowed to everyone), for the caller's own permission
// checks (iam:PassRole on the role). The endpoint override is AWS_ENDPOINT_URL_STS, then
// AWS_ENDPOINT_URL. An assumed-role session is reported with its role's ARN as the principal whose
// policies decide (the role's path is asked of IAM when it may be: simulation needs the exact ARN).
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { CallerFacts } from '../diagnose/ports.js';
import type { ClientSettings } from './clients.js';
import { profileConfig } from './settings.js';
import { toAppError, type ErrorContext } from './errors.js';

type Env = Record<string, string | undefined>;

export function stsEndpointFromEnv(env: Env): string | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined;
  return env.AWS_ENDPOINT_URL_STS?.trim() || env.AWS_ENDPOINT_URL?.trim() || undefined;
}

export function createStsClient(s: ClientSettings, endpoint?: string): STSClient {
  return new STSClient({
    region: s.region ?? 'us-east-1',
    ...profileConfig(s),
    ...(s.credentials ? { credentials: s.credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 3,
  });
}

/** arn:aws:sts::ACCT:assumed-role/NAME/SESSION → { role name }; a user / role ARN as is; root flagged. */
export function principalOf(arn: string): { principalArn?: string; roleName?: string; root?: boolean } {
  const assumed = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  if (assumed) return { principalArn: `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`, roleName: assumed[3] };
  if (/^arn:[^:]+:iam::\d{12}:root$/.test(arn)) return { root: true };
  if (/^arn:[^:]+:iam::\d{12}:(user|role)\//.test(arn)) return { principalArn: arn };
  return {};
}

export async function callerIdentity(client: STSClient, place: { region?: string; profile?: string; endpoint?: string }, roleArnOf?: (roleName: string) => Promise<string | undefined>): Promise<CallerFacts> {
  let r;
  try {
    r = await client.send(new GetCallerIdentityCommand({}));
  } catch (e) {
    throw toAppError(e, { what: 'find out who is calling (sts:GetCallerIdentity)', service: 'STS', ...place });
  }
  const arn = r.Arn ?? '';
  const p = principalOf(arn);
  let principalArn = p.principalArn;
  if (p.roleName && roleArnOf) principalArn = (await roleArnOf(p.roleName).catch(() => undefined)) ?? principalArn;
  return { arn, account: r.Account ?? '', ...(principalArn ? { principalArn } : {}), ...(p.root ? { root: true } : {}) };
}

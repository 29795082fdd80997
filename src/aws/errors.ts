// SDK errors → AppError with a human message and the next step. Everything in src/aws/ calls the
// SDK through `call()`, so no raw SDK error reaches a command or a user.
import { AppError, isAppError } from '../core/errors.js';

export interface ErrorContext {
  /** what we were doing, e.g. "list dataset groups" */
  what: string;
  /** the service, for messages ("Personalize" | "S3") */
  service: 'Personalize' | 'S3' | 'IAM' | 'KMS' | 'STS';
  /** the endpoint in use, when known (named in network errors) */
  endpoint?: string;
  region?: string;
  profile?: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET']);
/** network errors from before a request left: no connection was made, so nothing reached the service */
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const THROTTLE_NAMES = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown', 'ProvisionedThroughputExceededException']);

interface SdkLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $fault?: string;
  Code?: string;
}

function profileFlag(ctx: ErrorContext): string {
  return ctx.profile ? ` --profile ${ctx.profile}` : '';
}

/** The network error code (ECONNREFUSED…) hidden somewhere in an error's cause chain. */
export function networkCode(e: unknown): string | undefined {
  for (let cur: unknown = e, i = 0; cur && i < 6; cur = (cur as { cause?: unknown }).cause, i++) {
    const code = (cur as { code?: string }).code;
    if (code && NETWORK_CODES.has(code)) return code;
    const name = (cur as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'RequestTimeout') return 'ETIMEDOUT';
    const errs = (cur as { errors?: unknown[] }).errors; // AggregateError from happy-eyeballs
    if (Array.isArray(errs)) for (const x of errs) { const c = networkCode(x); if (c) return c; }
  }
  return undefined;
}

/** "User: arn:… is not authorized to perform: personalize:ListDatasetGroups on resource: arn:…" → the action. */
export function deniedAction(message: string): { action?: string; resource?: string } {
  const m = /not authorized to perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)(?:\s+on resource:?\s+(\S+?))?(?:\s|$|\.|,| because)/i.exec(message);
  return { action: m?.[1], resource: m?.[2]?.replace(/[.,]$/, '') };
}

/**
 * Did this attempt's request perhaps reach the service and take effect, though it failed? A 5xx, or a
 * connection cut or timed out after it was made — not a 4xx answer (the service said no) and not a
 * connection never made (refused, no such host).
 */
export function mayHaveLanded(e: unknown): boolean {
  const status = (e as SdkLike)?.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500;
  const net = networkCode(e);
  return net !== undefined && !NOT_CONNECTED_CODES.has(net) || /socket hang up|ECONNRESET|EPIPE/i.test(String((e as SdkLike)?.message ?? ''));
}

export function toAppError(e: unknown, ctx: ErrorContext): AppError {
  if (isAppError(e)) return e;
  const err = (e ?? {}) as SdkLike;
  const name = err.name ?? err.Code ?? '';
  const message = String(err.message ?? e);
  const status = err.$metadata?.httpStatusCode;
  // an earlier attempt of the SDK's retries may have stored what this one was refused (sendWatched in events.ts)
  const landed = (e as { $mayHaveLanded?: boolean })?.$mayHaveLanded === true;
  const opts = (extra: { hint?: string; action?: string; notSent?: boolean } = {}) => ({ ...extra, awsName: name || undefined, cause: e, ...(landed ? { mayHaveLanded: true } : {}) });

  if (name === 'AbortError') return new AppError('interrupted', `Stopped while trying to ${ctx.what}.`, opts());

  // Credentials
  if ((name === 'CredentialsProviderError' || name === 'TokenProviderError') && /aws sso login|SSO session|SSO Token|Token is expired/i.test(message)) {
    const signedOut = /not found or is invalid/i.test(message) && !/expired/i.test(message);
    return new AppError('expired-token', signedOut ? 'You are not signed in to AWS SSO for this profile.' : 'Your AWS SSO session has expired.', opts({ hint: `Run \`aws sso login${profileFlag(ctx)}\`, then try again.` }));
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'RequestExpired' || /security token included in the request is expired/i.test(message)) {
    return new AppError('expired-token', 'Your AWS credentials have expired.', opts({ hint: ctx.profile ? `Refresh them (for SSO: \`aws sso login${profileFlag(ctx)}\`), then try again.` : 'Get fresh credentials (new session token, or `aws sso login`), then try again.' }));
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials|credential.*not.*(found|loaded)|Unable to locate credentials/i.test(message)) {
    return new AppError('no-credentials', 'No AWS credentials found.', opts({
      hint: ctx.profile
        ? `Check the profile '${ctx.profile}' in ~/.aws/config (for SSO: \`aws sso login${profileFlag(ctx)}\`), or try --sandbox to learn the flow without AWS.`
        : 'Run `aws configure` (or `aws sso login --profile NAME` and pass --aws-profile NAME), or try --sandbox to learn the flow without AWS.',
    }));
  }
  if (name === 'UnrecognizedClientException' || name === 'InvalidClientTokenId' || name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch' || name === 'IncompleteSignature') {
    return new AppError('no-credentials', `AWS did not accept your credentials (${name}).`, opts({ hint: 'Check the access key / profile in use (`aws sts get-caller-identity`), then try again.' }));
  }
  if (/Region is missing|region.*not.*(set|configured)|ConfigError.*region/i.test(message) || name === 'RegionMissing') {
    return new AppError('region-missing', 'No AWS region is configured.', opts({ hint: 'Pass --region (e.g. --region us-east-1), set AWS_REGION, or set region in your AWS profile.' }));
  }

  // Permissions
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'AllAccessDisabled' || status === 403 && !THROTTLE_NAMES.has(name)) {
    const { action, resource } = deniedAction(message);
    const what = action ? `Access denied: you are not allowed ${action}${resource ? ` on ${resource}` : ''}.` : `Access denied while trying to ${ctx.what}.`;
    return new AppError('access-denied', what, opts({
      action,
      hint: action ? `Ask your AWS administrator to allow ${action} for your identity${resource ? ` on ${resource}` : ''}.` : `Your identity lacks a ${ctx.service} permission needed to ${ctx.what}; check its IAM policy.`,
    }));
  }

  if (THROTTLE_NAMES.has(name) || status === 429 || /rate exceeded|throttl/i.test(message)) {
    return new AppError('throttled', `AWS is throttling requests (${name || 'rate exceeded'}) while trying to ${ctx.what}.`, opts({ hint: 'Wait a minute and try again; other tools in this account may be calling the same API.' }));
  }
  if (name === 'ResourceNotFoundException' || name === 'NoSuchBucket' || name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchUpload') {
    return new AppError('not-found', `Not found: ${message || ctx.what}`, opts({ hint: `Check the ARN or name and the region${ctx.region ? ` (now ${ctx.region})` : ''}; resources are per region.` }));
  }
  if (name === 'InvalidInputException' || name === 'ValidationException' || name === 'InvalidNextTokenException' || name === 'InvalidBucketName' || name === 'InvalidArgument') {
    return new AppError('invalid-input', `${ctx.service} rejected the request: ${message}`, opts({ hint: 'Fix the value it names and try again.' }));
  }
  if (name === 'ResourceAlreadyExistsException' || name === 'BucketAlreadyExists' || name === 'BucketAlreadyOwnedByYou') {
    return new AppError('conflict', `Already exists: ${message}`, opts({ hint: 'Pick another name (import job names are unique per account and region).' }));
  }
  if (name === 'PreconditionFailed' || (status === 412 && ctx.service === 'S3')) {
    // a ranged read asks with If-Match: the object was replaced since the check began
    return new AppError('conflict', `The S3 object changed during the check (${ctx.what}): its ETag is no longer the one it had when the check began, so its parts would not be of one file.`, opts({ hint: 'Run it again once nothing is writing the object.' }));
  }
  if (name === 'ResourceInUseException') {
    return new AppError('conflict', `In use: ${message}`, opts({ hint: 'Wait for the resource to finish what it is doing, then try again.' }));
  }
  if (name === 'LimitExceededException' || name === 'TooManyTagsException' || name === 'ServiceQuotaExceededException') {
    return new AppError('limit', `An AWS limit was reached: ${message}`, opts({ hint: /PENDING or IN_PROGRESS/i.test(message) ? 'At most 5 import jobs may run at once per region: wait for one to finish (personalize-import history shows them).' : 'Wait for running work to finish, or ask for a quota increase.' }));
  }
  const net = networkCode(e);
  if (net) {
    const where = ctx.endpoint ?? `${ctx.service}${ctx.region ? ` in ${ctx.region}` : ''}`;
    return new AppError('network', `Could not reach ${where} (${net}) while trying to ${ctx.what}.`, opts({
      notSent: NOT_CONNECTED_CODES.has(net),
      hint: ctx.endpoint ? `Is the endpoint override right and is something listening there? (AWS_ENDPOINT_URL*; a sandbox: \`personalize-import sandbox\`)` : 'Check your network connection / proxy, then try again.',
    }));
  }
  if (name === 'UnknownOperationException' || name === 'UnknownEndpoint') {
    return new AppError('internal', `${ctx.service} does not know this operation (${name}) — is the endpoint override pointing at the right service?`, opts());
  }
  const code = status ? ` (HTTP ${status}${name ? `, ${name}` : ''})` : name ? ` (${name})` : '';
  return new AppError('internal', `${ctx.service} failed to ${ctx.what}${code}: ${message}`, opts({ hint: 'Re-run with --debug and include the output in a bug report.' }));
}

/** Runs one SDK call and maps whatever it throws. */
export async function call<T>(ctx: ErrorContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toAppError(e, ctx);
  }
}

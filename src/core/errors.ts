// Domain errors: a human message, a next step, and the exit code it maps to.
// The AWS layer turns SDK errors into these; the CLI prints message + hint, never a stack trace.
import { EXIT, type ExitCode } from './exit-codes.js';

export type ErrorKind =
  | 'usage'          // bad flags / input the user can fix
  | 'no-credentials'
  | 'expired-token'
  | 'access-denied'
  | 'throttled'
  | 'not-found'
  | 'region-missing'
  | 'invalid-input'  // the service rejected a request's values
  | 'conflict'       // already exists / in use
  | 'limit'          // LimitExceeded
  | 'network'
  | 'no-tty'
  | 'interrupted'
  | 'internal';

const EXIT_BY_KIND: Record<ErrorKind, ExitCode> = {
  usage: EXIT.USAGE,
  'no-credentials': EXIT.AUTH,
  'expired-token': EXIT.AUTH,
  'access-denied': EXIT.AUTH,
  throttled: EXIT.FAILED,
  'not-found': EXIT.USAGE,
  'region-missing': EXIT.USAGE,
  'invalid-input': EXIT.USAGE,
  conflict: EXIT.USAGE,
  limit: EXIT.FAILED,
  network: EXIT.FAILED,
  'no-tty': EXIT.USAGE,
  interrupted: EXIT.INTERRUPTED,
  internal: EXIT.FAILED,
};

export class AppError extends Error {
  readonly kind: ErrorKind;
  /** what to do next, one sentence */
  readonly hint?: string;
  /** the IAM action that was denied, when known (e.g. "personalize:ListDatasetGroups") */
  readonly action?: string;
  /** the AWS error name (e.g. "ThrottlingException"), when this came from the service */
  readonly awsName?: string;
  readonly exitCode: ExitCode;

  constructor(kind: ErrorKind, message: string, opts: { hint?: string; action?: string; awsName?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.hint = opts.hint;
    this.action = opts.action;
    this.awsName = opts.awsName;
    this.exitCode = EXIT_BY_KIND[kind];
  }
}

export function usageError(message: string, hint?: string): AppError {
  return new AppError('usage', message, { hint });
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** One or two lines for the terminal: the message and, indented, the next step. */
export function formatError(e: unknown): string {
  if (isAppError(e)) return e.hint ? `${e.message}\n  → ${e.hint}` : e.message;
  const msg = e instanceof Error ? e.message : String(e);
  return `Unexpected error: ${msg}\n  → Re-run with --debug and include the output in a bug report.`;
}

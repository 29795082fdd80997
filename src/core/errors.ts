// Domain errors: a human message, a next step, and the exit code it maps to.
// The AWS layer turns SDK errors into these; the CLI prints message + hint, never a stack trace.
import { EXIT, type ExitCode } from './exit-codes.js';
import { visible, visibleText } from './sanitize.js';

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
  /** a network error from before the request left: the connection was never made (refused, no such host) */
  readonly notSent?: boolean;
  /** an earlier attempt of the same call (the SDK's retries) may have reached the service and taken effect */
  readonly mayHaveLanded?: boolean;
  readonly exitCode: ExitCode;

  constructor(kind: ErrorKind, message: string, opts: { hint?: string; action?: string; awsName?: string; cause?: unknown; notSent?: boolean; mayHaveLanded?: boolean } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.hint = opts.hint;
    this.action = opts.action;
    this.awsName = opts.awsName;
    if (opts.notSent) this.notSent = true;
    if (opts.mayHaveLanded) this.mayHaveLanded = true;
    this.exitCode = EXIT_BY_KIND[kind];
  }
}

export function usageError(message: string, hint?: string): AppError {
  return new AppError('usage', message, { hint });
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** One or two lines for the terminal: the message and, indented, the next step (control characters
 * from a service message or a file name escaped). */
export function formatError(e: unknown): string {
  const app = asAppError(e);
  if (app) return visibleText(app.hint ? `${app.message}\n  → ${app.hint}` : app.message);
  const msg = e instanceof Error ? e.message : String(e);
  return visibleText(`Unexpected error: ${msg}\n  → Re-run with --debug and include the output in a bug report.`);
}

// ---- the file system's failure classes ------------------------------------------------------------
// A file or folder the user named (or the config/report file) that cannot be read or written is the
// user's to fix: exit 2, the path named, never "Unexpected error".

const FS_REASON: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'not a folder (or a part of the path is not one)',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error (the disk or the network file system failed)',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  ENXIO: 'no such device',
  ENODEV: 'no such device',
  EFBIG: 'the file is too large',
  ESPIPE: 'cannot seek in a pipe',
  EBUSY: 'busy',
  ETXTBSY: 'busy',
};

const FS_HINT: Record<string, string> = {
  EACCES: 'Check who owns it and its permissions (ls -l); a file created with sudo belongs to root.',
  EPERM: 'Check who owns it and its permissions (ls -l).',
  EROFS: 'Pick a place on a writable file system.',
  ENOSPC: 'Free some space on that disk, or pick another place.',
  EDQUOT: 'Free some space, or pick another place.',
  EIO: 'The device reported an error: check the disk (dmesg) or copy the file somewhere local.',
  ENOENT: 'Check the path; it is relative to the folder you ran the command in.',
  ENOTDIR: 'Check the path; it is relative to the folder you ran the command in.',
};

/** The errno code of a Node system error (EACCES, EIO, …), or undefined. */
export function errnoCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code) && (e as { syscall?: unknown }).syscall !== undefined) return code;
  // an error cloned from a worker thread keeps only its message: "EIO: i/o error, read"
  const m = e instanceof Error ? /^(E[A-Z]{2,}): [a-z]/.exec(e.message) : null;
  return m && FS_REASON[m[1]] ? m[1] : undefined;
}

/** "permission denied", "no space left on the device", … for a system error (its message otherwise). */
export function fsReason(e: unknown): string {
  const code = errnoCode(e) ?? (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && FS_REASON[code]) return FS_REASON[code];
  return e instanceof Error ? e.message : String(e);
}

/**
 * A file-system error as an AppError naming the path: `what` says what the path is for
 * ("the CSV", "the report --report", "the saved-profiles file"). Exit 2 (the user's to fix).
 */
export function fileError(e: unknown, path: string, what?: string, hint?: string): AppError {
  if (isAppError(e)) return e;
  const code = errnoCode(e) ?? (e as NodeJS.ErrnoException | undefined)?.code;
  return new AppError('usage', `${what ? `${what} ` : ''}${visible(path)}: ${fsReason(e)}${code ? ` (${code})` : ''}.`, {
    hint: hint ?? (code ? FS_HINT[code] : undefined),
    cause: e,
  });
}

/** An AppError as is; a Node system error that carries a path (EACCES, EIO, ENOSPC …) as the
 * AppError naming it; anything else (a bug) undefined. */
export function asAppError(e: unknown): AppError | undefined {
  if (isAppError(e)) return e;
  const path = (e as NodeJS.ErrnoException | undefined)?.path;
  if (errnoCode(e) && typeof path === 'string') return fileError(e, path);
  return undefined;
}

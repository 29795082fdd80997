// Exit codes, as the README documents them.
export const EXIT = {
  OK: 0,
  /** the import job failed, or the data is invalid */
  FAILED: 1,
  /** usage: bad or missing flags, unusable input, no terminal for an interactive step */
  USAGE: 2,
  /** credentials or permissions */
  AUTH: 3,
  /** Ctrl-C */
  INTERRUPTED: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

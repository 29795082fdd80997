// The commands, each loaded only when it runs (so --help and --version stay fast). The completion
// scripts are generated from this list and each module's `options`.
import type { CommandModule } from './context.js';

export const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  wizard: { summary: 'the guided import (the default when no command is given)', load: () => import('../commands/wizard.js') },
  import: { summary: 'the whole import from flags, no questions (scripts, CI, tickets)', load: () => import('../commands/import.js') },
  validate: { summary: "check a CSV against a dataset's schema before importing it", load: () => import('../commands/validate.js') },
  status: { summary: 'follow an import job by ARN, or show it once', load: () => import('../commands/status.js') },
  history: { summary: "a dataset's import jobs, newest first", load: () => import('../commands/history.js') },
  diagnose: { summary: 'explain a failed job: cause, fix, permission checks, a pasteable report', load: () => import('../commands/diagnose.js') },
  profiles: { summary: 'list, show or delete saved profiles', load: () => import('../commands/profiles.js') },
  completion: { summary: 'print a shell completion script (bash, zsh or fish)', load: () => import('../commands/completion.js') },
  sandbox: { summary: 'run a local Personalize + S3 sandbox (no AWS account needed)', load: () => import('../commands/sandbox.js') },
};

// The AWS CLI the sandbox tests run (test/sandbox/aws-cli*.test.ts), found once per file without
// running it: the first `aws` on PATH, and where that is a pyenv shim (a bash script that runs
// `pyenv exec` on every call, ≈0.7 s each) the program the shim would run. undefined when there is
// no `aws` (the tests skip, saying so).
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

function findAws(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, 'aws');
    try {
      accessSync(p, constants.X_OK);
    } catch {
      continue;
    }
    if (!/[/\\]\.pyenv[/\\]shims$/.test(dir)) return p;
    try {
      return execFileSync('pyenv', ['which', 'aws'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
    } catch {
      return undefined; // a shim, but no installed Python version has the CLI
    }
  }
  return undefined;
}

export const AWS_CLI = findAws();

/** The env an `aws` call gets: the sandbox's variables and nothing from the user's own AWS set-up. */
export function awsEnv(sandboxEnv: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', AWS_CONFIG_FILE: '/nonexistent/aws-config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials', ...sandboxEnv };
}

// Runs the built CLI as a child process (no terminal: stdin ignored, stdout/stderr piped) against a
// sandbox running in this test process. The child is spawned asynchronously so the in-process
// sandbox keeps serving it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'dist/cli.js');
export const SAMPLES = join(ROOT, 'samples');

export function ensureBuilt(): void {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** A clean env: the sandbox's endpoints and keys, no real AWS profile, an empty profile store. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-import-conf-')) };
  for (const k of ['AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_PERSONALIZE', 'AWS_ENDPOINT_URL_S3', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'PERSONALIZE_SANDBOX_ROLE_ARN', 'PERSONALIZE_SANDBOX_BUCKET']) delete env[k];
  return { ...env, ...extra };
}

export interface Running {
  child: ChildProcess;
  /** resolves when the process exits */
  done: Promise<CliResult>;
  /** stdout + stderr so far */
  output(): string;
  /** polls the output until it matches */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
}

export function start(args: string[], env: NodeJS.ProcessEnv): Running {
  const t0 = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 }));
  });
  const output = () => stdout + stderr;
  return {
    child,
    done,
    output,
    async waitFor(re, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!re.test(output())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}; output:\n${output()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return start(args, env).done;
}

/** Parses the one JSON document stdout must hold (throws with the output when it is not one). */
export function jsonDoc(r: CliResult): Record<string, any> {
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${r.code}):\n${r.stdout}\n--- stderr:\n${r.stderr}`);
  }
}

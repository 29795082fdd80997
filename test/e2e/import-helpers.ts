// Runs the built CLI as a child process (no terminal: stdin ignored, stdout/stderr piped) against a
// sandbox running in this test process. The child is spawned asynchronously so the in-process
// sandbox keeps serving it. Also what the new-account walks share (plain-create-tmux,
// plain-multi-tmux, wizard-create-tmux): a detached empty sandbox stopped after the test, a new
// user's terminal env, plain mode answered with Enter, and the account read back with the SDK.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeDatasetCommand, DescribeSchemaCommand, ListDatasetGroupsCommand, ListDatasetImportJobsCommand, ListDatasetsCommand, PersonalizeClient } from '@aws-sdk/client-personalize';
import { onTestFinished } from 'vitest';
import type { Terminal } from '../helpers/tmux.js';

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

export function start(args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = []): Running {
  const t0 = Date.now();
  const child = spawn(process.execPath, [...nodeFlags, CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

/**
 * `watchdogMs`: a run still going after that long gets SIGUSR2 (Node's diagnostic report: its
 * JavaScript stack and open handles, appended to stderr) and is then killed, and its result says so
 * after the output so far — a test that timed out said nothing of where the CLI was (validate
 * --with's 30 s timeout, seen in full runs, never alone).
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv, opts: { watchdogMs?: number } = {}): Promise<CliResult> {
  if (!opts.watchdogMs) return start(args, env).done;
  const ms = opts.watchdogMs;
  const reports = mkdtempSync(join(tmpdir(), 'pi-cli-report-'));
  const run = start(args, env, ['--report-on-signal', '--report-signal=SIGUSR2', `--report-directory=${reports}`]);
  let hung = false;
  let procSnapshot = '';
  const timer = setTimeout(() => {
    if (run.child.exitCode !== null || run.child.signalCode !== null) return;
    hung = true;
    procSnapshot = snapshotProc(run.child.pid);
    run.child.kill('SIGUSR2');
    setTimeout(() => run.child.kill('SIGKILL'), 2000).unref();
  }, ms);
  return run.done.then((r) => {
    clearTimeout(timer);
    if (!hung) return r;
    const report = readdirSync(reports).map((f) => {
      try {
        const j = JSON.parse(readFileSync(join(reports, f), 'utf8')) as { javascriptStack?: { message?: string; stack?: string[] }; libuv?: { type: string; is_active?: boolean }[] };
        return `${j.javascriptStack?.message ?? ''}\n${(j.javascriptStack?.stack ?? []).join('\n')}\nactive handles: ${(j.libuv ?? []).filter((h) => h.is_active).map((h) => h.type).join(', ')}`;
      } catch {
        return '';
      }
    }).join('\n');
    return { ...r, stderr: `${r.stderr}\n[runCli: ${args.join(' ')} was still running after ${ms / 1000} s (output so far above): killed]\n${procSnapshot}\n${report}` };
  });
}

/**
 * What the kernel says a process is doing, taken before it is signalled: each thread's name, state
 * and wait channel, and its open files — the diagnostic report needs the event loop to run, so a
 * process stuck in native code (before its JavaScript starts, or in a blocking call) says nothing
 * through it.
 */
function snapshotProc(pid: number | undefined): string {
  if (!pid) return '';
  const read = (p: string) => {
    try {
      return readFileSync(p, 'utf8').trim();
    } catch (e) {
      return `(${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`;
    }
  };
  const lines = [`/proc/${pid}: ${read(`/proc/${pid}/cmdline`).replace(/\0/g, ' ')}`];
  try {
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      const stat = read(`/proc/${pid}/task/${t}/stat`);
      const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
      lines.push(`  thread ${t} ${read(`/proc/${pid}/task/${t}/comm`)} state ${state} wchan ${read(`/proc/${pid}/task/${t}/wchan`)} syscall ${read(`/proc/${pid}/task/${t}/syscall`).split(' ').slice(0, 2).join(' ')}`);
    }
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      let target = '';
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        target = '(gone)';
      }
      lines.push(`  fd ${fd} → ${target}`);
    }
  } catch (e) {
    lines.push(`  (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  return lines.join('\n');
}

/** Parses the one JSON document stdout must hold (throws with the output when it is not one). */
export function jsonDoc(r: CliResult): Record<string, any> {
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${r.code}):\n${r.stdout}\n--- stderr:\n${r.stderr}`);
  }
}

/**
 * A brand-new account: `sandbox --print-env --seed none --job-seconds 0` started detached in a fresh
 * data directory (`eval "$(…)"`'s variables, as a map), stopped with `sandbox --stop` when the test ends.
 */
export function startEmptySandbox(prefix: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => {
    try {
      execFileSync(process.execPath, [CLI, 'sandbox', '--stop', '--data-dir', dir], { stdio: 'ignore' });
    } catch {
      /* already stopped */
    }
  });
  const out = execFileSync(process.execPath, [CLI, 'sandbox', '--print-env', '--data-dir', dir, '--seed', 'none', '--job-seconds', '0'], { env: cliEnv(), encoding: 'utf8', timeout: 60_000 });
  const env: Record<string, string> = {};
  for (const m of out.matchAll(/^export (\w+)='([^']*)'$/gm)) env[m[1]] = m[2];
  return env;
}

/** A new user's terminal in that account: its variables, no AWS profile, an empty profile store. */
export function newUserEnv(sandboxEnv: Record<string, string>): Record<string, string | undefined> {
  return { ...sandboxEnv, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) };
}

/** The three sample files of one group whose IDs do not match across the files (items prefixed sku-, users' IDs in upper case). */
export const MISMATCHED = { 'interactions.csv': 'interactions.csv', 'items.csv': 'items-sku-prefix.csv', 'users.csv': 'users-uppercase.csv' };

/** A fresh folder holding samples under the names given ({ 'events.csv': 'interactions.csv' }). */
export function workFolder(prefix: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, sample] of Object.entries(files)) copyFileSync(join(SAMPLES, sample), join(dir, name));
  return dir;
}

/**
 * Plain mode answered as it asks: Enter at every numbered prompt, the new group's name typed first
 * where it is asked. Returns how many times the name was typed, once the program has ended.
 */
export async function enterThroughPlain(t: Terminal, groupName: string, timeoutMs: number): Promise<number> {
  const PROMPT = '(< back):';
  const count = (text: string) => text.split(PROMPT).length - 1;
  let typed = 0;
  let asked = 0;
  for (;;) {
    await t.waitFor(() => count(t.history()) > asked || existsSync(t.exitFile), timeoutMs);
    const all = t.history();
    const n = count(all);
    if (n === asked) return typed; // the program ended
    const at = all.lastIndexOf(PROMPT);
    const question = all.slice(asked ? all.lastIndexOf(PROMPT, at - 1) : 0, at);
    asked = n;
    if (question.includes('Name of the new dataset group')) {
      t.type(groupName);
      typed++;
    }
    t.send('Enter');
    if (asked > 40) throw new Error(`too many questions:\n${all}`);
  }
}

export interface AccountDataset {
  name: string;
  /** upper case, as the CSV step names it */
  type: string;
  status: string;
  /** the schema's fields */
  fields: { name: string; type: unknown }[];
  jobs: { status: string; arn: string }[];
}

/** What the account holds, read back through the real SDK client: its groups and every group's datasets (by type). */
export async function readAccount(endpoint: string): Promise<{ groups: [string, string][]; datasets: AccountDataset[] }> {
  const client = new PersonalizeClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  try {
    const groups = (await client.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? [];
    const datasets: AccountDataset[] = [];
    for (const g of groups) {
      for (const d of (await client.send(new ListDatasetsCommand({ datasetGroupArn: g.datasetGroupArn }))).datasets ?? []) {
        const ds = (await client.send(new DescribeDatasetCommand({ datasetArn: d.datasetArn }))).dataset!;
        const schema = JSON.parse((await client.send(new DescribeSchemaCommand({ schemaArn: ds.schemaArn }))).schema!.schema!);
        const jobs = (await client.send(new ListDatasetImportJobsCommand({ datasetArn: d.datasetArn }))).datasetImportJobs ?? [];
        datasets.push({ name: d.name!, type: d.datasetType!.toUpperCase(), status: d.status!, fields: schema.fields, jobs: jobs.map((j) => ({ status: j.status!, arn: j.datasetImportJobArn! })) });
      }
    }
    datasets.sort((a, b) => a.type.localeCompare(b.type));
    return { groups: groups.map((g) => [g.name!, g.status!]), datasets };
  } finally {
    client.destroy();
  }
}

/**
 * Answers every question of the Ink wizard with Enter, after the keys `keys` gives for its screen
 * ('type:TEXT' clears the input and types TEXT), until the wizard exits; returns the screens asked. A
 * question is on screen when its key hints say what Enter does and the screen has settled (the same
 * for 3 polls — a run step's spinner never settles, so it is never taken for one).
 */
export async function walkInk(t: Terminal, keys: (screen: string) => string[], onScreen?: (screen: string) => void): Promise<string[]> {
  const asking = /Enter (choose|next)/;
  const screens: string[] = [];
  let answered = '';
  for (;;) {
    let streak = 0;
    let prev = '';
    const s = await t.waitFor((x) => {
      onScreen?.(x);
      if (existsSync(t.exitFile)) return true;
      streak = x === prev ? streak + 1 : 0;
      prev = x;
      return streak >= 3 && x !== answered && asking.test(x);
    }, 120_000);
    if (existsSync(t.exitFile)) return screens;
    screens.push(s);
    const sent = keys(s);
    let now = s;
    for (const k of sent) {
      const before = now;
      if (k.startsWith('type:')) {
        t.send('C-u');
        t.type(k.slice(5));
        now = await t.waitFor(k.slice(5));
      } else {
        t.send(k);
        now = await t.waitFor((x) => x !== before);
      }
    }
    // What Enter answers is the screen as the keys left it: the next question is a screen other than
    // that one. (Taking the keys' own last screen, still standing while the program works out the next
    // question, for a new question would send that question's keys to the one after it.)
    answered = sent.length ? await settled(t) : s;
    t.send('Enter');
    if (screens.length > 40) throw new Error(`too many questions:\n${screens.join('\n-----\n')}`);
  }
}

/** The screen once it is the same for 3 polls in a row. */
export async function settled(t: Terminal): Promise<string> {
  let streak = 0;
  let prev = '';
  return t.waitFor((x) => {
    streak = x === prev ? streak + 1 : 0;
    prev = x;
    return streak >= 3;
  });
}

/** Answers every question with Enter, except the new group's name (my-shop). */
export async function enterThroughInk(t: Terminal, onScreen?: (screen: string) => void): Promise<{ screens: string[]; typed: number }> {
  let typed = 0;
  const screens = await walkInk(t, (s) => (/Name of the new dataset group/.test(s) ? (typed++, ['type:my-shop']) : []), onScreen);
  return { screens, typed };
}

// `personalize-import sandbox`: runs the local Personalize + S3 sandbox in the foreground.
// Its first stdout lines are NAME=value (eval-able / .env-able); the explanation follows after a
// blank line. Runs until SIGINT / SIGTERM / SIGHUP (its terminal closed), then closes its servers,
// removes its temporary folder and exits 0. The signal handlers are in place before anything is
// created, so a signal during start-up (an early Ctrl-C) stops it just as cleanly; a second signal
// while closing removes the folder at once and exits 130.
// With --data-dir it also writes DIR/sandbox.env and DIR/sandbox.pid while it runs, so
// `sandbox --print-env --data-dir DIR` can start it detached (or find it running), print the
// lines and exit: `eval "$(personalize-import sandbox --print-env --data-dir DIR)"` returns.
import { EXIT } from '../core/exit-codes.js';
import { fileError, usageError } from '../core/errors.js';
import { visible } from '../core/sanitize.js';
import { fitText } from '../core/fit.js';
import { parse } from '../cli/args.js';
import type { CommandContext } from '../cli/context.js';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { graceful } from '../core/signals.js';

export const help = `personalize-import sandbox — a local Amazon Personalize + S3 you can import into, no AWS account needed

Usage
  personalize-import sandbox [--seed default|none] [--port N] [--s3-port N] [--data-dir DIR] [--job-seconds S]
      [--fault OP=KIND:N]…
  personalize-import sandbox --print-env --data-dir DIR [flags above]    start it in the background, print the lines, exit
  personalize-import sandbox --stop --data-dir DIR                       stop the one started with --print-env

It prints NAME=value lines first (AWS_ENDPOINT_URL_PERSONALIZE, AWS_ENDPOINT_URL_PERSONALIZE_EVENTS,
AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL_KMS, AWS_ENDPOINT_URL_STS, AWS_REGION,
AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, PERSONALIZE_SANDBOX_ROLE_ARN, PERSONALIZE_SANDBOX_BUCKET,
PERSONALIZE_SANDBOX_NOGRANT_BUCKET, PERSONALIZE_SANDBOX_KMS_BUCKET), then how to use them, and runs until Ctrl-C (or SIGTERM, or
its terminal closing).

Seeded: dataset group "sandbox-shop" (Custom: Interactions, Items, Users datasets), dataset group
"sandbox-ecommerce" (ECOMMERCE domain), a role ARN, a bucket Personalize may read and one whose
bucket policy lacks the Personalize grant (imports from it fail as they would on AWS, until
\`personalize-import access setup --bucket personalize-sandbox-nogrant --yes\` adds the grant), and
one encrypted with a customer managed KMS key whose policy leaves Personalize out
(personalize-sandbox-sse-kms: \`access setup\` merges the key-policy statements).
With --seed none the account starts empty, as a new AWS account does: no dataset groups, schemas or
datasets (the role and buckets stay), so you can try creating them (CreateDatasetGroup, CreateSchema,
CreateDataset: they go CREATE PENDING → CREATE IN_PROGRESS → ACTIVE over a fifth of --job-seconds,
at most 4 s).

Flags
  --seed S          default (the groups and datasets above) or none (an empty account); with a
                    --data-dir that already holds state, that state is used instead
  --port N          Personalize port (default: any free port)
  --s3-port N       S3 port (default: any free port)
  --data-dir DIR    keep datasets, jobs, imported records, S3 objects, bucket policies and IAM
                    roles in DIR across restarts (default: a temporary folder, removed when the
                    sandbox stops)
  --job-seconds S   how long an import job takes, so you can watch it (default 20; 0 = at once)
  --fault OP=KIND:N the next N calls of Personalize operation OP answer ThrottlingException
                    (KIND throttle) or have their connection dropped (KIND disconnect); repeatable
  --print-env       with --data-dir: run the sandbox detached (or find the one already running for
                    DIR), print its lines as export NAME='value' and exit 0 — for eval "$(…)"
  --stop            with --data-dir: stop the detached sandbox of DIR
  -h, --help        this help

Examples
  eval "$(personalize-import sandbox --print-env --data-dir ~/.personalize-sandbox)"   export the lines in this shell
  personalize-import sandbox --stop --data-dir ~/.personalize-sandbox
  personalize-import sandbox                        then, in another terminal, export the printed lines
  personalize-import sandbox --port 4599 --s3-port 4598 --data-dir ~/.personalize-sandbox
  personalize-import sandbox --job-seconds 0 > sandbox.env     (then: set -a; . ./sandbox.env; set +a)
  personalize-import sandbox --seed none              a brand-new account: create the group, schema and dataset
  personalize-import sandbox --fault DescribeDatasetImportJob=throttle:3 --fault ListDatasetGroups=disconnect:1

With the AWS CLI (after exporting the printed lines)
  aws personalize list-dataset-groups
  aws s3 cp samples/interactions.csv "s3://$PERSONALIZE_SANDBOX_BUCKET/"
  AWS CLI v2 and recent v1 (1.45 tested) read AWS_ENDPOINT_URL_PERSONALIZE / AWS_ENDPOINT_URL_S3 (v1 takes its
  region from AWS_DEFAULT_REGION, also printed). An older CLI needs the endpoint on each call:
  aws personalize list-dataset-groups --endpoint-url "$AWS_ENDPOINT_URL_PERSONALIZE"
`;

const OPTIONS = {
  port: { type: 'string' },
  's3-port': { type: 'string' },
  'data-dir': { type: 'string' },
  'job-seconds': { type: 'string' },
  fault: { type: 'string', multiple: true },
  'print-env': { type: 'boolean' },
  stop: { type: 'boolean' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ENV_FILE = 'sandbox.env';
const PID_FILE = 'sandbox.pid';
const FLAGS_FILE = 'sandbox.flags';
/** for the completion scripts (src/commands/completion.ts) */
export const options = OPTIONS;

function portOf(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) throw usageError(`sandbox: ${flag} '${v}' is not a port number`, `Pass a number from 1 to 65535, or leave ${flag} out for any free port.`);
  return n;
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parse('sandbox', argv, OPTIONS, 0);
  if (values.help) {
    ctx.io.stdout.write(help);
    return EXIT.OK;
  }
  const port = portOf('--port', values.port);
  const s3Port = portOf('--s3-port', values['s3-port']);
  let jobSeconds: number | undefined;
  if (values['job-seconds'] !== undefined) {
    jobSeconds = Number(values['job-seconds']);
    if (!Number.isFinite(jobSeconds) || jobSeconds < 0 || values['job-seconds'].trim() === '') {
      throw usageError(`sandbox: --job-seconds '${values['job-seconds']}' is not a number of seconds`, 'Pass e.g. --job-seconds 0 (at once) or --job-seconds 20.');
    }
  }
  const { OPERATIONS, EVENT_TRACKER_OPERATIONS } = await import('../sandbox/personalize.js');
  const known: readonly string[] = [...OPERATIONS, ...EVENT_TRACKER_OPERATIONS];
  const seed = values.seed ?? 'default';
  if (seed !== 'default' && seed !== 'none') throw usageError(`sandbox: --seed '${seed}' is not a seed`, 'Use --seed none (an empty account) or leave it out (the seeded dataset groups).');
  const faults = (values.fault ?? []).map((f) => {
    const m = /^([A-Za-z]+)=(throttle|disconnect):(\d+)$/.exec(f);
    if (!m) throw usageError(`sandbox: --fault '${visible(f)}' is not OP=KIND:N`, 'Write it as e.g. --fault DescribeDatasetImportJob=throttle:3 (KIND: throttle or disconnect).');
    if (!known.includes(m[1])) throw usageError(`sandbox: --fault ${m[1]}: the sandbox has no operation ${m[1]}.`, `Operations: ${known.join(', ')}.`);
    return { op: m[1], kind: m[2] as 'throttle' | 'disconnect', count: Number(m[3]) };
  });
  const dataDir = values['data-dir'] === undefined ? undefined : path.resolve(ctx.io.cwd, values['data-dir']);
  if (dataDir) checkDataDir(dataDir);
  if ((values['print-env'] || values.stop) && !dataDir) {
    throw usageError(`sandbox: --${values.stop ? 'stop' : 'print-env'} needs --data-dir DIR.`, 'The detached sandbox keeps its state, its NAME=value lines and its process id in DIR: e.g. --data-dir ~/.personalize-sandbox.');
  }
  if (values['print-env'] && values.stop) throw usageError('sandbox: pass --print-env or --stop, not both.');
  if (values.stop) return stopDetached(dataDir!, ctx);
  if (values['print-env']) return printEnv(dataDir!, argv.filter((a) => a !== '--print-env'), ctx);
  // two sandboxes on one folder would overwrite each other's state, and the second's stop would
  // remove the first one's pid file (then neither --stop nor --print-env finds it)
  const other = dataDir ? runningPid(dataDir) : undefined;
  if (other !== undefined && other !== process.pid) {
    throw usageError(`sandbox: a sandbox is already running for ${dataDir} (pid ${other}).`, `Use it — its lines: personalize-import sandbox --print-env --data-dir ${shq(dataDir!)} — or stop it first: personalize-import sandbox --stop --data-dir ${shq(dataDir!)}`);
  }

  // a folder that already holds state keeps it: --seed applies to a new folder only
  const loaded = dataDir !== undefined && existsSync(path.join(dataDir, 'personalize-state.json'));
  const stopping = stopSignals();
  let sb;
  try {
    const { startSandbox } = await import('../sandbox/index.js');
    sb = await startSandbox({ port, s3Port, dataDir, jobSeconds, seed, quiet: true });
  } catch (e) {
    stopping.dispose();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') throw usageError(`sandbox: a port is already in use (${(e as Error).message})`, 'Pick other --port / --s3-port values, or leave them out for free ports.');
    if (dataDir && (e as { syscall?: string }).syscall) throw fileError(e, dataDir, 'sandbox: --data-dir');
    throw e;
  }
  if (stopping.signalled()) {
    // stopped while starting: nothing was printed, nothing is left behind
    await sb.close();
    stopping.dispose();
    return EXIT.OK;
  }
  for (const f of faults) sb.faults.inject(f.op, { kind: f.kind, count: f.count });
  const envText = Object.entries(sb.env).map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
  const out = ctx.io.stdout;
  out.write(envText);
  if (dataDir) {
    // for `--print-env` (this process may be its detached child) and `--stop`
    writeFileSync(path.join(dataDir, `${ENV_FILE}.tmp`), envText);
    renameSync(path.join(dataDir, `${ENV_FILE}.tmp`), path.join(dataDir, ENV_FILE));
    writeFileSync(path.join(dataDir, PID_FILE), `${process.pid}\n`);
    // what it runs with, for a later --print-env given other flags (src/commands/sandbox.ts: printEnv)
    writeFileSync(path.join(dataDir, FLAGS_FILE), `${startFlags(argv).join(' ')}\n`);
  }
  const groups = [...sb.state.inner.groups.values()].map((g) => `${g.name}${g.domain ? ` (${g.domain})` : ' (Custom)'}`);
  const what = loaded
    ? `State from ${dataDir}${values.seed !== undefined ? ` (--seed ${seed} applies to a new folder only)` : ''}: ${groups.length ? `dataset groups ${groups.join(', ')}.` : 'no dataset groups yet.'}`
    : seed === 'none' ? 'No dataset groups, schemas or datasets yet (--seed none): `personalize-import --plain` creates them from your CSV (＋ New dataset group, ＋ Create the dataset from my CSV), as does `import --create`; or aws personalize create-dataset-group / create-schema / create-dataset (`personalize-import schema infer file.csv` proposes the schema).' : 'Dataset groups: sandbox-shop (Custom), sandbox-ecommerce (ECOMMERCE).';
  writeComments(out, `
# Amazon Personalize sandbox running (region ${sb.region}, account ${sb.accountId}).
# Export the lines above, or save them to a file (e.g. sandbox.env) and load it with:
#   set -a; . ./sandbox.env; set +a
# Then:
#   personalize-import    (the wizard, against the sandbox)
#   aws personalize list-dataset-groups    (an older AWS CLI v1: add --endpoint-url "$AWS_ENDPOINT_URL_PERSONALIZE")
#   aws s3 cp samples/interactions.csv s3://${sb.bucket}/
# ${what} Role: ${sb.roleArn}
# Bucket Personalize may read: ${sb.bucket}; bucket it may not: ${sb.noGrantBucket}
# Jobs take ${jobSeconds ?? 20} s. ${dataDir ? `State is kept in ${dataDir}.` : 'State is temporary: it is gone when this stops.'} Ctrl-C to stop.
`);
  await stopping.stopped;
  await sb.close();
  stopping.dispose();
  if (dataDir) for (const f of [ENV_FILE, PID_FILE, FLAGS_FILE]) rmSync(path.join(dataDir, f), { force: true });
  ctx.io.stderr.write('Sandbox stopped.\n');
  return EXIT.OK;
}

/**
 * The banner's "# " lines, fitted to a terminal's width: every broken line goes on as a comment too
 * (so the text stays safe to source), and a command in it is never broken. As is into a file or pipe.
 */
function writeComments(out: NodeJS.WritableStream, text: string): void {
  const cols = (out as NodeJS.WriteStream).isTTY ? (out as NodeJS.WriteStream).columns : undefined;
  if (!cols) {
    out.write(text);
    return;
  }
  out.write(text.split('\n').map((l) => (l.startsWith('# ') ? fitText(l.slice(2), cols - 2).split('\n').map((x) => `# ${x}`).join('\n') : l)).join('\n'));
}

/** a path as one shell word */
function shq(p: string): string {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

/** the flags that shape a running sandbox (ports, seed, job time, faults), in a stable order: --data-dir and --print-env left out */
function startFlags(argv: string[]): string[] {
  const { values } = parse('sandbox', argv, OPTIONS, 0);
  const out: string[] = [];
  for (const k of ['port', 's3-port', 'seed', 'job-seconds'] as const) if (values[k] !== undefined) out.push(`--${k} ${values[k]}`);
  for (const f of values.fault ?? []) out.push(`--fault ${f}`);
  return out;
}

/** --data-dir must be a folder (created 0700 when missing); a file there is a usage error naming it. */
function checkDataDir(dir: string): void {
  try {
    if (existsSync(dir)) {
      if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR', syscall: 'stat', path: dir });
    } else {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
  } catch (e) {
    throw fileError(e, dir, 'sandbox: --data-dir', 'Pass a folder (it is created when missing), not a file.');
  }
}

/** NAME=value lines as `export NAME='value'`: eval'd, they reach the commands the shell runs */
function exportLines(text: string): string {
  return text.split('\n').filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l)).map((l) => {
    const i = l.indexOf('=');
    return `export ${l.slice(0, i)}='${l.slice(i + 1).replace(/'/g, `'\\''`)}'\n`;
  }).join('');
}

function runningPid(dir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(dir, PID_FILE), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** prints the env of the sandbox running for `dir`, starting it detached first when none runs */
async function printEnv(dir: string, childArgs: string[], ctx: CommandContext): Promise<number> {
  const envFile = path.join(dir, ENV_FILE);
  let pid = runningPid(dir);
  if (pid && existsSync(envFile)) {
    ctx.io.stdout.write(exportLines(readFileSync(envFile, 'utf8')));
    ctx.io.stderr.write(`# the sandbox of ${dir} is already running (pid ${pid}); stop it with: personalize-import sandbox --stop --data-dir ${shq(dir)}\n`);
    const asked = startFlags(childArgs).join(' ');
    const running = existsSync(path.join(dir, FLAGS_FILE)) ? readFileSync(path.join(dir, FLAGS_FILE), 'utf8').trim() : undefined;
    if (asked && asked !== running) {
      ctx.io.stderr.write(`# not applied: ${asked} — it keeps the flags it was started with (${running || 'none'}); to change them, --stop it and run this again\n`);
    }
    return EXIT.OK;
  }
  rmSync(envFile, { force: true });
  const log = path.join(dir, 'sandbox.log');
  const fd = openSync(log, 'a');
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1], 'sandbox', ...childArgs], { detached: true, stdio: ['ignore', fd, fd], cwd: ctx.io.cwd, env: process.env });
  closeSync(fd);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.unref();
  const started = Date.now();
  while (Date.now() - started < 30_000) {
    if (existsSync(envFile) && runningPid(dir) === child.pid) {
      ctx.io.stdout.write(exportLines(readFileSync(envFile, 'utf8')));
      ctx.io.stderr.write(`# sandbox running in the background (pid ${child.pid}, log ${log}); stop it with: personalize-import sandbox --stop --data-dir ${shq(dir)}\n`);
      return EXIT.OK;
    }
    if (exited !== undefined) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  pid = child.pid;
  if (exited === undefined && pid) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  const tail = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-3).join('\n') : '';
  throw usageError(`sandbox: the detached sandbox did not start${exited !== undefined ? ` (it exited with ${exited})` : ' within 30 s'}.`, tail ? `Its log (${log}) ends with:\n${tail}` : `See ${log}.`);
}

async function stopDetached(dir: string, ctx: CommandContext): Promise<number> {
  const pid = runningPid(dir);
  if (!pid) {
    ctx.io.stdout.write(`No sandbox is running for ${dir}.\n`);
    return EXIT.OK;
  }
  process.kill(pid, 'SIGTERM');
  const started = Date.now();
  while (Date.now() - started < 10_000) {
    try {
      process.kill(pid, 0);
    } catch {
      ctx.io.stdout.write(`Sandbox stopped (pid ${pid}).\n`);
      return EXIT.OK;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw usageError(`sandbox: pid ${pid} did not stop within 10 s.`, `Stop it with: kill -9 ${pid}`);
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Handles SIGINT / SIGTERM / SIGHUP from now on: the first one resolves `stopped` (the caller closes
 * the sandbox); a second one, while that close is under way, removes the temporary folders at once
 * and exits 130. After SIGHUP the terminal is gone: writes to it fail, and those errors are ignored.
 */
function stopSignals(): { stopped: Promise<void>; signalled(): boolean; dispose(): void } {
  let count = 0;
  let resolve!: () => void;
  const stopped = new Promise<void>((r) => (resolve = r));
  const ignore = () => {};
  const onSignal = graceful((sig: NodeJS.Signals) => {
    count++;
    if (sig === 'SIGHUP') {
      process.stdout.on('error', ignore);
      process.stderr.on('error', ignore);
    }
    if (count === 1) return resolve();
    void import('../sandbox/index.js').then(
      (m) => m.removeTemporaryFolders(),
      () => {},
    ).finally(() => process.exit(EXIT.INTERRUPTED));
  });
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    stopped,
    signalled: () => count > 0,
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}

// `personalize-import sandbox`: runs the local Personalize + S3 sandbox in the foreground.
// Its first stdout lines are NAME=value (eval-able / .env-able); the explanation follows after a
// blank line. Runs until SIGINT / SIGTERM / SIGHUP (its terminal closed), then closes its servers,
// removes its temporary folder and exits 0. The signal handlers are in place before anything is
// created, so a signal during start-up (an early Ctrl-C) stops it just as cleanly; a second signal
// while closing removes the folder at once and exits 130.
import { EXIT } from '../core/exit-codes.js';
import { usageError } from '../core/errors.js';
import { parse } from '../cli/args.js';
import type { CommandContext } from '../cli/context.js';

export const help = `personalize-import sandbox — a local Amazon Personalize + S3 you can import into, no AWS account needed

Usage
  personalize-import sandbox [--port N] [--s3-port N] [--data-dir DIR] [--job-seconds S] [--fault OP=KIND:N]…

It prints NAME=value lines first (AWS_ENDPOINT_URL_PERSONALIZE, AWS_ENDPOINT_URL_PERSONALIZE_EVENTS,
AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_IAM, AWS_REGION,
AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, PERSONALIZE_SANDBOX_ROLE_ARN, PERSONALIZE_SANDBOX_BUCKET,
PERSONALIZE_SANDBOX_NOGRANT_BUCKET), then how to use them, and runs until Ctrl-C (or SIGTERM, or
its terminal closing).

Seeded: dataset group "sandbox-shop" (Custom: Interactions, Items, Users datasets), dataset group
"sandbox-ecommerce" (ECOMMERCE domain), a role ARN, a bucket Personalize may read and one whose
bucket policy lacks the Personalize grant (imports from it fail as they would on AWS).

Flags
  --port N          Personalize port (default: any free port)
  --s3-port N       S3 port (default: any free port)
  --data-dir DIR    keep datasets, jobs, imported records and S3 objects in DIR across restarts
                    (default: a temporary folder, removed when the sandbox stops)
  --job-seconds S   how long an import job takes, so you can watch it (default 20; 0 = at once)
  --fault OP=KIND:N the next N calls of Personalize operation OP answer ThrottlingException
                    (KIND throttle) or have their connection dropped (KIND disconnect); repeatable
  -h, --help        this help

Examples
  personalize-import sandbox                        then, in another terminal, export the printed lines
  personalize-import sandbox --port 4599 --s3-port 4598 --data-dir ~/.personalize-sandbox
  personalize-import sandbox --job-seconds 0 > sandbox.env     (then: set -a; . ./sandbox.env; set +a)
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
  help: { type: 'boolean', short: 'h' },
} as const;

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
  const faults = (values.fault ?? []).map((f) => {
    const m = /^([A-Za-z]+)=(throttle|disconnect):(\d+)$/.exec(f);
    if (!m) throw usageError(`sandbox: --fault '${f}' is not OP=KIND:N`, 'Write it as e.g. --fault DescribeDatasetImportJob=throttle:3 (KIND: throttle or disconnect).');
    return { op: m[1], kind: m[2] as 'throttle' | 'disconnect', count: Number(m[3]) };
  });
  const stopping = stopSignals();
  let sb;
  try {
    const { startSandbox } = await import('../sandbox/index.js');
    sb = await startSandbox({ port, s3Port, dataDir: values['data-dir'], jobSeconds, quiet: true });
  } catch (e) {
    stopping.dispose();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') throw usageError(`sandbox: a port is already in use (${(e as Error).message})`, 'Pick other --port / --s3-port values, or leave them out for free ports.');
    throw e;
  }
  if (stopping.signalled()) {
    // stopped while starting: nothing was printed, nothing is left behind
    await sb.close();
    stopping.dispose();
    return EXIT.OK;
  }
  for (const f of faults) sb.faults.inject(f.op, { kind: f.kind, count: f.count });
  const out = ctx.io.stdout;
  out.write(Object.entries(sb.env).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  out.write(`
# Amazon Personalize sandbox running (region ${sb.region}, account ${sb.accountId}).
# Export the lines above (or save them to a file and \`set -a; . ./file; set +a\`), then:
#   personalize-import                                   the wizard, against the sandbox
#   aws personalize list-dataset-groups     (an older AWS CLI v1: add --endpoint-url "$AWS_ENDPOINT_URL_PERSONALIZE")
#   aws s3 cp samples/interactions.csv s3://${sb.bucket}/
# Dataset groups: sandbox-shop (Custom), sandbox-ecommerce (ECOMMERCE). Role: ${sb.roleArn}
# Bucket Personalize may read: ${sb.bucket}; bucket it may not: ${sb.noGrantBucket}
# Jobs take ${jobSeconds ?? 20} s. ${values['data-dir'] ? `State is kept in ${values['data-dir']}.` : 'State is temporary: it is gone when this stops.'} Ctrl-C to stop.
`);
  await stopping.stopped;
  await sb.close();
  stopping.dispose();
  ctx.io.stderr.write('Sandbox stopped.\n');
  return EXIT.OK;
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
  const onSignal = (sig: NodeJS.Signals) => {
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
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    stopped,
    signalled: () => count > 0,
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}

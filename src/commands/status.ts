// `personalize-import status <job-arn>`: follow an import job live, or show it once.
import { fittedWriter, writeFitted } from '../core/fit.js';
import { EXIT } from '../core/exit-codes.js';
import { AppError, formatError, isAppError, usageError } from '../core/errors.js';
import type { CommandContext } from '../cli/context.js';
import { AWS_OPTIONS, COMMON_OPTIONS, parse } from '../cli/args.js';
import { requireArn } from '../job/arn.js';

export const help = `personalize-import status <job-arn> [flags]
Follow an Amazon Personalize dataset import job until it is ACTIVE or CREATE FAILED. On a terminal
it shows the wizard's live view: a row per stage with its time, the failure reason with the likely
cause and fix, and what happens next on ACTIVE. Otherwise (output redirected, --plain, TERM=dumb)
it prints a line per status change with the elapsed time, the failure reason beneath a failure.
Ctrl-C stops watching; the job itself keeps running in AWS.

Flags
  --no-wait            show the job once and exit
  --interval <s>       poll every <s> seconds (default: 2 s, slowing to 30 s while nothing changes)
  --exit-status        with --no-wait: exit 1 when the job is CREATE FAILED (0 otherwise)
  --json               one JSON document on stdout: the job when it ends (now with --no-wait;
                       as last seen plus "interrupted": true after Ctrl-C; {"error": …} on failure)
  --plain              print lines even on a terminal (screen readers, pasted logs; also TERM=dumb)
  --region <r>         AWS region (default: the region in the job ARN)
  --aws-profile <p>    AWS named profile
  --sandbox            use an embedded local sandbox instead of AWS
  --debug              log every AWS request and response to stderr (secrets redacted);
                       on a terminal redirect it away from the live view: 2> debug.log
  -h, --help           this help

Exit codes
  0 the job is ACTIVE (or --no-wait without --exit-status) · 1 CREATE FAILED · 2 usage
  3 credentials or permissions · 130 Ctrl-C (the job keeps running)

Examples
  personalize-import status arn:aws:personalize:us-east-1:123456789012:dataset-import-job/shop-20261123
  personalize-import status arn:aws:personalize:us-east-1:123456789012:dataset-import-job/shop-20261123 --no-wait --json
  personalize-import status "$JOB_ARN" --interval 60 --aws-profile prod
  personalize-import status "$JOB_ARN" --plain        # lines on a terminal too (screen readers)
`;

const OPTIONS = {
  ...AWS_OPTIONS,
  ...COMMON_OPTIONS,
  'no-wait': { type: 'boolean' },
  interval: { type: 'string' },
  'exit-status': { type: 'boolean' },
  plain: { type: 'boolean' },
} as const;

function parseInterval(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 3600) throw usageError(`--interval '${v}' is not a number of seconds between 0 and 3600.`, 'Write it as --interval 10.');
  return n * 1000;
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  try {
    return await statusCommand(argv, ctx);
  } catch (e) {
    // --json promises one document on stdout, failures included; the message still goes to stderr.
    if (argv.includes('--json') && isAppError(e)) {
      const { errorJson } = await import('../job/json.js');
      ctx.io.stdout.write(`${JSON.stringify(errorJson(e, argv.find((a) => a.startsWith('arn:')) ? { datasetImportJobArn: argv.find((a) => a.startsWith('arn:')) } : {}), null, 2)}\n`);
      writeFitted(ctx.io.stderr, `${formatError(e)}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

async function statusCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse('status', argv, OPTIONS, 1);
  const { io } = ctx;
  const arnText = positionals[0];
  if (!arnText) throw usageError('status: missing the import job ARN.', 'Run: personalize-import status arn:aws:personalize:REGION:ACCOUNT:dataset-import-job/NAME');
  const arn = requireArn(arnText, 'dataset-import-job', 'the job ARN');
  const intervalMs = parseInterval(values.interval);
  const noWait = Boolean(values['no-wait']);
  // --exit-status without --no-wait changes nothing: following a job already exits 0/1 by its end.

  const [{ createDeps }, { watchJob }, { printJobLines }, { snapshotJson, jobJson, jobDurationMs }, { useColor, clockDuration, paint }, { systemClock }] = await Promise.all([
    import('../aws/deps.js'), import('../job/watcher.js'), import('../job/lines.js'), import('../job/json.js'), import('../job/format.js'), import('../job/clock.js'),
  ]);
  const deps = await createDeps({
    io,
    region: values.region ?? (values.sandbox ? undefined : arn.region),
    awsProfile: values['aws-profile'],
    sandbox: values.sandbox,
    debug: values.debug,
  });
  const stdoutTTY = Boolean((io.stdout as { isTTY?: boolean }).isTTY);
  const color = useColor(io.env, stdoutTTY);
  try {
    if (noWait) {
      const job = await deps.personalize.describeImportJob(arnText);
      const now = systemClock.now().getTime();
      if (values.json) {
        io.stdout.write(`${JSON.stringify(jobJson(job, now), null, 2)}\n`);
      } else {
        const p = paint(color);
        const d = jobDurationMs(job, now);
        io.stdout.write(`${p.bold(`Import job ${job.name}`)}${job.importMode ? ` (${job.importMode}${job.dataLocation ? ` from ${job.dataLocation}` : ''})` : ''}\n`);
        io.stdout.write(`  ${job.status}${d !== undefined ? p.dim(` after ${clockDuration(d)}`) : ''}\n`);
        if (job.failureReason) io.stdout.write(`    ${p.red('reason:')} ${job.failureReason}\n`);
      }
      if (!values['exit-status']) return EXIT.OK;
      return job.status === 'CREATE FAILED' ? EXIT.FAILED : EXIT.OK;
    }

    const watchOpts = intervalMs !== undefined ? { initialMs: intervalMs, maxMs: intervalMs, factor: 1 } : {};
    const stdin = io.stdin as NodeJS.ReadStream;
    if (!values.json && !values.plain && io.env.TERM !== 'dumb' && stdoutTTY && stdin.isTTY) {
      return await liveView(deps.personalize, arnText, watchOpts, io);
    }

    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const snapshots = watchJob(deps.personalize, arnText, {
        signal: controller.signal,
        ...watchOpts,
      });
      let last;
      if (values.json) {
        for await (const s of snapshots) {
          if (s.note) io.stderr.write(`${s.note}\n`);
          last = s;
        }
      } else {
        last = await printJobLines(snapshots, fittedWriter(io.stdout), { color });
      }
      if (controller.signal.aborted || !last?.done) {
        if (values.json) io.stdout.write(`${JSON.stringify({ ...(last ? snapshotJson(last, systemClock.now().getTime()) : { datasetImportJobArn: arnText }), interrupted: true }, null, 2)}\n`);
        writeFitted(io.stderr, `\nStopped watching. The import job keeps running in AWS${last ? ` (last seen: ${last.status})` : ''}.\n  → Re-attach: personalize-import status ${arnText}\n`);
        return EXIT.INTERRUPTED;
      }
      if (values.json) io.stdout.write(`${JSON.stringify(snapshotJson(last, systemClock.now().getTime()), null, 2)}\n`);
      return last.status === 'ACTIVE' ? EXIT.OK : EXIT.FAILED;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  } catch (e) {
    if (e instanceof AppError && e.kind === 'not-found') {
      throw new AppError('not-found', `No import job ${arnText}${deps.context.region ? ` in ${deps.context.region}` : ''}.`, { hint: 'Check the ARN (names are per account and region); `personalize-import history --dataset-arn …` lists a dataset\'s jobs.', awsName: e.awsName, cause: e });
    }
    throw e;
  } finally {
    await deps.close();
  }
}

/** The wizard's live job view (src/ui/ink/StatusView) for a person at a terminal. */
async function liveView(personalize: import('../core/ports.js').PersonalizeApi, arn: string, watch: { initialMs?: number; maxMs?: number; factor?: number }, io: CommandContext['io']): Promise<number> {
  // Asked before the screen starts, so a wrong ARN, region or credentials is the usual error message
  // and exit code, not a box on a live screen. Passing weather (throttling, HTTP 5xx) is not an
  // answer: the view starts anyway and watches through it, as the line printer does. The dataset
  // (for the next-steps text) is a nicety: without it, the generic advice.
  const { transientNote } = await import('../job/watcher.js');
  let job: import('../core/resources.js').ImportJob | undefined;
  try {
    job = await personalize.describeImportJob(arn);
  } catch (e) {
    // an unreachable endpoint before the job was ever seen is a wrong setting (as in watchJob)
    if (transientNote(e) === undefined || (isAppError(e) && e.kind === 'network')) throw e;
  }
  const dataset = job?.datasetArn ? await personalize.describeDataset(job.datasetArn).catch(() => undefined) : undefined;

  const { prepareInkColor } = await import('../ui/ink/color-env.js');
  prepareInkColor(io.env);
  const [{ default: React }, ink, { StatusView }] = await Promise.all([import('react'), import('ink'), import('../ui/ink/StatusView.js')]);

  let result: { code: number; lines: string[]; quiet: boolean } = { code: EXIT.INTERRUPTED, lines: [], quiet: true };
  const app = ink.render(
    React.createElement(StatusView, {
      personalize,
      arn,
      job,
      datasetType: dataset?.datasetType,
      datasetName: dataset?.name,
      watch,
      onDone: (code, lines, end) => {
        // ACTIVE and CREATE FAILED: the final frame already says it all (reason, cause, fix, next
        // steps); after Ctrl-C or a lost watch, the command to follow the job again is printed too
        result = { code, lines, quiet: code !== EXIT.INTERRUPTED && !end.error };
        setImmediate(() => app.unmount());
      },
    }),
    { exitOnCtrlC: false, stdout: io.stdout as NodeJS.WriteStream, stdin: io.stdin as NodeJS.ReadStream, stderr: io.stderr as NodeJS.WriteStream, patchConsole: false },
  );
  await app.waitUntilExit();
  if (!result.quiet && result.lines.length) writeFitted(io.stderr, `\n${result.lines.join('\n')}\n`);
  return result.code;
}

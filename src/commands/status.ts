// `personalize-import status <job-arn>`: follow an import job live, or show it once.
import { fittedWriter, writeFitted } from '../core/fit.js';
import { EXIT } from '../core/exit-codes.js';
import { AppError, isAppError, usageError } from '../core/errors.js';
import type { CommandContext } from '../cli/context.js';
import { withJsonErrors } from '../cli/json-errors.js';
import { AWS_OPTIONS, COMMON_OPTIONS, parse } from '../cli/args.js';
import { requireArn } from '../job/arn.js';
import { JOB_NAME } from '../job/resolve.js';
import { safeLine, safeText } from '../diagnose/escape.js';
import type { ImportJob } from '../core/resources.js';
import { keepScrollback } from '../ui/ink/keep-scrollback.js';

export const help = `personalize-import status <job-arn|job-name> [flags]
Follow an Amazon Personalize dataset import job until it is ACTIVE or CREATE FAILED. A job name is
looked up in the region (--region, AWS_REGION or the profile's). On a terminal
it shows the wizard's live view: a row per stage with its time, the failure reason with the likely
cause and fix, and what happens next on ACTIVE. Otherwise (output redirected, --plain, TERM=dumb)
it prints a line per status change with the elapsed time, the failure reason beneath a failure.
Ctrl-C stops watching; the job itself keeps running in AWS.
When AWS throttles or the connection drops, it keeps retrying with backoff and says every 30 s how
long it has been failing; after 10 minutes of failures it gives up (exit 1) and prints the command
to follow the job again. Every command retries that way (history waits instead of losing pages).

Flags
  --no-wait            show the job once and exit
  --interval <s>       poll every <s> seconds (default: 2 s, slowing to 30 s while nothing changes)
  --give-up-after <s>  while AWS cannot be reached or keeps throttling, retry for <s> seconds before
                       giving up with exit 1 (default: 600 = 10 minutes, the policy every command uses)
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
  0 the job is ACTIVE (or --no-wait without --exit-status) · 1 CREATE FAILED, or the service did not
  answer for 10 minutes · 2 usage (a malformed ARN, an unknown job name) · 3 credentials or
  permissions · 130 Ctrl-C (the job keeps running)

Examples
  personalize-import status arn:aws:personalize:us-east-1:123456789012:dataset-import-job/shop-20261123
  personalize-import status arn:aws:personalize:us-east-1:123456789012:dataset-import-job/shop-20261123 --no-wait --json
  personalize-import status shop-20261123 --region us-east-1
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
  'give-up-after': { type: 'string' },
} as const;

function parseGiveUp(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 1 || n > 86_400) throw usageError(`--give-up-after '${v}' is not a number of seconds between 1 and 86400.`, 'Write it as --give-up-after 600 (the default, 10 minutes).');
  return n * 1000;
}
/** for the completion scripts (src/commands/completion.ts) */
export const options = OPTIONS;

function parseInterval(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 3600) throw usageError(`--interval '${v}' is not a number of seconds between 0 and 3600.`, 'Write it as --interval 10.');
  return n * 1000;
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const arn = argv.find((a) => a.startsWith('arn:'));
  return withJsonErrors(argv, ctx, () => statusCommand(argv, ctx), () => (arn ? { datasetImportJobArn: arn } : {}));
}

async function statusCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse('status', argv, OPTIONS, 1);
  const { io } = ctx;
  const given = positionals[0]?.trim();
  if (!given) throw usageError('status: missing the import job ARN (or its name).', 'Run: personalize-import status arn:aws:personalize:REGION:ACCOUNT:dataset-import-job/NAME, or status NAME --region REGION');
  const arn = given.startsWith('arn:') ? requireArn(given, 'dataset-import-job', 'the job ARN') : undefined;
  if (!arn && !JOB_NAME.test(given)) throw usageError(`status: '${given.slice(0, 200).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')}' is neither an import job ARN nor a job name.`, 'Job names are 1–63 letters, digits, "-" and "_"; an ARN looks like arn:aws:personalize:us-east-1:123456789012:dataset-import-job/NAME.');
  const intervalMs = parseInterval(values.interval);
  const giveUpMs = parseGiveUp(values['give-up-after']);
  const noWait = Boolean(values['no-wait']);
  // --exit-status without --no-wait changes nothing: following a job already exits 0/1 by its end.

  const [{ createDeps }, { watchJob }, { printJobLines }, { snapshotJson, jobJson, jobDurationMs }, { useColor, clockDuration, paint }, { systemClock }] = await Promise.all([
    import('../aws/deps.js'), import('../job/watcher.js'), import('../job/lines.js'), import('../job/json.js'), import('../job/format.js'), import('../job/clock.js'),
  ]);
  const deps = await createDeps({
    io,
    onRetryNote: (n) => writeFitted(io.stderr, `${n}\n`),
    region: values.region ?? (values.sandbox ? undefined : arn?.region),
    awsProfile: values['aws-profile'],
    sandbox: values.sandbox,
    debug: values.debug,
  });
  const stdoutTTY = Boolean((io.stdout as { isTTY?: boolean }).isTTY);
  const color = useColor(io.env, stdoutTTY);
  let arnText = given;
  try {
    const { resolveJobArn } = await import('../job/resolve.js');
    arnText = arn ? given : await resolveJobArn(deps.personalize, given, { region: deps.context.region, command: 'status' });
    if (noWait) {
      const { withRetry } = await import('../job/retry.js');
      const job = await withRetry(() => deps.personalize.describeImportJob(arnText), { what: `reading import job ${arnText}`, networkFailsFast: true, onNote: (n) => writeFitted(io.stderr, `${n}\n`) });
      const now = systemClock.now().getTime();
      if (values.json) {
        io.stdout.write(`${JSON.stringify(jobJson(job, now), null, 2)}\n`);
      } else {
        const p = paint(color);
        const d = jobDurationMs(job, now);
        io.stdout.write(`${p.bold(`Import job ${safeLine(job.name)}`)}${job.importMode ? ` (${job.importMode}${job.dataLocation ? ` from ${safeLine(job.dataLocation)}` : ''})` : ''}\n`);
        io.stdout.write(`  ${job.status}${d !== undefined ? p.dim(` after ${clockDuration(d)}`) : ''}\n`);
        if (job.failureReason) io.stdout.write(`    ${p.red('reason:')} ${safeLine(job.failureReason)}\n`);
        if (job.status === 'CREATE FAILED') await explainFailure(job, arnText, Boolean(values.sandbox), fittedWriter(io.stdout));
      }
      if (!values['exit-status']) return EXIT.OK;
      return job.status === 'CREATE FAILED' ? EXIT.FAILED : EXIT.OK;
    }

    const { policyGivingUpAfter } = await import('../job/retry.js');
    const watchOpts = {
      ...(intervalMs !== undefined ? { initialMs: intervalMs, maxMs: intervalMs, factor: 1 } : {}),
      ...(giveUpMs !== undefined ? { retry: policyGivingUpAfter(giveUpMs) } : {}),
    };
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
        // stderr hears about passing weather when the note changes (at first, then every 30 s), not every poll
        let lastNote: string | undefined;
        for await (const s of snapshots) {
          if (s.note && s.note !== lastNote) io.stderr.write(`${s.note}\n`);
          lastNote = s.note;
          last = s;
        }
      } else {
        last = await printJobLines(snapshots, fittedWriter(io.stdout), { color });
        if (last?.done && last.status === 'CREATE FAILED') await explainFailure(last.job, arnText, Boolean(values.sandbox), fittedWriter(io.stdout));
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
      // another account's or region's ARN (a customer's, pasted): said, not only "check the ARN"
      const where = await (await import('../job/not-found.js')).whereNotFound(deps.personalize, arnText, deps.context.region);
      throw new AppError('not-found', `No import job ${arnText}${deps.context.region ? ` in ${deps.context.region}` : ''}.${where ? ` ${where}` : ''}`, { hint: 'Check the ARN (names are per account and region); `personalize-import history --dataset-arn …` lists a dataset\'s jobs.', awsName: e.awsName, cause: e });
    }
    throw e;
  } finally {
    await deps.close();
  }
}

/**
 * Under a failed job's reason, what the live view (and `import`) say: the likely cause, the fix and
 * the diagnose command — the line output (a pipe, a ticket, CI logs) used to stop at the bare reason.
 */
async function explainFailure(job: ImportJob, arn: string, sandbox: boolean, out: { write(s: string): unknown }): Promise<void> {
  const [{ matchFailure }, { factsOfJob }] = await Promise.all([import('../diagnose/catalogue.js'), import('../diagnose/known.js')]);
  const reason = job.failureReason;
  // (the job's location, dataset and role fill in the fix's commands)
  const m = matchFailure(reason === undefined ? undefined : safeLine(reason), factsOfJob(job));
  const lines = [
    `✗ ${m.title}${m.known ? '' : ' (not in the catalogue)'}`,
    `  Cause: ${safeText(m.cause)}`,
    `  Fix:   ${safeText(m.fix)}`,
    ...('docs' in m && m.docs ? [`  Docs:  ${m.docs}`] : []),
    // an embedded sandbox ends with this command: a later diagnose cannot reach its job
    sandbox ? '  → This job is in the embedded sandbox, which stops with this command; to diagnose sandbox jobs later, keep one running: personalize-import sandbox --help' : `  → The full diagnosis (permissions, data in place): personalize-import diagnose ${arn}`,
  ];
  out.write(`\n${lines.join('\n')}\n`);
}

/** The wizard's live job view (src/ui/ink/StatusView) for a person at a terminal. */
async function liveView(personalize: import('../core/ports.js').PersonalizeApi, arn: string, watch: import('../job/watcher.js').WatchOptions, io: CommandContext['io']): Promise<number> {
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
  // (a Domain group's recommenders retrain themselves: the next steps say so, not "train a solution version")
  const group = dataset?.datasetGroupArn ? await personalize.describeDatasetGroup(dataset.datasetGroupArn).catch(() => undefined) : undefined;

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
      domain: group?.domain,
      watch,
      onDone: (code, lines, end) => {
        // ACTIVE and CREATE FAILED: the final frame already says it all (reason, cause, fix, next
        // steps); after Ctrl-C or a lost watch, the command to follow the job again is printed too
        result = { code, lines, quiet: code !== EXIT.INTERRUPTED && !end.error };
        setImmediate(() => app.unmount());
      },
    }),
    // never more than a few frames a second, whatever asks for them (maxFps; the last frame is
    // always drawn). Not Ink's incrementalRendering: its line diff left stale rows on screen when
    // the frame's height changed (test/e2e/status-live.test.ts)
    { exitOnCtrlC: false, stdout: keepScrollback(io.stdout as NodeJS.WriteStream), stdin: io.stdin as NodeJS.ReadStream, stderr: io.stderr as NodeJS.WriteStream, patchConsole: false, maxFps: 4 },
  );
  await app.waitUntilExit();
  if (!result.quiet && result.lines.length) writeFitted(io.stderr, `\n${result.lines.join('\n')}\n`);
  return result.code;
}

// Plain mode (`--plain`, and automatically with TERM=dumb): the step machine of src/flow/machine
// asked as numbered line prompts (src/cli/line-face.ts) and its events printed as lines
// (src/cli/flow-lines.ts) — no arrow-key menus, no cursor movement: for screen readers, old
// terminals and pasted logs. Same steps, order, texts and defaults as the Ink wizard.
import { AppError, formatError, isAppError } from '../../core/errors.js';
import type { AwsContext, Io, PersonalizeApi, StorageApi } from '../../core/ports.js';
import { stepInfo, type Answers } from '../../flow/index.js';
import { drive, frame, newState, type FaceAnswer, type FlowEnd, type FlowPorts, type FlowState, type StepModel } from '../../flow/machine/index.js';
import type { AccessApi } from '../../diagnose/ports.js';
import { runPreflight } from '../../diagnose/preflight.js';
import type { ProfileStore, SavedProfile } from '../../profiles/store.js';
import type { RecordsApi } from '../../records/ports.js';
import { writeFitted } from '../../core/fit.js';
import { flowLinePrinter } from '../../cli/flow-lines.js';
import { lineAsker } from '../../cli/line-face.js';
import { checkRegion, regionChoices } from '../../flow/regions.js';

export interface PlainConnection {
  personalize: PersonalizeApi;
  s3: StorageApi;
  context: AwsContext;
  access?: AccessApi;
  /** access setup's reads and writes: the bucket checked when chosen, "Fix it for me", "Create a role" */
  accessSetup?: FlowPorts['accessSetup'];
  /** the caller's preflight (e.g. the Ink wizard's Connected.preflight); default: runPreflight with `access` */
  preflight?: FlowPorts['preflight'];
  /** PutUsers / PutItems / PutEvents: lets a small file go in record by record */
  records?: RecordsApi;
  close?(): Promise<void> | void;
}

/** Answers the face's questions: the numbered line prompts by default; tests pass a script. */
export type PlainAsk = (m: StepModel) => Promise<FaceAnswer>;

export interface PlainWizardOptions {
  /** answers from flags: region, awsProfile, sandbox, profileName (a saved profile to start from) */
  answers?: Answers;
  io: Io;
  /** --debug: every AWS request logged to stderr */
  debug?: boolean;
  /** --sandbox: seconds per job (default: the sandbox's; PERSONALIZE_SANDBOX_JOB_SECONDS when set) */
  sandboxJobSeconds?: number;
  /** how AWS is reached; default: src/aws createDeps + createAccess */
  connect?: (a: Answers) => Promise<PlainConnection>;
  /** saved profiles; default: the user's store */
  profiles?: ProfileStore;
  /** the question asker; default: numbered line prompts on io */
  ask?: PlainAsk;
  now?: () => Date;
  watch?: { initialMs?: number; maxMs?: number };
  /** the shipped samples/ folder (the CSV default in the sandbox) */
  samplesDir?: string;
  /** observers (tests): a question is about to be read; the run ended */
  onQuestion?: (m: StepModel) => void;
  onEnd?: (end: FlowEnd, state: FlowState) => void;
}

async function defaultConnect(io: Io, a: Answers, debug: boolean | undefined, jobSeconds: number | undefined): Promise<PlainConnection> {
  const [{ createDeps, probeCredentials }, { createAccess }, { createSetup }] = await Promise.all([import('../../aws/deps.js'), import('../../aws/access.js'), import('../../aws/setup.js')]);
  if (!a.sandbox) {
    const probe = await probeCredentials({ awsProfile: a.awsProfile, io });
    if (!probe.ok) throw probe.error;
  }
  const deps = await createDeps({ io, region: a.region, awsProfile: a.awsProfile, sandbox: a.sandbox, debug, ...(jobSeconds !== undefined ? { sandboxJobSeconds: jobSeconds } : {}) });
  const { access, iam, close } = createAccess({ deps, io, region: deps.context.region, awsProfile: a.awsProfile, debug });
  const setup = createSetup({ deps, iam, iamUnavailable: access.iamUnavailable });
  return {
    personalize: deps.personalize, s3: deps.s3, context: deps.context, access, records: deps.records,
    accessSetup: { personalize: deps.personalize, s3: deps.s3, access, setup },
    async close() {
      close();
      await deps.close();
    },
  };
}

function envJobSeconds(env: NodeJS.ProcessEnv): number | undefined {
  const v = env.PERSONALIZE_SANDBOX_JOB_SECONDS;
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The sandbox's role/bucket as defaults: from the embedded sandbox, or from `eval "$(personalize-import sandbox --print-env --data-dir DIR)"`. */
export function sandboxDefaults(ctx: AwsContext, env: NodeJS.ProcessEnv): { roleArn?: string; bucket?: string } | undefined {
  if (ctx.sandbox) return { roleArn: ctx.roleArn, bucket: ctx.bucket };
  if (ctx.endpointOverride && (env.PERSONALIZE_SANDBOX_ROLE_ARN || env.PERSONALIZE_SANDBOX_BUCKET)) return { roleArn: env.PERSONALIZE_SANDBOX_ROLE_ARN, bucket: env.PERSONALIZE_SANDBOX_BUCKET };
  return undefined;
}

/** The label of a saved profile, as the Ink wizard's Where step shows it. */
export function profileLabel(p: SavedProfile): string {
  return `Use profile ${p.name}: ${p.datasetGroupName ?? p.datasetGroupArn.split('/').pop()} → ${p.datasetName ?? p.datasetArn.split('/').pop()}${p.sandbox ? ' (sandbox)' : p.region ? ` (${p.region})` : ''}`;
}

/** What a saved profile answers (and presets: the steps it answers are not asked): one rule for both faces. */
export { profilePresets } from '../../flow/machine/profile.js';
import { profilePresets } from '../../flow/machine/profile.js';
import { jobSummary } from '../../flow/run-summary.js';

/** Runs the wizard in plain lines; resolves to the exit code. */
export async function runPlainWizard(opts: PlainWizardOptions): Promise<number> {
  const { io } = opts;
  const out = io.stdout;
  if (!(io.stdin as { isTTY?: boolean }).isTTY && !opts.ask) {
    throw new AppError('no-tty', 'The wizard asks questions, and there is no terminal to ask on.', { hint: 'Run it in a terminal, or use `personalize-import import` with flags (see personalize-import import --help).' });
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  const printer = flowLinePrinter({ io, out, headings: true, interactive: true });
  // a question that is its screen's title is not written again under the heading just printed
  const asker = opts.ask ? undefined : lineAsker(io, out, controller.signal, { headed: printer.headed });
  const ask: PlainAsk = opts.ask ?? ((m) => {
    opts.onQuestion?.(m);
    return asker!.ask(m);
  });
  try {
    return await plainRun(opts, printer, ask, controller.signal);
  } finally {
    process.removeListener('SIGINT', onSigint);
    asker?.close();
  }
}

async function plainRun(opts: PlainWizardOptions, printer: ReturnType<typeof flowLinePrinter>, ask: PlainAsk, signal: AbortSignal): Promise<number> {
  const { io } = opts;
  const line = printer.line;
  const a: Answers = { ...(opts.answers ?? {}) };
  let presetFrom: Record<string, string> = {};

  let profiles = opts.profiles;
  if (!profiles) {
    try {
      const { openProfileStore } = await import('../../profiles/store.js');
      const opened = openProfileStore(io.env);
      profiles = opened.store;
      if (opened.notice) io.stderr.write(`${opened.notice}\n`);
    } catch (e) {
      io.stderr.write(`Saved profiles are unavailable: ${formatError(e)}\n`);
    }
  }

  line('personalize-import — take a CSV into an Amazon Personalize dataset (plain mode)');
  // ---- Where (before the machine: it decides how AWS is reached) -----------------------------------
  const where = stepInfo('where');
  line();
  line(where.title, 'bold');
  line(where.purpose, 'dim');
  const saved = profiles?.list() ?? [];
  let profileRole: string | undefined;
  if (!a.profileName && saved.length) {
    const m = frame('where', 'where', 'choose', 'Start from a saved profile?', {
      choices: [...saved.map((p) => ({ value: p.name, label: profileLabel(p) })), { value: '', label: 'Start a new import without a profile' }],
      default: saved[0].name,
    });
    const ans = await ask(m);
    if ('value' in ans && ans.value) a.profileName = ans.value;
  }
  if (a.profileName) {
    if (!profiles) throw new AppError('usage', `Cannot look up profile ${a.profileName}: the saved profiles are unavailable (see above).`);
    const p = (await import('../../profiles/store.js')).findProfile(profiles, a.profileName);
    const pre = profilePresets(p);
    // flags (region, AWS profile, sandbox) win over the profile
    Object.assign(a, pre.answers, { region: a.region ?? p.region, awsProfile: a.awsProfile ?? p.awsProfile, sandbox: a.sandbox || p.sandbox });
    presetFrom = pre.presetFrom;
    profileRole = p.roleArn;
    line(`Using saved profile ${p.name}.`);
  }
  const connect = opts.connect ?? ((ans: Answers) => defaultConnect(io, ans, opts.debug, opts.sandboxJobSeconds ?? envJobSeconds(io.env)));
  let conn: PlainConnection;
  try {
    conn = await connect(a);
  } catch (e) {
    if (isAppError(e)) {
      writeFitted(io.stderr, `${formatError(e)}\n`);
      return e.exitCode;
    }
    throw e;
  }
  // The region (#16 item 7): picked here from the Personalize regions, the one the AWS configuration
  // names first (none named: no default, where it used to stop at "Region none"); a flag or a saved
  // profile's region is not asked. Another region than the connection's connects again.
  if (!a.sandbox && !a.region) {
    const found = conn.context.region;
    const choices = regionChoices(found, 'your AWS configuration');
    const m = frame('region', 'where', 'input', 'AWS region', {
      ...(found ? { default: found } : {}),
      lines: found ? [] : [{ text: 'Your AWS configuration names no region: pick the one to import into.', tone: 'warn' as const }],
      choices, check: (v) => checkRegion(v),
    });
    if (m.lines.length) for (const l of m.lines) line(l.text, l.tone);
    let region: string | undefined;
    while (!region) {
      const ans = await ask(m);
      if (!('value' in ans)) continue;
      const v = (choices.find((c) => c.value === ans.value.trim())?.value ?? ans.value).trim();
      const problem = checkRegion(v);
      if (problem) line(`  ${problem}`);
      else region = v;
    }
    a.region = region;
    if (region !== found) {
      await conn.close?.();
      try {
        conn = await connect(a);
      } catch (e) {
        if (isAppError(e)) {
          writeFitted(io.stderr, `${formatError(e)}\n`);
          return e.exitCode;
        }
        throw e;
      }
    }
  }
  try {
    const ctx = conn.context;
    if (ctx.region) a.region = ctx.region;
    line(`Importing into ${ctx.sandbox ? 'the local sandbox' : ctx.endpointOverride ? `the endpoint ${ctx.endpointOverride}` : 'AWS'}, region ${ctx.region ?? '(none)'}${ctx.profile ? `, AWS profile ${ctx.profile}` : ''}.`);
    // --dates answers "How are the dates written?" (asked only for a file with dates in numbers only)
    const state = newState(a, { ...presetFrom, ...(a.dateOrder ? { dates: '--dates' } : {}) });
    const sb = sandboxDefaults(ctx, io.env);
    const ports: FlowPorts = {
      personalize: conn.personalize, s3: conn.s3, context: ctx, cwd: io.cwd,
      preflight: conn.preflight ?? ((o) => runPreflight({ personalize: conn.personalize, s3: conn.s3, ...(conn.access ? { access: conn.access } : {}) }, o)),
      recordsAvailable: Boolean(conn.records),
      ...(conn.accessSetup ? { accessSetup: conn.accessSetup } : {}),
      ...(sb ? { sandboxDefaults: sb } : {}),
      ...(opts.samplesDir && sb ? { samplesDir: opts.samplesDir } : {}),
      profileRole, now: opts.now ?? (() => new Date()),
      ...(opts.watch ? { watch: opts.watch } : {}),
      ...(profiles ? { profiles } : {}),
    };
    let watched: { status: string; elapsedMs: number } | undefined;
    const end = await drive(state, ports, {
      event: (e) => {
        if (e.type === 'job') watched = { status: e.snapshot.status, elapsedMs: e.snapshot.elapsedMs };
        printer.event(e);
      },
      ask: (m) => ask(m),
    }, { signal });
    opts.onEnd?.(end, state);
    if (end.individually && conn.records) {
      // record by record: the same path as `import --individually`, on this connection, asking here
      line();
      line('Record by record', 'bold');
      const { runIndividually } = await import('../../records/cli.js');
      const records = conn.records;
      return await runIndividually({ csv: end.individually.file, 'dataset-arn': end.individually.datasetArn }, io,
        async () => ({ personalize: conn.personalize, records, close: async () => {} }),
        {
          confirm: async (q) => {
            const ans = await ask(frame('records-confirm', 'upload', 'choose', q, { choices: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }], default: 'yes' }));
            return 'value' in ans && ans.value === 'yes';
          },
        });
    }
    if (end.lines.length) line();
    for (const l of end.lines) (end.exitCode === 0 ? line(l) : printer.err(l));
    // a job that exists: the same summary as the Ink wizard's (ARN whole, status, duration, data, commands), last
    const summary = jobSummary(state, end.jobArn ?? state.loaded.jobArn, { sandbox: Boolean(ctx.sandbox), status: state.loaded.finalStatus ?? watched?.status, durationMs: watched?.elapsedMs, stopped: end.reason === 'stopped' });
    if (summary.length) writeFitted(io.stdout, `${summary.join('\n')}\n`);
    return end.exitCode;
  } catch (e) {
    if (isAppError(e)) {
      writeFitted(io.stderr, `${formatError(e)}\n`);
      return e.exitCode;
    }
    throw e;
  } finally {
    await conn.close?.();
  }
}

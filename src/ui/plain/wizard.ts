// Plain mode (`--plain`, and automatically with TERM=dumb): the wizard's steps asked one line at a
// time with @inquirer/prompts, the job's progress printed as lines — for screen readers, old
// terminals and pasted logs. The steps, their one-line purposes and every rule come from src/flow
// (through ./session.ts, the engine `import` also runs), so there is no second copy of the logic.
import { AppError, formatError, isAppError } from '../../core/errors.js';
import { EXIT } from '../../core/exit-codes.js';
import type { AwsContext, Io, PersonalizeApi, StorageApi } from '../../core/ports.js';
import { stepInfo, type Answers } from '../../flow/index.js';
import type { AccessApi } from '../../diagnose/ports.js';
import type { ProfileStore } from '../../profiles/store.js';
import { createPrompter, type Prompter } from './prompts.js';
import type { RecordsApi } from '../../records/ports.js';
import { runFlow, type FlowServices } from './session.js';
import { writeFitted } from '../../core/fit.js';

export interface PlainConnection {
  personalize: PersonalizeApi;
  s3: StorageApi;
  context: AwsContext;
  access?: AccessApi;
  /** the caller's preflight (e.g. the Ink wizard's Connected.preflight); default: runPreflight with `access` */
  preflight?: FlowServices['preflight'];
  /** PutUsers / PutItems / PutEvents: lets a small file go in record by record */
  records?: RecordsApi;
  close?(): Promise<void> | void;
}

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
  /** the question asker; default: @inquirer/prompts on io */
  prompter?: Prompter;
  now?: () => Date;
  watch?: { initialMs?: number; maxMs?: number };
  /** the shipped samples/ folder (the CSV default in the sandbox) */
  samplesDir?: string;
}

async function defaultConnect(io: Io, a: Answers, debug: boolean | undefined, jobSeconds: number | undefined): Promise<PlainConnection> {
  const [{ createDeps, probeCredentials }, { createAccess }] = await Promise.all([import('../../aws/deps.js'), import('../../aws/access.js')]);
  if (!a.sandbox) {
    const probe = await probeCredentials({ awsProfile: a.awsProfile, io });
    if (!probe.ok) throw probe.error;
  }
  const deps = await createDeps({ io, region: a.region, awsProfile: a.awsProfile, sandbox: a.sandbox, debug, ...(jobSeconds !== undefined ? { sandboxJobSeconds: jobSeconds } : {}) });
  const { access, close } = createAccess({ deps, io, region: deps.context.region, awsProfile: a.awsProfile, debug });
  return {
    personalize: deps.personalize, s3: deps.s3, context: deps.context, access, records: deps.records,
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
function sandboxDefaults(ctx: AwsContext, env: NodeJS.ProcessEnv): { roleArn?: string; bucket?: string } | undefined {
  if (ctx.sandbox) return { roleArn: ctx.roleArn, bucket: ctx.bucket };
  if (ctx.endpointOverride && (env.PERSONALIZE_SANDBOX_ROLE_ARN || env.PERSONALIZE_SANDBOX_BUCKET)) return { roleArn: env.PERSONALIZE_SANDBOX_ROLE_ARN, bucket: env.PERSONALIZE_SANDBOX_BUCKET };
  return undefined;
}

/** Runs the wizard in plain lines; resolves to the exit code. Ctrl-C in a prompt rejects with ExitPromptError (cli.ts: quiet 130). */
export async function runPlainWizard(opts: PlainWizardOptions): Promise<number> {
  const { io } = opts;
  const out = io.stdout;
  const line = (t = '') => writeFitted(out, `${t}\n`);
  if (!(io.stdin as { isTTY?: boolean }).isTTY && !opts.prompter) {
    throw new AppError('no-tty', 'The wizard asks questions, and there is no terminal to ask on.', { hint: 'Run it in a terminal, or use `personalize-import import` with flags (see personalize-import import --help).' });
  }
  const ask = opts.prompter ?? createPrompter(io, out);
  const a: Answers = { ...(opts.answers ?? {}) };

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
  // ---- Where ---------------------------------------------------------------------------------------
  const where = stepInfo('where');
  line();
  line(where.title);
  line(where.purpose);
  const saved = profiles?.list() ?? [];
  let profileRole: string | undefined;
  if (!a.profileName && saved.length) {
    const pick = await ask.select('Start from a saved profile?', [
      ...saved.map((p) => ({ value: p.name, name: `${p.name} — ${p.datasetName ?? p.datasetArn}${p.sandbox ? ' (sandbox)' : p.region ? ` (${p.region})` : ''}` })),
      { value: '', name: 'No, start fresh' },
    ]);
    if (pick) a.profileName = pick;
  }
  if (a.profileName) {
    if (!profiles) throw new AppError('usage', `Cannot look up profile ${a.profileName}: the saved profiles are unavailable (see above).`);
    const p = (await import('../../profiles/store.js')).findProfile(profiles, a.profileName);
    // flags (region, AWS profile, sandbox) win over the profile
    Object.assign(a, {
      region: a.region ?? p.region, awsProfile: a.awsProfile ?? p.awsProfile, sandbox: a.sandbox ?? p.sandbox,
      datasetGroupArn: p.datasetGroupArn, datasetArn: p.datasetArn, bucket: p.bucket, prefix: p.prefix,
    } satisfies Answers);
    profileRole = p.roleArn;
    line(`Using saved profile ${p.name}.`);
  }
  if (!a.sandbox && !a.region) {
    const envRegion = io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION;
    a.region = await ask.input('AWS region', { default: envRegion || 'us-east-1', validate: (v) => (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(v.trim()) ? undefined : 'A region looks like us-east-1.') });
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
  try {
    const ctx = conn.context;
    if (ctx.region) a.region = ctx.region;
    line(`Importing into ${ctx.sandbox ? 'the local sandbox' : ctx.endpointOverride ? `the endpoint ${ctx.endpointOverride}` : 'AWS'}, region ${ctx.region ?? '(none)'}${ctx.profile ? `, AWS profile ${ctx.profile}` : ''}.`);
    const outcome = await runFlow(a, { personalize: conn.personalize, s3: conn.s3, context: ctx, access: conn.access, ...(conn.preflight ? { preflight: conn.preflight } : {}), profiles, recordsAvailable: Boolean(conn.records) }, {
      io, out, prompter: ask, ask: 'all', sandboxDefaults: sandboxDefaults(ctx, io.env), profileRole,
      ...(opts.samplesDir && sandboxDefaults(ctx, io.env) ? { samplesDir: opts.samplesDir } : {}),
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.watch ? { watch: opts.watch } : {}),
    });
    if (outcome.individually && conn.records) {
      // record by record: the same path as `import --individually`, on this connection, asking here
      line();
      line('Record by record');
      const { runIndividually } = await import('../../records/cli.js');
      const records = conn.records;
      return await runIndividually({ csv: outcome.individually.file, 'dataset-arn': outcome.individually.datasetArn }, io,
        async () => ({ personalize: conn.personalize, records, close: async () => {} }),
        { confirm: (q) => ask.confirm(q, { default: true }) });
    }
    return outcome.exitCode;
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


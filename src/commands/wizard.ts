// `personalize-import` (no command): the guided import in Ink. Without a terminal it does not
// start (exit 2, naming the one-shot command). Ink, React and the wizard load inside run(); the AWS
// SDK loads only after the first frame is on screen (services.connect imports src/aws lazily).
import { writeFitted } from '../core/fit.js';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../core/exit-codes.js';
import { usageError } from '../core/errors.js';
import type { CommandContext } from '../cli/context.js';
import { AWS_OPTIONS, dateOrder, decimalMark, parse } from '../cli/args.js';
import { prepareInkColor } from '../ui/ink/color-env.js';
import { keepScrollback } from '../ui/ink/keep-scrollback.js';
import { trackEmptyFrame } from '../ui/ink/empty-frame.js';
import { settleGate } from '../ui/ink/settle-gate.js';
import { saveCodeCaches } from '../ui/ink/code-cache.js';

// node:fs from Node's table of built-ins: its ES-module face reads fs.promises (the promises API,
// readline …) before the first frame (src/ui/ink/code-cache.ts says more)
const { existsSync } = process.getBuiltinModule('node:fs');

export const help = `personalize-import — the guided import (the default command)

Walks you from dataset group to an ACTIVE import job: pick the dataset, check the CSV against its
schema, upload it to S3, choose FULL or INCREMENTAL, create the job and watch it finish.

Usage
  personalize-import [--sandbox] [--region <r>] [--aws-profile <p>] [--profile <saved>]
                     [--dates day-first|month-first] [--event-type <value>]
                     [--event-names <old=New>]… [--keep <column>] [--decimal comma|point] [--debug]

Flags
  --plain              ask the same steps line by line (screen readers, TERM=dumb, pasted logs)
  --profile <name>     start from a saved profile (group, dataset, bucket, role filled in)
  --region <r>         AWS region (else AWS_REGION / your AWS profile)
  --aws-profile <p>    AWS named profile (else AWS_PROFILE)
  --sandbox            a local Personalize + S3 sandbox: learn the flow with no AWS account
  --dates <order>      day-first or month-first: how your dates in numbers only are written
                       (01.11.2026 day first = 1 November); answers "How are the dates written?",
                       which is asked only for such a file, before "Fix and continue"
  --event-type <value> a file with no EVENT_TYPE column (an order export: purchase) gets one with
                       this value in every row: in the schema created from it, and in the copy
                       "Fix and continue" writes (the wizard also offers it)
  --event-names <old=New>
                       repeatable: "Fix and continue" writes the file's event type old as New
                       (--event-names transaction=Purchase, which an ECOMMERCE group's
                       recommenders count); the fix step also offers the names its check suggests
  --keep <column>      repeatable: a column the schema inferred from your CSV would leave out
                       (an e-mail, an order number, one value in every row) is kept in it and in
                       the copy "Fix and continue" writes; the review's "Keep one of the columns
                       left out…" gives the same answer
  --decimal <mark>     comma or point: your file's decimal mark, with which "Fix and continue" reads
                       a number written two ways ("1,234": 1.234 with comma, 1234 with point).
                       Without it such a number is read only when its column has a value that says
                       (12,50); else its row is set aside, not guessed
  --debug              log every AWS request and response to stderr (secrets redacted);
                       redirect it so it does not mix with the screen: 2> debug.log

Keys: ↑↓ move · Enter choose · Esc back one step · Ctrl-C quit (a running job keeps running).
Needs a terminal. In scripts use: personalize-import import --dataset-arn … --csv … --bucket … --role-arn …

Examples
  npx personalize-import --sandbox
  personalize-import --region eu-west-1 --aws-profile prod
  personalize-import --profile shop
  personalize-import --dates day-first
`;

const OPTIONS = {
  ...AWS_OPTIONS,
  profile: { type: 'string' },
  dates: { type: 'string' },
  'event-type': { type: 'string' },
  'event-names': { type: 'string', multiple: true },
  keep: { type: 'string', multiple: true },
  decimal: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  plain: { type: 'boolean' },
  // hidden: seconds per sandbox job (tests)
  'sandbox-job-seconds': { type: 'string' },
  // hidden: sandbox state persisted here across runs (tests)
  'sandbox-data-dir': { type: 'string' },
} as const;

/** for the completion scripts (src/commands/completion.ts) */
export const options = OPTIONS;

// With --sandbox the suggestion carries --sandbox (its bucket and role are the defaults there): without
// it `import` reaches AWS, not the sandbox the user asked for. A newcomer has no dataset yet: the
// --create form is named too, not only the one for a dataset that exists.
const noTty = (what: string, sandbox: boolean) => {
  const where = sandbox ? ' --sandbox' : '';
  const s3 = sandbox ? '' : ' --bucket <bucket> --role-arn <arn>';
  return `The wizard needs an interactive terminal, and this is not one (${what} redirected).
  → Run the import in one go instead:
      personalize-import import${where} --dataset-arn <arn> --csv <file.csv>${s3} [--mode full|incremental] [--yes]
    no dataset yet? create the group and the dataset from the CSV:
      personalize-import import${where} --create --dataset-group <name> --csv <file.csv>${s3} [--yes]
    or with a saved profile: personalize-import import --profile <name> --csv <file.csv>
    See personalize-import import --help.
`;
};

/** The shipped samples/ folder, from the bundle (dist/chunks) or from source (src/commands). */
export function findSamplesDir(): string | undefined {
  let here: string;
  try {
    here = dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
  for (const up of ['..', '../..', '../../..']) {
    const d = resolve(here, up, 'samples');
    if (existsSync(join(d, 'interactions.csv'))) return d;
  }
  return undefined;
}

type ConnectedT = import('../ui/ink/types.js').Connected;
type ConnectOpts = import('../ui/ink/types.js').ConnectOptions;

/** How the wizard (and plain mode, handed the same function) reaches AWS or the sandbox. */
export function connector(values: { debug?: boolean; 'sandbox-data-dir'?: string }, io: CommandContext['io'], jobSeconds: number | undefined, opened: ConnectedT[]) {
  return async function connectTo(o: ConnectOpts): Promise<ConnectedT> {
    const [{ createDeps }, { createAccess }, { runPreflight }, { createSetup }] = await Promise.all([import('../aws/deps.js'), import('../aws/access.js'), import('../diagnose/preflight.js'), import('../aws/setup.js')]);
    let deps: Awaited<ReturnType<typeof createDeps>>;
    if (o.sandbox) {
      // The sandbox is started here with a literal import (so the bundle includes it) and an
      // optional data dir (a hidden test flag: state survives between runs); the clients come from
      // createDeps configured with the sandbox's env only (no real credentials leak in).
      const { startSandbox } = await import('../sandbox/index.js');
      const dataDir = values['sandbox-data-dir'];
      const sb = await startSandbox({ quiet: true, ...(dataDir ? { dataDir } : {}), ...(jobSeconds !== undefined ? { jobSeconds } : {}) });
      const d = await createDeps({ sandbox: false, debug: values.debug, io: { ...io, env: { ...sb.env } } });
      deps = { ...d, context: { ...d.context, sandbox: true, ...(dataDir ? { sandboxKept: true } : {}), accountId: sb.accountId, roleArn: sb.roleArn, bucket: sb.bucket, iamEndpoint: sb.iamEndpoint, kmsEndpoint: sb.kmsEndpoint, stsEndpoint: sb.stsEndpoint }, close: async () => { await d.close(); await sb.close(); } };
    } else {
      deps = await createDeps({ sandbox: false, region: o.region, awsProfile: o.awsProfile, debug: values.debug, io });
      // a sandbox exported by `personalize-import sandbox`: its role and bucket are the defaults, as in plain mode and `import`
      const { sandboxDefaults } = await import('../ui/plain/wizard.js');
      const announced = sandboxDefaults(deps.context, io.env);
      if (announced) deps = { ...deps, context: { ...deps.context, ...(announced.roleArn ? { roleArn: announced.roleArn } : {}), ...(announced.bucket ? { bucket: announced.bucket } : {}) } };
    }
    const access = createAccess({ deps, io, region: o.region, awsProfile: o.awsProfile, debug: values.debug });
    const c: ConnectedT = {
      personalize: deps.personalize,
      s3: deps.s3,
      records: deps.records,
      context: deps.context,
      preflight: (opts) => runPreflight({ personalize: deps.personalize, s3: deps.s3, access: access.access }, opts),
      accessSetup: { personalize: deps.personalize, s3: deps.s3, access: access.access, setup: createSetup({ deps, iam: access.iam, iamUnavailable: access.access.iamUnavailable }) },
      async close() {
        access.close();
        await deps.close();
      },
    };
    opened.push(c);
    return c;
  };
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parse('personalize-import', argv, OPTIONS, 0);
  const io = ctx.io;
  const stdin = io.stdin as NodeJS.ReadStream;
  const jobSecondsText = values['sandbox-job-seconds'] ?? io.env.PERSONALIZE_SANDBOX_JOB_SECONDS;
  const jobSeconds = jobSecondsText !== undefined ? Number(jobSecondsText) : undefined;
  if (jobSeconds !== undefined && !(jobSeconds >= 0)) throw usageError(`--sandbox-job-seconds '${jobSecondsText}' is not a number of seconds.`);
  // answers "How are the dates written?" (asked only for dates in numbers only: 01.11.2026)
  const dates = dateOrder('personalize-import', values.dates);
  // the schema module (3 chunks) loaded before the first frame only when the flag is there to check
  const eventType = values['event-type'] === undefined ? undefined : (await import('../schema/usable.js')).eventTypeFlag('personalize-import', values['event-type']);
  // --event-names: the same answer as the fix step's "write transaction as Purchase" (Answers.eventNames)
  const eventNames = values['event-names']?.length ? (await import('../schema/usable.js')).eventNamesFlag('personalize-import', values['event-names']) : undefined;
  // --keep: the same answer as the review's "Keep one of the columns left out…" (Answers.keep)
  const shape = { ...(eventType !== undefined ? { eventType } : {}), ...(eventNames ? { eventNames } : {}), ...(values.keep?.length ? { keep: values.keep.map((k) => k.trim()).filter(Boolean) } : {}) };
  // how "Fix and continue" reads a number written two ways (1,234)
  const decimal = decimalMark('personalize-import', values.decimal);

  if (values.plain || io.env.TERM === 'dumb') {
    // Plain mode: the same steps asked line by line (src/ui/plain), through this wizard's connection.
    // It reads its answers from stdin (its output may go to a file): without a terminal there, the
    // one-shot command with its flags, as the Ink wizard says — not only "use import with flags"
    if (!stdin.isTTY) {
      writeFitted(io.stderr, noTty('its input is', Boolean(values.sandbox)));
      return EXIT.USAGE;
    }
    const plainOpened: ConnectedT[] = [];
    const connectTo = connector(values, io, jobSeconds, plainOpened);
    const { runPlainWizard } = await import('../ui/plain/wizard.js');
    try {
      return await runPlainWizard({
        answers: { sandbox: Boolean(values.sandbox), region: values.region, awsProfile: values['aws-profile'], ...(values.profile ? { profileName: values.profile } : {}), ...(dates ? { dateOrder: dates } : {}), ...shape, ...(decimal ? { decimalMark: decimal } : {}) },
        io,
        debug: values.debug,
        ...(jobSeconds !== undefined ? { sandboxJobSeconds: jobSeconds } : {}),
        // the sandbox's sample CSV is the default answer in plain mode too
        samplesDir: findSamplesDir(),
        connect: (a) => connectTo({ sandbox: Boolean(a.sandbox), region: a.region, awsProfile: a.awsProfile }),
      });
    } finally {
      await Promise.all(plainOpened.map((c) => c.close?.().catch(() => {})));
    }
  }
  if (!io.isTTY || !stdin.isTTY || typeof stdin.setRawMode !== 'function') {
    writeFitted(io.stderr, noTty('input or output is', Boolean(values.sandbox)));
    return EXIT.USAGE;
  }

  // The profile store (conf + its schema validator, ~80 ms) is opened before the first frame only
  // when --profile needs it; otherwise right after, while the user reads the first screen.
  type Opened = ReturnType<typeof import('../profiles/store.js').openProfileStore>;
  const openStore = async (): Promise<Opened> => (await import('../profiles/store.js')).openProfileStore(io.env);
  let opened0: Opened | undefined;
  let sandbox = Boolean(values.sandbox);
  let region = values.region;
  let awsProfile = values['aws-profile'];
  if (values.profile) {
    opened0 = await openStore();
    const store = opened0.store;
    const p = (await import('../profiles/store.js')).findProfile(store, values.profile);
    sandbox ||= Boolean(p.sandbox);
    region ??= p.region;
    awsProfile ??= p.awsProfile;
  }

  // chalk (inside Ink) reads the environment when it loads: NO_COLOR / TERM=dumb must win first.
  prepareInkColor(io.env);

  const { React, render, Settle, Wizard } = await import('../ui/ink/Wizard.js');
  type Services = import('../ui/ink/types.js').WizardServices;
  type Connected = import('../ui/ink/types.js').Connected;

  const opened: Connected[] = [];
  const connectTo = connector(values, io, jobSeconds, opened);
  // opened once the first frame is out (setImmediate); connect() waits for it, so the Where step
  // always sees the saved profiles
  const storeReady: Promise<void> = opened0
    ? Promise.resolve()
    : new Promise<void>((res) => {
        setImmediate(() => {
          openStore()
            .then((r) => {
              services.profiles = r.store;
              services.notice = r.notice;
            })
            // a broken store must not stop an import: without it, nothing is offered or saved
            .catch(() => {})
            .finally(res);
        });
      });
  const services: Services = {
    cwd: io.cwd,
    profiles: opened0?.store,
    notice: opened0?.notice,
    samplesDir: findSamplesDir(),
    async checkCredentials(o) {
      const { probeCredentials } = await import('../aws/deps.js');
      const r = await probeCredentials({ awsProfile: o.awsProfile, io });
      return r.ok ? { ok: true } : { ok: false, message: r.error.message, hint: r.error.hint };
    },
    async connect(o) {
      await storeReady;
      return connectTo(o);
    },
  };

  let result: { code: number; lines?: string[]; printed?: boolean } = { code: EXIT.INTERRUPTED };
  // Once the wizard has ended, Ink leaves raw mode as it unmounts: a Ctrl-C is then the terminal's
  // SIGINT, which (no listener) killed the process in its last moments — while the embedded sandbox
  // was closing, its temporary folder left behind (the exit hook does not run on a death by signal),
  // and the shell that ran it killed with it. The run is over: it ends as stopped, through
  // process.exit, so the hook removes the folder. Listened for from the moment the run ends, before
  // the unmount (after it, a Ctrl-C typed at once fell between the two: a CI run lost its exit code).
  const lateCtrlC = () => process.exit(EXIT.INTERRUPTED);
  const listenLate = () => {
    if (!process.listeners('SIGINT').includes(lateCtrlC)) process.on('SIGINT', lateCtrlC);
  };
  // a new screen's draws until it stands still reach the terminal as one (src/ui/ink/settle-gate.ts)
  const gate = settleGate(keepScrollback(io.stdout as NodeJS.WriteStream));
  const frames = trackEmptyFrame(gate.stream);
  // (an exit in the middle — process.exit on a late Ctrl-C — still writes what was held)
  process.once('exit', gate.flush);
  const app = render(
    React.createElement(Settle.Provider, { value: gate }, React.createElement(Wizard, {
      services,
      initial: { sandbox, region, awsProfile, ...(dates ? { dateOrder: dates } : {}), ...shape, ...(decimal ? { decimalMark: decimal } : {}) },
      profileName: values.profile,
      onExit: (code: number, lines?: string[], o?: { printed?: boolean }) => {
        result = { code, lines, printed: o?.printed };
        listenLate();
        // let the last frame render, then unmount
        setImmediate(() => app.unmount());
      },
    })),
    { exitOnCtrlC: false, stdout: frames.stream, stdin, stderr: io.stderr as NodeJS.WriteStream, patchConsole: false, onRender: gate.frame },
  );
  // the first frame is out: the code that drew it is compiled, and goes in the code cache
  setImmediate(saveCodeCaches);
  await app.waitUntilExit();
  gate.flush();
  process.off('exit', gate.flush);
  listenLate();
  // (tests: Ink gone, raw mode off, the cleanup not begun — where a Ctrl-C once fell between listeners)
  const hold = Number(process.env.PERSONALIZE_WIZARD_EXIT_DELAY_MS) || 0;
  if (hold > 0) await new Promise((r) => setTimeout(r, hold));
  // Nothing prompts after the wizard, so stdin stays unreferenced (a referenced TTY stdin would keep
  // the process alive). A caller that prompts afterwards (plain mode) must call process.stdin.ref().
  // The step machine's face wrote its end to the scrollback itself (<Static>) and left its live area
  // empty; Ink drew that as one blank row with the cursor under it: up one row, so the shell's
  // prompt comes right under the last line (src/ui/ink/empty-frame.ts).
  if (result.printed) {
    if (frames.blankRowAbove()) io.stdout.write('\x1b[1A');
  }
  else if (result.lines?.length) writeFitted(io.stdout, `\n${result.lines.join('\n')}\n`);
  await Promise.all(opened.map((c) => c.close?.().catch(() => {})));
  // (the listener stays: a Ctrl-C while the process settles its end (cli.ts) is still no death by signal)
  return result.code;
}

// Entry point. Keep this file and what it imports statically tiny: `--version` and `--help` must
// not load Ink, React or the AWS SDK. Commands are loaded with import() only when they run, and a
// command module itself loads heavy code lazily inside run().
import { EXIT } from './core/exit-codes.js';
import { asAppError, formatError } from './core/errors.js';
import { processIo, type CommandModule } from './cli/context.js';
import { writeFitted, writeHelp } from './core/fit.js';
import nodeModule from 'node:module';

declare const __PKG_VERSION__: string;
const VERSION = typeof __PKG_VERSION__ === 'string' ? __PKG_VERSION__ : '0.0.0-dev';

// Node ≥ 22.1 keeps V8's compiled code of the modules it loads (in its own folder under the temp
// dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off): a second start skips compiling Ink, React and the
// SDK again. Node 20 has no such cache and goes on as before. The cache is the process's main
// thread's only: a worker thread (validate's and fix's) uses it when NODE_COMPILE_CACHE names the
// folder as the worker starts, so the folder is put there (a worker compiled its ~40 ms of modules
// again on every run otherwise).
const compileCache = (nodeModule as { enableCompileCache?: () => { directory?: string } | undefined }).enableCompileCache?.();
if (compileCache?.directory && !process.env.NODE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = compileCache.directory;
// The SDK warns on Node 20; users should see only our output on stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Ink draws nothing but the last frame when CI is set. A person at a terminal (stdin and stdout
// both TTYs) gets the live screens even inside a CI job's shell or a tmux session started by one.
if (process.stdin.isTTY && process.stdout.isTTY) {
  // removed, not set to "false": chalk's colour detection treats any CI variable as "no colour"
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[k];
}

// A reader that stops early (`… | head`) closes the pipe: stop quietly with the status a shell
// gives a command killed by SIGPIPE (128 + 13), as other Unix tools do, never a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(141);
    throw e;
  });
}

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  wizard: { summary: 'the guided import (the default when no command is given)', load: () => import('./commands/wizard.js') },
  import: { summary: 'the whole import from flags, no questions (scripts, CI, tickets)', load: () => import('./commands/import.js') },
  schema: { summary: 'infer the Avro schema a CSV needs (schema infer file.csv)', load: () => import('./commands/schema.js') },
  validate: { summary: "check a CSV against a dataset's schema before importing it", load: () => import('./commands/validate.js') },
  fix: { summary: 'write an importable copy of a CSV: headers, encoding, separators, dates, booleans', load: () => import('./commands/fix.js') },
  status: { summary: 'follow an import job by ARN, or show it once', load: () => import('./commands/status.js') },
  history: { summary: "a dataset's import jobs, newest first", load: () => import('./commands/history.js') },
  access: { summary: 'set up the bucket policy and the role Personalize needs to read your data', load: () => import('./commands/access.js') },
  diagnose: { summary: 'explain a failed job: cause, fix, permission checks, a pasteable report', load: () => import('./commands/diagnose.js') },
  profiles: { summary: 'list, show or delete saved profiles', load: () => import('./commands/profiles.js') },
  completion: { summary: 'print a shell completion script (bash, zsh or fish)', load: () => import('./commands/completion.js') },
  sandbox: { summary: 'run a local Personalize + S3 sandbox (no AWS account needed)', load: () => import('./commands/sandbox.js') },
};

const TOP_HELP = `personalize-import ${VERSION}
Take a CSV into an Amazon Personalize dataset: pick the dataset, validate the file against its
schema, upload it to S3, choose FULL or INCREMENTAL, create the import job and watch it finish.

Usage
  personalize-import [--sandbox] [--plain]      start the guided wizard
  personalize-import <command> [flags]

Commands
${Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`).join('\n')}

Flags for every AWS command
  --region <r>         AWS region (else AWS_REGION / your AWS profile)
  --aws-profile <p>    AWS named profile (else AWS_PROFILE)
  --sandbox            use an embedded local sandbox instead of AWS
  --debug              log every AWS request and response to stderr (secrets redacted)
  --json               one JSON document on stdout (where a command supports it)
  -h, --help           help for a command:  personalize-import <command> --help
  --version            print the version

Examples
  npx personalize-import --sandbox            learn the flow with no AWS account
  personalize-import validate events.csv --dataset-arn arn:aws:personalize:…:dataset/shop/INTERACTIONS
  personalize-import status arn:aws:personalize:us-east-1:123456789012:dataset-import-job/shop-20261123

Exit codes: 0 ok · 1 job failed or data invalid · 2 usage · 3 credentials or permissions · 130 interrupted
`;

export async function main(argv: string[]): Promise<number> {
  const io = processIo();
  const first = argv[0];
  if (first === '--version' || first === '-v' || first === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.OK;
  }
  if (first === 'help' || ((first === '--help' || first === '-h') && argv.length === 1)) {
    const target = first === 'help' ? argv[1] : undefined;
    if (target && COMMANDS[target]) {
      writeHelp(io.stdout, (await COMMANDS[target].load()).help);
      return EXIT.OK;
    }
    writeHelp(io.stdout, TOP_HELP);
    return EXIT.OK;
  }
  let name = 'wizard';
  let rest = argv;
  if (first !== undefined && !first.startsWith('-')) {
    if (!COMMANDS[first]) {
      writeFitted(io.stderr, `Unknown command '${first}'.\n  → Commands: ${Object.keys(COMMANDS).join(', ')}. See personalize-import --help.\n`);
      return EXIT.USAGE;
    }
    name = first;
    rest = argv.slice(1);
  }
  const mod = await COMMANDS[name].load();
  if (rest.includes('--help') || rest.includes('-h')) {
    writeHelp(io.stdout, mod.help);
    return EXIT.OK;
  }
  ranCommand = true;
  return mod.run(rest, { io, commands: COMMANDS });
}

/** a command ran (not --version or --help): its end is settled before Node's own (core/settle-exit.ts) */
let ranCommand = false;
const settle = async () => {
  if (ranCommand) (await import('./core/settle-exit.js')).settleBeforeExit();
};

function isPromptExit(e: unknown): boolean {
  return e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError');
}

main(process.argv.slice(2)).then(
  async (code) => {
    process.exitCode = code;
    await settle();
  },
  async (e: unknown) => {
    if (isPromptExit(e)) {
      process.exitCode = EXIT.INTERRUPTED;
      await settle();
      return;
    }
    writeFitted(process.stderr, `${formatError(e)}\n`);
    // a file-system error carrying its path (EACCES, EIO, ENOSPC …) is the user's to fix: exit 2
    const app = asAppError(e);
    if (!app && process.argv.includes('--debug') && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exitCode = app ? app.exitCode : EXIT.FAILED;
    await settle();
  },
);

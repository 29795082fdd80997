// `personalize-import diagnose <job-arn|name>`: why did this import job fail, and what exactly to
// change; `diagnose --message <text|->`: the same catalogue for pasted error text, no AWS call.
// Heavy modules (src/aws, the validation engine) are loaded inside run(); the catalogue is core and light.
import { writeFitted } from '../core/fit.js';
import { open, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT } from '../core/exit-codes.js';
import { AppError, errnoCode, fileError, fsReason, usageError } from '../core/errors.js';
import { visible } from '../core/sanitize.js';
import type { CommandContext } from '../cli/context.js';
import { withJsonErrors } from '../cli/json-errors.js';
import { AWS_OPTIONS, COMMON_OPTIONS, parse } from '../cli/args.js';
import { safeLine } from '../diagnose/escape.js';

export const help = `personalize-import diagnose <job-arn|job-name> [flags]
personalize-import diagnose --message <text|-> [--csv <file>] [--json]
Explain an Amazon Personalize dataset import job (usually a failed one): its failure reason matched
to a catalogue of causes and fixes, permission checks (each PASS, FAIL or CAN'T CHECK with the
reason), the data validated in place on S3, and the exact JSON policy statements to add, filled in
with your bucket and role. A job name is looked up in the region (--region, AWS_REGION or the
profile's).

With --message, explain error text someone pasted — no job, no AWS call. It reads the wrappers
people paste: the AWS CLI ("An error occurred (Name) when calling the Op operation: …"), boto3 /
botocore tracebacks, the JavaScript SDK ("Name: message" and its $metadata dump), the Java, .NET
and Go SDKs' exception lines, AWS Tools for PowerShell's error records, CloudFormation ("Resource
handler returned message: …"), Step Functions error/cause JSON, CloudTrail events, JSON log lines,
console banners, or a bare failure reason — also as a terminal hard-wrapped it (the breaks at its
width are taken out). It prints what it parsed (exception, operation, HTTP status, request id,
message), the matching cause and fix with the values the message carries woven in, and the checks
that would confirm it. --message - reads the text from stdin (a pasted block; end with Ctrl-D). A
text with several AWS CLI errors (a script's log) gets a diagnosis for each, in order.

Checks (with a job)
  the S3 object or prefix exists and is not empty · the bucket is in the dataset group's region ·
  the bucket policy lets personalize.amazonaws.com s3:GetObject + s3:ListBucket · the role exists,
  trusts personalize.amazonaws.com and can read the bucket (IAM) · the bucket's KMS key ·
  fewer than 5 import jobs running · the data passes validation against the dataset's schema.
  CAN'T CHECK names the permission you lack (e.g. s3:GetBucketPolicy, iam:GetRole) — grant it to
  see the answer, or check that setting by hand.

Flags
  --message <text|->   diagnose pasted error text instead of a job ("-": read it from stdin; for
                       text starting with "-" write --message=TEXT)
  --csv <file>         with --message: the CSV the failed import read, to check its header (says
                       when header names differ from the schema's only in case)
  --report <file.md>   also write a Markdown report for the customer (job facts, checks, what to
                       change, policy statements to add)
  --json               one JSON document on stdout instead of the summary (with --message:
                       {"parsed": {name, operation, status, requestId, message}, "match": {…}})
  --no-validate        skip reading and validating the data (large files, or no s3:GetObject)
  --region <r>         AWS region (default: the region in the job ARN)
  --aws-profile <p>    AWS named profile
  --sandbox            use an embedded local sandbox instead of AWS
  --debug              log every AWS request and response to stderr (secrets redacted)
  -h, --help           this help

Exit codes
  0 the diagnosis ran — whatever it found (a failed job, a FAIL check or an unknown message is
    the answer, not an error; read the summary or use --json)
  2 usage: a malformed job ARN, an unknown job name, a bad flag, the job does not exist, an
    empty --message
  3 credentials or permissions: the job itself could not be read
  1 anything else that stopped the diagnosis (network, throttling for longer than 10 minutes)

Examples
  personalize-import diagnose arn:aws:personalize:us-east-1:123456789012:dataset-import-job/shop-20261123
  personalize-import diagnose shop-20261123 --region us-east-1
  personalize-import diagnose "$JOB_ARN" --report diagnosis.md
  personalize-import diagnose "$JOB_ARN" --json --no-validate | jq '.checks[] | select(.status != "PASS")'
  personalize-import diagnose --message 'An error occurred (ResourceAlreadyExistsException) when calling the CreateSchema operation: Another resource with Arn arn:aws:personalize:eu-west-1:123456789012:schema/shop-users already exists.'
  pbpaste | personalize-import diagnose --message -
  personalize-import diagnose --message - --csv interactions.csv < ticket.txt
`;

const OPTIONS = {
  ...AWS_OPTIONS,
  ...COMMON_OPTIONS,
  report: { type: 'string' },
  'no-validate': { type: 'boolean' },
  message: { type: 'string' },
  csv: { type: 'string' },
} as const;

/** for the completion scripts (src/commands/completion.ts) */
export const options = OPTIONS;

const JOB_ARN = /^arn:(aws[a-z-]*):personalize:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):dataset-import-job\/([a-zA-Z0-9][a-zA-Z0-9\-_]*)$/;
const EXAMPLE = 'arn:aws:personalize:us-east-1:123456789012:dataset-import-job/my-import';

/** A job ARN → its parts; a job name → { name } (looked up later); anything else is a usage error. */
export function parseJobArn(value: string | undefined): { region?: string; account?: string; name: string; arn?: string } {
  if (!value || !value.trim()) throw usageError('diagnose: missing the <job-arn> argument (or --message <text>).', `Run: personalize-import diagnose ${EXAMPLE}, or diagnose --message '<pasted error>'`);
  const v = value.trim();
  const m = JOB_ARN.exec(v);
  if (m) return { region: m[2], account: m[3], name: m[4], arn: v };
  if (/^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,62}$/.test(v)) return { name: v };
  const kind = /:personalize:[^:]*:\d{12}:([a-z-]+)\//.exec(v)?.[1];
  throw usageError(`diagnose: <job-arn> '${safeLine(v.length > 200 ? `${v.slice(0, 200)}…` : v)}' is neither a dataset import job ARN nor a job name${kind && kind !== 'dataset-import-job' ? ` (that is a ${kind} ARN)` : ''}.`,
    `It looks like ${EXAMPLE} (or just its name, my-import). To explain pasted error text, use --message.`);
}

/** the most errors of one pasted text diagnosed (a whole log would bury the first under the rest) */
const MAX_ERRORS = 5;

/** Reads all of stdin (capped: the parser reads 200,000 characters at most). */
async function readStdin(stdin: NodeJS.ReadableStream, limit = 4 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stdin as AsyncIterable<Buffer | string>) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    if (size < limit) chunks.push(b.subarray(0, limit - size));
    size += b.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function runMessage(values: { message?: string; csv?: string; json?: boolean; report?: string; 'no-validate'?: boolean; region?: string; 'aws-profile'?: string; sandbox?: boolean }, positionals: string[], ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  if (positionals.length) throw usageError(`diagnose: pass a job or --message, not both ('${safeLine(positionals[0].slice(0, 100))}').`, 'Quote the pasted text: --message \'…\', or pipe it in with --message -.');
  for (const f of ['report', 'no-validate', 'region', 'aws-profile', 'sandbox'] as const) {
    if (values[f] !== undefined) throw usageError(`diagnose: --${f} goes with a job, not with --message (which makes no AWS call).`, `Drop --${f}, or diagnose the job itself: personalize-import diagnose <job-arn>.`);
  }
  const [{ diagnoseText, withHeader }, { headerOf, messageJson, renderMessageText }] = await Promise.all([import('../diagnose/catalogue.js'), import('../diagnose/message.js')]);
  let text = values.message!;
  if (text === '-') {
    if ((io.stdin as { isTTY?: boolean }).isTTY) io.stderr.write('Paste the error text, then press Ctrl-D on a line of its own.\n');
    text = await readStdin(io.stdin);
  }
  if (!text.trim()) throw usageError(`diagnose: --message ${values.message === '-' ? '- read nothing from stdin' : 'is empty'}.`, 'Pass the error text: --message \'An error occurred (…) when calling the … operation: …\', or pipe it in with --message -.');
  let header: string[] | undefined;
  let csvNote: string | undefined;
  if (values.csv !== undefined) {
    if (!values.csv.trim()) throw usageError('diagnose: --csv needs a file name.', 'Write it as --csv interactions.csv.');
    const file = path.resolve(io.cwd, values.csv);
    try {
      const fh = await open(file, 'r');
      try {
        const buf = Buffer.alloc(64 * 1024);
        const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
        header = headerOf(buf.subarray(0, bytesRead).toString('utf8'));
      } finally {
        await fh.close();
      }
      if (!header) csvNote = `${values.csv} has no header line.`;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw usageError(`diagnose: cannot read --csv ${safeLine(values.csv)}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message}.`, 'Pass the CSV file the import read (only its first line is used).');
    }
  }
  // a text with several AWS CLI errors (a script's log) is several diagnoses, one per error, in order
  const readings: { parsed: ReturnType<typeof diagnoseText>['parsed']; match: ReturnType<typeof withHeader> }[] = [];
  let repeats = 0;
  let rest: string | undefined = text;
  // (repeats count too: a retry loop's log of thousands of lines stays quick)
  for (let read = 0; rest && readings.length < MAX_ERRORS && read < 50; read++) {
    const { parsed, match } = diagnoseText(rest);
    // the same error again (a retry loop's log) is said once
    const same = readings.some((r) => r.parsed.name === parsed.name && r.parsed.operation === parsed.operation && r.parsed.message === parsed.message);
    if (same) repeats++;
    else readings.push({ parsed, match: withHeader(match, header) });
    rest = parsed.next;
  }
  const [{ parsed, match }, ...others] = readings;
  if (values.json) {
    const extra = { ...(others.length ? { others: others.map((o) => messageJson(o.parsed, o.match)) } : {}), ...(csvNote ? { notes: [csvNote] } : {}) };
    io.stdout.write(`${JSON.stringify(messageJson(parsed, match, extra), null, 2)}\n`);
  } else {
    const { paintFor } = await import('../diagnose/report.js');
    const tty = Boolean((io.stdout as { isTTY?: boolean }).isTTY);
    const paint = paintFor(io.env, tty);
    const n = readings.length;
    const body = n === 1
      ? `${repeats ? `The text holds the same error ${repeats + 1}${rest ? ' or more' : ''} times: it is diagnosed once.\n\n` : ''}${renderMessageText(parsed, match, paint)}`
      : `The text holds ${n} different errors${repeats ? ` (and ${repeats} repeat${repeats === 1 ? '' : 's'} of them)` : ''}${rest ? ' (it goes on with more: only the start is read)' : ''}: each is diagnosed on its own, in the order they appear.\n` +
        readings.map((r, i) => `\n${paint.bold(`── Error ${i + 1} of ${n} ──`)}\n${renderMessageText(r.parsed, r.match, paint)}`).join('');
    writeFitted(io.stdout, body + (csvNote ? `\nNote: ${safeLine(csvNote)}\n` : ''));
  }
  return EXIT.OK;
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  // --json: a failure (no such job, an empty --message, a bad flag) is the one document on stdout too
  return withJsonErrors(argv, ctx, () => diagnoseCommand(argv, ctx));
}

/** --report names a file in a folder that exists — not a folder (EISDIR), not in a missing folder (ENOENT) */
async function checkReportTarget(given: string, abs: string): Promise<void> {
  const shown = visible(given);
  const st = await stat(abs).catch(() => undefined);
  if (st?.isDirectory()) throw usageError(`diagnose: --report ${shown} is a folder, not a file.`, `Pass --report with a file name: --report ${path.join(shown, 'diagnosis.md')}.`);
  const folder = visible(path.dirname(given));
  const why = await stat(path.dirname(abs)).then((f) => (f.isDirectory() ? undefined : 'is a file, not a folder'), (e: unknown) => (errnoCode(e) === 'ENOENT' ? 'does not exist' : errnoCode(e) === 'ENOTDIR' ? 'is not a folder' : fsReason(e)));
  if (why) throw usageError(`diagnose: --report ${shown}: the folder ${folder} ${why}.`, why === 'does not exist' ? `Create it first (mkdir -p ${folder}), or pass --report <file.md> in a folder that exists.` : 'Pass --report <file.md> in a folder that exists.');
}

async function diagnoseCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse('diagnose', argv, OPTIONS, 1);
  const { io } = ctx;
  if (values.message !== undefined) return runMessage(values, positionals, ctx);
  if (values.csv !== undefined) throw usageError('diagnose: --csv goes with --message.', 'With a job, diagnose reads the data from S3 itself.');
  const arnText = positionals[0]?.trim();
  const arn = parseJobArn(arnText);
  if (values.report !== undefined && values.report.trim() === '') throw usageError('diagnose: --report needs a file name.', 'Write it as --report diagnosis.md.');
  const reportPath = values.report ? path.resolve(io.cwd, values.report) : undefined;
  // where the report goes is checked before any AWS call (a folder, or a folder that is not there)
  if (reportPath) await checkReportTarget(values.report!, reportPath);

  const [{ createDeps }, { createAccess }, { diagnoseJob }, report, { resolveJobArn }] = await Promise.all([
    import('../aws/deps.js'), import('../aws/access.js'), import('../diagnose/diagnose.js'), import('../diagnose/report.js'), import('../job/resolve.js'),
  ]);
  const deps = await createDeps({ io, region: values.region ?? (values.sandbox ? undefined : arn.region), awsProfile: values['aws-profile'], sandbox: values.sandbox, debug: values.debug, onRetryNote: (n) => writeFitted(io.stderr, `${n}\n`) });
  const { access, close } = createAccess({ deps, io, region: values.region ?? arn.region ?? deps.context.region, awsProfile: values['aws-profile'], debug: values.debug });
  try {
    const region = deps.context.region ?? arn.region ?? '';
    const jobArn = arn.arn ?? await resolveJobArn(deps.personalize, arn.name, { region, command: 'diagnose' });
    let dg;
    try {
      dg = await diagnoseJob({ personalize: deps.personalize, s3: deps.s3, access }, jobArn, { region: region || (parseJobArn(jobArn).region ?? ''), validate: !values['no-validate'] });
    } catch (e) {
      if (e instanceof AppError && e.kind === 'not-found') {
        const where = await (await import('../job/not-found.js')).whereNotFound(deps.personalize, jobArn, region || undefined);
        throw new AppError('not-found', `diagnose: no import job ${jobArn} in ${region}.${where ? ` ${where}` : ''}`, { hint: 'Check the ARN (copy it from `personalize-import history`) and the account/profile in use.', cause: e });
      }
      throw e;
    }
    if (reportPath) {
      try {
        await writeFile(reportPath, report.renderMarkdown(dg), 'utf8');
      } catch (e) {
        throw fileError(e, values.report!, 'diagnose: cannot write --report', 'Pass --report <file.md> in a folder you can write to.');
      }
    }
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ ...(report.toJson(dg) as object), ...(reportPath ? { report: reportPath } : {}) }, null, 2)}\n`);
    } else {
      const tty = Boolean((io.stdout as { isTTY?: boolean }).isTTY);
      writeFitted(io.stdout, report.renderText(dg, report.paintFor(io.env, tty)));
      if (reportPath) io.stdout.write(`\nReport written to ${reportPath}\n`);
    }
    return EXIT.OK;
  } finally {
    close();
    await deps.close();
  }
}

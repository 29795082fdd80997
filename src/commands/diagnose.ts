// `personalize-import diagnose <job-arn>`: why did this import job fail, and what exactly to change.
// Heavy modules (src/aws, the validation engine) are loaded inside run().
import { writeFitted } from '../core/fit.js';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT } from '../core/exit-codes.js';
import { AppError, usageError } from '../core/errors.js';
import type { CommandContext } from '../cli/context.js';
import { AWS_OPTIONS, COMMON_OPTIONS, parse } from '../cli/args.js';

export const help = `personalize-import diagnose <job-arn> [flags]
Explain an Amazon Personalize dataset import job (usually a failed one): its failure reason matched
to a catalogue of causes and fixes, permission checks (each PASS, FAIL or CAN'T CHECK with the
reason), the data validated in place on S3, and the exact JSON policy statements to add, filled in
with your bucket and role.

Checks
  the S3 object or prefix exists and is not empty · the bucket is in the dataset group's region ·
  the bucket policy lets personalize.amazonaws.com s3:GetObject + s3:ListBucket · the role exists,
  trusts personalize.amazonaws.com and can read the bucket (IAM) · the bucket's KMS key ·
  fewer than 5 import jobs running · the data passes validation against the dataset's schema.
  CAN'T CHECK names the permission you lack (e.g. s3:GetBucketPolicy, iam:GetRole) — grant it to
  see the answer, or check that setting by hand.

Flags
  --report <file.md>   also write a Markdown report for the customer (job facts, checks, what to
                       change, policy statements to add)
  --json               one JSON document on stdout instead of the summary
  --no-validate        skip reading and validating the data (large files, or no s3:GetObject)
  --region <r>         AWS region (default: the region in the job ARN)
  --aws-profile <p>    AWS named profile
  --sandbox            use an embedded local sandbox instead of AWS
  --debug              log every AWS request and response to stderr (secrets redacted)
  -h, --help           this help

Exit codes
  0 the diagnosis ran — whatever it found (a failed job or a FAIL check is the answer, not an
    error; read the summary or use --json)
  2 usage: a malformed job ARN, a bad flag, the job does not exist
  3 credentials or permissions: the job itself could not be read
  1 anything else that stopped the diagnosis (network, throttling)

Examples
  personalize-import diagnose arn:aws:personalize:us-east-1:123456789012:dataset-import-job/shop-20261123
  personalize-import diagnose "$JOB_ARN" --report diagnosis.md
  personalize-import diagnose "$JOB_ARN" --json --no-validate | jq '.checks[] | select(.status != "PASS")'
`;

const OPTIONS = {
  ...AWS_OPTIONS,
  ...COMMON_OPTIONS,
  report: { type: 'string' },
  'no-validate': { type: 'boolean' },
} as const;

/** for the completion scripts (src/commands/completion.ts) */
export const options = OPTIONS;

const JOB_ARN = /^arn:(aws[a-z-]*):personalize:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):dataset-import-job\/([a-zA-Z0-9][a-zA-Z0-9\-_]*)$/;
const EXAMPLE = 'arn:aws:personalize:us-east-1:123456789012:dataset-import-job/my-import';

export function parseJobArn(value: string | undefined): { region: string; account: string; name: string } {
  if (!value) throw usageError('diagnose: missing the <job-arn> argument.', `Run: personalize-import diagnose ${EXAMPLE}`);
  const m = JOB_ARN.exec(value.trim());
  if (!m) {
    const kind = /:personalize:[^:]*:\d{12}:([a-z-]+)\//.exec(value)?.[1];
    throw usageError(`diagnose: <job-arn> '${value}' is not a dataset import job ARN${kind && kind !== 'dataset-import-job' ? ` (that is a ${kind} ARN)` : ''}.`, `It looks like ${EXAMPLE}`);
  }
  return { region: m[2], account: m[3], name: m[4] };
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse('diagnose', argv, OPTIONS, 1);
  const { io } = ctx;
  const arnText = positionals[0]?.trim();
  const arn = parseJobArn(arnText);
  if (values.report !== undefined && values.report.trim() === '') throw usageError('diagnose: --report needs a file name.', 'Write it as --report diagnosis.md.');
  const reportPath = values.report ? path.resolve(io.cwd, values.report) : undefined;

  const [{ createDeps }, { createAccess }, { diagnoseJob }, report] = await Promise.all([
    import('../aws/deps.js'), import('../aws/access.js'), import('../diagnose/diagnose.js'), import('../diagnose/report.js'),
  ]);
  const deps = await createDeps({ io, region: values.region ?? (values.sandbox ? undefined : arn.region), awsProfile: values['aws-profile'], sandbox: values.sandbox, debug: values.debug });
  const { access, close } = createAccess({ deps, io, region: values.region ?? arn.region, awsProfile: values['aws-profile'], debug: values.debug });
  try {
    const region = deps.context.region ?? arn.region;
    let dg;
    try {
      dg = await diagnoseJob({ personalize: deps.personalize, s3: deps.s3, access }, arnText!, { region, validate: !values['no-validate'] });
    } catch (e) {
      if (e instanceof AppError && e.kind === 'not-found') {
        throw new AppError('not-found', `diagnose: no import job ${arnText} in ${region}.`, { hint: 'Check the ARN (copy it from `personalize-import history`) and the account/profile in use.', cause: e });
      }
      throw e;
    }
    if (reportPath) {
      try {
        await writeFile(reportPath, report.renderMarkdown(dg), 'utf8');
      } catch (e) {
        throw usageError(`diagnose: cannot write --report ${values.report}: ${(e as Error).message}`, 'Pick a path in a directory you can write to.');
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

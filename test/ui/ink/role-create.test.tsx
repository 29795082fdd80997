// Issue #13 in the Ink wizard: the machine's role step offers "＋ Create a role for Personalize"
// (steps-access.ts); the Ink face draws it with no component of its own. Picked with ↓ + Enter, the
// role is shown, created after a yes, named by the review, and the job reaches ACTIVE with it.
// The whole <Wizard> against the in-process sandbox (IAM, S3, Personalize over loopback, real SDK).
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { DescribeDatasetImportJobCommand, ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import type { Connected } from '../../../src/ui/ink/types.js';
import { createDeps } from '../../../src/aws/deps.js';
import { createAccess } from '../../../src/aws/access.js';
import { createSetup } from '../../../src/aws/setup.js';
import { runPreflight } from '../../../src/diagnose/preflight.js';
import { withSandbox } from '../../helpers/sandbox.js';
import { cleanups, KEY, ROOT, servicesFor, start } from '../../helpers/ink-wizard.js';

describe('Ink wizard: ＋ Create a role (the machine\'s role-create step, #13)', () => {
  const sb = withSandbox({ jobSeconds: 0 });

  it('picked at the role step: shown, created after a yes, used by the job, which reaches ACTIVE', async () => {
    const services = servicesFor(sb, {
      async connect(): Promise<Connected> {
        const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: ROOT };
        const d = await createDeps({ sandbox: false, io });
        const deps = { ...d, context: { ...d.context, sandbox: true, accountId: sb.sandbox.accountId, roleArn: sb.sandbox.roleArn, bucket: sb.sandbox.bucket, iamEndpoint: sb.sandbox.iamEndpoint } };
        const made = createAccess({ deps, io, region: deps.context.region });
        cleanups.push(async () => {
          made.close();
          await d.close();
        });
        return {
          personalize: d.personalize, s3: d.s3, context: deps.context,
          preflight: (o) => runPreflight({ personalize: d.personalize, s3: d.s3, access: made.access }, o),
          accessSetup: { personalize: d.personalize, s3: d.s3, access: made.access, setup: createSetup({ deps, iam: made.iam, iamUnavailable: made.access.iamUnavailable }) },
        };
      },
    });
    const w = start(services);
    const see = (what: string, ms = 30_000) => w.see(what, ms);
    const press = w.press;
    for (const m of ['❯ Continue', '2 dataset groups', 'Fields:', 'CSV files here', 'Continue anyway', 'Which bucket?', 'Folder (prefix)', 'FULL — the first bulk import', 'Job name:']) {
      await see(m);
      await press(KEY.enter);
    }
    const role = await see('IAM role Personalize assumes');
    expect(role).toMatch(/＋ Create a role for Personalize/);
    expect(role.replace(/\s+/g, ' ')).toMatch(/can create one \(you see it before it exists\)/);
    await press(KEY.down);
    await see('› ＋ Create a role for Personalize');
    await press(KEY.enter);
    const ask = await see('Create the role PersonalizeImport-sandbox-shop as shown?');
    expect(ask.replace(/\s+/g, ' ')).toMatch(/personalize\.amazonaws\.com/);
    await press(KEY.enter);
    const tags = await see('Tags (key=value');
    expect(tags).toMatch(/Role arn:aws:iam::\d{12}:role\/PersonalizeImport-sandbox-shop is ready/);
    // the summary of answers names the role that now exists, not the choice "create …" (when the
    // screen leaves it the room: a short summary counts the earliest answers on its first row)
    const summary = tags.split('\n').filter((l) => l.startsWith('✔ '));
    if (summary[0]?.startsWith('✔ …')) expect(summary[0]).toMatch(/✔ … +\d+ earlier answers/);
    else expect(summary.join('\n')).toMatch(/✔ Group +sandbox-shop/);
    if (summary.some((l) => l.startsWith('✔ IAM role'))) expect(tags).toMatch(/✔ IAM role\s+arn:aws:iam::\d{12}:role\/PersonalizeImport-sandbox-shop \(created\)/);
    else expect(summary.join('\n')).toMatch(/✔ … +\d+ earlier answers/);
    expect(tags).not.toMatch(/IAM role\s+create /);
    await press(KEY.enter);
    const review = await see('Create the import job now?');
    expect(review).toMatch(/IAM role\s+arn:aws:iam::\d{12}:role\/PersonalizeImport-sandbox-shop/);
    await press(KEY.enter);
    await see('What happens next', 60_000);
    await see('Save as profile');
    const datasetArn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    const jobs = (await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn }))).datasetImportJobs ?? [];
    expect(jobs.length).toBe(1);
    const job = (await sb.personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: jobs[0].datasetImportJobArn }))).datasetImportJob!;
    expect(job.status).toBe('ACTIVE');
    expect(job.roleArn).toMatch(/:role\/PersonalizeImport-sandbox-shop$/);
    await press(KEY.enter);
    expect((await w.exit()).code).toBe(0);
  }, 120_000);
});

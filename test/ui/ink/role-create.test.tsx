// Issue #13 in the Ink wizard: the machine's role step offers "＋ Create a role for Personalize"
// (steps-access.ts); the Ink face draws it with no component of its own. Picked with ↓ + Enter, the
// role is shown, created after a yes, named by the review, and the job reaches ACTIVE with it.
// The whole <Wizard> against the in-process sandbox (IAM, S3, Personalize over loopback, real SDK).
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { DescribeDatasetImportJobCommand, ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import { Wizard } from '../../../src/ui/ink/Wizard.js';
import type { Connected, WizardServices } from '../../../src/ui/ink/types.js';
import { createDeps } from '../../../src/aws/deps.js';
import { createAccess } from '../../../src/aws/access.js';
import { createSetup } from '../../../src/aws/setup.js';
import { runPreflight } from '../../../src/diagnose/preflight.js';
import { openProfileStore } from '../../../src/profiles/store.js';
import { withSandbox } from '../../helpers/sandbox.js';

const ROOT = resolve(__dirname, '../../..');
const KEY = { enter: '\r', down: '\x1b[B' };
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('Ink wizard: ＋ Create a role (the machine\'s role-create step, #13)', () => {
  const sb = withSandbox({ jobSeconds: 0 });

  it('picked at the role step: shown, created after a yes, used by the job, which reaches ACTIVE', async () => {
    const cfg = mkdtempSync(join(tmpdir(), 'pi-ink-role-'));
    cleanups.push(() => rmSync(cfg, { recursive: true, force: true }));
    const services: WizardServices = {
      cwd: ROOT, samplesDir: join(ROOT, 'samples'), watch: { initialMs: 20, maxMs: 50 },
      profiles: openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: cfg }).store,
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
    };
    let exited: { code: number; lines?: string[] } | undefined;
    const r = render(<Wizard services={services} initial={{ sandbox: true }} onExit={(code, lines) => (exited = { code, lines })} />);
    cleanups.push(() => r.unmount());
    const frame = () => r.lastFrame() ?? '';
    const see = async (what: string | RegExp, ms = 30_000) => {
      const end = Date.now() + ms;
      let last = '';
      let streak = 0;
      for (;;) {
        const f = frame();
        const ok = typeof what === 'string' ? f.includes(what) : what.test(f);
        streak = ok && f === last ? streak + 1 : ok ? 1 : 0;
        last = f;
        if (streak >= 4) return f;
        if (Date.now() > end) throw new Error(`never saw ${String(what)}:\n${f}`);
        await new Promise((res) => setTimeout(res, 5));
      }
    };
    const press = async (k: string) => {
      r.stdin.write(k);
      await new Promise((res) => setImmediate(res));
      await new Promise((res) => setImmediate(res));
    };
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
    const end = Date.now() + 15_000;
    while (!exited && Date.now() < end) await new Promise((res) => setTimeout(res, 5));
    expect(exited?.code).toBe(0);
  }, 120_000);
});

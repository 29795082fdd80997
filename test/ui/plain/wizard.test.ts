// Plain mode's flow, in process, against the sandbox (real SDK clients through createDeps). The only
// fake is the question asker: a scripted Prompter stands in for the keyboard (the tmux test in
// test/e2e/plain.test.ts drives the real prompts); everything it is asked is recorded.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../../src/core/ports.js';
import { openProfileStore } from '../../../src/profiles/store.js';
import { runPlainWizard, type PlainAsk } from '../../../src/ui/plain/wizard.js';
import type { StepModel } from '../../../src/flow/machine/index.js';
import { interactionsCsv, withSandbox } from '../../helpers/sandbox.js';

const SAMPLES = join(__dirname, '../../../samples');

type Choice = { value: unknown; name: string; disabled?: string };
type Answer = string | boolean | ((choices: Choice[]) => unknown);

/** Answers questions by the first rule whose pattern matches the question; an unexpected question fails. */
function scripted(rules: [RegExp, Answer][]): PlainAsk & { asked: string[] } {
  const asked: string[] = [];
  const ask = async (m: StepModel) => {
    asked.push(m.question);
    const i = rules.findIndex(([re]) => re.test(m.question));
    if (i < 0) throw new Error(`unexpected question: ${m.question}`);
    const [, a] = rules.splice(i, 1)[0];
    const choices: Choice[] = (m.choices ?? []).map((c) => ({ value: c.value, name: c.label, disabled: c.disabled }));
    let v: unknown = typeof a === 'function' ? a(choices) : a === '<default>' ? m.default : a;
    if (typeof v === 'boolean') v = m.choices?.find((c) => (v ? /^(yes|go|create|save)$/ : /^(no|quit|skip)$/).test(c.value))?.value;
    if (m.kind === 'choose' || m.kind === 'review') {
      const c = m.choices!.find((x) => x.value === v);
      if (!c) throw new Error(`${String(v)} is not a choice of ${m.question}`);
      if (c.disabled) throw new Error(`${String(v)} is disabled: ${c.disabled}`);
    }
    return { value: String(v ?? '') };
  };
  return Object.assign(ask, { asked });
}

function memIo(env: Record<string, string>): Io & { text(): string } {
  const out = new PassThrough();
  const err = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  err.on('data', (d) => (text += d));
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  return { stdout: out, stderr: err, stdin, isTTY: true, env: { ...env, NO_COLOR: '1' }, cwd: process.cwd(), text: () => text };
}

/** the answers to Where, Dataset group and Dataset: the Custom group's dataset of `type` */
function toDataset(type: 'ITEMS' | 'INTERACTIONS'): [RegExp, Answer][] {
  return [
    [/^AWS region$/, '<default>'],
    [/^Dataset group$/, (cs) => cs.find((c) => c.name.startsWith('sandbox-shop '))!.value],
    [/^Dataset$/, (cs) => cs.find((c) => c.name.includes(`[${type}]`))!.value],
  ];
}

/** the job step's defaults, then "no" at the review: nothing is created */
const declineAtReview: [RegExp, Answer][] = [
  [/^Job name$/, '<default>'],
  [/^IAM role/, '<default>'],
  [/^Tags/, ''],
  [/^Create the import job now\?$/, 'quit'],
];

/** a fresh config folder, the sandbox's env and an in-memory terminal */
function freshRun(sbEnv: Record<string, string>) {
  const conf = mkdtempSync(join(tmpdir(), 'pi-plain-conf-'));
  const env = { ...sbEnv, PERSONALIZE_IMPORT_CONFIG_DIR: conf };
  return { conf, env, io: memIo(env) };
}

describe('runPlainWizard', () => {
  const sb = withSandbox({ jobSeconds: 0 });

  it('walks every step to ACTIVE, with the flow texts, then saves a profile', async () => {
    const { conf, io } = freshRun(sb.env);
    const ask = scripted([
      ...toDataset('ITEMS'),
      [/^CSV file/, join(SAMPLES, 'items.csv')],
      [/^How should the records go in\?$/, (cs) => {
        // a small file: record by record is offered, the bulk job is the default
        expect(cs.map((c) => c.value)).toEqual(['records', 'bulk']);
        return 'bulk';
      }],
      [/^Which bucket\?/, '<default>'],
      [/^Folder \(prefix\)/, 'plain/'],
      [/^Import mode$/, (cs) => {
        // no bulk data yet: INCREMENTAL is shown with the reason it cannot be picked
        expect(cs.find((c) => c.value === 'INCREMENTAL')!.disabled).toMatch(/No bulk import has finished/);
        return 'FULL';
      }],
      [/^Job name$/, 'plain-items-1'],
      [/^IAM role/, '<default>'],
      [/^Tags/, 'team=plain'],
      [/^Create the import job now\?$/, 'create'],
      [/^Save these answers as a profile\?$/, 'other'],
      [/^Profile name$/, 'plain-items'],
    ]);
    const code = await runPlainWizard({ io, ask, watch: { initialMs: 20, maxMs: 20 } });
    const text = io.text();
    expect(code, text).toBe(0);
    for (const title of ['Where', 'Dataset group', 'Dataset', 'CSV', 'Validation', 'Upload', 'Import mode', 'Import job', 'Review', 'Save profile']) expect(text).toContain(`\n${title}\n`);
    expect(text).toContain('The dataset group holds the datasets your recommenders train on.');
    expect(text).toMatch(/Data from +s3:\/\/personalize-sandbox-data\/plain\/items-\d{8}-\d{6}-[a-z2-9]{4}\.csv/);
    expect(text).toContain('✔ Imported into sandbox-shop-items.');
    // a sandbox reached through endpoint variables is not AWS: the Import step says where the job runs (#16 item 10)
    expect(text).not.toContain('The job runs in AWS');
    expect(text).toMatch(/The job runs at http:\/\/127\.0\.0\.1:\d+, not in AWS; this screen follows it until it finishes\./);
    expect(text).toMatch(/\[\d:\d\d\] ACTIVE/);
    const { datasetImportJobs } = await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: sb.seeded.datasetArn('custom', 'ITEMS') }));
    expect(datasetImportJobs?.map((j) => [j.jobName, j.status])).toEqual([['plain-items-1', 'ACTIVE']]);
    const saved = openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: conf }).store.get('plain-items');
    expect(saved).toMatchObject({ datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), bucket: 'personalize-sandbox-data', prefix: 'plain/', roleArn: sb.sandbox.roleArn });
  });

  it('a file with errors offers another pick; the saved profile skips group and dataset', async () => {
    const conf = mkdtempSync(join(tmpdir(), 'pi-plain-conf-'));
    const env = { ...sb.env, PERSONALIZE_IMPORT_CONFIG_DIR: conf };
    openProfileStore(env).store.save({
      name: 'shop-items', sandbox: false, region: 'us-east-1', datasetGroupArn: sb.seeded.customGroupArn, datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'),
      bucket: 'personalize-sandbox-data', prefix: 'again/', roleArn: sb.sandbox.roleArn,
    });
    const io = memIo(env);
    const ask = scripted([
      [/^Start from a saved profile\?$/, 'shop-items'],
      [/^CSV file/, join(SAMPLES, 'items-long-id.csv')],
      // its one ID too long is a row the fixer sets aside: offered as such now, another file picked instead
      [/^The only errors are a row of 80 that cannot be imported as written\. Set it aside and import the rest\?$/, 'again'],
      [/^CSV file/, join(SAMPLES, 'items.csv')],
      [/^How should the records go in\?$/, 'bulk'],
      [/^Which bucket\?/, '<default>'],
      [/^Folder \(prefix\)/, '<default>'],
      // bulk data exists now (the previous test): the choice is the user's
      [/^Import mode$/, 'INCREMENTAL'],
      ...declineAtReview,
    ]);
    const code = await runPlainWizard({ io, ask });
    const text = io.text();
    expect(code, text).toBe(0);
    expect(ask.asked).not.toContain('Dataset group');
    expect(text).toContain('Using saved profile shop-items.');
    expect(text).toMatch(/✗ invalid: .*items-long-id\.csv/);
    expect(text).toMatch(/Data from +s3:\/\/personalize-sandbox-data\/again\/items-\d{8}-\d{6}-[a-z2-9]{4}\.csv/);
    expect(text).toMatch(/No import job was created in Personalize\.\nThe file this run uploaded stays at s3:\/\/personalize-sandbox-data\/again\/items-\d{8}-\d{6}-[a-z2-9]{4}\.csv/);
    const { datasetImportJobs } = await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: sb.seeded.datasetArn('custom', 'ITEMS') }));
    expect(datasetImportJobs?.length).toBe(1);
  });

  it('bulk data in: a file with 20 active users is validated for both modes, and FULL is not offered', async () => {
    const { io } = freshRun(sb.env);
    await sb.importSampleFull();
    const file = join(mkdtempSync(join(tmpdir(), 'pi-plain-csv-')), 'few-users.csv');
    writeFileSync(file, interactionsCsv(1200, 20));
    const ask = scripted([
      ...toDataset('INTERACTIONS'),
      [/^CSV file/, file],
      [/^Continue with \d+ warnings?\?$/, 'go'],
      [/^Which bucket\?/, '<default>'],
      [/^Folder \(prefix\)/, ''],
      [/^Import mode$/, (cs) => {
        expect(cs.find((c) => c.value === 'FULL')!.disabled).toMatch(/this file fails for FULL: Only 20 users have 2 or more interactions; training needs at least 25/);
        expect(cs.find((c) => c.value === 'INCREMENTAL')!.disabled).toBeUndefined();
        return 'INCREMENTAL';
      }],
      ...declineAtReview,
    ]);
    const code = await runPlainWizard({ io, ask });
    const text = io.text();
    expect(code, text).toBe(0);
    expect(text).toMatch(/Only 20 users in this file have 2 or more interactions/);
    expect(ask.asked).toContain('Import mode');
  });

  it('too few interactions for a bulk job: record by record is offered, asks about the event tracker, and sends them', async () => {
    const { io } = freshRun(sb.env);
    const ask = scripted([
      ...toDataset('INTERACTIONS'),
      [/^CSV file/, join(SAMPLES, 'interactions-too-few.csv')],
      [/^The file has errors/, (cs) => {
        expect(cs.map((c) => c.value)).toEqual(['again', 'quit', 'records', 'all']);
        return 'records';
      }],
      [/^Create the event tracker now\?$/, 'yes'],
    ]);
    const cwd = mkdtempSync(join(tmpdir(), 'pi-plain-cwd-'));
    const code = await runPlainWizard({ io: { ...io, cwd }, ask });
    const text = io.text();
    expect(code, text).toBe(0);
    expect(text).toMatch(/TOO_FEW_INTERACTIONS|at least 1000/);
    expect(text).toMatch(/Record by record: PutEvents calls/);
    expect(text).toMatch(/Sent (\d+) of \1 records/);
    expect(ask.asked).toContain('Create the event tracker now?');
  });

  it('a saved profile that already holds the answers: "Done", not "Update profile" (#16 item 19)', async () => {
    const { conf, io } = freshRun(sb.env);
    openProfileStore({ ...sb.env, PERSONALIZE_IMPORT_CONFIG_DIR: conf }).store.save({
      name: 'same-items', region: 'us-east-1', datasetGroupArn: sb.seeded.customGroupArn, datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'),
      bucket: 'personalize-sandbox-data', prefix: 'same/', roleArn: sb.sandbox.roleArn,
    });
    let saveChoices: string[] = [];
    const ask = scripted([
      [/^Start from a saved profile\?$/, 'same-items'],
      [/^CSV file/, join(SAMPLES, 'items.csv')],
      [/^How should the records go in\?$/, 'bulk'],
      [/^Import mode$/, 'INCREMENTAL'],
      [/^Job name$/, '<default>'],
      [/^IAM role/, '<default>'],
      [/^Tags/, ''],
      [/^Create the import job now\?$/, 'create'],
      [/^Save these answers as a profile\?$/, (cs) => {
        saveChoices = cs.map((c) => c.name);
        return 'skip';
      }],
    ]);
    const code = await runPlainWizard({ io, ask, watch: { initialMs: 20, maxMs: 20 } });
    expect(code, io.text()).toBe(0);
    expect(saveChoices).toEqual(['Done (profile “same-items” already holds these answers)', 'Save under another name…']);
  });

  it('credentials but no region: the region is picked from the Personalize regions, used for the run and saved in the profile (#16 item 7)', async () => {
    const { conf, io } = freshRun(sb.env);
    // no region anywhere: not in the environment, not in an AWS config file (the SDK reads process.env)
    const env = io.env as Record<string, string | undefined>;
    delete env.AWS_REGION;
    delete env.AWS_DEFAULT_REGION;
    const emptyConfig = join(mkdtempSync(join(tmpdir(), 'pi-plain-awscfg-')), 'config');
    writeFileSync(emptyConfig, '');
    const saved = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE };
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    process.env.AWS_CONFIG_FILE = emptyConfig;
    let regionModel: StepModel | undefined;
    const ask = scripted([
      [/^AWS region$/, (cs) => {
        expect(cs.map((c) => c.value)).toEqual(['us-east-1', 'us-east-2', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-central-1', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2']);
        // the sandbox's region (its bucket is there: another region fails the preflight, as in AWS)
        return 'us-east-1';
      }],
      [/^Dataset group$/, (cs) => cs.find((c) => c.name.startsWith('sandbox-shop '))!.value],
      [/^Dataset$/, (cs) => cs.find((c) => c.name.includes('[ITEMS]'))!.value],
      [/^CSV file/, join(SAMPLES, 'items.csv')],
      [/^How should the records go in\?$/, 'bulk'],
      [/^Which bucket\?/, '<default>'],
      [/^Folder \(prefix\)/, '<default>'],
      [/^Import mode$/, '<default>'],
      [/^Job name$/, '<default>'],
      [/^IAM role/, '<default>'],
      [/^Tags/, ''],
      [/^Create the import job now\?$/, 'create'],
      [/^Save these answers as a profile\?$/, 'other'],
      [/^Profile name$/, 'region-picked'],
    ]);
    try {
      const code = await runPlainWizard({ io, ask: async (m) => ((m.id === 'region' ? (regionModel = m) : undefined), ask(m)), watch: { initialMs: 20, maxMs: 20 } });
      const text = io.text();
      expect(code, text).toBe(0);
      expect(regionModel?.default, 'no region configured: no default').toBeUndefined();
      expect(text).toContain('Your AWS configuration names no region: pick the one to import into.');
      expect(text).toMatch(/Importing into the endpoint http:\/\/127\.0\.0\.1:\d+, region us-east-1\./);
      expect(openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: conf }).store.get('region-picked')).toMatchObject({ region: 'us-east-1' });
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });

  it('"Show all findings" lists every error with the warning that explains it beside it, then asks again (#16 item 3)', async () => {
    const { io } = freshRun(sb.env);
    const dir = mkdtempSync(join(tmpdir(), 'pi-plain-ev-'));
    const file = join(dir, 'events.csv');
    // `event` instead of EVENT_TYPE: the error (missing EVENT_TYPE) and the warning (event not in the schema) are one mistake
    writeFileSync(file, `USER_ID,ITEM_ID,TIMESTAMP,event\n${Array.from({ length: 30 }, (_, i) => `u${i},i${i},1767225600,click`).join('\n')}\n`);
    const ask = scripted([
      ...toDataset('INTERACTIONS'),
      [/^CSV file/, file],
      // Interactions schemas cannot take new columns: the step says so, its default goes on
      [/^Add the new columns/, '<default>'],
      [/^The file has errors/, 'all'],
      [/^The file has errors/, 'quit'],
    ]);
    const code = await runPlainWizard({ io, ask });
    const text = io.text();
    expect(code, text).toBe(1);
    const shown = text.slice(text.lastIndexOf('✖ '));
    // the question after it says what can be done; "fix the errors above" before a "Fix and continue" choice
    // misled, and so did "Validation failed: nothing was uploaded …" (it read as the run's end)
    expect(shown).toMatch(/^✖ \S*events\.csv would fail its import as it is \(\d+ errors?\)\.\n {2}Nothing was uploaded yet: you choose what to do next\.\n/);
    expect(text).not.toContain('Validation failed');
    expect(shown).toMatch(/✗ Line 1: the header has no EVENT_TYPE column[^\n]*\n +↳ ! Line 1: column event is not in the schema[^\n]*— probably EVENT_TYPE under another name: rename the column event to EVENT_TYPE\./);
    expect(shown).toMatch(/! column TIMESTAMP: Every record has the same timestamp/);
    expect(ask.asked.filter((q) => /^The file has errors/.test(q))).toHaveLength(2);
  });

  it('through the real numbered prompts: a question that is its screen\'s heading ("Dataset group", "Dataset") is not printed again under it', async () => {
    const { io } = freshRun(sb.env);
    const stdin = io.stdin as PassThrough;
    const visits = new Map<string, number>();
    // what is typed at each question, by step and visit; the third group list ends the input
    const typed: Record<string, string[]> = {
      region: [''], group: ['', '＋ New dataset group'], dataset: ['<'], 'new-group-name': [''], 'new-group-domain': [''], 'new-group-confirm': ['back'],
    };
    const code = await runPlainWizard({
      io,
      onQuestion: (m) => {
        const n = visits.get(m.id) ?? 0;
        visits.set(m.id, n + 1);
        const t = typed[m.id]?.[n];
        if (t === undefined) stdin.end();
        else stdin.write(`${t}\n`);
      },
    });
    const text = io.text();
    expect(code, text).toBe(130);
    expect([...visits]).toEqual([['region', 1], ['group', 3], ['dataset', 1], ['new-group-name', 1], ['new-group-domain', 1], ['new-group-confirm', 1]]);
    // the group list under its heading (first visit, and again after "<" from the dataset list): the heading once
    const headed = /\nDataset group\nThe dataset group holds the datasets your recommenders train on\.\n\d+ dataset groups in us-east-1\n {2}1\) sandbox-shop \(Custom\)/g;
    expect(text.match(headed), text).toHaveLength(2);
    expect(text).toMatch(/\nDataset\nThe dataset this CSV goes into; its schema decides which columns the file needs\.\n {2}1\) sandbox-shop-interactions/);
    expect(text).not.toMatch(/\nDataset group\n(?:[^\n]*\n){0,2}Dataset group\n/);
    expect(text).not.toMatch(/\nDataset\n(?:[^\n]*\n){0,2}Dataset\n/);
    // back to the list from "Create dataset group …?" (the same screen: no heading printed) the question names it
    expect(text).toMatch(/Choose 1-4 \[1\] \(< back\): \d+ dataset groups in us-east-1\nDataset group\n {2}1\) sandbox-shop \(Custom\)/);
  });
});

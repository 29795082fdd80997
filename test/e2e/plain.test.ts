// Plain mode on a real terminal (tmux): `personalize-import --plain` and TERM=dumb ask the wizard's
// steps as line prompts and print the job as lines, through to ACTIVE. Against a sandbox running in
// this process (the CLI reaches it through the sandbox's env).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { CLI, Terminal } from '../helpers/tmux.js';
import { ensureBuilt, ROOT, SAMPLES } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('plain mode on a terminal', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  const open = (args: string[], env: Record<string, string> = {}) => {
    term = new Terminal(['node', CLI, ...args], {
      cols: 120, rows: 50, cwd: ROOT,
      env: { ...sb.env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')), ...env },
    });
    return term;
  };

  /** Waits for a question (and its prompt), then types the answer (Enter alone takes the default). */
  async function answer(t: Terminal, question: string | RegExp, keys = '') {
    await t.waitFor((screen) => (typeof question === 'string' ? screen.includes(question) : question.test(screen)) && /\(< back\): *$/.test(screen.trimEnd()));
    const before = t.screen();
    if (keys) t.type(keys);
    t.send('Enter');
    await t.waitForChange(before);
  }

  /** the number plain mode gives a choice */
  const numberOf = (screen: string, label: RegExp) => new RegExp(`(\\d+)\\) ${label.source}`).exec(screen)?.[1];

  async function walk(t: Terminal, dataset: 'INTERACTIONS' | 'ITEMS', csv: string, opts: { region?: boolean } = {}) {
    if (opts.region !== false) await answer(t, 'AWS region');
    // the Ink wizard's order: the Custom group sandbox-shop first, so Enter picks it
    const groups = await t.waitFor(/1\) sandbox-shop \(Custom\)/);
    expect(groups).toMatch(/Choose 1-\d \[1\]/);
    await answer(t, /Choose 1-\d \[1\]/);
    const ds = await t.waitFor(/\d\) sandbox-shop-items/);
    await answer(t, /Choose 1-\d \[1\]/, dataset === 'ITEMS' ? numberOf(ds, /sandbox-shop-items/) : '');
    await answer(t, 'CSV file (a local path', csv);
    let next = await t.waitFor(/Continue with \d+ warnings?\?|How should the records go in\?|Which bucket\?/);
    if (/Continue with \d+ warnings?\?/.test(next)) {
      await answer(t, /Continue with \d+ warnings?\?/);
      next = await t.waitFor(/How should the records go in\?|Which bucket\?/);
    }
    // a small file: record by record is offered first (as in the Ink wizard); pick the bulk job
    if (next.includes('How should the records go in?')) await answer(t, 'How should the records go in?', '2');
    await answer(t, 'Which bucket?');
    await answer(t, 'Folder (prefix)');
    await answer(t, /Import mode\n/);
    await answer(t, 'Job name');
    await answer(t, 'IAM role');
    await answer(t, 'Tags');
    const review = await t.waitFor('Create the import job now?');
    expect(review).toMatch(/Data from +s3:\/\/personalize-sandbox-data\/personalize-import\//);
    await answer(t, 'Create the import job now?');
    await t.waitFor('✔ Imported into');
    await answer(t, 'Save these answers as a profile?', '3');
    return t.exitCode();
  }

  it('--plain: every step as a line prompt, the job as lines, to ACTIVE (exit 0)', async () => {
    const t = open(['--plain']);
    await t.waitFor('Which AWS account and region to import into');
    const code = await walk(t, 'INTERACTIONS', join(SAMPLES, 'interactions.csv'));
    expect(code).toBe(0);
    const { datasetImportJobs } = await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS') }));
    expect(datasetImportJobs?.map((j) => j.status)).toEqual(['ACTIVE']);
  });

  it('TERM=dumb switches to plain mode on its own', async () => {
    const t = open([], { TERM: 'dumb' });
    await t.waitFor('(plain mode)');
    const code = await walk(t, 'ITEMS', join(SAMPLES, 'items.csv'));
    expect(code).toBe(0);
    const { datasetImportJobs } = await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: sb.seeded.datasetArn('custom', 'ITEMS') }));
    expect(datasetImportJobs?.map((j) => j.status)).toEqual(['ACTIVE']);
  });

  it('--plain --sandbox: the embedded sandbox, no region asked, its role and bucket as defaults', async () => {
    const t = open(['--plain', '--sandbox', '--sandbox-job-seconds', '0'], { AWS_ENDPOINT_URL_PERSONALIZE: '', AWS_ENDPOINT_URL_S3: '' });
    await t.waitFor('Importing into the local sandbox');
    const code = await walk(t, 'ITEMS', join(SAMPLES, 'items.csv'), { region: false });
    expect(code).toBe(0);
    expect(t.screen()).toMatch(/Created import job sandbox-shop-items-\d{8}-\d{6}/);
    // the run ends as the Ink wizard's does: the job's summary last, the ARN whole, and (the embedded
    // sandbox ended with the run) no command that could not reach the job, but what is true
    const end = t.history().slice(t.history().lastIndexOf('Import job:'));
    const flat = end.replace(/\n/g, '');
    const arn = /arn:aws:personalize:us-east-1:\d{12}:dataset-import-job\/sandbox-shop-items-\d{8}-\d{6}/.exec(flat)?.[0];
    expect(arn, end).toBeDefined();
    expect(end).toMatch(/^ {2}Status {4}ACTIVE$/m);
    expect(end).toMatch(/^ {2}Data read from\ns3:\/\/personalize-sandbox-data\/personalize-import\//m);
    expect(end.replace(/\s+/g, ' ')).toContain('no command can ask about this job now. To follow sandbox jobs with status, history and diagnose, keep a sandbox running: personalize-import sandbox --help');
    expect(flat).not.toMatch(/personalize-import (status|diagnose) --sandbox arn:/);
  });

  it('too few interactions for a bulk job: "Import record by record instead", the event tracker question, the records sent', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pi-plain-cwd-'));
    term = new Terminal(['node', CLI, '--plain'], {
      cols: 120, rows: 50, cwd,
      env: { ...sb.env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    const t = term;
    await answer(t, 'AWS region');
    await answer(t, /1\) sandbox-shop \(Custom\)/);
    await answer(t, /1\) sandbox-shop-interactions/);
    await answer(t, 'CSV file (a local path', join(SAMPLES, 'interactions-too-few.csv'));
    // the question with its choices, once its prompt line is written (not the question alone)
    const errors = await t.waitFor((x) => x.includes('The file has errors') && /\(< back\): *$/.test(x.trimEnd()));
    expect(errors.replace(/\s*\n\s*/g, ' ')).toMatch(/at least 1,000/);
    expect(errors).toMatch(/3\) Import record by record instead/);
    await answer(t, 'The file has errors', '3');
    await answer(t, 'Create the event tracker now?');
    const done = await t.waitFor(/Sent \d+ of \d+ records/);
    expect(done).toMatch(/Sent (\d+) of \1 records/);
    expect(await t.exitCode()).toBe(0);
  });

  it('no cursor escapes: every byte written is plain text with numbered choices (TERM=dumb, logs, screen readers)', async () => {
    // the output is kept through tee: the raw bytes, not tmux's rendering of them
    const log = join(mkdtempSync(join(tmpdir(), 'pi-plain-log-')), 'out.txt');
    term = new Terminal(['bash', '-c', `node ${CLI} --plain 2>&1 | tee ${log}`], {
      cols: 120, rows: 50, cwd: ROOT,
      env: { ...sb.env, TERM: 'xterm-256color', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    const t = term;
    await answer(t, 'AWS region');
    await answer(t, /1\) sandbox-shop \(Custom\)/);
    await t.waitFor(/1\) sandbox-shop-interactions/);
    const bytes = readFileSync(log, 'utf8');
    t.send('C-c');
    expect(bytes).toMatch(/ {2}1\) sandbox-shop \(Custom\)/);
    expect(bytes).not.toMatch(/\x1b/);
  });

  it('Ctrl-C in a plain prompt exits 130 quietly', async () => {
    const t = open(['--plain']);
    await t.waitFor('AWS region');
    t.send('C-c');
    expect(await t.exitCode()).toBe(130);
    expect(t.screen()).not.toMatch(/ExitPromptError|at .*\.js:\d+/);
  });
});

// Plain mode on a real terminal (tmux): `personalize-import --plain` and TERM=dumb ask the wizard's
// steps as line prompts and print the job as lines, through to ACTIVE. Against a sandbox running in
// this process (the CLI reaches it through the sandbox's env).
import { mkdtempSync } from 'node:fs';
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

  /** Answers one prompt: waits for it, sends the keys, waits until it is answered (✔). */
  async function answer(t: Terminal, prompt: string, keys: () => void) {
    await t.waitFor(`? ${prompt}`);
    keys();
    await t.waitFor(`✔ ${prompt}`);
  }

  async function walk(t: Terminal, dataset: 'INTERACTIONS' | 'ITEMS', csv: string, opts: { region?: boolean } = {}) {
    if (opts.region !== false) await answer(t, 'AWS region', () => t.send('Enter'));
    // the Ink wizard's order: the Custom group sandbox-shop first, so Enter picks it
    await t.waitFor(/❯ sandbox-shop \(Custom\)/);
    await answer(t, 'Dataset group', () => t.send('Enter'));
    await t.waitFor('? Dataset');
    if (dataset === 'ITEMS') t.send('Down');
    await t.waitFor(dataset === 'ITEMS' ? /❯ sandbox-shop-items/ : /❯ sandbox-shop-interactions/);
    t.send('Enter');
    await answer(t, 'CSV file', () => {
      t.type(csv);
      t.send('Enter');
    });
    let next = await t.waitFor(/\? (Continue with \d+ warnings?|How should the records go in|S3 bucket)/);
    if (next.includes('? Continue with')) {
      t.send('Enter');
      next = await t.waitFor(/\? (How should the records go in|S3 bucket)/);
    }
    // a small file: record by record is offered; Enter keeps the bulk job
    if (next.includes('? How should the records go in')) await answer(t, 'How should the records go in?', () => t.send('Enter'));
    await answer(t, 'S3 bucket to upload to', () => t.send('Enter'));
    await answer(t, 'Key prefix', () => t.send('Enter'));
    await answer(t, 'Import mode', () => t.send('Enter'));
    await answer(t, 'Job name', () => t.send('Enter'));
    await answer(t, 'IAM role', () => t.send('Enter'));
    await answer(t, 'Tags', () => t.send('Enter'));
    await t.waitFor('? Create the import job now?');
    expect(t.screen()).toMatch(/Upload to +s3:\/\/personalize-sandbox-data\//);
    t.send('Enter');
    await t.waitFor('✔ Imported into');
    await t.waitFor('? Save these answers as a profile?');
    t.type('n');
    t.send('Enter');
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
  });

  it('too few interactions for a bulk job: "Import record by record instead", the event tracker question, the records sent', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pi-plain-cwd-'));
    term = new Terminal(['node', CLI, '--plain'], {
      cols: 120, rows: 50, cwd,
      env: { ...sb.env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    const t = term;
    await answer(t, 'AWS region', () => t.send('Enter'));
    await t.waitFor(/❯ sandbox-shop \(Custom\)/);
    await answer(t, 'Dataset group', () => t.send('Enter'));
    await t.waitFor(/❯ sandbox-shop-interactions/);
    await answer(t, 'Dataset', () => t.send('Enter'));
    await answer(t, 'CSV file', () => {
      t.type(join(SAMPLES, 'interactions-too-few.csv'));
      t.send('Enter');
    });
    const errors = await t.waitFor('? The file has errors');
    expect(errors.replace(/\s*\n\s*/g, ' ')).toMatch(/at least 1000/);
    expect(errors).toMatch(/Import record by record instead/);
    t.send('Down');
    await t.waitFor(/❯ Import record by record instead/);
    t.send('Enter');
    await t.waitFor('? Create the event tracker now?');
    t.send('Enter');
    const done = await t.waitFor(/Sent \d+ of \d+ records/);
    expect(done).toMatch(/Sent (\d+) of \1 records/);
    expect(await t.exitCode()).toBe(0);
  });

  it('Ctrl-C in a plain prompt exits 130 quietly', async () => {
    const t = open(['--plain']);
    await t.waitFor('? AWS region');
    t.send('C-c');
    expect(await t.exitCode()).toBe(130);
    expect(t.screen()).not.toMatch(/ExitPromptError|at .*\.js:\d+/);
  });
});

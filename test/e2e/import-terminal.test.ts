// `personalize-import import` on a real terminal (tmux): a missing answer is asked with plain mode's
// numbered line prompts instead of failing; FULL over existing data asks for the dataset's name typed; Ctrl-C in a
// prompt exits 130 quietly. Against a sandbox running in this process.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { CLI, Terminal } from '../helpers/tmux.js';
import { ensureBuilt, ROOT, SAMPLES } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('import on a terminal', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  const open = (args: string[]) => {
    term = new Terminal(['node', CLI, 'import', ...args], {
      cols: 120, rows: 40, cwd: ROOT,
      env: { ...sb.env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    return term;
  };
  const users = () => sb.seeded.datasetArn('custom', 'USERS');

  it('asks for the missing CSV, then runs through to ACTIVE', async () => {
    const t = open(['--dataset-arn', users(), '--interval', '0.05']);
    await t.waitFor('CSV file (a local path');
    t.type(join(SAMPLES, 'users.csv'));
    t.send('Enter');
    const screen = await t.waitFor('✔ Imported into sandbox-shop-users.');
    expect(screen).toMatch(/Uploaded s3:\/\/personalize-sandbox-data\/users-\d{8}-\d{6}-[a-z2-9]{4}\.csv/);
    expect(await t.exitCode()).toBe(0);
    const { datasetImportJobs } = await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: users() }));
    expect(datasetImportJobs?.map((j) => j.status)).toEqual(['ACTIVE']);
  });

  it('FULL over existing data asks for the dataset name typed; a wrong name is refused, an empty one stops with nothing created', async () => {
    const t = open(['--dataset-arn', users(), '--csv', join(SAMPLES, 'users.csv'), '--mode', 'full']);
    await t.waitFor(/Type the dataset's name \(sandbox-shop-users\)/);
    expect(t.screen().replace(/\s*\n\s*/g, ' ')).toMatch(/FULL replaces all bulk data in sandbox-shop-users: the records imported by job sandbox-shop-users-/);
    // as in the wizard: a wrong name is said and asked again; nothing empty stops
    t.type('sandbox-shop-userz');
    t.send('Enter');
    await t.waitFor('That is not sandbox-shop-users; nothing was chosen.');
    t.send('Enter');
    await t.waitFor('Stopped. Nothing was changed.');
    expect(await t.exitCode()).toBe(2);
    const { datasetImportJobs } = await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: users() }));
    expect(datasetImportJobs?.length).toBe(1);
  });

  it('without --mode over existing data it asks the mode; the typed name confirms FULL', async () => {
    const t = open(['--dataset-arn', users(), '--csv', join(SAMPLES, 'users.csv'), '--interval', '0.05']);
    // numbered choices; the default is INCREMENTAL (the choice that replaces nothing), FULL is 1
    const mode = await t.waitFor('Choose 1-2 [2]');
    expect(mode).toMatch(/ 1\) FULL — replace the bulk data/);
    expect(mode).toMatch(/ 2\) INCREMENTAL — add to the bulk data/);
    expect(mode).not.toMatch(/❯/);
    t.type('1');
    t.send('Enter');
    await t.waitFor(/Type the dataset's name/);
    t.type('sandbox-shop-users');
    t.send('Enter');
    await t.waitFor('✔ Imported into sandbox-shop-users.');
    expect(await t.exitCode()).toBe(0);
  });

  it('Ctrl-C in a prompt exits 130 quietly (no stack trace)', async () => {
    const t = open(['--dataset-group', 'sandbox-shop', '--dataset-type', 'items']);
    await t.waitFor('CSV file (a local path');
    t.send('C-c');
    expect(await t.exitCode()).toBe(130);
    expect(t.screen()).not.toMatch(/ExitPromptError|at .*\.js:\d+/);
  });
});

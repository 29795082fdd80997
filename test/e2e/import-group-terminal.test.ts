// `import` with several --csv files on a real terminal (tmux, 80×40) against a sandbox started as
// `sandbox --seed none` starts it: the mismatch samples' cross-file warning is shown with its
// examples, the group and three datasets are created, the three jobs run side by side and the
// summary lists the three ARNs, each line within 80 columns.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListDatasetGroupsCommand } from '@aws-sdk/client-personalize';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { CLI, Terminal } from '../helpers/tmux.js';
import { ensureBuilt, ROOT, SAMPLES } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('import with several files on a terminal', () => {
  const sb = withSandbox({ jobSeconds: 0.5, seed: 'none', createSeconds: 0.2 });
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('the cross-file warning, then three datasets created and three jobs ACTIVE, every ARN in the summary', async () => {
    term = new Terminal(['node', CLI, 'import', '--dataset-group', 'shop', '--create', '--interval', '0.1',
      '--csv', `interactions=${join(SAMPLES, 'interactions.csv')}`, '--csv', `items=${join(SAMPLES, 'items-sku-prefix.csv')}`, '--csv', `users=${join(SAMPLES, 'users-uppercase.csv')}`], {
      cols: 80, rows: 40, cwd: ROOT,
      env: { ...sb.env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    const done = await term.waitFor(/Jobs \(3 of 3 ACTIVE\):/, 90_000);
    expect(await term.exitCode()).toBe(0);
    // what the user can scroll back to: the cross-file report came before anything was created
    const all = term.history();
    const flat = all.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Likely cause: ITEM_ID is written with a different prefix .* has "sku-item-051" \(with the prefix sku-\)/);
    expect(flat).toMatch(/Likely cause: USER_ID is written with a different letter case/);
    expect(flat.indexOf('Likely cause')).toBeLessThan(flat.indexOf('Creating dataset group shop'));
    for (const l of all.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    const lines = done.split('\n');
    expect(lines.filter((l) => /^ {2}✓ (interactions|items|users) +ACTIVE/.test(l))).toHaveLength(3);
    // each ARN is printed whole, as one word: longer than the row, the terminal wraps it (a full
    // 80-column row goes on on the next one), so the soft-wrapped rows are joined back
    const unwrapped = lines.reduce((acc, l) => (acc.length && acc[acc.length - 1].length % 80 === 0 && acc[acc.length - 1].length > 0 ? [...acc.slice(0, -1), acc[acc.length - 1] + l] : [...acc, l]), [] as string[]).join('\n');
    expect(unwrapped.slice(unwrapped.indexOf('Jobs (3 of 3 ACTIVE)')).match(/^ +arn:aws:personalize:us-east-1:111122223333:dataset-import-job\/shop-(interactions|items|users)-\d{8}-\d{6}$/gm)).toHaveLength(3);
    expect(done).not.toMatch(/Error|at .*\.js:\d+/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
  }, 180_000);

  it('without --create on a terminal the missing group is offered: Enter creates it, the jobs run; "Stop" creates nothing', async () => {
    const open = (group: string) => new Terminal(['node', CLI, 'import', '--dataset-group', group, '--interval', '0.1', '--csv', join(SAMPLES, 'interactions.csv'), '--csv', join(SAMPLES, 'items.csv'), '--csv', join(SAMPLES, 'users.csv')], {
      cols: 80, rows: 40, cwd: ROOT,
      env: { ...sb.env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    term = open('stopped');
    // the prompt itself, not only the question above it: "2" typed before the prompt was read ahead,
    // echoed above the choices, and the refusal went on on the prompt's line, cut at 80 columns in
    // the middle of "pass --create" (CI, Node 24, session 35)
    await term.waitFor(/Create dataset group stopped and its 3 datasets[^]*Choose 1-2/, 60_000);
    term.type('2');
    term.send('Enter');
    await term.waitFor((x) => x.replace(/\n/g, '').includes('pass --create'), 30_000);
    expect(await term.exitCode()).toBe(2);
    expect(((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? []).map((g) => g.name)).not.toContain('stopped');
    term.close();
    term = open('offered');
    await term.waitFor(/There is no dataset group named offered here\./, 60_000);
    term.send('Enter');
    await term.waitFor(/Jobs \(3 of 3 ACTIVE\):/, 90_000);
    expect(await term.exitCode()).toBe(0);
  }, 180_000);

  it('one dataset missing in a group that exists: offered in the singular ("Create it"); "Stop" creates nothing', async () => {
    const { CreateDatasetGroupCommand } = await import('@aws-sdk/client-personalize');
    await sb.personalize.send(new CreateDatasetGroupCommand({ name: 'one-missing' }));
    // two of the three datasets exist (as after an earlier import): only users is missing
    const boot = new Terminal(['node', CLI, 'import', '--dataset-group', 'one-missing', '--create', '--interval', '0.1', '--csv', join(SAMPLES, 'interactions.csv'), '--csv', join(SAMPLES, 'items.csv')], {
      cols: 80, rows: 40, cwd: ROOT, env: { ...sb.env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    term = boot;
    await boot.waitFor(/Jobs \(2 of 2 ACTIVE\):/, 90_000);
    boot.close();
    term = new Terminal(['node', CLI, 'import', '--dataset-group', 'one-missing', '--mode', 'incremental', '--interval', '0.1', '--csv', join(SAMPLES, 'items.csv'), '--csv', join(SAMPLES, 'users.csv')], {
      cols: 80, rows: 40, cwd: ROOT, env: { ...sb.env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    const screen = await term.waitFor(/Choose 1-2/, 60_000);
    expect(screen).toContain('Create the users dataset (its schema inferred from its file, shown first)?');
    expect(screen).toMatch(/1\) Create it$/m);
    term.type('2');
    term.send('Enter');
    await term.waitFor((x) => x.replace(/\n/g, '').includes('pass --create'), 30_000);
    expect(await term.exitCode()).toBe(2);
    const { ListDatasetsCommand } = await import('@aws-sdk/client-personalize');
    const ds = (await sb.personalize.send(new ListDatasetsCommand({ datasetGroupArn: 'arn:aws:personalize:us-east-1:111122223333:dataset-group/one-missing' }))).datasets ?? [];
    expect(ds.map((d) => d.datasetType).sort()).toEqual(['INTERACTIONS', 'ITEMS']);
  }, 180_000);
});

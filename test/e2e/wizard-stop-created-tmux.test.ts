// Ctrl-C while a step runs, after the run created a dataset group, a schema and a dataset, on a real
// 80×24 screen (built CLI, embedded sandbox): the step's own account (the upload: what became of its
// parts), then what is true — what this run created stays, and is named. Before, only the step's
// account was printed, and a newcomer who had just made a group and a dataset was not told they
// stay. The sandbox answers multipart part N after N s, so the upload is in flight when Ctrl-C lands.
// Each screen polled, no sleeps.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('wizard: Ctrl-C in a running step names what the run created', () => {
  it('a new group and a dataset from the CSV, Ctrl-C during the upload: the upload\'s account, then "Created by this run (they stay)…", no job, exit 130', async () => {
    const cwd = tmp('pi-stop-created-cwd-');
    const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
    for (let i = 0; i < 700_000; i++) lines.push(`user-${i % 997},item-${i % 1999},${1767225600 + i},click`);
    writeFileSync(join(cwd, 'events.csv'), `${lines.join('\n')}\n`);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd, env: { PERSONALIZE_SANDBOX_UPLOAD_PART_DELAY_MS: '1000' } });
    await newGroupFromCsv(t, 'stop-shop', 'events.csv');
    await at(t, '❯ Create schema and interactions dataset', 60_000);
    t.send('Enter');
    await at(t, /Continue anyway|Which bucket\?/, 90_000);
    if (t.screen().includes('Continue anyway')) t.send('Enter');
    await at(t, 'Which bucket?');
    t.send('Enter');
    await at(t, 'Folder (prefix)');
    t.send('Enter');
    await t.waitFor('Uploading to', 20_000);
    t.send('C-c');
    expect(await t.exitCode(30_000), t.history()).toBe(130);
    const end = flat(t.screen());
    expect(end).toMatch(/the partial upload was removed from S3/);
    expect(end).toContain('Created by this run (they stay): dataset group stop-shop, schema stop-shop-interactions, dataset stop-shop/INTERACTIONS.');
    expect(end).toContain('No import job was created in Personalize.');
    const rows = t.screen().replace(/\n+$/, '').split('\n');
    expect(rows.every((l) => l.length <= 80), t.screen()).toBe(true);
  }, 180_000);
});

// A newcomer's plain-mode walk at 80×24 (tmux): `personalize-import --sandbox --plain` in a folder
// holding an interactions export with lower-case headers and times in epoch milliseconds. Enter at
// the group and the dataset, the file typed: each list sits under its screen's heading alone (the
// question "Dataset group" / "Dataset" was printed again under the heading of the same name), and the
// failed validation says what is true before the fix is offered — the file would fail as it is,
// nothing was uploaded yet — not "Validation failed", which read as the run's end.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, type Terminal } from '../helpers/tmux.js';
import { terminal, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

/** 1,200 interactions of 40 users: every header in lower case, every time in milliseconds */
function messyEvents(): string {
  let s = 'user_id,item_id,timestamp,event_type\n';
  for (let i = 0; i < 1200; i++) s += `u${i % 40},i${i % 97},${1764979200000 + i * 60_000},click\n`;
  return s;
}

/** the screen once `question` is on it with its prompt last (the program waits for the answer) */
const asked = (t: Terminal, question: RegExp) => t.waitFor((s) => question.test(s) && /\(< back\): *$/.test(s.trimEnd()), 30_000);

describe('plain mode at 80×24: a newcomer\'s messy export', () => {
  it('the group and dataset lists under one heading each; the failed check says the file would fail as it is and nothing was uploaded yet', async () => {
    const work = tmp('pi-plain-newcomer-');
    writeFileSync(join(work, 'events.csv'), messyEvents());
    const t = terminal(['node', CLI, '--sandbox', '--plain', '--sandbox-data-dir', tmp('pi-plain-newcomer-data-')], {
      cols: 80, rows: 24, cwd: work,
      env: { PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-plain-newcomer-cfg-'), NO_COLOR: '1', AWS_PROFILE: undefined, AWS_ENDPOINT_URL: undefined, AWS_ENDPOINT_URL_PERSONALIZE: undefined, AWS_ENDPOINT_URL_S3: undefined },
    });

    const groups = await asked(t, /1\) sandbox-shop \(Custom\)/);
    expect(groups).toMatch(/\nDataset group\nThe dataset group holds the datasets your recommenders train on\.\n2 dataset groups in us-east-1\n {2}1\) sandbox-shop \(Custom\)/);
    expect(groups.match(/^Dataset group$/gm)).toHaveLength(1);
    t.send('Enter');

    const datasets = await asked(t, /1\) sandbox-shop-interactions/);
    expect(datasets).toMatch(/\nDataset\nThe dataset this CSV goes into; its schema decides which columns the file needs\.\n {2}1\) sandbox-shop-interactions/);
    expect(datasets.match(/^Dataset$/gm)).toHaveLength(1);
    t.send('Enter');

    await asked(t, /CSV file \(a local path/);
    t.type('events.csv');
    t.send('Enter');

    const verdict = await asked(t, /Every error is one the fixer repairs\. What now\?/);
    // on the 80×24 screen, right above the offer: what is true and what comes next
    expect(verdict).toMatch(/\n✖ events\.csv would fail its import as it is \(1,204 errors\)\.\n {2}Nothing was uploaded yet: you choose what to do next\.\n“Fix and continue” writes a fixed copy to events\.fixed\.csv/);
    expect(verdict).toMatch(/ {2}1\) Fix and continue — writes events\.fixed\.csv beside it/);
    for (const l of verdict.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    t.type('3');
    t.send('Enter');
    expect(await t.exitCode(30_000)).toBe(1);
    expect(t.history()).not.toContain('Validation failed');
  }, 120_000);
});

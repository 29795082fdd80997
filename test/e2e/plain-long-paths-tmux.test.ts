// Plain mode at 80×24 (tmux): the CSV step lists two exports whose names are wider than the screen and
// differ only at their end. Each number was left alone on its line, the name written under it and cut
// by the terminal's edge mid-word, and the prompt's default the whole name again: now each name goes
// on under its own label, broken after a "-", so both ends read apart beside their numbers, and the
// default is named by its number.
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, type Terminal } from '../helpers/tmux.js';
import { terminal, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

const NAME = (v: string) => `interactions-export-from-the-production-database-of-december-2026-final-for-the-quarterly-review-${v}.csv`;

function events(): string {
  let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n';
  for (let i = 0; i < 1200; i++) s += `u${i % 40},i${i % 97},${1764979200 + i * 60},click\n`;
  return s;
}

const asked = (t: Terminal, question: RegExp) => t.waitFor((s) => question.test(s) && /\(< back\): *$/.test(s.trimEnd()), 30_000);

describe('plain mode at 80×24: file names wider than the screen', () => {
  it('each number beside its name, the name going on under it, the ends that tell them apart on screen; Enter takes the default', async () => {
    const work = tmp('pi-plain-long-');
    // written at the same moment (the CSV step lists the newest first, then by name): A is the default
    const at = new Date(Date.UTC(2026, 11, 1));
    for (const v of ['A', 'B']) {
      writeFileSync(join(work, NAME(v)), events());
      utimesSync(join(work, NAME(v)), at, at);
    }
    const t = terminal(['node', CLI, '--sandbox', '--plain', '--sandbox-data-dir', tmp('pi-plain-long-data-')], {
      cols: 80, rows: 24, cwd: work,
      env: { PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-plain-long-cfg-'), NO_COLOR: '1', AWS_PROFILE: undefined, AWS_ENDPOINT_URL: undefined, AWS_ENDPOINT_URL_PERSONALIZE: undefined, AWS_ENDPOINT_URL_S3: undefined },
    });
    await asked(t, /1\) sandbox-shop \(Custom\)/);
    t.send('Enter');
    await asked(t, /1\) sandbox-shop-interactions/);
    t.send('Enter');
    const csv = await asked(t, /CSV file \(a local path/);
    const lines = csv.split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    for (const v of ['A', 'B']) {
      const n = lines.findIndex((l) => l.includes(`review-${v}.csv`));
      expect(lines[n], csv).toMatch(new RegExp(`^ {5}\\S+-quarterly-review-${v}\\.csv$`));
      // the line above is its numbered row, the name's start beside the number
      expect(lines[n - 1], csv).toMatch(/^ {2}\d\) interactions-export-from-the-production-database-of-december-2026-\S*$/);
    }
    expect(csv.trimEnd().split('\n').at(-1), csv).toBe('[1] (< back):');
    t.send('Enter');
    // Enter took the default, file A: its check ends with the verdict naming it (wrapped or not)
    const verdict = await t.waitFor((s) => /✓ valid:/.test(s) && /Choose 1-\d \[1\] \(< back\): *$/.test(s.trimEnd()), 30_000);
    expect(verdict.replace(/\n\s*/g, '')).toMatch(/✓ valid:interactions-export\S*-review-A\.csv—/);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});

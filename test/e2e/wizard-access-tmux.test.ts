// Issue #13 part 3 / #16 item 9 in a real terminal (tmux, built CLI: npm run build first): the
// wizard pointed at the sandbox's no-grant bucket stops before uploading and shows the statement
// the policy needs; "Fix it for me" shows the change and applies it after Enter; Enter onward
// reaches ACTIVE. Every key waits for its screen; no fixed sleeps.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Terminal, CLI } from '../helpers/tmux.js';

const ROOT = resolve(__dirname, '../..');
const NOGRANT = 'personalize-sandbox-nogrant';
const terms: Terminal[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const t of terms.splice(0)) t.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const flat = (s: string) => s.replace(/\s+/g, ' ');
function tmp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** two consecutive polls showing the marker: drawn, and its input handlers attached */
async function at(t: Terminal, marker: string | RegExp, timeoutMs = 30_000): Promise<string> {
  let streak = 0;
  const ok = (x: string) => (typeof marker === 'string' ? x.includes(marker) : marker.test(x));
  return t.waitFor((x) => (ok(x) ? ++streak >= 2 : ((streak = 0), false)), timeoutMs);
}

describe('wizard: the bucket checked before the upload, "Fix it for me"', () => {
  it('the no-grant bucket stops before uploading; Fix it for me applies the merged policy; Enter onward reaches ACTIVE', async () => {
    const t = new Terminal(['node', CLI, '--sandbox', '--sandbox-job-seconds', '1', '--sandbox-data-dir', tmp('pi-wa-data-')], {
      cols: 80, rows: 24, cwd: ROOT, env: { PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-wa-cfg-'), NO_COLOR: '1' },
    });
    terms.push(t);
    for (const m of ['❯ Continue', 'sandbox-shop', 'Fields:', 'CSV files here', 'Continue anyway']) {
      await at(t, m);
      t.send('Enter');
    }
    await at(t, 'Which bucket?');
    // move the highlight to the no-grant bucket
    for (let i = 0; i < 6 && !t.screen().includes(`❯ ${NOGRANT}`); i++) {
      const before = t.screen();
      t.send('Down');
      await t.waitForChange(before);
    }
    await at(t, `❯ ${NOGRANT}`);
    t.send('Enter');
    await at(t, 'Folder (prefix)');
    t.send('Enter');

    const raw = await at(t, 'Fix it for me');
    const fix = flat(raw);
    expect(fix).toMatch(new RegExp(`Nothing uploaded: s3://${NOGRANT}/ is not ready for Personalize`));
    // the wizard's top line still fits at 80x24
    expect(raw).toMatch(/^✔ Where/m);
    expect(fix).toMatch(/"Service": ?"personalize\.amazonaws\.com"/);
    expect(fix).toMatch(/s3:GetObject/);
    expect(fix).not.toMatch(/Uploading to/);
    t.send('Enter');

    const confirm = flat(await at(t, /Apply this change to s3:\/\/personalize-sandbox-nogrant\?/));
    expect(confirm).toMatch(/Add statement "PersonalizeImportRead" to the bucket policy/);
    expect(confirm).toMatch(/lines of the existing policy kept as they are/);
    t.send('Enter');

    // checked again, passes, uploads, then the rest of the wizard with Enter
    for (const m of ['FULL — the first bulk import', 'Job name:', 'IAM role Personalize assumes', 'Tags (key=value', 'Create the import job now?']) {
      await at(t, m, 60_000);
      t.send('Enter');
    }
    const done = flat(await at(t, 'What happens next', 60_000));
    expect(done).toMatch(/Imported \(ACTIVE\)/);
    // the job read the fixed bucket: said by the summary the run ends with
    await at(t, 'Save these answers as a profile?');
    t.send('Enter');
    expect(await t.exitCode(20_000)).toBe(0);
    expect(t.screen()).toMatch(new RegExp(`^s3://${NOGRANT}/personalize-import/`, 'm'));
  }, 240_000);

  it('"Continue with this bucket": the review refuses before creating, shows the JSON statement, the walk ends with exit 3 as `import` does', async () => {
    const t = new Terminal(['node', CLI, '--sandbox', '--sandbox-job-seconds', '1', '--sandbox-data-dir', tmp('pi-wa-data-')], {
      cols: 80, rows: 24, cwd: ROOT, env: { PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-wa-cfg-'), NO_COLOR: '1' },
    });
    terms.push(t);
    for (const m of ['❯ Continue', 'sandbox-shop', 'Fields:', 'CSV files here', 'Continue anyway']) {
      await at(t, m);
      t.send('Enter');
    }
    await at(t, 'Which bucket?');
    for (let i = 0; i < 6 && !t.screen().includes(`❯ ${NOGRANT}`); i++) {
      const before = t.screen();
      t.send('Down');
      await t.waitForChange(before);
    }
    await at(t, `❯ ${NOGRANT}`);
    t.send('Enter');
    await at(t, 'Folder (prefix)');
    t.send('Enter');
    await at(t, '❯ Fix it for me');
    t.send('Down');
    await at(t, '❯ Use another bucket');
    t.send('Down');
    await at(t, '❯ Continue with this bucket');
    t.send('Enter');
    for (const m of ['FULL — the first bulk import', 'Job name:', 'IAM role Personalize assumes', 'Tags (key=value', 'Create the import job now?']) {
      await at(t, m, 60_000);
      t.send('Enter');
    }
    const blocked = flat(await t.waitFor('it was not created', 60_000));
    expect(blocked.replace(/ /g, "")).toMatch(/"Service":"personalize\.amazonaws\.com"/);
    // the walk ends there, as `import` does
    expect(await t.exitCode(20_000)).toBe(3);
  }, 240_000);
});

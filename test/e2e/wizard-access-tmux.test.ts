// Issue #13 part 3 / #16 item 9 in a real terminal (tmux, built CLI: npm run build first): the
// wizard pointed at the sandbox's no-grant bucket stops before uploading and shows the statement
// the policy needs; "Fix it for me" shows the change and applies it after Enter; Enter onward
// reaches ACTIVE. Every key waits for its screen; no fixed sleeps.
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../helpers/tmux.js';
import { at, sandboxWizard } from '../helpers/wizard-terminal.js';

const NOGRANT = 'personalize-sandbox-nogrant';
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** The wizard at 80x24, Enter to the bucket step, the no-grant bucket picked, Enter at the prefix. */
async function toNoGrantBucket(): Promise<Terminal> {
  const t = sandboxWizard({ cols: 80, rows: 24 });
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
  return t;
}

describe('wizard: the bucket checked before the upload, "Fix it for me"', () => {
  it('the no-grant bucket stops before uploading; Fix it for me applies the merged policy; Enter onward reaches ACTIVE', async () => {
    const t = await toNoGrantBucket();

    await at(t, 'Fix it for me');
    // the answers above a new screen come with its second frame (FlowScreen measures the first): the settled screen
    const raw = await at(t, /^✔ [\s\S]*Fix it for me/m, 10_000).catch(() => t.screen());
    const fix = flat(raw);
    expect(fix).toMatch(new RegExp(`Nothing uploaded: s3://${NOGRANT}/ is not ready for Personalize`));
    // the wizard's top line still fits at 80x24: the screen starts with the answers (short of rows, the
    // earliest counted on that first row, the latest under it: the bucket just answered)
    expect(raw.split('\n')[0]).toMatch(/^✔ (Where|… +\d+ earlier answers)/);
    expect(raw).toMatch(/^✔ Bucket/m);
    expect(fix).toMatch(/"Service": ?"personalize\.amazonaws\.com"/);
    expect(fix).toMatch(/s3:GetObject/);
    expect(fix).not.toMatch(/Uploading to/);
    t.send('Enter');

    const confirm = flat(await at(t, /Apply this change to s3:\/\/personalize-sandbox-nogrant\?/));
    expect(confirm).toMatch(/Add statement "PersonalizeImportRead" to the bucket policy/);
    expect(confirm).toMatch(/lines of the existing policy kept as they are/);
    // compacted at 80x24, the added statement is shown whole (it began "}, {" and lacked its closing
    // brace) under a heading that says so (it promised "+ added" marks no line carried)
    expect(confirm).toMatch(/Added to the bucket policy \(its other lines kept as they are\): \{ "Sid": "PersonalizeImportRead",[^{}]*\{[^{}]*\}[^{}]*\}/);
    expect(confirm).not.toMatch(/\+ added|\}, \{ "Sid"/);
    t.send('Enter');

    // checked again, passes (the summary of answers says so), uploads, then the rest of the wizard with Enter
    await at(t, /✔ Access +applied; checked again: Personalize may read it[\s\S]*FULL — the first bulk import/, 60_000);
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
    const t = await toNoGrantBucket();
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

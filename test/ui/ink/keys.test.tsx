// Keys typed the moment a wizard screen is drawn (src/ui/ink/keys.tsx). Ink writes a frame during
// React's commit; Ink's useInput subscribed in a passive effect, a later turn of the event loop, so a
// key read in between was lost (a loaded CI run's "sandbox-shop" typed into the FULL confirmation).
// The whole <Wizard> against the in-process sandbox (real SDK-backed deps), keys written to Ink's
// stdin from process.nextTick right after the frame that shows a question: after the commit's
// synchronous work, before React's passive effects (a setImmediate) — where a real terminal's read
// can land.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import { KEY, ROOT, servicesFor, start, TO_CSV, type Fixture } from '../../helpers/ink-wizard.js';
import { withSandbox } from '../../helpers/sandbox.js';

/** The wizard rendered; `onFrame(marker, keys)`: the keys are typed right after the first frame showing `marker`. */
function wizard(sb: Fixture) {
  const w = start(servicesFor(sb));
  const pending: { marker: string; keys: string }[] = [];
  const write = w.stdout.write;
  w.stdout.write = (frame: string) => {
    write(frame);
    const k = pending.findIndex((p) => frame.includes(p.marker));
    if (k < 0) return;
    const [{ keys }] = pending.splice(k, 1);
    // after this commit's synchronous work (its layout effects), before its passive effects
    process.nextTick(() => w.stdin.write(keys));
  };
  return { ...w, onFrame: (marker: string, keys: string) => pending.push({ marker, keys }) };
}

describe('keys typed as a wizard screen is drawn', () => {
  const sb = withSandbox({ jobSeconds: 0 });

  it('a path typed the moment the CSV question is drawn is in its field (it was lost: no handler yet)', async () => {
    const w = wizard(sb);
    await w.enterThrough(...TO_CSV.slice(0, 2));
    await w.see('Fields:');
    // Ctrl-U clears the suggested sample, then the path, as a paste right after the frame
    w.onFrame('CSV files here', `${KEY.ctrlU}typed-at-once.csv`);
    await w.press(KEY.enter);
    const csv = await w.see('CSV files here');
    expect(csv).toContain('› typed-at-once.csv');
  });

  it('a choice moved to the moment a list is drawn is highlighted (↓ at the dataset groups)', async () => {
    const w = wizard(sb);
    await w.see('❯ Continue');
    w.onFrame('2 dataset groups', KEY.down);
    await w.press(KEY.enter);
    const groups = await w.see('2 dataset groups');
    expect(groups).toMatch(/❯ sandbox-ecommerce/);
  });

  it('an Enter typed before "Create the import job now?" is drawn does not answer it: the review waits, no job', async () => {
    const w = wizard(sb);
    await w.enterThrough(...TO_CSV, 'CSV files here', 'Continue anyway', 'Which bucket?', 'Folder (prefix)', 'FULL — the first bulk import', 'Job name', 'IAM role Personalize assumes');
    await w.see('Tags (key=value');
    // Enter twice in a row at the last question: the second is read before the review's commit
    w.stdin.write(KEY.enter);
    w.stdin.write(KEY.enter);
    const review = await w.see('Create the import job now?');
    expect(review).toMatch(/❯ Create the import job/);
    const jobs = await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS') }));
    expect(jobs.datasetImportJobs ?? []).toEqual([]);
  });

  it('the wizard reads keys through the relay only: no component subscribes with Ink’s useInput itself', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
    const own = files(join(ROOT, 'src/ui/ink')).filter((f) => !f.endsWith('keys.tsx') && /\buseInput\b/.test(readFileSync(f, 'utf8')));
    expect(own).toEqual([]);
  });
});

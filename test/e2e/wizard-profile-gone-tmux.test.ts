// The Ink wizard at 80×24 with a saved profile made in an earlier embedded-sandbox run (the sandbox
// keeps only its sample groups from one run to the next, so its dataset group is not there now).
// Enter at "Use profile streaming"
// ended the run: "✖ No dataset group arn:…/streaming. → Check --dataset-group (and the region)",
// exit 2. Now step 2 says why it asks and lists the groups, "＋ New dataset group" among them; the
// rest of the run goes on (Esc back and Ctrl-C as ever). Every screen is polled for.
import { describe, expect, it } from 'vitest';
import { openProfileStore } from '../../src/profiles/store.js';
import { at, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';

describe('a saved profile whose dataset group the embedded sandbox does not have', () => {
  it('Enter at "Use profile streaming": step 2 asks, saying why, instead of ending with exit 2', async () => {
    const cfg = tmp('pi-wiz-cfg-');
    openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: cfg }).store.save({
      name: 'streaming', sandbox: true,
      datasetGroupArn: 'arn:aws:personalize:us-east-1:111122223333:dataset-group/streaming',
      datasetArn: 'arn:aws:personalize:us-east-1:111122223333:dataset/streaming/INTERACTIONS',
      bucket: 'personalize-sandbox-data', prefix: 'personalize-import/', roleArn: 'arn:aws:iam::111122223333:role/PersonalizeSandboxRole',
    });
    const t = sandboxWizard({ cols: 80, rows: 24, env: { PERSONALIZE_IMPORT_CONFIG_DIR: cfg } });
    await at(t, '❯ Use profile streaming');
    t.send('Enter');
    const s = await at(t, '＋ New dataset group');
    const flat = s.replace(/\s+/g, ' ');
    expect(flat).toContain('The saved profile streaming names dataset group streaming, which this embedded sandbox does not have (it keeps only its sample groups from one run to the next): pick or create one. Its bucket, folder and role are still used.');
    expect(s).toContain('Dataset group  step 2 of 9');
    expect(s).toMatch(/❯ sandbox-shop \(Custom\)/);
    expect(s).not.toContain('No dataset group');
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 60_000);
});

// Issue 16 item 7 in a real terminal: credentials but no region used to end at "Region none — pass
// --region". Step 1 now lists the Personalize regions; the one picked is used for the run (the
// groups listed in it). The sandbox is reached through endpoint variables with static keys, and no
// region in the environment or in an AWS config file.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Terminal, CLI } from '../helpers/tmux.js';
import { withSandbox } from '../helpers/sandbox.js';

const ROOT = resolve(__dirname, '../..');

async function at(t: Terminal, marker: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const ok = (x: string) => (typeof marker === 'string' ? x.includes(marker) : marker.test(x));
  let streak = 0;
  return t.waitFor((x) => (ok(x) ? ++streak >= 2 : ((streak = 0), false)), timeoutMs);
}

describe('step 1 with credentials but no region (80x24)', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  let t: Terminal | undefined;
  afterEach(() => t?.close());

  it('lists the Personalize regions, and the one picked is used for the run', async () => {
    const home = mkdtempSync(join(tmpdir(), 'pi-region-home-'));
    writeFileSync(join(home, 'config'), '');
    t = new Terminal(['node', CLI], {
      cols: 80, rows: 24, cwd: ROOT,
      env: { ...sb.env, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_PROFILE: undefined, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), HOME: home, NO_COLOR: '1', PERSONALIZE_IMPORT_CONFIG_DIR: join(home, 'cfg') },
    });
    const list = await at(t, 'Pick the region to import into');
    expect(list).not.toContain('pass --region');
    expect(list).toMatch(/❯ us-east-1 +US East \(N\. Virginia\)/);
    expect(list).toMatch(/eu-west-1 +Europe \(Ireland\)/);
    t.send('Enter');
    const where = await at(t, '❯ Continue');
    expect(where).toMatch(/^Region {6}us-east-1$/m);
    // the endpoint variables point elsewhere than AWS: said before anything is read there
    expect(where).toContain(`Endpoint    ${sb.env.AWS_ENDPOINT_URL_PERSONALIZE} (set in the environment, not AWS's default)`);
    expect(where).toContain('Change region (now us-east-1)');
    t.send('Enter');
    // the answers above a new screen come with its second frame (FlowScreen measures the first): the settled screen
    const term = t;
    const groups = await at(term, /^✔ Where +us-east-1[\s\S]*dataset groups? in us-east-1/m, 10_000).catch(() => term.screen());
    expect(groups).toMatch(/^✔ Where +us-east-1/m);
    expect(groups).toContain('sandbox-shop');
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 90_000);
});

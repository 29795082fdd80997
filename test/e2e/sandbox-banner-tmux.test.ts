// `sandbox` in the foreground, as a first-time user starts it in an 80-column terminal: the banner's
// comment lines are fitted to the width, each broken line still a "# " comment (the text stays
// safe to source), and the commands it names are never broken in two; Ctrl-C stops it, exit 0.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { CLI, cliEnv, ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const open: Terminal[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

describe('sandbox banner at 80 columns', () => {
  it('fits, stays comments, keeps `personalize-import --plain` whole; Ctrl-C exits 0', async () => {
    const env = cliEnv() as Record<string, string>;
    const t = new Terminal([process.execPath, CLI, 'sandbox', '--seed', 'none'], { cols: 80, rows: 40, env });
    open.push(t);
    const screen = await t.waitFor(/Ctrl-C to(\n#\s+|\s)stop\./, 30_000);
    const lines = t.history().split('\n');
    const first = lines.findIndex((l) => l.startsWith('# Amazon Personalize sandbox running'));
    expect(first, screen).toBeGreaterThan(0);
    const banner = lines.slice(first, lines.findIndex((l, i) => i > first && /stop\.$/.test(l)) + 1);
    for (const l of banner) {
      expect(l.length, l).toBeLessThanOrEqual(80);
      expect(l, 'every banner line is a comment').toMatch(/^# /);
    }
    expect(banner.join('\n')).toContain('`personalize-import --plain`');
    expect(banner).toContain('#   set -a; . ./sandbox.env; set +a');
    expect(banner.join('\n')).toMatch(/^#\s+personalize-import\s+\(the wizard, against the sandbox\)$/m);
    t.send('C-c');
    expect(await t.exitCode(15_000)).toBe(0);
  }, 60_000);
});

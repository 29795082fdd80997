// A Ctrl-C after the wizard has ended but before the process has (the embedded sandbox still
// closing, here made slow by the sandbox's close-delay knob). Ink has left raw mode by then, so the
// key is the terminal's SIGINT: with no listener it killed the process mid-cleanup — the sandbox's
// temporary folder left in TMPDIR, and under load a CI run of several-fix-tmux lost its exit code
// that way (2026-12-06). Now the run ends as stopped (130) and the folder is gone. 80×24, real tmux.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/tmux.js';
import { at, ROOT, terminal, tmp } from '../helpers/wizard-terminal.js';

/** the wizard on the embedded sandbox at 80×24, with its own TMPDIR (where the sandbox's folder goes) and a test knob */
function wizard(knob: Record<string, string>) {
  const temp = tmp('pi-late-ctrlc-tmp-');
  const t = terminal(['node', CLI, '--sandbox'], { cols: 80, rows: 24, cwd: ROOT, env: { TMPDIR: temp, PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-late-ctrlc-cfg-'), NO_COLOR: '1', ...knob } });
  return { t, temp };
}

describe('wizard: Ctrl-C while the embedded sandbox closes', () => {
  it('ends the run with exit 130 and leaves no sandbox folder behind', async () => {
    const { t, temp } = wizard({ PERSONALIZE_SANDBOX_CLOSE_DELAY_MS: '60000' });
    await at(t, '❯ Continue', 60_000);
    // the embedded sandbox runs from a temporary folder
    expect(readdirSync(temp).filter((d) => d.startsWith('personalize-sandbox-'))).toHaveLength(1);
    t.send('C-c');
    // the wizard has ended (its last lines are printed); the sandbox is closing for a minute
    await at(t, 'Nothing was uploaded.', 30_000);
    t.send('C-c');
    expect(await t.exitCode(20_000)).toBe(130);
    expect(readdirSync(temp).filter((d) => d.startsWith('personalize-sandbox-'))).toEqual([]);
  }, 120_000);

  it('a Ctrl-C the moment Ink has left raw mode (before the end is printed) is no death by signal either', async () => {
    // held there by a test knob: the listener was set up only after it, so a Ctrl-C typed as the last
    // frame went out killed the process and its shell (a several-fix-tmux CI run lost its exit code)
    const { t, temp } = wizard({ PERSONALIZE_WIZARD_EXIT_DELAY_MS: '60000' });
    await at(t, '❯ Continue', 60_000);
    expect(t.ctrlCIsKey()).toBe(true);
    t.send('C-c');
    // Ink unmounted: Ctrl-C is the terminal's SIGINT again, and the end is not printed yet
    for (const deadline = Date.now() + 20_000; t.ctrlCIsKey(); ) {
      if (Date.now() > deadline) throw new Error('the terminal stayed in raw mode');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(t.screen()).not.toContain('Nothing was uploaded.');
    t.send('C-c');
    expect(await t.exitCode(20_000)).toBe(130);
    expect(readdirSync(temp).filter((d) => d.startsWith('personalize-sandbox-'))).toEqual([]);
  }, 120_000);
});

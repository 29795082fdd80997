// A Ctrl-C after the wizard has ended but before the process has (the embedded sandbox still
// closing, here made slow by the sandbox's close-delay knob). Ink has left raw mode by then, so the
// key is the terminal's SIGINT: with no listener it killed the process mid-cleanup — the sandbox's
// temporary folder left in TMPDIR, and under load a CI run of several-fix-tmux lost its exit code
// that way (2026-12-06). Now the run ends as stopped (130) and the folder is gone. 80×24, real tmux.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/tmux.js';
import { at, ROOT, terminal, tmp } from '../helpers/wizard-terminal.js';

describe('wizard: Ctrl-C while the embedded sandbox closes', () => {
  it('ends the run with exit 130 and leaves no sandbox folder behind', async () => {
    const temp = tmp('pi-late-ctrlc-tmp-');
    const t = terminal(['node', CLI, '--sandbox'], {
      cols: 80, rows: 24, cwd: ROOT,
      env: { TMPDIR: temp, PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-late-ctrlc-cfg-'), NO_COLOR: '1', PERSONALIZE_SANDBOX_CLOSE_DELAY_MS: '60000' },
    });
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
});

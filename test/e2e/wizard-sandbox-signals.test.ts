// The wizard with its embedded sandbox (no --sandbox-data-dir: a temporary folder), its terminal
// closed (SIGHUP) or killed (SIGTERM) while it shows a step: the process ends and the folder goes.
// Before, Ink's signal-exit re-raised the signal after restoring the terminal, Node died without its
// 'exit' hook, and /tmp/personalize-sandbox-* stayed (seen after first-frame.mjs's --sandbox rounds).
// The built CLI in tmux with its own TMPDIR, so "nothing left" is checked exactly.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI, Terminal } from '../helpers/tmux.js';
import { at, tmp } from '../helpers/wizard-terminal.js';

/** the wizard's node process: the child of the pane's shell that runs dist/cli.js */
function wizardPid(t: Terminal): number {
  const shell = execFileSync('tmux', ['-L', t.socket, 'display-message', '-p', '-t', t.session, '#{pane_pid}'], { encoding: 'utf8' }).trim();
  const rows = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', shell], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(CLI));
  if (rows.length !== 1) throw new Error(`wizard process not found under ${shell}: ${JSON.stringify(rows)}`);
  return Number(rows[0].trim().split(/\s+/)[0]);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Ink wizard with the embedded sandbox: a terminating signal leaves no temporary folder', () => {
  for (const sig of ['SIGHUP', 'SIGTERM'] as const) {
    it(`${sig} at step 2 (the sandbox up): the process ends, its folder is gone`, async () => {
      const tmpdir = tmp('pi-wsb-tmp-');
      const folders = () => readdirSync(tmpdir).filter((f) => f.startsWith('personalize-sandbox'));
      const t = new Terminal(['node', CLI, '--sandbox'], { cols: 80, rows: 24, env: { TMPDIR: tmpdir, PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-wsb-cfg-'), NO_COLOR: '1' } });
      try {
        await at(t, '❯ Continue');
        t.send('Enter');
        await at(t, 'sandbox-shop');
        expect(folders()).toHaveLength(1);
        const pid = wizardPid(t);
        process.kill(pid, sig);
        await until(() => !alive(pid));
        expect(folders()).toEqual([]);
      } finally {
        t.close();
      }
    }, 60_000);
  }
});

// Every test run gets its own temp folder (TMPDIR, so os.tmpdir() in the workers and in the CLIs,
// sandboxes and tmux shells they start), removed when the run ends. Tests make temp files by the
// thousand (conf stores, CSVs of 16 MB, fixed copies); a file that did not clean up after itself
// left them in /tmp for good — 15 GB on a machine after a day of runs, until a disk fills and CI
// goes red for a reason no test names. Tests that check "no temp folder left" look in os.tmpdir()
// and so in this folder.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  // short: the wizard's tmux screens show paths under it, and a longer one wraps them
  const root = mkdtempSync(path.join(tmpdir(), 'pt-'));
  // as /tmp is: the permission tests run CLIs as nobody, who must reach the files made for them
  chmodSync(root, 0o1777);
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true });
  };
}

import { execFileSync } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { CLI, Terminal } from './tmux.js';

let term: Terminal | undefined;
afterEach(() => term?.close());

it('runs the built CLI in a real terminal and reads its exit code', async () => {
  term = new Terminal([process.execPath, CLI, '--help'], { cols: 80, rows: 24 });
  const screen = await term.waitFor('Exit codes:');
  expect(screen).toContain('personalize-import');
  expect(await term.exitCode()).toBe(0);
});

it('reads and types through one control-mode client: the screen a tmux client process reads, keys in the order sent', async () => {
  // a line that looks like the end of a control-mode answer, and text tmux's parser would expand
  term = new Terminal(['bash', '--noprofile', '--norc', '-c', 'printf "héllo ✔ “q”\\n%%end 1 2 1\\n\\$HOME #{pane_id} ~\\n"; stty -echo; cat'], { cols: 80, rows: 24 });
  const first = await term.waitFor('#{pane_id}');
  const before = term.controlAnswers;
  const byProcess = execFileSync('tmux', ['-L', term.socket, 'capture-pane', '-p', '-t', term.session], { encoding: 'utf8' }).split('\n').map((l) => l.replace(/\s+$/, '')).join('\n');
  expect(term.screen()).toBe(byProcess);
  expect(first).toContain('héllo ✔ “q”\n%end 1 2 1\n$HOME #{pane_id} ~');
  // plain text goes on the client; a quote cannot be written in its single-quoted argument and goes
  // as a process — after what the client sent, in order
  term.type('ab');
  term.type("it's");
  term.type(' $HOME;#{pane_id}');
  term.send('Enter');
  const typed = await term.waitFor("abit's $HOME;#{pane_id}");
  expect(typed).toMatch(/^abit's \$HOME;#\{pane_id\}$/m);
  expect(term.controlAnswers - before).toBeGreaterThanOrEqual(4);
});

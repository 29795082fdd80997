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

// A reader that closes the pipe early (`personalize-import … | head -1`) must not give a stack
// trace: the CLI stops quietly with 141, the status of a command ended by SIGPIPE.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { CLI } from '../helpers/tmux.js';

function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // the reading end goes away before the CLI writes anything: its first write gets EPIPE
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed stdout pipe', () => {
  it.each([[['--help']], [['validate', '--help']], [['diagnose', '--message', 'An error occurred (ThrottlingException) when calling the ListDatasets operation: Rate exceeded']]])(
    '%j ends quietly with 141',
    async (args) => {
      const { code, stderr } = await runWithClosedStdout(args);
      expect(stderr).not.toMatch(/EPIPE|Unhandled|at .*\(node:/);
      expect(code).toBe(141);
    },
  );
});

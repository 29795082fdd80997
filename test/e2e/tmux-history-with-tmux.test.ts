// Terminal.historyWith (test/helpers/tmux.ts): what a program prints may reach the scrollback after a
// screen a test waited for — a wizard's review taller than the terminal prints its table above the
// question, and on a loaded machine the question can be drawn before tmux has read all of it. A test
// reads the scrollback by polling it until what it asserts on has arrived, not once. Here a program
// prints its lines only after the test has waited for its first screen (a key press releases them):
// one read at that moment cannot have them, historyWith waits for them.
import { afterEach, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';

const PROGRAM = `process.stdout.write('ready\\n');
process.stdin.setRawMode(true);
process.stdin.once('data', () => {
  for (let i = 0; i < 40; i++) process.stdout.write('late ' + i + '\\n');
  process.stdout.write('question?\\n');
  process.stdin.once('data', () => process.exit(0));
});`;

describe('Terminal.historyWith', () => {
  let t: Terminal | undefined;
  afterEach(() => t?.close());

  it('waits for lines printed into the scrollback after the screen it follows', async () => {
    t = new Terminal([process.execPath, '-e', PROGRAM], { cols: 80, rows: 24 });
    await t.waitFor('ready');
    expect(t.history()).not.toContain('late 0');
    const said = t.historyWith((h) => h.includes('late 0') && h.includes('question?'));
    t.send('Enter');
    const history = await said;
    // 'late 0' scrolled off the 24-row screen: only the scrollback has it
    expect(t.screen()).not.toMatch(/^late 0$/m);
    expect(history).toMatch(/^late 0$/m);
    expect(history).toMatch(/^late 39\nquestion\?$/m);
    t.send('Enter');
    expect(await t.exitCode()).toBe(0);
  });

  it('says what it waited for and what the scrollback held when it never came', async () => {
    t = new Terminal([process.execPath, '-e', PROGRAM], { cols: 80, rows: 24 });
    await t.waitFor('ready');
    await expect(t.historyWith('never printed', 200)).rejects.toThrow(/waiting for never printed in the scrollback\. It was:\nready/);
    t.send('Enter');
    await t.historyWith('question?');
    t.send('Enter');
    expect(await t.exitCode()).toBe(0);
  });
});

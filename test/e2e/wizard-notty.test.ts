// Without a terminal the wizard does not start: exit 2, naming the one-shot command — never Ink's
// "Raw mode is not supported".
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { CLI } from '../helpers/tmux.js';

// The one-shot commands named: with --sandbox they carry --sandbox (without it `import` reaches AWS,
// not the sandbox asked for — its bucket and role are the defaults there), and a newcomer with no
// dataset yet gets the --create form too (the walk of 2026-12-07 found both left out).
function suggests(stderr: string, sandbox: boolean) {
  const flat = stderr.replace(/\s+/g, ' ');
  if (sandbox) {
    expect(flat).toMatch(/personalize-import import --sandbox --dataset-arn <arn> --csv <file\.csv> \[--mode/);
    expect(flat).toMatch(/personalize-import import --sandbox --create --dataset-group <name> --csv <file\.csv>/);
  } else {
    expect(flat).toMatch(/personalize-import import --dataset-arn <arn> --csv <file\.csv> --bucket <bucket> --role-arn <arn>/);
    expect(flat).toMatch(/personalize-import import --create --dataset-group <name> --csv <file\.csv> --bucket <bucket> --role-arn <arn>/);
  }
}

describe('wizard without a TTY', () => {
  it.each([[[]], [['--sandbox']]])('personalize-import %j with piped stdin exits 2 and names `import`', (args) => {
    const t = Date.now();
    const r = spawnSync(process.execPath, [CLI, ...args], { input: '', encoding: 'utf8', env: { ...process.env, TERM: 'xterm-256color', PERSONALIZE_IMPORT_CONFIG_DIR: '/nonexistent-not-needed' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs an interactive terminal/);
    expect(r.stderr).not.toMatch(/Raw mode/i);
    suggests(r.stderr, args.includes('--sandbox'));
    expect(r.stdout).toBe('');
    expect(Date.now() - t).toBeLessThan(5000);
  });
  it.each([[['--plain']], [['--sandbox', '--plain']]])('personalize-import %j with piped stdin: the same message, the one-shot command and its flags named', (args) => {
    // plain mode said only "use `personalize-import import` with flags", not which (README: "the message lists them")
    const r = spawnSync(process.execPath, [CLI, ...args], { input: '', encoding: 'utf8', env: { ...process.env, TERM: 'xterm-256color', PERSONALIZE_IMPORT_CONFIG_DIR: '/nonexistent-not-needed' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs an interactive terminal, and this is not one \(its input is redirected\)/);
    suggests(r.stderr, args.includes('--sandbox'));
    expect(r.stdout).toBe('');
  });
  it('a bad flag is a usage error naming it', () => {
    const r = spawnSync(process.execPath, [CLI, '--regoin', 'x'], { input: '', encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--regoin/);
  });
  it('--event-names that is not old=New is a usage error naming it and the form (before the terminal is asked for)', () => {
    const r = spawnSync(process.execPath, [CLI, '--sandbox', '--event-names', 'transaction'], { input: '', encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--event-names "transaction": is not old=New/);
    expect(r.stderr).toMatch(/--event-names transaction=Purchase/);
    expect(r.stderr).not.toMatch(/needs an interactive terminal/);
  });
});

// A real terminal for end-to-end tests: tmux runs the built CLI in a pane of a given size; tests
// type with send-keys and read the screen with capture-pane, polling until the screen shows what
// they wait for (never a fixed sleep).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TmuxControl } from './tmux-control.js';

export const CLI = resolve(__dirname, '../../dist/cli.js');

function tmux(socket: string, args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

export interface TerminalOptions {
  cols?: number;
  rows?: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export class Terminal {
  readonly socket = `pi-test-${randomBytes(4).toString('hex')}`;
  readonly session = 'main';
  private readonly dir = mkdtempSync(join(tmpdir(), 'pi-tmux-'));
  readonly exitFile = join(this.dir, 'exit-code');
  /**
   * the pane's title the script sets (OSC 2, invisible) once the program has ended, before it writes
   * the exit code: tmux applies a pane's output in order, so when the title is this, the program's
   * last bytes are on the screen too (exitCode() waits for it: a screen read at once after the exit
   * file appears could miss the last lines tmux had not read from the terminal yet)
   */
  private readonly exitedTitle = `pi-exited-${randomBytes(4).toString('hex')}`;
  /** every byte the program writes to the pane, appended by tmux (pipe-pane): grows when the screen may change */
  private readonly output = join(this.dir, 'output');

  /** Starts `command` (argv) in a fresh tmux server; its exit code lands in exitFile. */
  constructor(command: string[], opts: TerminalOptions = {}) {
    const cols = opts.cols ?? 100;
    const rows = opts.rows ?? 30;
    const envLines = Object.entries({ TERM: 'xterm-256color', ...opts.env })
      .map(([k, v]) => (v === undefined ? `unset ${k}` : `export ${k}=${shellQuote(v)}`))
      .join('\n');
    const script = join(this.dir, 'run.sh');
    writeFileSync(
      script,
      `${envLines}\ncd ${shellQuote(opts.cwd ?? process.cwd())}\n${command.map(shellQuote).join(' ')}\nrc=$?\nprintf '\\033]2;%s\\007' ${this.exitedTitle}\necho $rc > ${shellQuote(this.exitFile)}.tmp && mv ${shellQuote(this.exitFile)}.tmp ${shellQuote(this.exitFile)}\n# keep the pane so the last screen can be read\nsleep 600\n`,
    );
    tmux(this.socket, ['-f', '/dev/null', 'new-session', '-d', '-s', this.session, '-x', String(cols), '-y', String(rows), `bash --noprofile --norc ${shellQuote(script)}`]);
    tmux(this.socket, ['pipe-pane', '-t', this.session, '-o', `cat >> ${shellQuote(this.output)}`]);
    this.control = new TmuxControl(this.socket, this.session, this.dir);
  }

  /** the terminal's control-mode client (test/helpers/tmux-control.ts): its commands without a process each */
  private readonly control: TmuxControl;

  /** how many commands the control client has answered (test/helpers/tmux.test.ts) */
  get controlAnswers(): number {
    return this.control.answered;
  }

  /** a tmux command on the control client, or as a process of its own when the client cannot take it */
  private tmux(args: string[]): string {
    return this.control.run(args) ?? tmux(this.socket, args);
  }

  /** how many bytes the program has written to the pane so far (-1: not known) */
  private written(): number {
    try {
      return statSync(this.output).size;
    } catch {
      return -1;
    }
  }

  /** Every byte the program has written to the pane so far (escapes included): e.g. to see that Ink
   * never cleared the screen to redraw a frame taller than the terminal (ESC[2J). */
  rawOutput(): string {
    try {
      return readFileSync(this.output, 'latin1');
    } catch {
      return '';
    }
  }

  /** The visible screen, lines right-trimmed. */
  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', this.session])
      .split('\n')
      .map((l) => l.replace(/\s+$/, ''))
      .join('\n');
  }

  /** The scrollback and the screen (what the user can scroll back to), lines right-trimmed. */
  history(): string {
    return this.tmux(['capture-pane', '-p', '-S', '-', '-E', '-', '-t', this.session])
      .split('\n')
      .map((l) => l.replace(/\s+$/, ''))
      .join('\n');
  }

  /**
   * Whether the terminal sends Ctrl-C as a key (raw mode: the program reads it) rather than as
   * SIGINT: the pane's tty has its ISIG flag off (`stty -a` says -isig).
   */
  ctrlCIsKey(): boolean {
    const tty = tmux(this.socket, ['display-message', '-p', '-t', this.session, '#{pane_tty}']).trim();
    return /(^|\s)-isig(\s|$)/.test(execFileSync('stty', ['-F', tty, '-a'], { encoding: 'utf8' }));
  }

  /** Sends keys as tmux names them: 'Enter', 'Escape', 'C-c', 'Down', or literal text with literal=true. */
  send(keys: string | string[], literal = false): void {
    const list = Array.isArray(keys) ? keys : [keys];
    this.tmux(['send-keys', '-t', this.session, ...(literal ? ['-l'] : []), ...list]);
  }

  type(text: string): void {
    this.send(text, true);
  }

  /**
   * Polls the screen every 50 ms until `test` matches; throws with the last screen when it never does.
   * The screen is read (capture-pane: a tmux client started, ~15 ms of CPU with the server) at every
   * poll while it changes; once a read equals the one before it, it is read again only when the
   * program has written to the pane since (or a second has passed), and `test` meanwhile sees that
   * screen again. So a screen `test` sees twice in a row was read twice, 50 ms apart, as before — the
   * file tmux appends the pane's output to can lag behind the screen on a loaded machine, and a frame
   * caught mid-redraw must not count as drawn (at() in wizard-terminal.ts) — and a program waiting
   * on a job costs one stat a poll instead of a tmux client.
   */
  async waitFor(test: string | RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const ok = typeof test === 'function' ? test : (s: string) => (typeof test === 'string' ? s.includes(test) : test.test(s));
    const deadline = Date.now() + timeoutMs;
    let last = '';
    let settled = false;
    let readAt = -Infinity;
    let readWritten = -1;
    for (;;) {
      // the byte count before the read: what the program writes during the read is read next time
      const written = this.written();
      if (!settled || written < 0 || written !== readWritten || Date.now() - readAt >= 1000) {
        const screen = this.screen();
        settled = screen === last;
        last = screen;
        readAt = Date.now();
        readWritten = written;
      }
      if (ok(last)) return last;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${String(test)}. Screen was:\n${last}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Polls the scrollback and the screen (history()) every 50 ms until `test` matches; returns it,
   * throws with the last one when it never does. What a program prints above its frame (Ink's static
   * output: a review taller than the terminal, "↑ What this question is about is printed above it")
   * can reach the scrollback after the frame that says so is drawn — on a loaded machine tmux reads
   * the pane's output in pieces —, so a test reads it with this, never once right after the frame.
   */
  async historyWith(test: string | RegExp | ((history: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const ok = typeof test === 'function' ? test : (s: string) => (typeof test === 'string' ? s.includes(test) : test.test(s));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const history = this.history();
      if (ok(history)) return history;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${String(test)} in the scrollback. It was:\n${history}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits until the screen differs from `before` (e.g. after a key press). */
  async waitForChange(before: string, timeoutMs = 10_000): Promise<string> {
    return this.waitFor((s) => s !== before, timeoutMs);
  }

  /** Waits for the program to exit and returns its exit code. */
  async exitCode(timeoutMs = 15_000): Promise<number> {
    const { readFileSync, existsSync } = await import('node:fs');
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(this.exitFile)) {
      if (Date.now() > deadline) {
        let screen: string;
        try {
          screen = this.screen();
        } catch {
          // the pane's shell is gone without writing the code: the program (and the shell) died by a signal
          throw new Error(`Program did not exit with a code within ${timeoutMs} ms: its shell ended without one (killed by a signal?).`);
        }
        throw new Error(`Program did not exit within ${timeoutMs} ms. Screen was:\n${screen}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    // the program's last output applied to the screen (the title set after it: see exitedTitle)
    for (const end = Date.now() + 5_000; Date.now() < end; ) {
      let title: string;
      try {
        title = this.tmux(['display-message', '-p', '-t', this.session, '#{pane_title}']).trim();
      } catch {
        break;
      }
      if (title === this.exitedTitle) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    return Number(readFileSync(this.exitFile, 'utf8').trim());
  }

  close(): void {
    this.control.stop();
    try {
      tmux(this.socket, ['kill-server']);
    } catch {
      /* already gone */
    }
    // the pane's script may still write its exit file while the server goes down (a file appearing
    // mid-removal is ENOTEMPTY: seen in CI, once even after rmSync's own ten retries): tried again
    // for up to 5 s; a folder still not removable then is left to the system's temporary files —
    // the test it served has passed or failed on its own assertions, and must not fail on this
    for (const end = Date.now() + 5_000; ;) {
      try {
        rmSync(this.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
        return;
      } catch {
        if (Date.now() > end) return;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      }
    }
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

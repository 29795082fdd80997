// One tmux control-mode client (`tmux -C attach`) per test terminal: every send-keys and
// capture-pane goes to it as a line and its answer is read back, instead of starting a tmux client
// process for each. A client process cost ~7–18 ms of CPU, and starting it from a vitest worker
// (a fork of a process of a few hundred MB) another ~5–14 ms in the worker — about 6,500 of them a
// suite, where a line on this client costs ~0.2 ms. Calls stay synchronous (as execFileSync was):
// the client's stdin and stdout are FIFOs this thread writes and reads with fs calls, waiting at
// most `timeoutMs` for an answer; a client that is gone (its server killed, the session ended) or
// silent makes `run` return undefined, and the caller runs the command as a process as before — so
// errors ("no server running") are the same as before.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, constants, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

const END = /^%(end|error) (\d+ \d+ \d+)$/;

/** an argument as a control-mode command line writes it, or undefined when it cannot be quoted safely */
function quote(arg: string): string | undefined {
  // single quotes: no expansion, no escapes in tmux's parser; a quote or a control character cannot be written inside
  if (/['\x00-\x1f\x7f]/.test(arg)) return undefined;
  return `'${arg}'`;
}

export class TmuxControl {
  private child: ChildProcess | undefined;
  private inW = -1;
  private outR = -1;
  private pending = '';
  private readonly chunk = Buffer.alloc(1 << 16);
  /** (a character split between two reads is put together) */
  private readonly decoder = new StringDecoder('utf8');
  /** commands answered on this client (the rest went to a process of their own) */
  answered = 0;

  constructor(socket: string, session: string, dir: string, private readonly timeoutMs = 10_000) {
    const inPath = join(dir, 'control-in');
    const outPath = join(dir, 'control-out');
    try {
      execFileSync('mkfifo', [inPath, outPath]);
      // read ends first (non-blocking opens succeed with no writer yet), then the write ends
      const inR = openSync(inPath, constants.O_RDONLY | constants.O_NONBLOCK);
      this.outR = openSync(outPath, constants.O_RDONLY | constants.O_NONBLOCK);
      this.inW = openSync(inPath, constants.O_WRONLY);
      const outW = openSync(outPath, constants.O_WRONLY);
      this.child = spawn('tmux', ['-L', socket, '-C', 'attach-session', '-t', session], { stdio: [inR, outW, 'ignore'] });
      this.child.on('error', () => this.stop());
      // the child holds its ends now: this thread's copies closed, so its end is an end of file here
      closeSync(inR);
      closeSync(outW);
      // (the client is no reason to keep the worker's event loop alive)
      this.child.unref();
      // the pane's output as %output lines is not wanted: only command answers come back. Whether
      // the attach itself answers with a block first is tmux's business: blocks are read until the
      // one that holds this client's own mark
      const mark = `pi-control-ready-${process.pid}-${Date.now()}`;
      if (this.inW >= 0) writeSync(this.inW, `refresh-client -f no-output\ndisplay-message -p '${mark}'\n`);
      for (;;) {
        const block = this.readBlock();
        if (block === undefined) {
          this.stop();
          break;
        }
        if (block.lines.includes(mark)) break;
      }
    } catch {
      this.stop();
    }
  }

  /**
   * Runs one tmux command on the client; its output (lines joined by \n, with a trailing \n as a
   * tmux client prints it). Throws with tmux's message on %error; undefined when the client is gone.
   */
  run(args: string[]): string | undefined {
    if (this.inW < 0) return undefined;
    const quoted = args.map(quote);
    if (quoted.some((q) => q === undefined)) return undefined;
    try {
      writeSync(this.inW, `${quoted.join(' ')}\n`);
    } catch {
      this.stop();
      return undefined;
    }
    const block = this.readBlock();
    if (block === undefined) {
      this.stop();
      return undefined;
    }
    this.answered++;
    if (block.error) throw new Error(`tmux ${args[0]}: ${block.lines.join('\n')}`);
    return block.lines.length ? `${block.lines.join('\n')}\n` : '';
  }

  /** the next %begin … %end block (notifications between blocks skipped) */
  private readBlock(): { lines: string[]; error: boolean } | undefined {
    const deadline = Date.now() + this.timeoutMs;
    let inBlock = false;
    // a block's flags are 1 for a command this client sent; the attach itself answers with a block
    // of flags 0, and not always first (after the answer to the first line sent, seen here): skipped
    let ours = false;
    /** the begin line's "time number flags": its end line repeats them (a screen line like "%end 1 2 1" is output) */
    let id = '';
    let lines: string[] = [];
    for (;;) {
      const nl = this.pending.indexOf('\n');
      if (nl >= 0) {
        const line = this.pending.slice(0, nl);
        this.pending = this.pending.slice(nl + 1);
        if (!inBlock) {
          if (line.startsWith('%begin ')) {
            inBlock = true;
            id = line.slice('%begin '.length);
            ours = line.endsWith(' 1');
            lines = [];
          } else if (line.startsWith('%exit')) return undefined;
          continue;
        }
        const end = END.exec(line);
        if (!end || end[2] !== id) lines.push(line);
        else if (ours) return { lines, error: end[1] === 'error' };
        else inBlock = false;
        continue;
      }
      let n: number;
      try {
        n = readSync(this.outR, this.chunk, 0, this.chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return undefined;
        if (Date.now() > deadline) return undefined;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        continue;
      }
      // end of file: the client has ended
      if (n === 0) return undefined;
      this.pending += this.decoder.write(this.chunk.subarray(0, n));
    }
  }

  /** the client gone: the fds closed, the process (if any) killed; run() answers undefined from now on */
  stop(): void {
    for (const fd of [this.inW, this.outR]) {
      if (fd >= 0) {
        try {
          closeSync(fd);
        } catch {
          /* closed */
        }
      }
    }
    this.inW = -1;
    this.outR = -1;
    if (this.child && this.child.exitCode === null) this.child.kill();
    this.child = undefined;
  }
}

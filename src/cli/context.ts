import type { Io } from '../core/ports.js';

/** What every command's run() receives from cli.ts. */
export interface CommandContext {
  io: Io;
  /** every command (cli.ts): the completion scripts are generated from them */
  commands?: Record<string, { summary: string; load: () => Promise<CommandModule> }>;
}

export interface CommandModule {
  /** full --help text, examples included */
  help: string;
  run(argv: string[], ctx: CommandContext): Promise<number>;
  /** its flags (util.parseArgs spec): the completion scripts are generated from them */
  options?: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  /** its sub-commands or fixed first arguments, for completion */
  words?: readonly string[];
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

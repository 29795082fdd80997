// Line-mode questions (@inquirer/prompts): select / input / confirm bound to the command's streams.
// Used by plain mode (`--plain`, TERM=dumb) and by `import` on a terminal for a missing answer.
// Ctrl-C inside a prompt rejects with ExitPromptError, which src/cli.ts turns into a quiet exit 130.
import { confirm as inqConfirm, input as inqInput, select as inqSelect } from '@inquirer/prompts';
import type { Io } from '../../core/ports.js';

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
  /** a reason string: shown, not selectable */
  disabled?: string | boolean;
}

export interface Prompter {
  select<T>(message: string, choices: Choice<T>[], opts?: { default?: T; pageSize?: number }): Promise<T>;
  input(message: string, opts?: { default?: string; validate?: (v: string) => string | undefined; required?: boolean }): Promise<string>;
  confirm(message: string, opts?: { default?: boolean }): Promise<boolean>;
}

/** After an Ink screen unmounts stdin is unref'd; an inquirer prompt would then never get a key. */
function refStdin(io: Io): void {
  const s = io.stdin as { ref?: () => void; isPaused?: () => boolean };
  s.ref?.();
}

/** Prompts reading io.stdin and drawing on `output` (stderr when stdout carries --json). */
export function createPrompter(io: Io, output: NodeJS.WritableStream = io.stdout): Prompter {
  const ctx = () => ({ input: io.stdin as NodeJS.ReadableStream, output });
  return {
    async select(message, choices, opts = {}) {
      refStdin(io);
      return inqSelect(
        {
          message,
          choices: choices.map((c) => ({ value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}), ...(c.disabled ? { disabled: c.disabled } : {}) })),
          ...(opts.default !== undefined ? { default: opts.default } : {}),
          pageSize: opts.pageSize ?? 10,
        },
        ctx(),
      ) as Promise<typeof choices[number]['value']>;
    },
    async input(message, opts = {}) {
      refStdin(io);
      const v = await inqInput(
        {
          message,
          ...(opts.default !== undefined ? { default: opts.default } : {}),
          required: opts.required ?? false,
          ...(opts.validate ? { validate: (x: string) => opts.validate!(x) ?? true } : {}),
        },
        ctx(),
      );
      return v.trim();
    },
    async confirm(message, opts = {}) {
      refStdin(io);
      return inqConfirm({ message, default: opts.default ?? true }, ctx());
    },
  };
}

// `personalize-import completion bash|zsh|fish`: a completion script generated from the commands
// (src/cli.ts COMMANDS, handed in the context) and each command's own flag spec — the objects its parser checks.
import { usageError } from '../core/errors.js';
import type { CommandContext } from '../cli/context.js';
import { completionScript, isShell, type CompletionSpec } from '../cli/completion.js';
import { AWS_OPTIONS, COMMON_OPTIONS } from '../cli/args.js';

export const help = `personalize-import completion — print a shell completion script

Usage
  personalize-import completion bash|zsh|fish

Commands, sub-commands (access setup, profiles list|show|delete), flags and the fixed values of
--mode, --dataset-type, --domain and --seed are completed; --csv, --with, --schema, --output,
--rejects, --report, --resume and --data-dir complete file names. The script is generated from the
same flag definitions the commands parse, so it never lists a flag a command does not take.

Load it
  bash   source <(personalize-import completion bash)          (or save it in ~/.local/share/bash-completion/completions/)
  zsh    source <(personalize-import completion zsh)           (or save it as _personalize-import in a folder of $fpath)
  fish   personalize-import completion fish | source            (or save it in ~/.config/fish/completions/)

Exit codes
  0   the script was printed
  2   usage: no shell, or one that is not bash, zsh or fish
`;

export const words = ['bash', 'zsh', 'fish'] as const;

type Spec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
const SHARED: Spec = { ...AWS_OPTIONS, ...COMMON_OPTIONS };

/**
 * The flags a command's --help lists in its flag table ("  -o, --output <file>   …", "  --region,
 * --aws-profile, --sandbox, --debug   …"), for a command module that exports no `options`: a value
 * is taken when a <placeholder> follows the flag (the shared AWS and common flags: by their spec).
 */
export function flagsFromHelp(help: string): Spec {
  const out: Spec = {};
  for (const line of help.split('\n')) {
    const m = /^ {2,}((?:(?:-[A-Za-z], )?--[a-z][a-z0-9-]*(?: <[^>]+>)?(?:, |(?= {2,}|$)))+)/.exec(line);
    if (!m) continue;
    for (const f of m[1].matchAll(/(?:-([A-Za-z]), )?--([a-z][a-z0-9-]*)( <[^>]+>)?/g)) {
      out[f[2]] = SHARED[f[2]] ?? { type: f[3] ? 'string' : 'boolean', ...(f[1] ? { short: f[1] } : {}) };
    }
  }
  return out;
}

export async function completionSpec(registry: NonNullable<CommandContext['commands']>): Promise<CompletionSpec> {
  const commands = await Promise.all(Object.entries(registry).map(async ([name, c]) => {
    const mod = await c.load();
    const fromHelp = typeof mod.help === 'string' ? flagsFromHelp(mod.help) : {};
    const flags = Object.entries(mod.options ?? (Object.keys(fromHelp).length ? fromHelp : { help: { type: 'boolean' as const, short: 'h' } }))
      // hidden test flags are not offered
      .filter(([f]) => !/^sandbox-(job-seconds|data-dir)$/.test(f))
      .map(([f, o]) => ({ name: f, takesValue: o.type === 'string', ...(o.short ? { short: o.short } : {}) }));
    if (!flags.some((f) => f.name === 'help')) flags.push({ name: 'help', takesValue: false, short: 'h' });
    return { name, summary: c.summary, flags, ...(mod.words ? { words: mod.words } : {}) };
  }));
  return { program: 'personalize-import', commands };
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const shell = argv.find((a) => !a.startsWith('-'));
  const extra = argv.filter((a) => a !== shell);
  if (extra.length) throw usageError(`completion: unexpected ${extra.join(' ')}.`, 'Usage: personalize-import completion bash|zsh|fish');
  if (!isShell(shell)) throw usageError(shell ? `completion: '${shell}' is not a shell this supports.` : 'completion: which shell?', 'Usage: personalize-import completion bash|zsh|fish');
  if (!ctx.commands) throw new Error('completion: no command list');
  ctx.io.stdout.write(completionScript(shell, await completionSpec(ctx.commands)));
  return 0;
}

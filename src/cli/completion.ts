// Shell completion scripts generated from the command list (src/cli.ts COMMANDS) and each command's
// flag spec (the same objects util.parseArgs checks): a flag added to a command is completed with
// no second list to keep. Values: fixed ones (--mode, --dataset-type …), files, or free text.
export interface CompletionSpec {
  program: string;
  commands: { name: string; summary: string; flags: { name: string; takesValue: boolean; short?: string }[]; words?: readonly string[] }[];
}

/** Values offered after a flag: a fixed list, 'file' (paths), or nothing (free text). */
export const FLAG_VALUES: Record<string, readonly string[] | 'file'> = {
  mode: ['full', 'incremental'],
  'dataset-type': ['interactions', 'items', 'users', 'actions', 'action-interactions'],
  domain: ['ECOMMERCE', 'VIDEO_ON_DEMAND'],
  seed: ['default', 'none'],
  dates: ['day-first', 'month-first'],
  decimal: ['comma', 'point'],
  csv: 'file',
  with: 'file',
  schema: 'file',
  output: 'file',
  rejects: 'file',
  report: 'file',
  resume: 'file',
  'data-dir': 'file',
  'sandbox-data-dir': 'file',
};

const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];
export function isShell(s: string | undefined): s is Shell {
  return (SHELLS as readonly string[]).includes(s ?? '');
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function bash(spec: CompletionSpec): string {
  const fn = `_${spec.program.replace(/[^A-Za-z0-9]/g, '_')}`;
  const cmds = spec.commands.filter((c) => c.name !== 'wizard').map((c) => c.name).join(' ');
  const cases = spec.commands.map((c) => {
    const flags = c.flags.map((f) => `--${f.name}`).join(' ');
    return `    ${c.name}) flags=${q(flags)}; words=${q((c.words ?? []).join(' '))} ;;`;
  }).join('\n');
  const values = Object.entries(FLAG_VALUES).map(([f, v]) => `    --${f}) ${v === 'file' ? 'COMPREPLY=( $(compgen -f -- "$cur") )' : `COMPREPLY=( $(compgen -W ${q(v.join(' '))} -- "$cur") )`}; return ;;`).join('\n');
  return `# bash completion for ${spec.program} (generated: ${spec.program} completion bash)
# Load it: source <(${spec.program} completion bash)   or save it under ~/.local/share/bash-completion/completions/${spec.program}
${fn}() {
  local cur prev cmd="wizard" flags words i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$prev" in
${values}
  esac
  case "$cmd" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$flags" -- "$cur") )
  elif [[ "$cmd" == "wizard" && $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=( $(compgen -W ${q(cmds)} -- "$cur") )
  else
    COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  fi
}
complete -o default -F ${fn} ${spec.program}
`;
}

function zsh(spec: CompletionSpec): string {
  const fn = `_${spec.program.replace(/[^A-Za-z0-9]/g, '_')}`;
  const valueSpec = (name: string) => {
    const v = FLAG_VALUES[name];
    return v === 'file' ? ':file:_files' : v ? `:value:(${v.join(' ')})` : ':value: ';
  };
  const flagSpec = (f: CompletionSpec['commands'][number]['flags'][number]) => q(`--${f.name}[${f.name}]${f.takesValue ? valueSpec(f.name) : ''}`);
  const cmdList = spec.commands.filter((c) => c.name !== 'wizard').map((c) => q(`${c.name}:${c.summary.replace(/:/g, '\\:')}`)).join(' ');
  const cases = spec.commands.map((c) => `    ${c.name})\n      _arguments -s ${c.flags.map(flagSpec).join(' ')}${c.words?.length ? ` ${q(`1:sub-command:(${c.words.join(' ')})`)}` : ''} ;;`).join('\n');
  return `#compdef ${spec.program}
# zsh completion for ${spec.program} (generated: ${spec.program} completion zsh)
# Load it: source <(${spec.program} completion zsh)   or save it as _${spec.program} in a folder of $fpath
${fn}() {
  local cmd=wizard
  if (( CURRENT > 2 )) && [[ \${words[2]} != -* ]]; then cmd=\${words[2]}; shift words; (( CURRENT-- )); fi
  if (( CURRENT == 2 )) && [[ $cmd == wizard && \${words[CURRENT]} != -* ]]; then
    local -a commands; commands=(${cmdList}); _describe command commands; return
  fi
  case $cmd in
${cases}
  esac
}
compdef ${fn} ${spec.program}
`;
}

function fish(spec: CompletionSpec): string {
  const p = spec.program;
  const sub = spec.commands.filter((c) => c.name !== 'wizard').map((c) => c.name);
  const lines = [`# fish completion for ${p} (generated: ${p} completion fish)`, `# Load it: ${p} completion fish | source   or save it as ~/.config/fish/completions/${p}.fish`, `complete -c ${p} -f`];
  for (const c of spec.commands) {
    if (c.name !== 'wizard') lines.push(`complete -c ${p} -n '__fish_use_subcommand' -a ${c.name} -d ${q(c.summary)}`);
    const cond = c.name === 'wizard' ? `not __fish_seen_subcommand_from ${sub.join(' ')}` : `__fish_seen_subcommand_from ${c.name}`;
    for (const f of c.flags) {
      const v = FLAG_VALUES[f.name];
      const vals = !f.takesValue ? '' : v === 'file' ? ' -r -F' : v ? ` -x -a ${q(v.join(' '))}` : ' -x';
      lines.push(`complete -c ${p} -n ${q(cond)} -l ${f.name}${f.short ? ` -s ${f.short}` : ''}${vals}`);
    }
    for (const w of c.words ?? []) lines.push(`complete -c ${p} -n ${q(`__fish_seen_subcommand_from ${c.name}`)} -a ${w}`);
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, spec: CompletionSpec): string {
  return shell === 'bash' ? bash(spec) : shell === 'zsh' ? zsh(spec) : fish(spec);
}

// Flag parsing shared by every command: node's util.parseArgs (no dependency, loads in no time)
// with messages that name the flag to fix.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from '../core/errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Flags every AWS-touching command accepts. */
export const AWS_OPTIONS = {
  region: { type: 'string' },
  'aws-profile': { type: 'string' },
  sandbox: { type: 'boolean' },
  debug: { type: 'boolean' },
} as const satisfies OptionSpec;

export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} as const satisfies OptionSpec;

export interface Parsed<V> {
  values: V;
  positionals: string[];
}

/** parseArgs, but a mistake becomes a usage error (exit 2) naming the flag, never a stack trace. */
export function parse<const O extends OptionSpec>(command: string, argv: string[], options: O, maxPositionals = Infinity) {
  let out;
  try {
    out = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const flag = /'(-{1,2}[^']+)'/.exec(msg)?.[1];
    const tidy = msg.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option/, 'Unknown flag');
    throw usageError(`${command}: ${tidy}`, flag ? `Check ${flag}; see \`personalize-import ${command === 'personalize-import' ? '' : command + ' '}--help\`.` : `See \`personalize-import ${command} --help\`.`);
  }
  if (out.positionals.length > maxPositionals) {
    throw usageError(`${command}: unexpected argument '${out.positionals[maxPositionals]}'`, `See \`personalize-import ${command} --help\`.`);
  }
  return out;
}

/** Reads a repeatable `--flag key=value` list into an object, naming the bad entry. */
export function keyValues(flag: string, items: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items ?? []) {
    const i = item.indexOf('=');
    if (i <= 0) throw usageError(`${flag} '${item}' is not key=value`, `Write it as ${flag} team=search.`);
    out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

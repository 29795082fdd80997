// Flag parsing shared by every command: node's util.parseArgs (no dependency, loads in no time)
// with messages that name the flag to fix.
//
// One rule for every command: a flag value that cannot be used is a usage error (exit 2) naming
// the flag, decided here before anything runs:
// - an empty value (`--mode ''`) — except where empty means something (EMPTY_MEANS);
// - a single-value flag given twice (`--mode full --mode incremental`): which one was meant?
// - flags that exclude each other (CONFLICTS), or that only mean something with another (REQUIRES);
// - a value of the wrong shape for a flag every command reads the same way (VALUE_CHECKS: region,
//   bucket, prefix, AWS profile name), control characters, or an absurd length.
import type { ParseArgsConfig } from 'node:util';
import { usageError } from '../core/errors.js';
import { hasControl, visible } from '../core/sanitize.js';
import { bucketOfFlag } from '../core/s3-uri.js';
import { withCommas } from '../core/with-commas.js';

// node:util from Node's table of built-ins, not as an ES module: Node's ES-module face of a built-in
// reads every property to export it, and util's lazy ones load more modules (util.diff, the SIGINT
// tracer with worker_threads: ≈ 1 ms on Node 24, before every command's first output)
const { parseArgs } = process.getBuiltinModule('node:util');

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

/** Flags whose empty value means something: `--prefix ''` is "no prefix". */
const EMPTY_MEANS = new Set(['prefix']);

/** Pairs that exclude each other, wherever a command takes both. */
const CONFLICTS: [string, string, string][] = [
  ['dataset-arn', 'dataset-group', 'the dataset ARN names its group already; pass one of them'],
  ['csv', 'data-location', '--csv uploads a local file; --data-location imports data already in S3'],
  ['schema', 'dataset-arn', 'the schema comes from the file or from the dataset, not both'],
];

/** Flags that mean something only with another one. */
const REQUIRES: [string, string, string][] = [
  ['exit-status', 'no-wait', '--exit-status sets the exit code of --no-wait; following a job already exits 0 or 1 by its end'],
];

/** Flags whose value is text pasted as it is (an error message with its escapes, however long):
 *  the command escapes it for the screen and bounds it itself. */
const RAW_TEXT = new Set(['message']);

/** The longest value any flag takes (an S3 key is at most 1,024 bytes; an ARN 256 characters). */
const MAX_VALUE = 2048;

/** Shapes of the flags every command reads the same way: a reason when `v` is not one. */
const VALUE_CHECKS: Record<string, { check: (v: string) => string | undefined; example: string }> = {
  region: {
    check: (v) => (v.length <= 32 && /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(v) ? undefined : 'is not an AWS region'),
    example: '--region us-east-1',
  },
  bucket: {
    check: (v) => {
      // a data location (s3://bucket/folder/, the scheme in any case) names its bucket first; the command reads the rest
      const of = bucketOfFlag(v);
      if (!of) return 'is not an S3 bucket name, nor s3://bucket/ (an S3 bucket name has no white space)';
      const b = of.bucket;
      if (b.length < 3 || b.length > 63) return `is not an S3 bucket name (3–63 characters; this one has ${b.length})`;
      if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(b) || b.includes('..')) return 'is not an S3 bucket name (lower-case letters, digits, "." and "-")';
      return undefined;
    },
    example: '--bucket my-personalize-data',
  },
  prefix: {
    check: (v) => (Buffer.byteLength(v) > 900 ? `is too long for an S3 key prefix (${Buffer.byteLength(v)} bytes; a whole key is at most 1,024)` : undefined),
    example: '--prefix imports/',
  },
  'aws-profile': {
    check: (v) => (v.length <= 128 && /^[\w.@+-]+$/.test(v) ? undefined : 'is not an AWS profile name'),
    example: '--aws-profile prod',
  },
};

/** a value for a message: control characters escaped, a long one cut */
function shown(v: string): string {
  const s = visible(v);
  return s.length > 60 ? `${s.slice(0, 40)}… (${withCommas(v.length)} characters)` : s;
}

function helpFor(command: string): string {
  return `See \`personalize-import ${command === 'personalize-import' ? '' : `${command} `}--help\`.`;
}

/** The rule above, for flags parsed from `tokens`. Throws the usage error naming the flag. */
function checkValues(command: string, options: OptionSpec, tokens: { kind: string; name?: string; value?: string }[], values: Record<string, unknown>): void {
  const seen = new Map<string, string[]>();
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.name) continue;
    const spec = options[t.name];
    if (!spec || spec.type !== 'string') continue;
    const v = t.value ?? '';
    const flag = `--${t.name}`;
    if (v.trim() === '' && !EMPTY_MEANS.has(t.name)) {
      throw usageError(`${command}: ${flag} needs a value (it was empty).`, `Give it one, or leave ${flag} out. ${helpFor(command)}`);
    }
    if (RAW_TEXT.has(t.name)) continue;
    if (v.length > MAX_VALUE) throw usageError(`${command}: ${flag} '${shown(v)}' is too long.`, `${helpFor(command)}`);
    if (hasControl(v)) throw usageError(`${command}: ${flag} '${shown(v)}' holds control characters.`, 'Type the value again without them.');
    const check = VALUE_CHECKS[t.name];
    const why = check && !(v === '' && EMPTY_MEANS.has(t.name)) ? check.check(v) : undefined;
    if (why) throw usageError(`${command}: ${flag} '${shown(v)}' ${why}.`, `Write it as ${check.example}.`);
    if (!spec.multiple) seen.set(t.name, [...(seen.get(t.name) ?? []), v]);
  }
  for (const [name, list] of seen) {
    if (list.length > 1) {
      throw usageError(`${command}: --${name} was given ${list.length} times (${list.map((v) => `'${shown(v)}'`).join(', ')}); it takes one value.`, `Keep the one you mean. ${helpFor(command)}`);
    }
  }
  const given = (n: string) => values[n] !== undefined && values[n] !== false;
  for (const [a, b, why] of CONFLICTS) {
    if (options[a] && options[b] && given(a) && given(b)) throw usageError(`${command}: pass --${a} or --${b}, not both.`, `${why[0].toUpperCase()}${why.slice(1)}.`);
  }
  for (const [a, b, why] of REQUIRES) {
    if (options[a] && options[b] && given(a) && !given(b)) throw usageError(`${command}: --${a} needs --${b}.`, `${why[0].toUpperCase()}${why.slice(1)}.`);
  }
}

/** parseArgs, but a mistake becomes a usage error (exit 2) naming the flag, never a stack trace. */
export function parse<const O extends OptionSpec>(command: string, argv: string[], options: O, maxPositionals = Infinity) {
  let out;
  try {
    out = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const flag = /'(-{1,2}[^']+)'/.exec(msg)?.[1];
    const tidy = msg.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option/, 'Unknown flag');
    throw usageError(`${command}: ${tidy}`, flag ? `Check ${flag}; see \`personalize-import ${command === 'personalize-import' ? '' : command + ' '}--help\`.` : `See \`personalize-import ${command} --help\`.`);
  }
  if (out.positionals.length > maxPositionals) {
    throw usageError(`${command}: unexpected argument '${shown(out.positionals[maxPositionals])}'`, `See \`personalize-import ${command} --help\`.`);
  }
  checkValues(command, options, out.tokens, out.values as Record<string, unknown>);
  return { values: out.values, positionals: out.positionals };
}

/** Reads a repeatable `--flag key=value` list into an object, naming the bad entry. */
export function keyValues(flag: string, items: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items ?? []) {
    const i = item.indexOf('=');
    if (i <= 0) throw usageError(`${flag} '${shown(item)}' is not key=value`, `Write it as ${flag} team=search.`);
    out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

/** `--dates day-first|month-first` (fix, import): which of day and month a date in numbers only (01.11.2026) names first */
export function dateOrder(command: string, v: string | undefined): 'day-first' | 'month-first' | undefined {
  if (v === undefined) return undefined;
  if (v === 'day-first' || v === 'month-first') return v;
  throw usageError(`${command}: --dates '${shown(v)}' is not day-first or month-first.`, 'Pass --dates day-first for 01.11.2026 = 1 November (most of Europe), --dates month-first for 11/01/2026 = 1 November (the US).');
}

/** `--decimal comma|point` (fix, import): the file's decimal mark, which reads a number written two ways (1,234 · 1.234) */
export function decimalMark(command: string, v: string | undefined): 'comma' | 'point' | undefined {
  if (v === undefined) return undefined;
  if (v === 'comma' || v === 'point') return v;
  throw usageError(`${command}: --decimal '${shown(v)}' is not comma or point.`, 'Pass --decimal comma when 1,234 is one point two three four (12,50 = 12.50: most of Europe), --decimal point when it is one thousand two hundred thirty-four (the US, the UK).');
}

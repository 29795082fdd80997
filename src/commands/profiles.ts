// `personalize-import profiles list | show <name> | delete <name>` (+ --json): the saved profiles
// the wizard writes. Profiles hold names and ARNs only, never credentials.
import { EXIT } from '../core/exit-codes.js';
import { usageError } from '../core/errors.js';
import type { CommandContext } from '../cli/context.js';
import { withJsonErrors } from '../cli/json-errors.js';
import { parse, COMMON_OPTIONS } from '../cli/args.js';
import { writeFitted } from '../core/fit.js';

export const help = `personalize-import profiles — the saved profiles the wizard writes

Usage
  personalize-import profiles list [--json]
  personalize-import profiles show <name> [--json]
  personalize-import profiles delete <name>

A profile holds region, AWS profile name, dataset group, dataset, bucket, prefix and role ARN —
never credentials. Use one with: personalize-import --profile <name>
The file lives in your config folder (PERSONALIZE_IMPORT_CONFIG_DIR moves it); it is readable only by you.

Examples
  personalize-import profiles list
  personalize-import profiles show shop --json
  personalize-import profiles delete shop
`;

/** for the completion scripts (src/commands/completion.ts) */
export const options = { ...COMMON_OPTIONS };
export const words = ['list', 'show', 'delete'] as const;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  return withJsonErrors(argv, ctx, () => profilesCommand(argv, ctx));
}

async function profilesCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse('profiles', argv, { ...COMMON_OPTIONS }, 2);
  const [sub = 'list', name] = positionals;
  const { openProfileStore, describeProfile, findProfile } = await import('../profiles/store.js');
  const { visible } = await import('../core/sanitize.js');
  const { store, notice } = openProfileStore(ctx.io.env);
  if (notice) ctx.io.stderr.write(`${notice}\n`);
  // the file is the user's, but may have been edited by hand: values shown escaped
  const out = (s: string) => (values.json ? ctx.io.stdout.write(s) : writeFitted(ctx.io.stdout, s));
  switch (sub) {
    case 'list': {
      if (name) throw usageError(`profiles list takes no name (got '${visible(name)}').`, 'Use `personalize-import profiles show <name>`.');
      const all = store.list();
      if (values.json) {
        out(`${JSON.stringify({ path: store.path, profiles: all }, null, 2)}\n`);
        return EXIT.OK;
      }
      if (!all.length) {
        out(`No saved profiles yet. The wizard offers to save one at the end of an import.\n  (${store.path})\n`);
        return EXIT.OK;
      }
      const w = Math.max(...all.map((p) => p.name.length));
      for (const p of all) out(`${p.name.padEnd(w)}  ${p.region ?? (p.sandbox ? 'sandbox' : '?')}  ${describeProfile(p)}\n`);
      return EXIT.OK;
    }
    case 'show':
    case 'delete': {
      if (!name) throw usageError(`profiles ${sub} needs a profile name.`, `e.g. personalize-import profiles ${sub} shop; see \`personalize-import profiles list\`.`);
      const p = findProfile(store, name);
      if (sub === 'delete') {
        store.delete(name);
        if (values.json) out(`${JSON.stringify({ deleted: name })}\n`);
        else out(`Deleted profile ${name}.\n`);
        return EXIT.OK;
      }
      if (values.json) {
        out(`${JSON.stringify(p, null, 2)}\n`);
        return EXIT.OK;
      }
      const rows: [string, string | undefined][] = [
        ['Region', p.region], ['AWS profile', p.awsProfile], ['Sandbox', p.sandbox ? 'yes' : undefined],
        ['Dataset group', p.datasetGroupName ? `${p.datasetGroupName} (${p.datasetGroupArn})` : p.datasetGroupArn],
        ['Dataset', p.datasetName ? `${p.datasetName}${p.datasetType ? ` [${p.datasetType}]` : ''} (${p.datasetArn})` : p.datasetArn],
        ['Bucket', p.bucket], ['Prefix', p.prefix], ['Role', p.roleArn], ['Saved', p.updatedAt],
      ];
      out(`Profile ${p.name}\n${rows.filter(([, v]) => v).map(([k, v]) => `  ${k.padEnd(14)} ${v}`).join('\n')}\n`);
      return EXIT.OK;
    }
    default:
      throw usageError(`Unknown profiles command '${visible(sub)}'.`, 'Use list, show <name> or delete <name>.');
  }
}

// Placeholder until this command is built; replaced by its own issue's work.
import { EXIT } from '../core/exit-codes.js';
import type { CommandContext } from '../cli/context.js';

export const help = 'personalize-import diagnose: not built yet.\n';

export async function run(_argv: string[], ctx: CommandContext): Promise<number> {
  ctx.io.stderr.write('personalize-import diagnose is not built yet.\n');
  return EXIT.USAGE;
}

// --json promises exactly one document on stdout, failures included: a command that fails before it
// wrote its document writes {"error": {kind, message, hint?, …}} there instead (the message still goes
// to stderr, as without --json). A bug (no AppError) is not dressed up as a document: cli.ts reports it.
import { asAppError, formatError } from '../core/errors.js';
import { writeFitted } from '../core/fit.js';
import type { CommandContext } from './context.js';
import { errorJson } from '../job/json.js';

/**
 * Runs `body`; with --json in `argv`, a user's mistake or a service's refusal it throws becomes the one
 * document on stdout — unless `body` said (through `wrote`) that it already wrote its document.
 * `extra`: facts known from the arguments alone (status: the job ARN).
 */
export async function withJsonErrors(argv: string[], ctx: CommandContext, body: (wrote: () => void) => Promise<number>, extra: () => Record<string, unknown> = () => ({})): Promise<number> {
  let written = false;
  try {
    return await body(() => {
      written = true;
    });
  } catch (e) {
    const app = asAppError(e);
    if (!app || written || !argv.includes('--json')) throw e;
    ctx.io.stdout.write(`${JSON.stringify(errorJson(app, extra()), null, 2)}\n`);
    writeFitted(ctx.io.stderr, `${formatError(app)}\n`);
    return app.exitCode;
  }
}

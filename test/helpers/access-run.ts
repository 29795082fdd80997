// `access setup` run in this process with a test Io (the sandbox's env): its exit code and what it
// wrote; a thrown AppError counts as its exit code, its message and hint on stderr (as the CLI prints them).
import { run } from '../../src/commands/access.js';
import { testIo } from '../aws/test-io.js';

export async function accessSetup(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const io = testIo(env);
  let code: number;
  try {
    code = await run(['setup', ...args], { io });
  } catch (e) {
    code = (e as { exitCode?: number }).exitCode ?? -1;
    io.stderr.write(`${(e as Error).message}\n${(e as { hint?: string }).hint ?? ''}`);
  }
  return { code, out: io.out(), err: io.err() };
}

// The wizard's end-of-run summary for a job it created (src/flow/run-summary.ts), from what the
// steps loaded: where the data was read from, and whether the sandbox was the embedded one.
import { dataLocation, describeSource, type Answers } from '../../flow/plan.js';
import { runSummary } from '../../flow/run-summary.js';
import type { Connected, Loaded } from './types.js';

export function jobSummary(answers: Answers, loaded: Loaded, conn: Connected | undefined, status?: string, durationMs?: number, stopped = false): string[] {
  if (!loaded.jobArn) return [];
  const data = loaded.upload ? dataLocation(loaded.upload.bucket, loaded.upload.key) : answers.source?.kind === 's3' ? describeSource(answers.source) : undefined;
  return ['', ...runSummary({ jobArn: loaded.jobArn, status: status ?? loaded.finalStatus, durationMs: durationMs ?? loaded.jobMs, dataLocation: data, sandbox: Boolean(conn?.context.sandbox ?? answers.sandbox), stopped })];
}

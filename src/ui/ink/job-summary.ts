// The wizard's end-of-run summary for a job it created (src/flow/run-summary.ts), from the machine's
// state: where the data was read from, and whether the sandbox was the embedded one.
import { dataLocation, describeSource } from '../../flow/plan.js';
import { runSummary } from '../../flow/run-summary.js';
import type { FlowState } from '../../flow/machine/types.js';

export function jobSummary(s: Pick<FlowState, 'answers' | 'loaded'>, jobArn: string | undefined, o: { sandbox: boolean; status?: string; durationMs?: number; stopped?: boolean }): string[] {
  if (!jobArn) return [];
  const up = s.loaded.upload;
  const src = s.answers.source;
  const data = up ? dataLocation(up.bucket, up.key) : src?.kind === 's3' ? describeSource(src) : undefined;
  return ['', ...runSummary({ jobArn, status: o.status ?? s.loaded.finalStatus, durationMs: o.durationMs, dataLocation: data, sandbox: o.sandbox, stopped: Boolean(o.stopped) })];
}

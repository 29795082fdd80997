// The summary every run that created an import job ends with, printed after the live screen so it
// stays in the scrollback: the job ARN whole on a line of its own (never cut: the terminal wraps it,
// nothing truncates it), the status, how long the job took, the data it read, and the commands to
// copy (history with the dataset: alone it is a usage error). With the embedded sandbox no command
// can reach the job any more (the sandbox, and its job, ended with the command; a command run now
// starts a new one without it): the lines say so, and how to keep a sandbox whose jobs they follow.
import { clockDuration } from '../job/format.js';
import { dataLocation, describeSource } from './plan.js';
import type { FlowState } from './machine/types.js';

export interface RunSummaryInput {
  jobArn: string;
  /** the last status seen (ACTIVE, CREATE FAILED, CREATE IN_PROGRESS …); absent: not known */
  status?: string;
  /** how long the job ran, as watched */
  durationMs?: number;
  /** the s3:// location the job read */
  dataLocation?: string;
  /** the embedded, in-process sandbox (it stops with the command) */
  sandbox?: boolean;
  /** the user stopped watching (the line above already said what became of the job) */
  stopped?: boolean;
  /** the dataset the job imports into: `history` needs it (alone it is a usage error) */
  datasetArn?: string;
}

export function runSummary(i: RunSummaryInput): string[] {
  const failed = Boolean(i.status && /FAILED/.test(i.status));
  const lines = [
    'Import job:',
    // alone on its line, unindented: a double-click or a triple-click copies exactly the ARN
    i.jobArn,
    `  Status    ${i.status ?? 'not known'}`,
  ];
  if (i.durationMs !== undefined) lines.push(`  Duration  ${clockDuration(i.durationMs)}`);
  // a location is one long word: on a line of its own, like the ARN, so nothing splits it oddly
  if (i.dataLocation) lines.push('  Data read from', i.dataLocation);
  if (i.sandbox) {
    // The embedded sandbox ended with the command, and its job with it: a command run now starts a
    // new sandbox, which answers "No import job …" — so no command is offered that cannot work (it
    // took 7 rows at 60 columns, pushing the ARN off a 20-row screen), only how to keep a sandbox.
    lines.push(`${i.stopped ? 'No' : 'The embedded sandbox stopped with this command, and its job with it: no'} command can ask about this job now. To follow sandbox jobs with status, history and diagnose, keep a sandbox running: personalize-import sandbox --help`);
  } else {
    lines.push(
      'Commands:',
      `  personalize-import status ${i.jobArn}`,
      // alone, history is a usage error (it needs the dataset or the group)
      `  personalize-import history${i.datasetArn ? ` --dataset-arn ${i.datasetArn}` : ''}`,
      `  personalize-import diagnose ${i.jobArn}`,
    );
  }
  if (failed && !i.sandbox) lines.push('Start with diagnose: it says why the job failed and what to change.');
  return lines;
}

/** The summary for a run of the step machine (both faces): from its state, after a blank line; none without a job. */
export function jobSummary(s: Pick<FlowState, 'answers' | 'loaded'>, jobArn: string | undefined, o: { sandbox: boolean; status?: string; durationMs?: number; stopped?: boolean }): string[] {
  if (!jobArn) return [];
  const up = s.loaded.upload;
  const src = s.answers.source;
  const data = up ? dataLocation(up.bucket, up.key) : src?.kind === 's3' ? describeSource(src) : undefined;
  return ['', ...runSummary({ jobArn, status: o.status ?? s.loaded.finalStatus, durationMs: o.durationMs, dataLocation: data, sandbox: o.sandbox, stopped: Boolean(o.stopped), ...(s.answers.datasetArn ? { datasetArn: s.answers.datasetArn } : {}) })];
}

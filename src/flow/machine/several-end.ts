// How a several-files run (issue #19, steps-several.ts) ends: every job with its outcome and ARN (an
// explanation and a next step under each that is not ACTIVE), what this run created, and the
// commands that follow the group's jobs afterwards — for the group, not for one of its jobs (the
// single-file summary, src/flow/run-summary.ts, names one job and its last status: after a group run
// it said "Status not known" of a job the lines above had just called ACTIVE). A stop (Ctrl-C) says
// which jobs exist.
import { basename } from 'node:path';
import type { DatasetType } from '../../core/resources.js';
import { visible } from '../../core/sanitize.js';
import { parsePersonalizeArn } from '../../job/arn.js';
import type { GroupJobResult } from '../group-jobs.js';
import { createdByRun } from './base.js';
import { TYPE_WORD } from './several-files.js';
import { datasetNameFor } from '../create.js';
import type { FlowEnd, FlowPorts, FlowState } from './types.js';

const word = (t: DatasetType) => TYPE_WORD[t].padEnd(12);

/** what the end reads of the several-files memo (steps-several.ts's SeveralMemo; not imported from there: no import circle) */
export interface SeveralSoFar {
  created?: Partial<Record<DatasetType, string>>;
  uploaded?: { file: string; location: string }[];
  jobs?: { type: DatasetType; arn: string }[];
}

/** What exists after a stop or an end: the datasets this run created, the uploads, the jobs. */
export function existsLines(s: FlowState, m: SeveralSoFar): string[] {
  const out = [...createdByRun(s)];
  const made = Object.entries(m.created ?? {});
  if (made.length) out.push(`Datasets created by this run (they stay): ${made.map(([type]) => datasetNameFor(s.loaded.group?.name ?? '', type as DatasetType)).join(', ')}.`);
  if (m.uploaded?.length && !m.jobs?.length) out.push(`Uploaded (they stay): ${m.uploaded.map((u) => u.location).join(', ')}.`);
  return out;
}

/**
 * The commands that follow this group's jobs later (the group's region named). None on the embedded
 * sandbox: it ended with the command, and its jobs with it — a command run now starts a new sandbox,
 * which knows only its sample groups (`history --sandbox --dataset-group shoe-store`, printed here,
 * answered "no dataset group of that name here", exit 2) — only how to keep a sandbox, as the
 * single-file end says (src/flow/run-summary.ts).
 */
export function groupCommands(s: FlowState, p: FlowPorts, anyFailed: boolean): string[] {
  if (p.context.sandbox) return ['The embedded sandbox stopped with this command, and these jobs with it: no command can ask about them now. To follow sandbox jobs with status, history and diagnose, keep a sandbox running: personalize-import sandbox --help'];
  const group = s.loaded.group;
  const region = group ? parsePersonalizeArn(group.arn)?.region : undefined;
  const lines = [
    'Commands:',
    ...(group ? [`  personalize-import history --dataset-group ${visible(group.name)}${region ? ` --region ${region}` : ''}`] : []),
    '  personalize-import status <job-arn>',
    '  personalize-import diagnose <job-arn>',
  ];
  if (anyFailed) lines.push('Start with diagnose on a job that failed: it says why and what to change.');
  return lines;
}

export function stoppedEnd(s: FlowState, m: SeveralSoFar, p: FlowPorts): FlowEnd {
  const jobs = m.jobs ?? [];
  const lines = ['Stopped.', ...existsLines(s, m)];
  if (!jobs.length) lines.push('No import job was created.');
  else {
    lines.push(`${jobs.length === 1 ? 'This import job exists' : `These ${jobs.length} import jobs exist`} and ${p.context.sandbox ? `stop${jobs.length === 1 ? 's' : ''} with this command (the embedded sandbox)` : 'keep running in AWS (an import job cannot be stopped)'}:`);
    // the ARN on a line of its own under its dataset type, as in the summary: one long word, wrapped alike for every job
    for (const j of jobs) lines.push(`  ${TYPE_WORD[j.type]}`, `      ${j.arn}`);
    if (!p.context.sandbox) lines.push('Follow one with: personalize-import status <job-arn>');
  }
  return { exitCode: 130, reason: 'stopped', lines };
}

/** The end: every job with its outcome and ARN, an explanation under each that is not ACTIVE. */
export function summaryLines(results: GroupJobResult[]): string[] {
  const ok = results.filter((r) => r.status === 'ACTIVE').length;
  const lines = [`Import jobs: ${ok} of ${results.length} ACTIVE`];
  for (const r of results) {
    const mark = r.status === 'ACTIVE' ? '✓' : r.interrupted ? '…' : '✗';
    lines.push(`  ${mark} ${word(r.type)} ${r.status} · ${visible(basename(r.file))}`);
    lines.push(`      ${r.datasetImportJobArn ?? '(no job was created)'}`);
    // an explanation whenever there is one: a watch that gave up says how to follow the job (a Ctrl-C ends in stoppedEnd)
    if (r.status !== 'ACTIVE' && r.explanation) {
      lines.push(`      ${visible(r.explanation.title)}: ${visible(r.explanation.cause)}`);
      lines.push(`      → ${visible(r.explanation.fix)}`);
    }
  }
  return lines;
}

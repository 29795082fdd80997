// Helpers every step uses: the model's frame (title, purpose from src/flow/steps.ts: one source of
// every text), the flags that answer steps, and "what is true now" after a stop.
import { AppError, isAppError } from '../../core/errors.js';
import { stepInfo, type StepId } from '../steps.js';
import type { FlowPorts, FlowState, StepKind, StepModel } from './types.js';
import { visible } from '../../core/sanitize.js';

/** Which flag answers each step, for "pass --flag" messages. */
export const FLAG_FOR = {
  group: '--dataset-group',
  dataset: '--dataset-arn (or --dataset-group with --dataset-type)',
  csv: '--csv <file> or --data-location s3://…',
  bucket: '--bucket',
  prefix: '--prefix',
  mode: '--mode full|incremental',
  jobName: '--job-name',
  role: '--role-arn',
  tags: '--tag',
  metrics: '--publish-attribution-metrics',
  yes: '--yes',
} as const;

/**
 * The short name of a step's answer in a face's summary of answered steps (default: its screen's
 * title): at most 10 characters, the summary's label column ("Bucket check" pushed its line out of it).
 */
const LABEL: Partial<Record<string, string>> = {
  group: 'Group', verdict: 'Warnings', fix: 'Fix', 'fix-rejects': 'Rejects', how: 'How', bucket: 'Bucket', prefix: 'Upload to', 'bucket-fix': 'Access',
  'bucket-fix-apply': 'Access', mode: 'Mode', 'confirm-full': 'Confirmed', 'job-name': 'Job name', role: 'IAM role', 'role-create': 'New role',
  tags: 'Tags', metrics: 'Metrics', 'new-group-name': 'Name', 'new-group-domain': 'Kind', 'new-dataset-type': 'Type',
};

/** The label a step's answer has in the summary (its short name, else its screen's title). */
export function answerLabel(id: string, screen: StepId): string {
  return LABEL[id] ?? stepInfo(screen).title;
}

export function frame(id: string, screen: StepId, kind: StepKind, question: string, rest: Partial<StepModel> = {}): StepModel {
  const info = stepInfo(screen);
  return { id, screen, kind, title: info.title, purpose: info.purpose, lines: [], question, ...(LABEL[id] ? { label: LABEL[id] } : {}), ...rest };
}

/** A not-found from a flag / profile ARN said with the flag to check. */
export async function describeOr<T>(pr: Promise<T>, message: string, hint: string): Promise<T> {
  try {
    return await pr;
  } catch (e) {
    if (isAppError(e) && e.kind === 'not-found') throw new AppError('not-found', message, { hint, awsName: e.awsName, cause: e });
    throw e;
  }
}

/** `status` command for a job, with --sandbox when the sandbox was reached through the CLI's own flag. */
export function followCommand(arn: string): string {
  return `personalize-import status ${arn}`;
}

/** What this run created on the way (issue #12: group, schema, dataset): it stays, and a stop says so. */
export function createdByRun(s: Partial<Pick<FlowState, 'doc'>>): string[] {
  const created = Object.entries((s.doc?.created ?? {}) as Record<string, string | undefined>).filter(([, v]) => v);
  if (!created.length) return [];
  const what = (k: string) => (k === 'datasetGroupArn' ? 'dataset group' : k === 'schemaArn' ? 'schema' : 'dataset');
  return [`Created by this run (they stay): ${created.map(([k, v]) => `${what(k)} ${v!.split(':').pop()!.split('/').slice(1).join('/')}`).join(', ')}.`];
}

/**
 * What is true after a stop, from what happened (never a constant): a job that exists is named with
 * its ARN and the command to follow it; an object this run uploaded is said to be there.
 */
export function whatHappened(s: Pick<FlowState, 'loaded'> & Partial<Pick<FlowState, 'doc'>>, p?: Pick<FlowPorts, 'context'>): string[] {
  const { jobArn, upload, finalStatus } = s.loaded;
  const made = createdByRun(s);
  if (jobArn) {
    if (p?.context.sandbox) return [`The import job ${finalStatus ? `is ${finalStatus}` : 'was created'} in the embedded sandbox, which stops with this command${finalStatus ? '' : ' (and the job with it)'}:`, `  ${jobArn}`];
    if (finalStatus) return [`The import job exists (${finalStatus}):`, `  ${jobArn}`, `  → Its details: ${followCommand(jobArn)}`];
    // a sandbox or other endpoint the environment names is not AWS (the Import step said so: "not in AWS")
    const at = p?.context.endpointOverride ? `at ${visible(p.context.endpointOverride)} (not in AWS)` : 'in AWS';
    return [`The import job keeps running ${at}:`, `  ${jobArn}`, `  → Follow it again: ${followCommand(jobArn)}`];
  }
  const lines = [...made, 'No import job was created in Personalize.'];
  if (upload) lines.push(`The file this run uploaded stays at s3://${upload.bucket}/${upload.key} (remove it with: aws s3 rm s3://${upload.bucket}/${upload.key}).`);
  else lines.push('Nothing was uploaded.');
  return lines;
}

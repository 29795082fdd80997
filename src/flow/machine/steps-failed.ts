// After a failed import job: another file (back to the CSV step), the same file again as a new job
// (back to the job's name), or the end (exit 1). `import` takes the end. The failed job's ARN stays
// in the lines above (the watch step's failure and its diagnose command).
import { frame } from './base.js';
import { planOf } from './steps-create.js';
import type { StepDef } from './types.js';

export const jobFailedStep: StepDef = {
  id: 'job-failed',
  screen: 'watch',
  kind: 'choose',
  applies: (s) => Boolean(s.loaded.jobArn && s.loaded.finalStatus && s.loaded.finalStatus !== 'ACTIVE'),
  async model() {
    return frame('job-failed', 'watch', 'choose', 'The import job failed. What now?', {
      choices: [
        { value: 'file', label: 'Pick another file' },
        { value: 'retry', label: 'Retry with the same file (a new job)' },
        { value: 'quit', label: 'Quit' },
      ],
      default: 'file',
      unattended: { value: 'quit' },
    });
  },
  async answer(s, v) {
    if (v === 'quit') return { end: { exitCode: 1, reason: 'failed', plan: planOf(s), jobArn: s.loaded.jobArn, lines: [] } };
    // a new job: the failed one is no longer this run's job
    Object.assign(s.loaded, { jobArn: undefined, finalStatus: undefined });
    Object.assign(s.answers, { jobName: undefined, jobNameGenerated: undefined });
    if (v === 'retry') return { goto: 'job-name' };
    s.answers.source = undefined;
    Object.assign(s.loaded, { upload: undefined, report: undefined, reportsByMode: undefined, validationSkipped: undefined });
    return { goto: 'csv' };
  },
};

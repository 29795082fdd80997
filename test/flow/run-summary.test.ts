// The summary a run that created a job ends with (src/flow/run-summary.ts): its commands are ones a
// user can copy and run. `personalize-import history` alone is a usage error (it needs the dataset or
// the group), so the summary names the dataset. With the embedded sandbox no command can reach the
// job after the run (one run then starts a new sandbox, which answered "No import job …"): the
// summary says so and offers none.
import { describe, expect, it } from 'vitest';
import { jobSummary, runSummary } from '../../src/flow/run-summary.js';
import { parse } from '../../src/cli/args.js';
import { options as historyOptions } from '../../src/commands/history.js';

const JOB = 'arn:aws:personalize:eu-west-1:123456789012:dataset-import-job/shop-20261205-101010';
const DATASET = 'arn:aws:personalize:eu-west-1:123456789012:dataset/shop/INTERACTIONS';

describe('the end-of-run summary', () => {
  it('history is given the dataset, so the command copied runs (alone it is exit 2)', () => {
    const lines = runSummary({ jobArn: JOB, status: 'ACTIVE', datasetArn: DATASET });
    const history = lines.find((l) => l.includes('personalize-import history'))!;
    expect(history).toBe(`  personalize-import history --dataset-arn ${DATASET}`);
    // the flags are history's own
    const args = history.trim().split(/\s+/).slice(2);
    expect(parse('history', args, historyOptions as never, 0).values).toMatchObject({ 'dataset-arn': DATASET });
    expect(lines).toContain(`  personalize-import status ${JOB}`);
    expect(lines).toContain(`  personalize-import diagnose ${JOB}`);
  });

  it('from a run\'s state: the dataset it imported into', () => {
    const lines = jobSummary({ answers: { datasetArn: DATASET }, loaded: {} } as never, JOB, { sandbox: false, status: 'ACTIVE' });
    expect(lines).toContain(`  personalize-import history --dataset-arn ${DATASET}`);
  });

  it('the embedded sandbox: no command that cannot reach the job (a new sandbox has not got it); what is true, and how to keep a sandbox', () => {
    for (const stopped of [false, true]) {
      const lines = runSummary({ jobArn: JOB, status: stopped ? 'CREATE PENDING' : 'CREATE FAILED', datasetArn: DATASET, sandbox: true, stopped });
      const text = lines.join(' ');
      expect(text).toMatch(/no command can ask about this job now/i);
      expect(text).toContain('keep a sandbox running: personalize-import sandbox --help');
      expect(text).not.toMatch(/personalize-import (status|history|diagnose)\b/);
      expect(text).not.toMatch(/Start with diagnose/);
      expect(stopped ? !/embedded sandbox stopped/.test(text) : /The embedded sandbox stopped with this command, and its job with it/.test(text)).toBe(true);
      // the ARN still whole on its own line
      expect(lines).toContain(JOB);
    }
  });
});

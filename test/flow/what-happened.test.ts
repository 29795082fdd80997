// What a stop says about a job that exists, by where it runs: AWS, the embedded sandbox, or an
// endpoint the environment names (a sandbox started with `sandbox --print-env`). Before, a job in
// such a sandbox "keeps running in AWS", two lines under the Import step's "runs at http://…, not in AWS".
import { describe, expect, it } from 'vitest';
import { whatHappened } from '../../src/flow/machine/base.js';

const arn = 'arn:aws:personalize:us-east-1:111122223333:dataset-import-job/shop-20261207';
const state = { loaded: { jobArn: arn } } as never;

describe('whatHappened: a job still running when the watch stops', () => {
  it('in AWS: says so, with the command to follow it', () => {
    expect(whatHappened(state, { context: { region: 'us-east-1' } } as never)).toEqual(['The import job keeps running in AWS:', `  ${arn}`, `  → Follow it again: personalize-import status ${arn}`]);
  });
  it('at an endpoint override: names the endpoint (escaped), not AWS', () => {
    const lines = whatHappened(state, { context: { region: 'us-east-1', endpointOverride: 'http://127.0.0.1:36303' } } as never);
    expect(lines[0]).toBe('The import job keeps running at http://127.0.0.1:36303 (not in AWS):');
    expect(lines.join('\n')).not.toContain('in AWS:');
    expect(whatHappened(state, { context: { endpointOverride: 'http://x\u001b[31m' } } as never)[0]).toBe('The import job keeps running at http://x\\x1b[31m (not in AWS):');
  });
});

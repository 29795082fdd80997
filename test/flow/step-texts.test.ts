// The step texts say what is true where the job runs (issue #16 item 10).
import { describe, expect, it } from 'vitest';
import { stepInfo } from '../../src/flow/steps.js';

describe('stepInfo(watch)', () => {
  it('says AWS only when the job runs in AWS', () => {
    expect(stepInfo('watch').purpose).toBe('The job runs in AWS; this screen follows it until it finishes.');
    expect(stepInfo('watch', { region: 'eu-west-1' } as { sandbox?: boolean }).purpose).toContain('in AWS');
    const sb = stepInfo('watch', { sandbox: true }).purpose;
    expect(sb).not.toContain('AWS');
    expect(sb).toBe('The job runs in the embedded sandbox and ends with this command; this screen follows it until it finishes.');
    expect(stepInfo('watch', { endpointOverride: 'http://127.0.0.1:4566' }).purpose).toBe('The job runs at http://127.0.0.1:4566, not in AWS; this screen follows it until it finishes.');
    // other steps are the same everywhere
    expect(stepInfo('review', { sandbox: true })).toBe(stepInfo('review'));
  });

  it('says the jobs, plural, when several files run at once (the several-files import step)', () => {
    expect(stepInfo('watch', { sandbox: true }, 3).purpose).toBe('The jobs run in the embedded sandbox and end with this command; this screen follows them until they finish.');
    expect(stepInfo('watch', undefined, 3).purpose).toBe('The jobs run in AWS; this screen follows them until they finish.');
  });
});

describe('answerLabel', () => {
  it('the import flow\'s short names for answers fit the summary\'s 10-character column ("Bucket check" pushed its line out)', async () => {
    const { IMPORT_FLOW, answerLabel } = await import('../../src/flow/machine/index.js');
    // (a step without a short name is shown under its screen's title, or its model names its own)
    const short = IMPORT_FLOW.map((s) => answerLabel(s.id, s.screen)).filter((l, i) => l !== stepInfo(IMPORT_FLOW[i].screen).title);
    expect(short.length).toBeGreaterThan(10);
    expect(short.filter((l) => l.length > 10)).toEqual([]);
  });
});

// A saved profile whose dataset group (or dataset) is not there — the embedded sandbox keeps only its
// sample groups from one run to the next, so a profile saved in one named a group the next run does
// not have; in AWS, one deleted
// since. The wizard ended at step 2: "✖ No dataset group arn:…/streaming. → Check --dataset-group",
// exit 2, to a newcomer who had only pressed Enter on "Use profile streaming". Now the step asks
// again, saying why, with the profile's bucket, folder and role kept; a run without a person
// (`import --profile …`) still ends, naming the profile (test/e2e/import.test.ts).
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { emptyAccount, runHeadless } from './harness.js';

const acct = emptyAccount();
const GROUP = 'arn:aws:personalize:us-east-1:111122223333:dataset-group/streaming';

describe('a saved profile naming what this account does not have', () => {
  it('its dataset group: the group step asks (the profile named, the embedded sandbox said to start empty), its bucket and role kept', async () => {
    const seen: StepModel[] = [];
    const h = await runHeadless(acct.ports(), { group: { pick: (m: StepModel) => (seen.push(m), m.default!) } }, {
      answers: { profileName: 'streaming', datasetGroupArn: GROUP, datasetGroupName: 'streaming', datasetArn: `${GROUP.replace(':dataset-group/', ':dataset/')}/INTERACTIONS`, bucket: acct.sandbox.sandbox.bucket, prefix: 'personalize-import/', roleArn: acct.sandbox.sandbox.roleArn },
      presetFrom: { group: 'profile streaming', dataset: 'profile streaming', bucket: 'profile streaming', prefix: 'profile streaming', role: 'profile streaming' },
    });
    // asked, not ended at the group step
    expect(h.asked[0]).toBe('group');
    const lines = seen[0].lines.map((l) => l.text).join('\n');
    expect(lines).toContain('The saved profile streaming names dataset group streaming, which this embedded sandbox does not have (it keeps only its sample groups from one run to the next): pick or create one. Its bucket, folder and role are still used.');
    expect(seen[0].choices!.map((c) => c.label)).toContain('＋ New dataset group');
    expect(seen[0].preset).toBeUndefined();
    // the group and dataset forgotten; the rest of the profile kept
    expect(h.state.answers.datasetArn).toBeUndefined();
    expect(h.state.answers).toMatchObject({ bucket: acct.sandbox.sandbox.bucket, roleArn: acct.sandbox.sandbox.roleArn, prefix: 'personalize-import/' });
    expect(h.state.presetFrom.group).toBeUndefined();
    expect(h.state.presetFrom.bucket).toBe('profile streaming');
    // (the script ends at the next question: the run stops there, not at the group)
    expect(h.asked).toContain('new-group-name');
  });
});

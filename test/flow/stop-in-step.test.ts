// Ctrl-C while a step runs (the validation here) ends the walk as a stop at a question does: the
// step's own account first, then what is true — the dataset group, schema and dataset this run
// created stay and are named, no import job, nothing uploaded (src/flow/machine/drive.ts). Before,
// the step's error ended the walk alone ("Validation was cancelled."), and a newcomer who had just
// created a group and a dataset was not told they stay. Headless, against the in-process sandbox.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drive, newState } from '../../src/flow/machine/index.js';
import { answerFor, emptyAccount, pickLabel, toFaceAnswer, type Script } from './harness.js';

describe('Ctrl-C while a step runs', () => {
  const acct = emptyAccount();
  const dir = mkdtempSync(join(tmpdir(), 'pi-flow-stop-'));
  const csv = join(dir, 'events.csv');
  writeFileSync(csv, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${Array.from({ length: 1200 }, (_, i) => `u${i % 40},i${i % 90},${1767225600 + i},click`).join('\n')}\n`);

  it('during the validation, after the run created a group, a schema and a dataset: stopped (exit 130), the validation\'s account, and what this run created stays — named', async () => {
    const script: Script = { group: pickLabel('＋'), 'new-group-name': { type: 'stop-v' }, csv: { type: csv }, 'new-dataset': pickLabel('Create schema and interactions dataset') };
    const visits = new Map<string, number>();
    const ac = new AbortController();
    const end = await drive(newState({ region: 'us-east-1' }), acct.ports(), {
      event: () => {},
      async ask(m) {
        return toFaceAnswer(answerFor(script, m, visits), m);
      },
      // the face stops the validation as it starts (it is told before the work begins)
      running(m) {
        if (m.id === 'validate') ac.abort();
      },
    }, { signal: ac.signal });
    expect(end).toMatchObject({ exitCode: 130, reason: 'stopped' });
    expect(end.lines).toEqual([
      'Validation was cancelled.',
      'Created by this run (they stay): dataset group stop-v, schema stop-v-interactions, dataset stop-v/INTERACTIONS.',
      'No import job was created in Personalize.',
      'Nothing was uploaded.',
    ]);
  });
});

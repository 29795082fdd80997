// The several-files review when one file of two has errors (an 80×24 walk, session 35): the plan
// said "uploads 1 files … creates 1 import jobs" and the choice "Leave out the file with errors:
// create the missing datasets and import the 1 …" (cut at 80 columns). The one file is named (the
// dataset made for it said below the choice); one upload and job are "the file", "its import job".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { emptyAccount, runHeadless, runPlain, type Script } from './harness.js';

const acct = emptyAccount();
const dir = mkdtempSync(join(tmpdir(), 'pi-several-words-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// two interactions (every import needs 1,000: an error) and a valid items file
writeFileSync(join(dir, 'events.csv'), 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu1,i1,1700000000,click\nu2,i2,1700000100,click\n');
writeFileSync(join(dir, 'products.csv'), 'ITEM_ID,PRICE,CATEGORY\ni1,3.5,shoes\ni2,4,hats\n');

describe('the several-files review with one file of two in error', () => {
  it('names the one file left to import, and says "the file" and "its import job" (headless and plain)', async () => {
    for (const [run, name] of [[runHeadless, 'words-h'], [runPlain, 'words-p']] as const) {
      let review: StepModel | undefined;
      const script: Script = {
        group: { pick: '+new-group' },
        'new-group-name': { type: name },
        csv: { type: `${dir}/` },
        'several-review': { pick: (m) => ((review = m), 'quit') },
      };
      const r = await run(acct.ports(), script);
      expect(r.asked, run.name).toContain('several-review');
      const text = review!.lines.map((l) => l.text).join('\n');
      expect(text, run.name).toMatch(/Leaving out .*events\.csv, this creates and imports into words-/);
      expect(text, run.name).toMatch(/then uploads the file to s3:\/\/\S+ and creates its import job with role /);
      expect(text, run.name).not.toMatch(/\b1 (files|import jobs)\b/);
      const valid = review!.choices!.find((c) => c.value === 'valid')!;
      expect(valid.label, run.name).toMatch(/^Leave out the file with errors: import \S*\/products\.csv only$/);
      expect(valid.description, run.name).toBe('its dataset is created first');
      expect(review!.choices!.find((c) => c.value === 'go')!.label, run.name).toBe('Create the missing datasets and import both files');
    }
  });
});

// The scripted paths of the import flow, one row each: test/flow/machine.test.ts runs them headless
// and through plain mode, test/ui/ink/machine-parity.test.tsx through the Ink face. One list, so a
// row changed here changes for every face.
import { join } from 'node:path';
import { planOf, type StepModel } from '../../src/flow/machine/index.js';
import type { withSandbox } from '../helpers/sandbox.js';
import { SAMPLES, type Run, type Script, type Start } from './harness.js';

type Fixture = ReturnType<typeof withSandbox>;

export const stopAtReview: Script = { review: { pick: 'quit' } };
export const shopGroup = { pick: (m: StepModel) => m.choices!.find((c) => c.label.startsWith('sandbox-shop '))!.value };
export const dataset = (type: string) => ({ pick: (m: StepModel) => m.choices!.find((c) => c.label.includes(`[${type}]`))!.value });

/** the plan a face reached, without the time-stamped job name and the upload key's per-run
 *  suffix (`<name>-<yyyymmdd-hhmmss>-<4 random>.csv`, src/core/upload-key.ts) */
export function planShape(r: Pick<Run, 'state'>) {
  const p = planOf(r.state);
  return {
    ...p,
    jobName: p.jobName.replace(/-\d{8}-\d{6}(-\d+)?$/, '-<stamp>'),
    ...(p.key ? { key: p.key.replace(/-\d{8}-\d{6}-[a-z2-9]{4}(\.csv)$/, '$1') } : {}),
  };
}

export const ROWS = {
  /** a broken CSV, "pick another file", then a good one */
  brokenThenAnother: { csv: [{ type: join(SAMPLES, 'interactions-missing-column.csv') }, { type: join(SAMPLES, 'interactions.csv') }], verdict: [{ pick: 'again' }, 'enter'], ...stopAtReview } as Script,
  /** too few interactions for a bulk job: record by record */
  records: { csv: { type: join(SAMPLES, 'interactions-too-few.csv') }, verdict: { pick: 'records' } } as Script,
  /** the items file into the sandbox's bucket that grants Personalize nothing */
  noGrant: (sb: Fixture): Script => ({ group: shopGroup, dataset: dataset('ITEMS'), csv: { type: join(SAMPLES, 'items.csv') }, how: { pick: 'bulk' }, bucket: { pick: sb.sandbox.noGrantBucket } }),
  /** a saved profile (flow-items) answers group, dataset, bucket and prefix; Esc at the first question */
  profileStart: (sb: Fixture): Start => ({
    answers: { profileName: 'flow-items', datasetGroupArn: sb.seeded.customGroupArn, datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), bucket: sb.sandbox.bucket, prefix: 'from-profile/' },
    presetFrom: { group: 'profile flow-items', dataset: 'profile flow-items', bucket: 'profile flow-items', prefix: 'profile flow-items' },
  }),
  profile: { csv: ['back', { type: join(SAMPLES, 'items.csv') }], how: { pick: 'bulk' }, ...stopAtReview } as Script,
  /** FULL over existing data: a wrong dataset name typed, refused, then the right one */
  fullTyped: { mode: { pick: 'FULL' }, 'confirm-full': [{ type: 'wrong-name' }, { type: 'sandbox-shop-interactions' }], ...stopAtReview } as Script,
  /** INCREMENTAL for `file`; `seeMode` looks at the mode step's model first */
  incremental: (file: string, seeMode: (m: StepModel) => void = () => {}): Script => ({ csv: { type: file }, mode: { pick: (m) => (seeMode(m), 'INCREMENTAL') }, ...stopAtReview }),
  /** dates in numbers only (`file`): day first answered, Esc at "Fix and continue" back to the question, month first, Enter */
  datesChanged: (file: string): Script => ({ csv: { type: file }, dates: [{ pick: 'day-first' }, { pick: 'month-first' }], fix: ['back', 'enter'], ...stopAtReview }),
  /** Esc at step `id`, then Enter there */
  escAt: (id: string): Script => ({ [id]: ['back', 'enter'], ...stopAtReview }),
};

// "＋ Create the dataset from my CSV" for a file whose dataset type the group has already: a group
// holds one dataset of each type, so the review offers "Import into <that dataset>" (its default;
// steps-new-dataset.ts) and this answers it — the dataset step's own answer for that dataset (its
// schema, rules and last job loaded), the summary naming it, then the file validated against it.
// A wrapper of its own: the dataset step's module imports the new-dataset one.
import { answerLabel } from './base.js';
import { datasetStep } from './steps-dataset.js';
import { memoOf } from './steps-new.js';
import { shapeForFile } from './steps-orders.js';
import type { StepDef } from './types.js';

export const EXISTING = 'existing:';

export function withExistingDataset(review: StepDef): StepDef {
  return {
    ...review,
    async answer(s, v, p, ctx) {
      if (!v.startsWith(EXISTING)) return review.answer!(s, v, p, ctx);
      // what the review had shaped for a new schema (columns named, left out, EVENT_TYPE added) is
      // for that schema only: the existing dataset's validation says what the file needs
      const d = memoOf(s).dataset;
      if (d?.mapFor !== undefined) delete s.answers.headerMap;
      if (d?.shapeFor !== undefined) shapeForFile(s, '');
      await datasetStep.answer!(s, v.slice(EXISTING.length), p, ctx);
      ctx.emit({ type: 'answered', step: 'dataset', screen: 'dataset', label: answerLabel('dataset', 'dataset'), value: `${s.answers.datasetName} [${s.answers.datasetType}]`, inPlace: true });
      return { goto: 'validate' };
    },
  };
}

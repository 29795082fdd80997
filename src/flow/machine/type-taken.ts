// "＋ Create the dataset from my CSV" with a file whose guessed dataset type the group holds already.
// A group holds one dataset of each type, so the schema inferred for a second one is never created:
// checking the file against it (and fixing it on trial, steps-new-dataset-check.ts) answered a
// question that does not apply — a newcomer read "would fail its import even fixed" of a schema that
// would never exist, then learnt at the review that the group had that dataset. Now, as soon as the
// type is guessed, the group's types are known (`present`, read by the infer step), the check is
// not made, and the review says the type is taken and offers importing into that dataset, whose own
// schema the file is then checked against (the validation next); another type stays offered.
import type { Dataset, DatasetType } from '../../core/resources.js';
import { visible } from '../../core/sanitize.js';
import { datasetBlockedReason, datasetDetails } from '../queries.js';
import { memoOf } from './steps-new.js';
import type { Choice, FlowPorts, FlowState, Line, StepModel } from './types.js';

const lower = (t: DatasetType) => t.toLowerCase().replace(/_/g, ' ');

/** The group's datasets, remembered for the group they are of (the infer step reads them with the guess). */
export async function readPresent(s: FlowState, p: FlowPorts): Promise<Dataset[]> {
  const group = s.loaded.group!;
  const datasets = await p.personalize.listDatasets(group.arn);
  const d = memoOf(s).dataset;
  if (d) d.present = { group: group.arn, types: datasets.map((x) => x.datasetType) };
  return datasets;
}

/** Whether the guessed (or chosen) type is one the group has already, as last read for this group. */
export function typeTaken(s: FlowState): boolean {
  const d = memoOf(s).dataset;
  const group = s.loaded.group;
  return Boolean(d?.type && group && d.present?.group === group.arn && d.present.types.includes(d.type));
}

/** The review for a file whose dataset type the group has already: import into that dataset, or another type or file. */
export async function takenReview(base: StepModel, p: FlowPorts, o: { s: FlowState; src: string; type: DatasetType; taken: Dataset; lacking: DatasetType[]; reason: string; unattended: { error: string } }): Promise<StepModel> {
  const { s, src, type, taken, lacking } = o;
  const group = s.loaded.group!;
  const name = visible(taken.name);
  const others = lacking.filter((t) => t !== type);
  const why = datasetBlockedReason(taken);
  // the fields of the dataset the file goes into (read once per dataset), not those inferred for one never created
  const d = memoOf(s).dataset!;
  if (d.takenFields?.arn !== taken.arn) {
    const details = await datasetDetails(p.personalize, taken, group.domain);
    d.takenFields = { arn: taken.arn, text: details.fields.map((f) => `${f.name}${f.required ? '*' : ''}`).join(' ') };
  }
  const fields = d.takenFields.text;
  const choices: Choice[] = [
    { value: `existing:${taken.arn}`, label: `Import into ${name}`, description: `the group’s ${lower(type)} dataset: ${src} is checked against its schema next; nothing is created`, ...(why ? { disabled: why } : {}) },
    ...(others.length ? [{ value: 'type', label: `Another dataset type (now ${lower(type)})`, description: `this group can also take: ${others.map(lower).join(', ')}` }] : []),
    { value: 'again', label: 'Pick another file', description: 'back to the CSV question; nothing is created' },
    { value: 'back', label: 'Back to the datasets (create nothing)' },
  ];
  const lines: Line[] = [
    { text: `Dataset type ${type}: ${o.reason}` },
    { text: `✗ A dataset group holds one dataset of each type, and ${group.name} has its ${type} dataset already: ${name}. A second one cannot be created.`, tone: 'error' },
    { text: `  ${name}’s fields: ${fields || '(its schema could not be read)'}${fields.includes('*') ? '   (* required)' : ''}`, tone: 'dim' },
  ];
  return {
    ...base,
    lines,
    question: `${group.name} already has its ${lower(type)} dataset, ${name}: import ${src} into it?`,
    choices,
    default: choices.find((c) => !c.disabled)!.value,
    unattended: o.unattended,
    describe: (v) => (v.startsWith('existing:') ? `${name} [${type}]` : v === 'again' ? 'another file' : v),
  };
}

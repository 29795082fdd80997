// Step 5a (issue #12): the CSV brings columns the dataset's schema lacks (HEADER_UNKNOWN_COLUMN).
// On an Items or Users dataset, offer to add them: a new schema = the current fields + the new ones,
// each nullable (Personalize only allows adding), then UpdateDataset, followed until the dataset is
// ACTIVE again, and the file is validated again against it. Interactions (and the other types)
// cannot be updated: the step says so and goes on without them. Nothing changes without consent.
import { createReadStream } from 'node:fs';
import type { AvroField } from '../../core/resources.js';
import { inferSchema } from '../../schema/index.js';
import { printable } from '../../schema/printable.js';
import { flagsOf } from '../../schema/explain.js';
import { addFieldsToDataset, fieldsForNewColumns, schemaChangeBlocked, SCHEMA_CHANGE_NOTE } from '../create.js';
import { describeSource } from '../plan.js';
import { datasetDetails } from '../queries.js';
import { answerLabel, frame } from './base.js';
import { createApiOf, createOptions, createUnavailable, emitCreate, memoOf } from './steps-new.js';
import type { FlowPorts, FlowState, StepDef } from './types.js';

/** The columns the validation found that the schema lacks (named ones only). */
function unknownColumns(s: FlowState): string[] {
  const r = s.loaded.report;
  if (!r) return [];
  return [...new Set([...r.warnings, ...r.errors].filter((w) => w.code === 'HEADER_UNKNOWN_COLUMN' && w.column).map((w) => w.column!))];
}

const keyOf = (s: FlowState) => `${s.answers.datasetArn}|${s.answers.source ? describeSource(s.answers.source) : ''}`;

/** The optional fields those columns become (typed from the CSV as schema inference types them). */
async function newFields(s: FlowState, p: FlowPorts, columns: string[]): Promise<AvroField[]> {
  const src = s.answers.source!;
  const details = s.loaded.details!;
  const type = details.dataset.datasetType;
  if (!details.dataset.schemaArn) return [];
  const current = await p.personalize.describeSchema(details.dataset.schemaArn);
  const stream = src.kind === 'local' ? createReadStream(src.path, { highWaterMark: 1 << 20 }) : src.key && !src.key.endsWith('/') ? await p.s3.read(src.bucket, src.key) : undefined;
  if (!stream) return [];
  const inferred = await inferSchema(stream, { datasetType: type, ...(s.answers.domain ? { domain: s.answers.domain } : {}) });
  const wanted = new Set(columns);
  return fieldsForNewColumns(current.avro, inferred.fields.filter((f) => wanted.has(f.column)), type);
}

const describeField = (f: AvroField) => {
  const t = Array.isArray(f.type) ? f.type.filter((x) => x !== 'null')[0] : f.type;
  return `${f.name} (${t}, ${flagsOf({ nullable: true, categorical: Boolean(f.categorical), textual: Boolean(f.textual) })})`;
};

export const schemaChangeStep: StepDef = {
  id: 'schema-change',
  screen: 'validate',
  kind: 'choose',
  // Only where a column can be added (Items, Users: Interactions schemas cannot change, and the
  // validation's warning already says the column is not imported — a question with one answer is
  // noise), and only for a file with no errors: with errors the verdict (fix, another file) comes
  // first, and a column named like a missing field is a rename, not a new field.
  applies: (s, p) => Boolean(s.loaded.details?.schema && !schemaChangeBlocked(s.loaded.details.dataset.datasetType) && !s.loaded.report?.errors.length && unknownColumns(s).length && !createUnavailable(p) && memoOf(s).schemaChange?.declinedFor !== keyOf(s)),
  async model(s, p) {
    const m = (memoOf(s).schemaChange ??= {});
    const base = frame('schema-change', 'validate', 'choose', 'Add the new columns to the dataset’s schema?');
    const columns = unknownColumns(s);
    if (!columns.length && m.added) return { ...base, preset: { value: 'done', from: 'done in this run' }, describe: () => `added ${m.added!.join(', ')}` };
    const details = s.loaded.details!;
    const type = details.dataset.datasetType;
    const blocked = schemaChangeBlocked(type);
    const fields = blocked ? [] : await newFields(s, p, columns);
    const shown = columns.map((c) => printable(c)).join(', ');
    const lines = [
      { text: `${printable(describeSource(s.answers.source!))} has ${columns.length === 1 ? 'a column' : `${columns.length} columns`} the schema of ${details.dataset.name} lacks: ${shown}. As it is, ${columns.length === 1 ? 'it is' : 'they are'} not imported.` },
      ...(blocked
        ? [{ text: blocked, tone: 'warn' as const }]
        : [
            // what adding means, only where it can be chosen (`import` adds nothing: its note says so)
            { text: fields.length ? `Adding means: a new schema with the current fields plus ${fields.map(describeField).join(', ')}, then UpdateDataset on ${details.dataset.name}.` : 'None of them can be added as they are named (a column that is a misspelt field needs a rename, not a field).', asked: true },
            { text: SCHEMA_CHANGE_NOTE, tone: 'dim' as const, asked: true },
          ]),
    ];
    const why = blocked ?? (fields.length ? undefined : 'no column here can become a field as named');
    return {
      ...base,
      lines,
      // the answered line: "✔ Columns  not added: signup_score, is_vip", not "✔ Validation Continue without them"
      label: 'Columns',
      describe: (v) => (v === 'skip' ? `not added: ${shown}` : v === 'add' ? `add ${fields.map((f) => f.name).join(', ')} to the schema` : v),
      choices: [
        { value: 'skip', label: `Continue without ${columns.length === 1 ? 'it' : 'them'}`, description: 'the schema stays as it is' },
        { value: 'add', label: fields.length ? `Add ${fields.map((f) => f.name).join(', ')} to the schema` : 'Add them to the schema', description: 'UpdateDataset (fields can be added, never removed)', ...(why ? { disabled: why } : {}) },
      ],
      default: 'skip',
      // `import` changes no schema: it imports without the new columns (the validation warned), and says where they can be added
      unattended: { value: 'skip', ...(blocked || !fields.length ? {} : { note: `import adds no field to a schema, so ${columns.length === 1 ? 'it is' : 'they are'} left out of this import. To add ${columns.length === 1 ? 'it' : 'them'}: run personalize-import without a command (the wizard) and choose “Add ${fields.map((f) => f.name).join(', ')} to the schema”.` }) },
    };
  },
  async answer(s, v) {
    const m = (memoOf(s).schemaChange ??= {});
    if (v === 'done') return { goto: 'csv' };
    if (v === 'skip') {
      m.declinedFor = keyOf(s);
      return undefined;
    }
    m.confirmed = true;
    return undefined;
  },
};

export const schemaChangeApplyStep: StepDef = {
  id: 'schema-change-apply',
  screen: 'validate',
  kind: 'run',
  sideEffect: true,
  consent: 'schema-change',
  applies: (s) => Boolean(memoOf(s).schemaChange?.confirmed),
  async model() {
    return frame('schema-change-apply', 'validate', 'run', 'Adding the columns to the schema');
  },
  async run(s, p, ctx) {
    const m = memoOf(s).schemaChange!;
    m.confirmed = false;
    const details = s.loaded.details!;
    const fields = await newFields(s, p, unknownColumns(s));
    const r = await addFieldsToDataset(createApiOf(p)!, details.dataset.arn, fields, createOptions(p, ctx, emitCreate(ctx)));
    m.added = fields.map((f) => f.name);
    const dataset = await p.personalize.describeDataset(details.dataset.arn);
    s.loaded.details = await datasetDetails(p.personalize, dataset, s.answers.domain);
    s.doc.schemaUpdated = { schemaArn: r.schemaArn, added: m.added };
    ctx.emit({ type: 'note', tone: 'ok', text: `✔ ${dataset.name} now has ${m.added.join(', ')} (schema ${r.schemaArn.split('/').pop()}); checking the file against it again.` });
    // the answer to the offer goes with the validation it followed (checked again next): the summary
    // of answers keeps the change on the dataset's line
    // (the names while the line fits 80 columns beside its label: "sandbox-shop-users [USERS], signup_score, is_vip added to its sche…" did not)
    const named = `${dataset.name} [${dataset.datasetType}], ${m.added.join(', ')} added to its schema`;
    const value = named.length > 64 && m.added.length > 1 ? `${dataset.name} [${dataset.datasetType}], ${m.added.length} columns added to its schema` : named;
    ctx.emit({ type: 'answered', step: 'dataset', screen: 'dataset', label: answerLabel('dataset', 'dataset'), value, inPlace: true });
    Object.assign(s.loaded, { report: undefined, reportsByMode: undefined });
    return { goto: 'validate' };
  },
};

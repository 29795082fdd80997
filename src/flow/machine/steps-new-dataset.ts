// Step 3b (issue #12): "＋ Create the dataset from my CSV". The CSV is picked first (the csv step),
// then the schema inferred from a bounded sample of it is shown as a review — every field with its
// Avro type, nullability, flags and the reason for each decision; the dataset type guessed from the
// columns; what blocks creating it (a domain's missing required fields …) and what to do; the
// header renames the file needs (done by "Fix and continue" after the dataset exists). Choices:
// create the schema and dataset, change a field (edits that keep the data valid), use an equal
// schema of the account, another dataset type, back. Then CreateSchema + CreateDataset, followed to
// ACTIVE, and the flow goes on to validate that CSV against the new dataset.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Dataset, DatasetType, Domain } from '../../core/resources.js';
import { BLOCKS_CREATE as BLOCKING, DatasetTypeUnknown, inferSchema, reservedFor, SAMPLE_BYTES, skippedText, toAvro, type InferredField } from '../../schema/index.js';
import { printable } from '../../schema/printable.js';
import { columnAt, placed } from '../../schema/usable.js';
import { visible } from '../../core/sanitize.js';
import { errnoCode, fileError } from '../../core/errors.js';
import { requiredFields } from '../../validate/fields.js';
import { createMissing, datasetNameFor, sameFields, schemaNameFor } from '../create.js';
import { describeSource, type CsvSource } from '../plan.js';
import { datasetBlockedReason, datasetDetails, groupKind } from '../queries.js';
import { answerLabel, frame } from './base.js';
import { createApiOf, createOptions, emitCreate, memoOf, type CreateMemo } from './steps-new.js';
import { nameChoice, namedByYou } from './steps-name-columns.js';
import { datesAskedLater } from './steps-dates.js';
import { fillDown, type FillDown } from '../../fix/fill-down.js';
import { magentoProblems } from '../../fix/store-views.js';
import { answerOrders, ordersChoices, ordersLines, shapeForFile } from './steps-orders.js';
import { isKept } from './keep-columns.js';
import { failingBlock, toReview } from './steps-new-dataset-check.js';
import { readPresent, takenReview } from './type-taken.js';
import type { Choice, FlowPorts, FlowState, Line, StepDef, StepModel } from './types.js';
import { withCommas } from '../../core/with-commas.js';

type DatasetMemo = NonNullable<CreateMemo['dataset']>;

/** The dataset types a group may hold (a Domain group: interactions, items, users). */
export function typesFor(domain: Domain | undefined): DatasetType[] {
  return domain ? ['INTERACTIONS', 'ITEMS', 'USERS'] : ['INTERACTIONS', 'ITEMS', 'USERS', 'ACTIONS', 'ACTION_INTERACTIONS'];
}

/** Problems that stop CreateSchema (or make the schema not match the file): not creatable as shown. */
const WIDER: Record<string, string[]> = { int: ['long', 'float', 'double', 'string'], long: ['float', 'double', 'string'], float: ['double', 'string'], double: ['string'], boolean: ['string'], string: [] };

const lower = (t: DatasetType) => t.toLowerCase().replace(/_/g, ' ');

async function openSource(src: CsvSource, p: FlowPorts): Promise<AsyncIterable<Uint8Array>> {
  if (src.kind === 'local') return createReadStream(src.path, { highWaterMark: 1 << 20 });
  let key = src.key;
  if (!key || key.endsWith('/')) {
    // a folder: its first object stands for the rest (they share the header)
    const first = (await p.s3.list(src.bucket, key)).find((o) => o.size > 0 && !o.key.endsWith('/'));
    if (!first) throw new Error(`nothing under ${describeSource(src)}`);
    key = first.key;
  }
  return p.s3.read(src.bucket, key);
}

/** The columns named (--map, or "Name the columns" for this file): part of what the inference is of. */
function mapOf(s: FlowState, d: DatasetMemo, src: string): Record<string, string> | undefined {
  return d.mapFor !== undefined && d.mapFor !== src ? undefined : s.answers.headerMap;
}
const keyOf = (src: string, type: string, map: Record<string, string> | undefined, s: FlowState) => `${src}|${type}${map ? `|${JSON.stringify(map)}` : ''}|${JSON.stringify([s.answers.eventType, leaving(s), s.answers.keep, s.answers.itemFromJson])}`;
/** The columns left out: those chosen ("Leave out N columns"), but a column kept (--keep, "Keep one of the columns left out…") */
const leaving = (s: FlowState) => s.answers.leaveOut?.filter((c) => !isKept(s.answers.keep, c)).map((c) => c.at);

/** Infers (again) when the file, the asked dataset type or the named columns changed; keeps the user's edits otherwise. */
async function ensureInferred(s: FlowState, p: FlowPorts, d: DatasetMemo): Promise<void> {
  const src = describeSource(s.answers.source!);
  // columns named for another file are not this one's (nor its fixed copy's)
  if (d.mapFor !== undefined && d.mapFor !== src) {
    delete s.answers.headerMap;
    d.mapFor = undefined;
  }
  shapeForFile(s, src);
  // the type guessed (or chosen) for another file is not this one's: its own columns say (Esc at the
  // review, then another file — an items export after an event log)
  if (d.typeFor !== undefined && d.typeFor !== src) Object.assign(d, { type: undefined, typeFor: undefined, inferred: undefined, fields: undefined, unknownType: false });
  const map = mapOf(s, d, src);
  if (d.of === keyOf(src, d.type ?? '', map, s) && (d.inferred || d.unknownType)) return;
  const domain = s.loaded.group?.domain;
  const shape = { ...(s.answers.eventType !== undefined ? { eventType: s.answers.eventType } : {}), ...(s.answers.leaveOut ? { leaveOut: leaving(s) } : {}), ...(s.answers.keep?.length ? { keep: s.answers.keep } : {}) };
  try {
    // read as the fixer reads it: a Shopify or WooCommerce products export's variant rows filled in from their product's (fill-down.ts)
    const filled: FillDown = { rows: 0, values: 0, ...(s.answers.itemFromJson ? { jsonItem: s.answers.itemFromJson } : {}) };
    const r = await inferSchema(fillDown(await openSource(s.answers.source!, p), filled), { ...(d.type ? { datasetType: d.type } : {}), ...(domain ? { domain } : {}), ...(map ? { map } : {}), ...shape, ambiguousKeep: 'warn' });
    // --keep color of a header naming color twice kept neither (the review's keep choice asks which)
    if (r.keepIgnored && s.answers.keep) s.answers.keep = s.answers.keep.filter((k) => !r.keepIgnored!.includes(k));
    r.problems.unshift(...magentoProblems(filled.magento)); // a Magento export's store-view rows: why they go
    // the type the columns said stays said so when only what is left out or added changed
    const before = d.inferred;
    if (before && before.datasetType === r.datasetType && !before.datasetTypeReason.startsWith('given') && r.datasetTypeReason.startsWith('given')) r.datasetTypeReason = before.datasetTypeReason;
    const fields = r.fields.map((f) => ({ ...f }));
    if (d.mapFor === src) namedByYou(fields);
    Object.assign(d, { inferred: r, unknownType: false, type: r.datasetType, typeFor: src, fields, of: keyOf(src, r.datasetType, map, s), editing: undefined });
    // a Segment export's anonymous_id (an identifier, usable.ts) is left out before the review, as import
    // --create and schema infer leave it out; "Keep the columns left out" (or "Keep one…") brings it back
    const ids = d.shapeFor === undefined && !s.answers.leaveOut ? r.unusable.filter((u) => u.kind === 'identifier' && !isKept(s.answers.keep, u)) : [];
    if (ids.length) {
      s.answers.leaveOut = ids.map(columnAt);
      d.shapeFor = src;
      return ensureInferred(s, p, d);
    }
  } catch (e) {
    if (errnoCode(e)) throw fileError(e, src, 'Working out the schema from');
    if (!(e instanceof DatasetTypeUnknown)) throw e;
    Object.assign(d, { inferred: undefined, unknownType: true, fields: undefined, of: keyOf(src, '', map, s) });
  }
}

function flagsText(f: InferredField): string {
  return [f.categorical ? 'categorical' : '', f.textual ? 'textual' : ''].filter(Boolean).join(', ');
}

/** A reason that only restates the field's Personalize type ("USER_ID is a string in Personalize"). */
const BOILERPLATE = /^\S+ is an? [\w ()]+ in Personalize( \(never categorical\))?\.?$/;

/**
 * The schema as a table: field, Avro type, nullable, flags, one row per field (it fits 80 columns);
 * under it, the reason for each decision that says more than the field's Personalize type
 * (every reason is in `schema infer --json` and under "Change a field").
 */
export function schemaTable(fields: InferredField[]): Line[] {
  // the name column as wide as its longest name, up to what leaves the rest of the row in 80 columns;
  // a longer name takes a row of its own, the type and flags under it (the columns stay aligned)
  const w = Math.min(40, Math.max(5, ...fields.map((f) => (f.name === f.column ? f.name : `${f.name} (column ${printable(f.column)})`).length)));
  const rows: Line[] = [{ text: `  ${'Field'.padEnd(w)}  ${'Type'.padEnd(7)}  ${'Nullable'.padEnd(8)}  Flags`, tone: 'bold' }];
  const why: Line[] = [];
  for (const f of fields) {
    const name = f.name === f.column ? f.name : `${f.name} (column ${printable(f.column)})`;
    if (name.length > w) rows.push({ text: `  ${name}` });
    rows.push({ text: `  ${(name.length > w ? '' : name).padEnd(w)}  ${f.type.padEnd(7)}  ${(f.nullable ? 'yes' : 'no').padEnd(8)}  ${flagsText(f) || '-'}` });
    // a name made valid ("Lineitem quantity" → LINEITEM_QUANTITY) is in the table already: its reason says the rest
    const reason = f.reason.replace(/^"[^"]*" is not a valid field name \([^)]*\); /, '');
    if (!BOILERPLATE.test(reason)) why.push({ text: `  ${reason.startsWith(`${f.name} `) ? '' : `${f.name}: `}${printable(reason)}`, tone: 'dim' });
  }
  return why.length ? [...rows, { text: 'Why:', tone: 'dim' }, ...why] : rows;
}

async function groupTypes(s: FlowState, p: FlowPorts): Promise<{ present: DatasetType[]; lacking: DatasetType[]; datasets: Dataset[] }> {
  const group = s.loaded.group!;
  const datasets = await readPresent(s, p);
  const present = datasets.map((x) => x.datasetType);
  return { present, lacking: typesFor(group.domain).filter((t) => !present.includes(t)), datasets };
}

/** Schemas of the account (same domain) whose fields equal these. */
async function equalSchemas(p: FlowPorts, domain: Domain | undefined, fields: InferredField[], type: DatasetType): Promise<{ arn: string; name: string }[]> {
  const api = createApiOf(p);
  if (!api) return [];
  const want = toAvro(type, fields);
  const out: { arn: string; name: string }[] = [];
  for (const x of (await api.listSchemas()).filter((x) => (x.domain ?? '') === (domain ?? '')).slice(0, 100)) {
    const full = await p.personalize.describeSchema(x.arn).catch(() => undefined);
    if (full && sameFields(full.avro, want)) out.push({ arn: x.arn, name: x.name });
  }
  return out;
}

const inferredKey = (s: FlowState, d: DatasetMemo) => {
  const src = describeSource(s.answers.source!);
  return keyOf(src, d.type ?? '', mapOf(s, d, src), s);
};

/** Reading the sample can take seconds (64 MB): a run step, so every face says what is going on. */
export const newDatasetInferStep: StepDef = {
  id: 'new-dataset-infer',
  screen: 'dataset',
  kind: 'run',
  applies: (s) => {
    const d = memoOf(s).dataset;
    return Boolean(d && !d.arn && s.answers.source && !(d.of === inferredKey(s, d) && (d.inferred || d.unknownType)));
  },
  async model(s) {
    return frame('new-dataset-infer', 'dataset', 'run', `Working out the schema from ${printable(describeSource(s.answers.source!))}`);
  },
  async run(s, p, ctx) {
    const src = s.answers.source!;
    const size = src.kind === 'local' ? await stat(src.path).then((x) => x.size, () => undefined) : undefined;
    const part = size !== undefined && size <= SAMPLE_BYTES ? 'the whole file' : `at most its first ${SAMPLE_BYTES / 1024 / 1024} MB`;
    ctx.emit({ type: 'note', tone: 'dim', text: `Working out the schema from ${printable(describeSource(src))} (${part})…` });
    await ensureInferred(s, p, memoOf(s).dataset!);
    // the group's types with the guess: a type it has already is said at once, never checked against a new schema
    await readPresent(s, p);
    return undefined;
  },
};

export const newDatasetStep: StepDef = {
  id: 'new-dataset',
  screen: 'dataset',
  kind: 'review',
  applies: (s) => Boolean(memoOf(s).dataset && !memoOf(s).dataset!.arn && s.answers.source),
  async model(s, p) {
    const d = memoOf(s).dataset!;
    const group = s.loaded.group!;
    const base = frame('new-dataset', 'dataset', 'review', 'Create this schema and dataset?', { flag: '--create' });
    if (d.arn) return { ...base, preset: { value: 'created', from: 'created in this run' }, describe: () => `dataset ${s.answers.datasetName} exists now` };
    await ensureInferred(s, p, d);
    const src = printable(describeSource(s.answers.source!));
    const { present, lacking, datasets } = await groupTypes(s, p);
    const unattended = { error: 'import: creating a dataset needs --create (with --dataset-group and --dataset-type).' };
    if (d.unknownType || !d.inferred || !d.fields || !d.type) {
      return {
        ...base,
        lines: [{ text: `The columns of ${src} do not say which dataset it is for (no USER_ID, ITEM_ID or ACTION_ID column, nor a common spelling of one).`, tone: 'warn' }],
        choices: [{ value: 'type', label: 'Choose the dataset type', description: lacking.map(lower).join(', ') }, { value: 'back', label: 'Back to the datasets' }],
        default: 'type',
        unattended,
      };
    }
    const r = d.inferred;
    const type = d.type;
    const fields = d.fields;
    // a group holds one dataset of each type: with that type taken, the review asked "Create schema
    // X-interactions-2 and dataset X-interactions?" and defaulted to "Name the columns" — what can be
    // done is importing into the dataset there (or another type, or another file); nothing of the
    // schema inferred for a second one applies (type-taken.ts)
    const taken = datasets.find((x) => x.datasetType === type);
    if (taken) return takenReview(base, p, { s, src, type, taken, lacking, reason: printable(r.datasetTypeReason), unattended });
    const schemas = createApiOf(p) ? await createApiOf(p)!.listSchemas() : [];
    const schemaName = schemaNameFor(group.name, type, schemas);
    const datasetName = datasetNameFor(group.name, type);
    const rows = withCommas(r.sample.rows);
    const read = `${r.sample.truncated ? `a sample: the first ${Math.round(r.sample.bytes / 1024 / 1024)} MB, ${rows} rows` : `the whole file, ${rows} rows`}${skippedText(r.sample)}`;
    const lines: Line[] = [
      { text: `Schema worked out from ${src} (${read}). Nothing is created yet.`, tone: 'dim' },
      { text: `Dataset type ${type}: ${printable(r.datasetTypeReason)}` },
      ...schemaTable(fields),
      ...ordersLines(r, s.answers.keep),
    ];
    const blocking: string[] = [];
    if (!typesFor(group.domain).includes(type)) blocking.push(`A ${group.domain} Domain group cannot hold a ${type} dataset: choose another dataset type, or use a Custom group.`);
    for (const x of r.problems.filter((x) => BLOCKING.has(x.code))) blocking.push(printable(x.message));
    // (the flag is `import`'s; here the choice below says it)
    for (const b of blocking) lines.push({ text: `✗ ${b.replace(/ \(--event-type [^;]*; in the wizard: “Add EVENT_TYPE”\)/, ': “Add EVENT_TYPE”, below')}`, tone: 'error' });
    const dataProblems = r.problems.filter((x) => x.severity === 'error' && !BLOCKING.has(x.code));
    for (const x of dataProblems) lines.push({ text: `! ${printable(x.code === 'TIMESTAMP_DATES' ? datesAskedLater(x.message) : x.message)}`, tone: 'warn' });
    const markers = dataProblems.some((x) => x.code === 'MISSING_MARKERS');
    const kinds = markers && dataProblems.every((x) => x.code === 'MISSING_MARKERS') ? 'missing-value markers, written empty' : `dates, milliseconds, case${markers ? ', missing-value markers' : ''}`;
    if (dataProblems.length) lines.push({ text: `  The schema can be created; validating the file against it next lists these rows, and “Fix and continue” repairs the kinds it can (${kinds}).`, tone: 'dim' });
    if (r.renames.length) {
      lines.push({ text: `! The CSV header must be renamed (${r.renames.map((x) => `${printable(x.column)} → ${x.field}`).join(', ')}): Personalize matches columns to fields by name.`, tone: 'warn' });
      lines.push({ text: '  After the dataset is created, the validation offers “Fix and continue”, which writes a copy of the file with the header renamed (your file is not changed).', tone: 'dim' });
    }
    for (const x of r.problems.filter((x) => x.severity === 'warning' && x.code !== 'HEADER_RENAME')) lines.push({ text: `· ${printable(x.message)}`, tone: 'dim' });
    // the account's schemas are described once per set of fields (not at every redraw)
    const fieldsKey = JSON.stringify([group.domain, toAvro(type, fields)]);
    if (!blocking.length && d.equal?.key !== fieldsKey) d.equal = { key: fieldsKey, schemas: await equalSchemas(p, group.domain, fields, type) };
    const equal = blocking.length ? [] : d.equal!.schemas;
    if (equal.length) lines.push({ text: `Schema ${visible(equal[0].name)} of this account has exactly these fields: it can be used instead of creating one.`, tone: 'dim' });
    const blocked = blocking.length ? blocking[0] : undefined;
    // the file would fail its import even fixed (checked before this review): said last, above the question
    const failing = blocked ? undefined : failingBlock(s, p);
    if (failing) lines.push(...failing.lines);
    // key fields missing, columns under names of their own: say which is which here (steps-name-columns.ts)
    const naming = r.problems.some((x) => x.code === 'MISSING_REQUIRED') ? nameChoice(fields, type, group.domain, r.looks) : undefined;
    if (naming) lines.push({ text: '  Or say here which column is which: “Name the columns” (your file is not changed).', tone: 'dim' });
    const orders = ordersChoices(r, s, requiredFields(type, group.domain));
    const choices: Choice[] = [
      ...(failing?.anonymous ? [failing.anonymous] : []),
      ...(failing ? [failing.again] : []),
      ...orders.first,
      { value: 'create', label: `Create schema and ${lower(type)} dataset${failing ? ' anyway' : ''}`, description: `schema ${schemaName}, dataset ${datasetName} in ${group.name} (${groupKind(group.domain)}), then wait for ACTIVE${failing ? '; this file cannot be imported as it is' : ''}`, ...(blocked ? { disabled: blocked } : {}) },
      ...(naming ? [naming] : []),
      ...orders.later,
      { value: 'field', label: 'Change a field', description: 'its type (wider types only), nullable, categorical or textual; or leave its column out' },
      { value: 'json', label: 'Show the Avro schema JSON', description: 'what CreateSchema is sent' },
      ...equal.map((x) => ({ value: `reuse:${x.arn}`, label: `Use existing schema ${visible(x.name)}`, description: 'the same fields: only the dataset is created' })),
      { value: 'type', label: `Another dataset type (now ${lower(type)})`, description: lacking.filter((t) => t !== type).length ? `this group can also take: ${lacking.filter((t) => t !== type).map(lower).join(', ')}` : 'this group has every other dataset type already' },
      { value: 'back', label: 'Back to the datasets (create nothing)' },
    ];
    return {
      ...base,
      question: failing ? failing.question : `Create schema ${schemaName} and dataset ${datasetName}?`,
      lines,
      choices,
      // a file with no time at all (a ratings file): nothing here supplies it — not an EVENT_TYPE, not a field's type
      default: failing ? (failing.anonymous ? failing.anonymous.value : 'again') : !orders.first.length && !naming && /No column holds times or dates/.test(blocked ?? '') ? 'back' : choices.find((c) => !c.disabled)!.value,
      unattended: naming ? { error: `${unattended.error} Columns under other names are named with --map <column>=FIELD (with --fix).` } : unattended,
      describe: (v) => (v === 'create' ? `schema ${schemaName} and dataset ${datasetName}` : v === 'create-anonymous' ? `schema ${schemaName} and dataset ${datasetName}; anonymous visitors by their anonymous_id` : v === 'again' ? 'another file' : v.startsWith('reuse:') ? `schema ${visible(equal.find((x) => `reuse:${x.arn}` === v)?.name ?? v)}` : v),
    };
  },
  async answer(s, v, p, ctx) {
    const d = memoOf(s).dataset!;
    if (v === 'created' || v === 'again') return { goto: 'csv' };
    if (v === 'json') {
      for (const text of JSON.stringify(toAvro(d.type!, d.fields!), null, 2).split('\n')) ctx.emit({ type: 'note', text: printable(text), tone: 'dim' });
      return { goto: 'new-dataset' };
    }
    if (v === 'back') {
      if (d.mapFor !== undefined) delete s.answers.headerMap;
      if (d.shapeFor !== undefined) shapeForFile(s, '');
      memoOf(s).dataset = undefined;
      return { goto: 'dataset' };
    }
    if (v === 'field') return { goto: 'new-dataset-field' };
    if (v === 'name') {
      d.naming = {};
      return { goto: 'new-dataset-name' };
    }
    if (v === 'type') return { goto: 'new-dataset-type' };
    if (v === 'keep-one') return { goto: 'new-dataset-keep' };
    // (the check before it found the copy passing only with them: steps-new-dataset-check.ts)
    if (v === 'create-anonymous') s.answers.anonymousIds = true;
    const shaped = d.inferred ? answerOrders(s, v, d.inferred) : false;
    if (shaped) return { goto: shaped === 'ask' ? 'new-dataset-event' : 'new-dataset-infer' };
    d.confirmed = v.startsWith('reuse:') ? { schemaArn: v.slice('reuse:'.length) } : {};
    return { goto: 'new-dataset-create' };
  },
};

export const newDatasetTypeStep: StepDef = {
  id: 'new-dataset-type',
  screen: 'dataset',
  kind: 'choose',
  applies: () => false,
  async model(s, p) {
    const d = memoOf(s).dataset!;
    const { present } = await groupTypes(s, p);
    const group = s.loaded.group!;
    const guessed = d.inferred && !d.inferred.datasetTypeReason.startsWith('given') ? d.inferred.datasetType : undefined;
    const choices: Choice[] = typesFor(group.domain).map((t) => ({
      value: t,
      label: `${lower(t)}${t === guessed ? ' (guessed from the columns)' : ''}`,
      description: `needs ${requiredFields(t, group.domain).join(', ')}`,
      ...(present.includes(t) ? { disabled: `${group.name} already has its ${t} dataset` } : {}),
    }));
    return frame('new-dataset-type', 'dataset', 'choose', 'Which dataset is this CSV for?', {
      lines: [{ text: 'The schema is worked out again for the type chosen (your changes to fields are dropped).', tone: 'dim' }],
      choices,
      default: choices.find((c) => c.value === d.type && !c.disabled)?.value ?? choices.find((c) => !c.disabled)?.value,
      flag: '--dataset-type',
      unattended: d.type ? { value: d.type } : { error: 'import: pass --dataset-type.' },
    });
  },
  async answer(s, v) {
    const d = memoOf(s).dataset!;
    if (v !== d.type || d.unknownType) Object.assign(d, { type: v as DatasetType, typeFor: describeSource(s.answers.source!), of: undefined, inferred: undefined, unknownType: false });
    return { goto: 'new-dataset-infer' };
  },
};

export const newDatasetFieldStep: StepDef = {
  id: 'new-dataset-field',
  screen: 'dataset',
  kind: 'choose',
  applies: () => false,
  async model(s) {
    const d = memoOf(s).dataset!;
    const choices = d.fields!.map((f) => ({ value: f.name, label: `${f.name}: ${f.type}${f.nullable ? ', nullable' : ''}${flagsText(f) ? `, ${flagsText(f)}` : ''}`, description: printable(f.reason) }));
    return frame('new-dataset-field', 'dataset', 'choose', 'Which field?', { choices, default: d.editing ?? choices[0]?.value, unattended: { error: 'import: fields are changed in the schema file (--schema).' } });
  },
  async answer(s, v) {
    memoOf(s).dataset!.editing = v;
    return { goto: 'new-dataset-field-edit' };
  },
};

/** The edits a field allows that keep the file valid against the schema (and the schema valid). */
export function fieldEdits(f: InferredField, original: InferredField | undefined, all: InferredField[], type: DatasetType, domain: Domain | undefined): Choice[] {
  const reserved = reservedFor(type, domain).includes(f.name);
  const required = requiredFields(type, domain).includes(f.name);
  const fixed = reserved ? `${f.name} has the type and flags Personalize fixes for it` : undefined;
  const out: Choice[] = [];
  for (const t of WIDER[f.type] ?? []) out.push({ value: `type:${t}`, label: `Type ${t}`, description: `every ${f.type} value is also a valid ${t}`, ...(fixed ? { disabled: fixed } : {}) });
  if (original && original.type !== f.type) out.push({ value: `type:${original.type}`, label: `Type ${original.type} (as inferred)` });
  if (f.nullable) {
    const sampleEmpty = original?.nullable;
    out.push({ value: 'nullable:no', label: 'Not nullable (every row must have a value)', ...(sampleEmpty ? { disabled: 'the file has empty values in this column' } : {}) });
  } else {
    out.push({ value: 'nullable:yes', label: 'Nullable (empty values allowed)', ...(required ? { disabled: `${f.name} is required in a ${type} dataset` } : {}) });
  }
  if (f.type === 'string') {
    out.push(f.categorical
      ? { value: 'categorical:no', label: 'Not categorical', ...(fixed ? { disabled: fixed } : {}) }
      : { value: 'categorical:yes', label: 'Categorical (values name categories; | separates several)', ...(fixed ? { disabled: fixed } : f.textual ? { disabled: 'a textual field is not categorical: unmark textual first' } : {}) });
    if (type === 'ITEMS') {
      const other = all.find((x) => x.textual && x.name !== f.name);
      out.push(f.textual
        ? { value: 'textual:no', label: 'Not textual' }
        : { value: 'textual:yes', label: 'Textual (free text Personalize reads)', ...(fixed ? { disabled: fixed } : other ? { disabled: `${other.name} is the textual field (Items have at most one)` } : f.categorical ? { disabled: 'a categorical field is not textual: unmark categorical first' } : {}) });
    }
  }
  return out;
}

export const newDatasetFieldEditStep: StepDef = {
  id: 'new-dataset-field-edit',
  screen: 'dataset',
  kind: 'choose',
  applies: () => false,
  async model(s) {
    const d = memoOf(s).dataset!;
    const f = d.fields!.find((x) => x.name === d.editing)!;
    const original = d.inferred?.fields.find((x) => x.name === f.name);
    // a column of its own (not a field Personalize names, not one the copy adds) may be left out: the
    // way to pick which ones go when more remain than the dataset takes (TOO_MANY_FIELDS)
    const own = !reservedFor(d.type!, s.loaded.group?.domain).includes(f.name) && f.added === undefined;
    const choices = [
      ...fieldEdits(f, original, d.fields!, d.type!, s.loaded.group?.domain),
      ...(own ? [{ value: 'leave-out', label: 'Leave this column out', description: `${placed(f, printable)}: not in the schema, dropped from the copy “Fix and continue” writes${f.twice ? ' (the other column of that name stays)' : ''}` }] : []),
      { value: 'keep', label: 'Leave it as it is' },
    ];
    return frame('new-dataset-field-edit', 'dataset', 'choose', `Change ${f.name} (${f.type}${f.nullable ? ', nullable' : ''}${flagsText(f) ? `, ${flagsText(f)}` : ''})`, {
      lines: [{ text: `Why it is so: ${printable(f.reason)}`, tone: 'dim' }],
      choices,
      default: choices.find((c) => !c.disabled)?.value,
      unattended: { error: 'import: fields are changed in the schema file (--schema).' },
    });
  },
  async answer(s, v, p) {
    const d = memoOf(s).dataset!;
    const f = d.fields!.find((x) => x.name === d.editing)!;
    if (v === 'leave-out') {
      // with the columns left out so far (the proposed ones once chosen), worked out again
      // by its place: of a header naming color twice, this one goes and the other stays (the fixer's copy too)
      s.answers.leaveOut = [...(s.answers.leaveOut ?? []).filter((c) => c.at !== f.at), columnAt(f)];
      d.shapeFor = describeSource(s.answers.source!);
      d.of = undefined;
      return { goto: 'new-dataset-infer' };
    }
    if (!/^(type|nullable|categorical|textual):/.test(v)) return { goto: 'new-dataset' };
    const [what, to] = v.split(':');
    if (what === 'type') f.type = to as InferredField['type'];
    if (what === 'nullable') f.nullable = to === 'yes';
    if (what === 'categorical') f.categorical = to === 'yes';
    if (what === 'textual') f.textual = to === 'yes';
    if (what === 'type' && to !== 'string') f.categorical = f.textual = false;
    f.reason = `${f.reason.replace(/; changed by you: .*$/, '')}; changed by you: ${v.replace(':', ' ')}`;
    return { goto: toReview(s, p) };
  },
};

export const newDatasetCreateStep: StepDef = {
  id: 'new-dataset-create',
  screen: 'dataset',
  kind: 'run',
  sideEffect: true,
  consent: 'new-dataset',
  applies: (s) => Boolean(memoOf(s).dataset?.confirmed && !memoOf(s).dataset?.arn),
  async model(s) {
    return frame('new-dataset-create', 'dataset', 'run', `Creating the ${memoOf(s).dataset!.type} dataset`);
  },
  async run(s, p, ctx) {
    const d = memoOf(s).dataset!;
    const group = s.loaded.group!;
    const type = d.type!;
    const schema = toAvro(type, d.fields!);
    const r = await createMissing(createApiOf(p)!, {
      group: { arn: group.arn },
      dataset: { type, schema, name: datasetNameFor(group.name, type), ...(d.confirmed!.schemaArn ? { schemaArn: d.confirmed!.schemaArn } : { freshSchema: true }) },
    }, createOptions(p, ctx, emitCreate(ctx)));
    d.arn = r.datasetArn;
    // a column the schema named from its values (H&M's t_dat, the only dates: TIMESTAMP): "Fix and continue" renames it as a column named with --map
    const named = Object.entries(d.inferred?.named ?? {}).filter(([c, f]) => d.fields!.some((x) => x.column === c && x.name === f));
    if (named.length) s.answers.headerMap = { ...Object.fromEntries(named), ...s.answers.headerMap };
    const dataset = await p.personalize.describeDataset(r.datasetArn!);
    Object.assign(s.answers, { datasetArn: dataset.arn, datasetName: dataset.name, datasetType: dataset.datasetType });
    s.loaded.details = await datasetDetails(p.personalize, dataset, group.domain);
    s.loaded.attributions = [];
    Object.assign(s.loaded, { report: undefined, reportsByMode: undefined });
    s.doc.datasetArn = dataset.arn;
    s.doc.created = { ...((s.doc.created as object) ?? {}), ...r.created };
    ctx.emit({ type: 'note', tone: 'ok', text: `✔ Dataset ${dataset.name} [${dataset.datasetType}] is ${dataset.status}; now the file is checked against its schema.` });
    // the dataset step was answered "＋ Create the dataset from my CSV": the summary names the dataset it made instead
    ctx.emit({ type: 'answered', step: 'dataset', screen: 'dataset', label: answerLabel('dataset', 'dataset'), value: `${dataset.name} [${dataset.datasetType}] (created)`, inPlace: true });
    return undefined;
  },
};

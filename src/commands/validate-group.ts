// `validate --with items.csv --with users.csv interactions.csv`: every file validated against its
// schema (the dataset's when --dataset-arn / --dataset-group names the group, --schema for the first
// file, else the schema inferred from the file), then the cross-file checks (src/crossfile) in one
// report. Exit 0 when every file is valid (cross-file findings are warnings), 1 when one is not.
import { writeFitted } from '../core/fit.js';
import { EXIT } from '../core/exit-codes.js';
import { fsReason, usageError } from '../core/errors.js';
import { visible } from '../core/sanitize.js';
import type { CommandContext } from '../cli/context.js';
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';
import type { SchemaModel } from '../validate/schema.js';
import type { PersonalizeApi } from '../core/ports.js';
import { renderCrossFile, type CrossFileReport } from '../crossfile/index.js';
import { renderReport } from './validate-report.js';
import { crossCheckFiles, resolveGroupFiles, validateGroupFiles, type FileCheck, type SchemaSource } from './group-files.js';

export interface GroupValues {
  with?: string[];
  schema?: string;
  'dataset-arn'?: string;
  'dataset-group'?: string;
  'dataset-type'?: string;
  /** EVENT_TYPE with this value in every row of the interactions file's inferred schema */
  'event-type'?: string;
  /** columns the inferred schemas would leave out, kept */
  keep?: string[];
  json?: boolean;
}

/** the schemas of a dataset group's datasets, by type, fetched once */
async function groupSchemas(personalize: PersonalizeApi, groupArn: string): Promise<Map<DatasetType, { schema: SchemaModel; from: string }>> {
  const { parseSchema } = await import('../validate/schema.js');
  const out = new Map<DatasetType, { schema: SchemaModel; from: string }>();
  for (const d of await personalize.listDatasets(groupArn)) {
    const ds = d.schemaArn ? d : await personalize.describeDataset(d.arn);
    if (!ds.schemaArn) continue;
    const sch = await personalize.describeSchema(ds.schemaArn);
    out.set(ds.datasetType, { schema: parseSchema(sch.raw ?? JSON.stringify(sch.avro), `the schema of ${ds.arn}`), from: `the dataset ${ds.arn}` });
  }
  return out;
}

export async function validateGroup(
  values: GroupValues,
  input: string,
  o: { ctx: CommandContext; signal: AbortSignal; domain?: Domain; mode: ImportMode; getPersonalize: () => Promise<PersonalizeApi> },
): Promise<number> {
  const { io } = o.ctx;
  if (values['dataset-arn'] && values['dataset-group']) throw usageError('validate: pass --dataset-arn or --dataset-group, not both.');
  const first = values['dataset-type'] ? `${values['dataset-type']}=${input}` : input;
  const files = await resolveGroupFiles([{ spec: first, flag: 'validate' }, ...(values.with ?? []).map((spec) => ({ spec, flag: '--with' }))], io.cwd, (line) => io.stderr.write(`${line}\n`));
  const notes: string[] = [];
  let domain = o.domain;

  // the schemas known from a dataset group
  let known = new Map<DatasetType, { schema: SchemaModel; from: string }>();
  if (values['dataset-arn'] || values['dataset-group']) {
    const personalize = await o.getPersonalize();
    let groupArn: string | undefined;
    if (values['dataset-arn']) {
      const ds = await personalize.describeDataset(values['dataset-arn']);
      groupArn = ds.datasetGroupArn;
      if (ds.datasetType !== files[0].type) notes.push(`${files[0].path} looks like ${files[0].type} but --dataset-arn is the ${ds.datasetType} dataset: it is checked against the ${files[0].type} dataset of the group, if any.`);
    } else {
      const g = values['dataset-group']!;
      const group = (await personalize.listDatasetGroups()).find((x) => x.name === g || x.arn === g);
      if (!group) throw usageError(`validate: there is no dataset group named ${visible(g)} here.`, 'Check the name and --region; leave --dataset-group out to check against schemas inferred from the files.');
      groupArn = group.arn;
    }
    if (groupArn) {
      known = await groupSchemas(personalize, groupArn);
      if (!domain) domain = (await personalize.describeDatasetGroup(groupArn)).domain;
    }
  }
  let given: { schema: SchemaModel; from: string } | undefined;
  if (values.schema) {
    const { readFile } = await import('node:fs/promises');
    const { parseSchema } = await import('../validate/schema.js');
    let text: string;
    try {
      text = await readFile(values.schema, 'utf8');
    } catch (e) {
      throw usageError(`--schema ${visible(values.schema)}: ${fsReason(e)}`, 'Pass the path of a file holding the Avro schema JSON.');
    }
    given = { schema: parseSchema(text, `--schema ${values.schema}`), from: `--schema ${values.schema}` };
  }
  const schemaFor: SchemaSource = async (f) => (f === files[0] && given ? given : known.get(f.type));

  const { eventTypeFlag } = await import('../schema/usable.js');
  const eventType = eventTypeFlag('validate', values['event-type']);
  const shape = { ...(eventType !== undefined ? { eventType } : {}), ...(values.keep?.length ? { keep: values.keep } : {}) };
  const stderrTty = Boolean((io.stderr as NodeJS.WriteStream).isTTY);
  const checks = await validateGroupFiles(files, {
    schemaFor, domain, mode: o.mode, signal: o.signal, shape,
    onFile: (f) => {
      if (stderrTty && !values.json) io.stderr.write(`Checking ${visible(f.path)}…\r`);
    },
  });
  if (stderrTty && !values.json) io.stderr.write('\r\x1b[2K');
  const cross = await crossCheckFiles(files, o.signal, checks);
  // the inferred schemas: what they leave out (with why), EVENT_TYPE added, what blocks one
  const { leftOutLines, eventTypeMissing } = await import('./import-group-shape.js');
  const missing = eventTypeMissing(checks, eventType);
  const shaped = [...leftOutLines(checks, false).filter(Boolean), ...(missing ? [`${missing.path} has no event type column, which ${domain ?? 'Domain'} interactions need. Every row one event (an order export: a purchase)? Pass --event-type ${missing.value}: its inferred schema gets EVENT_TYPE (import … --fix writes the column into a copy).`] : [])];
  const valid = checks.every((c) => c.report.valid);
  if (values.json) {
    const doc = {
      valid,
      files: checks.map((c) => ({ file: c.file.path, ...c.report, datasetType: c.file.type, datasetTypeReason: c.file.typeReason, schemaFrom: c.schemaFrom, ...(c.leftOut ? { leftOut: c.leftOut } : {}), ...(c.add ? { added: c.add } : {}) })),
      crossFile: cross.report ?? null,
      ...(cross.skipped ? { crossFileSkipped: cross.skipped } : {}),
      notes,
    };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    writeFitted(io.stdout, renderGroup(checks, cross, [...notes], shaped));
  }
  return valid ? EXIT.OK : EXIT.FAILED;
}

export function renderGroup(checks: FileCheck[], cross: { report?: CrossFileReport; skipped?: string }, notes: string[], shaped: string[] = []): string {
  const parts: string[] = [];
  for (const c of checks) parts.push(`── ${visible(c.file.path)}: ${c.file.type} (${visible(c.file.typeReason)})\n${renderReport(c.report, c.file.path, [`schema: ${c.schemaFrom}`])}`);
  for (const n of notes) parts.push(`note: ${visible(n)}\n`);
  // (lines made visible by leftOutLines)
  if (shaped.length) parts.push(`${shaped.map((l) => (/^ /.test(l) ? l : `── ${l}`)).join('\n')}\n`);
  if (cross.report) parts.push(`── ${renderCrossFile(cross.report)}`);
  else if (cross.skipped) parts.push(`── Across the files: not checked — ${visible(cross.skipped)}\n`);
  const bad = checks.filter((c) => !c.report.valid).length;
  const warn = cross.report?.findings.length ?? 0;
  const files = `${bad === 0 ? `✓ ${checks.length === 1 ? 'the file is' : checks.length === 2 ? 'both files are' : `all ${checks.length} files are`} valid` : `✗ ${bad} of ${checks.length} files ${bad === 1 ? 'is' : 'are'} invalid`}`;
  parts.push(`${files}${cross.report ? `; across the files ${warn === 0 ? 'the IDs match' : `${warn} warning${warn === 1 ? '' : 's'}`}` : ''}.\n`);
  return parts.join('\n');
}

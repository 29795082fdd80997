// Several CSVs of one dataset group (issue #19), the core half: what a file of the group is, its
// validation against its schema (the dataset's, or the one inferred to create it) and the cross-file
// checks (src/crossfile). Shared by `validate --with`, `import --csv TYPE=FILE …`
// (src/commands/group-files.ts, which resolves the flags' files) and the wizard's several-files
// steps (src/flow/machine/steps-several.ts). Core: no SDK, no UI.
import { createReadStream } from 'node:fs';
import { isAppError, errnoCode, fileError } from '../core/errors.js';
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';
import type { ValidationReport } from '../validate/engine.js';
import type { SchemaModel } from '../validate/schema.js';
import type { CrossFileReport } from '../crossfile/index.js';
import type { InferProblem } from '../schema/index.js';
import type { Unusable } from '../schema/usable.js';

export interface GroupFile {
  /** as given (shown in messages) */
  path: string;
  /** resolved against the working folder */
  abs: string;
  size: number;
  type: DatasetType;
  /** why this type: "given (items=…)" or the columns' reason */
  typeReason: string;
  /** the flag that named it (--with, --csv, the positional) */
  flag: string;
}

const TYPES: Record<string, DatasetType> = { interactions: 'INTERACTIONS', items: 'ITEMS', users: 'USERS', actions: 'ACTIONS', 'action-interactions': 'ACTION_INTERACTIONS', action_interactions: 'ACTION_INTERACTIONS' };

/** "items=b.csv" → type and path; "b.csv" → path (a path may hold "=": only a known type before it counts) */
export function splitSpec(spec: string): { type?: DatasetType; path: string } {
  const i = spec.indexOf('=');
  if (i > 0) {
    const t = TYPES[spec.slice(0, i).toLowerCase()];
    if (t) return { type: t, path: spec.slice(i + 1) };
  }
  return { path: spec };
}

export interface FileCheck {
  file: GroupFile;
  /** where the schema came from: "the dataset arn:…", "--schema x.json", "inferred from the file" */
  schemaFrom: string;
  /** the schema it was validated against (the wizard's fix step fixes it against the same) */
  schema: SchemaModel;
  report: ValidationReport;
  /** a schema inferred here: the columns it leaves out (personal data, one value in every row …; the fix drops them) */
  leftOut?: Unusable[];
  /** a schema inferred here: the columns it would leave out that are kept (--keep, the wizard's "Keep one of the columns left out…") */
  kept?: Unusable[];
  /** a schema inferred here: fields the file has no column for, written by the fix with one value (EVENT_TYPE: --event-type) */
  add?: Record<string, string>;
  /** a schema inferred here: what blocks creating it (a domain's required field no column holds …) */
  blocking?: InferProblem[];
  /** a schema inferred here: an interactions file of orders lacks EVENT_TYPE — the value every row could get */
  eventTypeDefault?: string;
  /** a schema inferred here: columns named from their values (the only dates of interactions: TIMESTAMP) — the fix renames them as --map's */
  named?: Record<string, string>;
}

/**
 * What the inference of a new dataset's schema is told for several files: EVENT_TYPE with one value in
 * every row of the interactions file (--event-type; an order export: purchase), and columns it would
 * leave out that are kept (--keep). Columns Personalize cannot use or should not get are left out.
 */
export interface InferShape {
  eventType?: string;
  keep?: string[];
}

/** a schema per file: the group's dataset of its type when known, else inferred from the file */
export type SchemaSource = (f: GroupFile) => Promise<{ schema: SchemaModel; from: string } | undefined>;

/** The inference's options for a file of the group (the shape given: EVENT_TYPE for the interactions file only). */
export function inferOptions(f: Pick<GroupFile, 'type'>, domain: Domain | undefined, shape: InferShape = {}) {
  const eventful = f.type === 'INTERACTIONS' || f.type === 'ACTION_INTERACTIONS';
  return { datasetType: f.type, ...(domain ? { domain } : {}), leaveOut: 'proposed' as const, ...(shape.keep?.length ? { keep: shape.keep } : {}), ...(eventful && shape.eventType !== undefined ? { eventType: shape.eventType } : {}) };
}

/** The schema inferred from the file's columns (as `import --create` would create it), with what it leaves out and adds. */
export async function inferredSchema(f: GroupFile, domain?: Domain, shape?: InferShape): Promise<{ schema: SchemaModel; from: string } & Pick<FileCheck, 'leftOut' | 'kept' | 'add' | 'blocking' | 'eventTypeDefault' | 'named'>> {
  const { inferSchema, BLOCKS_CREATE } = await import('../schema/infer.js');
  const { parseSchema } = await import('../validate/schema.js');
  // a Shopify products export is read as the fixer will write it: its later variants with their product's columns
  const { fillDown } = await import('../fix/fill-down.js');
  const raw = createReadStream(f.abs, { highWaterMark: 1 << 20 });
  const r = await inferSchema(f.type === 'ITEMS' ? fillDown(raw, { rows: 0, values: 0 }) : raw, inferOptions(f, domain, shape));
  const added = r.fields.filter((x) => x.added !== undefined);
  const kept = r.unusable.filter((u) => !r.leftOut.some((l) => l.column === u.column));
  const blocking = r.problems.filter((p) => p.severity === 'error' && BLOCKS_CREATE.has(p.code));
  return {
    schema: parseSchema(JSON.stringify(r.schema), `the schema inferred from ${f.path}`), from: 'inferred from its columns, as there is no dataset yet',
    ...(r.leftOut.length ? { leftOut: r.leftOut } : {}), ...(kept.length ? { kept } : {}), ...(added.length ? { add: Object.fromEntries(added.map((x) => [x.name, x.added!])) } : {}),
    ...(blocking.length ? { blocking } : {}), ...(r.eventTypeDefault ? { eventTypeDefault: r.eventTypeDefault } : {}), ...(r.named ? { named: r.named } : {}),
  };
}

/** Validates each file against its schema, one after the other. */
export async function validateGroupFiles(files: GroupFile[], o: { schemaFor: SchemaSource; domain?: Domain; mode: ImportMode | ((f: GroupFile) => ImportMode); signal?: AbortSignal; onFile?: (f: GroupFile) => void; shape?: InferShape }): Promise<FileCheck[]> {
  const { validateCsv } = await import('../validate/engine.js');
  const { availableParallelism } = await import('node:os');
  const out: FileCheck[] = [];
  for (const f of files) {
    o.onFile?.(f);
    const known = await o.schemaFor(f);
    const { schema, from, ...inferred } = known ?? (await inferredSchema(f, o.domain, o.shape));
    let report: ValidationReport;
    try {
      report = await validateCsv([{ name: f.path, path: f.abs, size: f.size, open: () => createReadStream(f.abs, { highWaterMark: 1 << 20 }) }], {
        schema, datasetType: f.type, domain: o.domain, mode: typeof o.mode === 'function' ? o.mode(f) : o.mode, totalBytes: f.size, signal: o.signal, workers: Math.min(2, availableParallelism()),
      });
    } catch (e) {
      if (!isAppError(e) && errnoCode(e)) throw fileError(e, f.path, 'reading');
      throw e;
    }
    out.push({ file: f, schemaFrom: from, schema, report, ...inferred });
  }
  return out;
}

/** The cross-file checks of the group's files; undefined (with the reason) without an interactions file or a catalog. */
export async function crossCheckFiles(files: GroupFile[], signal?: AbortSignal, checks?: FileCheck[]): Promise<{ report?: CrossFileReport; skipped?: string }> {
  const by = (t: DatasetType) => files.find((f) => f.type === t);
  const interactions = by('INTERACTIONS');
  const items = by('ITEMS');
  const users = by('USERS');
  if (!interactions) return { skipped: 'no interactions file: the cross-file checks compare the interactions with the items and users files.' };
  if (!items && !users) return { skipped: 'no items or users file to compare the interactions with.' };
  // a value over several lines (a product description, a note): the checks read a record a line, so
  // they would read its IDs from the wrong column — the fixed copy, its lines joined, is checked instead
  const multiline = (checks ?? []).filter((c) => files.includes(c.file) && c.report.errors.some((i) => i.code === 'UNTERMINATED_QUOTE')).map((c) => c.file.path);
  if (multiline.length) return { skipped: `${multiline.join(', ')} ${multiline.length === 1 ? 'has values' : 'have values'} over several lines, which the check would misread (it reads a record a line); the fixer joins them, and its ${multiline.length === 1 ? 'copy is' : 'copies are'} checked.` };
  const { crossCheck, fileSource } = await import('../crossfile/index.js');
  const src = (f: GroupFile) => fileSource(f.abs, f.path, signal);
  const report = await crossCheck({ interactions: src(interactions), ...(items ? { items: src(items) } : {}), ...(users ? { users: src(users) } : {}), signal });
  return { report };
}

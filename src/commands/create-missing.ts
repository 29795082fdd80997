// Command-side glue for `--create` (import, and the plain front ends): works out what is missing
// with src/flow/create.ts (decideCreate), gets the schema (from --schema, or inferred from the CSV
// and printed with its reasons), creates what is missing (createMissing) and prints each step as a
// line. Loaded lazily by the commands that use it; the SDK comes in through the ports only.
import { fittedWriter } from '../core/fit.js';
import { shellQuote } from '../access/render.js';
import { AppError, usageError } from '../core/errors.js';
import type { Clock } from '../core/ports.js';
import type { AvroRecordSchema, DatasetType, Domain } from '../core/resources.js';
import type { ColumnAt } from '../schema/usable.js';
import { createMissing, decideCreate, type CreateApi, type CreateEvent, type CreateResult } from '../flow/create.js';

export interface EnsureOptions {
  personalize: CreateApi;
  /** --dry-run: check, infer and say what would be created; create nothing */
  dryRun?: boolean;
  /** human lines (stderr with --json) */
  out: NodeJS.WritableStream;
  clock: Clock;
  groupName: string;
  datasetType: DatasetType;
  domain?: Domain;
  kmsKeyArn?: string;
  /** --create was given (or the user said yes on a terminal) */
  create: boolean;
  /** --schema <file>: the Avro JSON or a describe-schema output */
  schemaFile?: string;
  /**
   * --fix or --fix-rejects was given: the header renames and date / millisecond values the fixer
   * repairs do not stop the creation — the fix step writes the copy after the dataset exists, as the
   * wizard does (a row problem the fixer cannot repair, e.g. an empty USER_ID, still stops it: the
   * fix would not be offered, and the import would fail after creating)
   */
  fix?: boolean;
  /**
   * --fix-rejects was given: besides, rows the fixer cannot repair (a word where a number goes, a
   * value too many, an empty required value) do not stop the creation either — the fix step sets
   * them aside in the rejects file, as the wizard does with consent
   */
  fixRejects?: boolean;
  /** --map column=FIELD: the inferred schema's names for those columns (the fix step renames them alike) */
  map?: Record<string, string>;
  /** columns the inference named from their values (the only date column of interactions: TIMESTAMP): the fix step must rename them as --map's */
  onNamed?: (named: Record<string, string>) => void;
  /** without --dates, the order the file's own dates prove (a value only it reads): the fix step converts with it */
  onDates?: (order: 'day-first' | 'month-first') => void;
  /** the command takes --map (single-file import): a missing required column's hint names it */
  mapFlag?: boolean;
  /** --dates: the order the fix step reads dates in numbers only with (without it they are not converted) */
  dates?: 'day-first' | 'month-first';
  /** --event-type: the inferred schema gets EVENT_TYPE, and the fix step adds the column with this value */
  eventType?: string;
  /** --keep: columns the inference would leave out (an e-mail, an order number …) kept in the schema */
  keep?: string[];
  /** --user-id-from: a Segment export's rows without a user_id read with their anonymous_id (the fix step writes them so) */
  anonymousIds?: boolean;
  /** --item-id-from: a Mixpanel export's ITEM_ID taken out of its JSON column (the fix step appends the column) */
  jsonItem?: import('../fix/mixpanel.js').JsonItem;
  /** why this dataset type, when the caller worked it out (the CSV's columns) rather than was given it */
  typeReason?: string;
  /** the CSV to infer from when there is no --schema */
  csv?: { name: string; open(): Promise<AsyncIterable<Uint8Array>> };
  /**
   * record by record (import --individually): there is no fix step after the creation, so a header to
   * rename or a value the fixer repairs stops it, and the hint names `fix` instead of --fix
   */
  noFixStep?: boolean;
  /**
   * called once the schema is known and before anything is created: a reason the run would fail
   * after creating (the file invalid against that schema, no consent for an event tracker) throws
   * here, so nothing is created. `groupArn` is the existing group's, undefined when it is created too
   */
  beforeCreate?: (schema: AvroRecordSchema, groupArn: string | undefined) => Promise<void>;
  signal?: AbortSignal;
  pollMs?: number;
}

export interface EnsureResult {
  datasetGroupArn?: string;
  datasetArn?: string;
  /** --dry-run: what --create would make (nothing was) */
  dryRun?: import('../flow/create.js').CreatePlan;
  created: CreateResult['created'];
  /** columns the inferred schema left out, by their places: the fix step drops them from the copy */
  leftOut?: ColumnAt[];
}

function eventLine(e: CreateEvent): string {
  const what = (r: string) => (r === 'dataset-group' ? 'dataset group' : r);
  switch (e.kind) {
    case 'creating':
      return `Creating ${what(e.resource)} ${e.name}…`;
    case 'created':
      return `  created ${e.arn}`;
    case 'reused':
      return `Using ${what(e.resource)} ${e.name}: ${e.why}.`;
    case 'status':
      return `  ${what(e.resource)} ${e.status}${e.elapsedMs >= 1000 ? ` (${Math.round(e.elapsedMs / 1000)} s)` : ''}`;
    case 'updating':
      return `Adding ${e.added.join(', ')} with schema ${e.schemaName}…`;
  }
}

async function schemaFor(o: EnsureOptions): Promise<{ schema: AvroRecordSchema; leftOut?: ColumnAt[] }> {
  const w = fittedWriter(o.out);
  if (o.schemaFile) {
    const { readFile } = await import('node:fs/promises');
    let text: string;
    try {
      text = await readFile(o.schemaFile, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw usageError(`--schema ${o.schemaFile}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`, 'Pass the path of a file holding the Avro schema JSON (e.g. from personalize-import schema infer).');
    }
    const { parseSchema } = await import('../validate/schema.js');
    const model = parseSchema(text, `--schema ${o.schemaFile}`);
    const { toAvro } = await import('../schema/infer.js');
    w.write(`Schema from ${o.schemaFile} (${model.fields.length} fields).\n`);
    return { schema: toAvro(o.datasetType, model.fields) };
  }
  if (!o.csv) throw usageError(`No schema for the new ${o.datasetType} dataset.`, 'Pass --schema <file>, or --csv <file> to infer it from the data.');
  const { inferSchema, DatasetTypeUnknown } = await import('../schema/infer.js');
  const { explain } = await import('../schema/explain.js');
  const { printable } = await import('../schema/printable.js');
  const { columnAt, placed } = await import('../schema/usable.js');
  let inferred;
  try {
    // an items file is read as the fixer will write it (fill-down.ts: a Shopify or WooCommerce products
    // export's variants filled in, a Magento one's store-view rows left out and said so), and so is an
    // analytics export asked so (--user-id-from: the anonymous visitors' USER_ID; --item-id-from: ITEM_ID)
    const { fillDown } = await import('../fix/fill-down.js');
    const filled: import('../fix/fill-down.js').FillDown = { rows: 0, values: 0, ...(o.anonymousIds ? { anonymous: 0 } : {}), ...(o.jsonItem ? { jsonItem: o.jsonItem } : {}) };
    inferred = await inferSchema(o.datasetType === 'ITEMS' || o.anonymousIds || o.jsonItem ? fillDown(await o.csv.open(), filled) : await o.csv.open(), { datasetType: o.datasetType, domain: o.domain, map: o.map, leaveOut: 'proposed', ...(o.keep ? { keep: o.keep } : {}), ...(o.eventType !== undefined ? { eventType: o.eventType } : {}), ...(o.anonymousIds ? { anonymousFilled: true } : {}) });
    inferred.problems.unshift(...(await import('../fix/store-views.js')).magentoProblems(filled.magento));
  } catch (e) {
    if (e instanceof DatasetTypeUnknown) throw usageError(`Cannot infer a schema from ${o.csv.name}.`, 'Pass --schema <file>.');
    throw e;
  }
  // dates in numbers only (01.11.2026) are fixed only in the order --dates gives: without it, every row
  // would be set aside after the dataset was created — unless the file says it: a date only one order
  // reads (12/13/2009: the 13th) and none read only the other; the problem then says so, not "pass --dates"
  let dates = o.dates;
  const time = inferred.fields.find((f) => f.name === 'TIMESTAMP' || f.name === 'CREATION_TIMESTAMP');
  const vague = inferred.problems.find((p) => p.code === 'TIMESTAMP_DATES' && /pass --dates /.test(p.message));
  if (!dates && o.fix && time && vague) {
    const { dateEvidence, provenOrder } = await import('../flow/date-order.js');
    const e = await dateEvidence(await o.csv.open(), time.column).catch(() => undefined);
    dates = provenOrder(e);
    const proof = dates === 'day-first' ? e?.dayFirst : e?.monthFirst;
    if (dates && proof) {
      o.onDates?.(dates);
      vague.message = vague.message.replace(/ Convert them: .*$/, ` They are written ${dates === 'day-first' ? 'day' : 'month'} first: line ${proof.line} has ${printable(proof.value)}, which only that order reads (${(dates === 'day-first' ? proof.dayFirst : proof.monthFirst) ?? ''}), and no value ${e?.whole ? 'of the file' : 'in its first 16 MiB'} reads only the other — --fix converts them so (as --dates ${dates}; read as UTC where they name no zone).`);
    }
  }
  // the type was worked out by the caller (from the columns), not given: the explanation says so
  if (o.typeReason && inferred.datasetTypeReason.startsWith('given')) inferred.datasetTypeReason = o.typeReason;
  w.write(explain(inferred, o.csv.name, { forImport: true }));
  if (inferred.named) o.onNamed?.(inferred.named);
  const { FIXED_BY_FIX, SET_ASIDE_BY_FIX } = await import('../schema/infer.js');
  const errors = inferred.problems.filter((p) => p.severity === 'error');
  // what stops the schema itself, and row problems --fix would not repair (--fix-rejects sets them aside)
  const orderMissing = (p: { code: string; message: string }) => p.code === 'TIMESTAMP_DATES' && !dates && /pass --dates /.test(p.message);
  const stopping = errors.filter((p) => !(o.fix && FIXED_BY_FIX.has(p.code) && !orderMissing(p)) && !(o.fixRejects && SET_ASIDE_BY_FIX.has(p.code) && !orderMissing(p)));
  const repairable = errors.filter((p) => FIXED_BY_FIX.has(p.code));
  const renames = inferred.renames.map((r) => `${printable(r.column)} → ${r.field}`).join(', ');
  const fixCmd = `personalize-import fix ${o.csv.name} --schema <schema.json> writes a repaired copy to send; schema infer gives the schema`;
  // EVENT_TYPE is all a domain's interactions lack (an order export): --event-type gives every row one
  const eventOnly = (p: { code: string; message: string }) => p.code === 'MISSING_REQUIRED' && / no column for EVENT_TYPE\./.test(p.message);
  const eventValue = inferred.eventTypeDefault ?? '<value>';
  if (stopping.length && !o.noFixStep && stopping.some(eventOnly) && stopping.every((p) => eventOnly(p) || FIXED_BY_FIX.has(p.code) || SET_ASIDE_BY_FIX.has(p.code))) {
    const aside = stopping.some((p) => SET_ASIDE_BY_FIX.has(p.code)) || (o.fixRejects ?? false);
    throw new AppError('usage', `The schema inferred from ${o.csv.name} has no EVENT_TYPE, which ${o.domain} interactions need${stopping.length > 1 ? `, and ${stopping.length - 1} more problem${stopping.length === 2 ? '' : 's'} (listed above)` : ''}; nothing was created.`, {
      hint: `Every row one event (an order export: a purchase)? Pass --event-type ${eventValue} ${aside ? '--fix-rejects' : '--fix'}: the schema gets EVENT_TYPE, and the fixed copy the column${aside ? ' (rows it cannot fix set aside in a rejects file)' : ''}.`,
    });
  }
  if (stopping.length) {
    const onlyFixable = !o.noFixStep && stopping.every((p) => FIXED_BY_FIX.has(p.code));
    const asideToo = !o.noFixStep && !onlyFixable && stopping.every((p) => FIXED_BY_FIX.has(p.code) || SET_ASIDE_BY_FIX.has(p.code));
    const anonymous = o.anonymousIds ? undefined : stopping.find((p) => p.code === 'REQUIRED_EMPTY' && p.anonymous)?.anonymous;
    throw new AppError('usage', `The schema inferred from ${o.csv.name} has ${stopping.length} problem${stopping.length === 1 ? '' : 's'} to fix first (listed above: ${[...new Set(stopping.map((p) => p.code))].join(', ')}); nothing was created.`, {
      // an analytics export's visitors who never signed in: --user-id-from keeps their rows (before, only
      // --fix-rejects was named, which set them aside — a third of a GA4 export, too few left to import)
      hint: anonymous && asideToo
        ? `Pass --user-id-from ${printable(shellQuote(anonymous))} --fix: the schema and dataset are created, then a fixed copy is written in which the rows without a user_id have their ${printable(anonymous)} as USER_ID (a visitor who signs in later is then two users), and imported. Or pass --fix-rejects to set those rows aside.`
        : !o.noFixStep && stopping.every(orderMissing)
        ? 'Pass --dates day-first or --dates month-first (the order your system writes day and month in) with --fix: the schema and dataset are created, then a copy with the dates in epoch seconds is written and imported.'
        : onlyFixable
        ? `Pass --fix: the schema and dataset are created, then a fixed copy of the file (${stopping.every((p) => p.code === 'MISSING_MARKERS') ? 'missing-value markers written empty' : 'epoch seconds, the header renamed'}) is written and imported. Or fix the file, or pass --schema <file>.`
        : asideToo
        ? 'Pass --fix-rejects: the schema and dataset are created, then a fixed copy of the file is written — the rows it cannot fix set aside in a rejects file — and imported. Or fix the file, or pass --schema <file>.'
        : o.noFixStep ? `Fix the file (${fixCmd}), or pass --schema <file> with the schema you want.`
        : stopping.some((p) => p.code === 'MISSING_REQUIRED' && /No column holds times or dates/.test(p.message))
        ? 'Add the time of each event to the file (a column of dates, which --fix converts, or of epoch seconds) and run this again.'
        : `${o.mapFlag && stopping.some((p) => p.code === 'MISSING_REQUIRED') ? 'If the columns are there under other names, name them with --map <column>=FIELD (repeatable) and --fix, e.g. --map Kunde=USER_ID. Else f' : 'F'}ix the file, or pass --schema <file> with the schema you want.`,
    });
  }
  if (inferred.renames.length && !o.fix) {
    throw new AppError('usage', `The CSV header of ${o.csv.name} must be renamed first (${renames}); nothing was created.`, {
      hint: o.noFixStep
        ? 'Rename the header and run this again (record by record sends the file as it is).'
        : 'Pass --fix: the schema and dataset are created, then a copy of the file with the header renamed is written and imported. Or rename the header and run this again.',
    });
  }
  if (inferred.renames.length || repairable.length) {
    w.write(`The schema can be created: after the dataset exists, --fix writes a copy of the file${inferred.renames.length ? ` with the header renamed (${renames})` : ''}${repairable.length ? `${inferred.renames.length ? ' and' : ' with'} its values repaired` : ''}, and imports that.\n`);
  }
  const leftOut = inferred.leftOut.map(columnAt);
  if (leftOut.length && !o.fix) {
    throw new AppError('usage', `The columns left out of the schema (${leftOut.map((c) => placed(c, printable)).join(', ')}) must be dropped from the file first; nothing was created.`, {
      hint: o.noFixStep ? 'Keep them with --keep <column>, or drop them from the file (personalize-import fix --drop-unknown).' : 'Pass --fix: the copy written after the dataset exists drops them. Or keep one with --keep <column>.',
    });
  }
  return { schema: inferred.schema, ...(leftOut.length ? { leftOut } : {}) };
}

/** Finds or creates the group and dataset an import needs; returns their ARNs and what was created. */
export async function ensureForImport(o: EnsureOptions): Promise<EnsureResult> {
  const groups = await o.personalize.listDatasetGroups();
  const group = groups.find((g) => g.name === o.groupName || g.arn === o.groupName);
  const datasets = group ? await o.personalize.listDatasets(group.arn) : undefined;
  const decision = decideCreate({ groupName: o.groupName, datasetType: o.datasetType, domain: o.domain, kmsKeyArn: o.kmsKeyArn, create: o.create }, groups, datasets);
  if (decision.kind === 'ready') return { datasetGroupArn: decision.datasetGroupArn, datasetArn: decision.datasetArn, created: {} };
  // the schema first: a file that cannot be imported creates nothing
  const { schema, leftOut } = await schemaFor(o);
  await o.beforeCreate?.(schema, decision.group && 'arn' in decision.group ? decision.group.arn : undefined);
  const w = fittedWriter(o.out);
  // --dry-run: what would be created, said; nothing is
  if (o.dryRun) {
    const [{ planMissing }, { printable }] = await Promise.all([import('../flow/create.js'), import('../schema/printable.js')]);
    const plan = await planMissing(o.personalize, { group: decision.group, dataset: { type: o.datasetType, schema } });
    const g = `dataset group ${printable(plan.group.name)} (${plan.group.domain ? `Domain ${plan.group.domain}` : 'Custom'})`;
    w.write(`--dry-run: nothing was created. --create would create${plan.group.create ? ` ${g},` : ''} ${plan.schema!.create ? `schema ${printable(plan.schema!.name)} (the one above)` : `no schema (an equal one exists: ${printable(plan.schema!.name)})`} and ${plan.dataset!.type} dataset ${printable(plan.dataset!.name)}${plan.group.create ? '' : ` in ${g}`}, then import the file into it.\n`);
    return { dryRun: plan, created: {}, ...(leftOut ? { leftOut } : {}) };
  }
  const r = await createMissing(o.personalize, { group: decision.group, dataset: { type: o.datasetType, schema } }, { clock: o.clock, signal: o.signal, pollMs: o.pollMs, onEvent: (e) => w.write(`${eventLine(e)}\n`) });
  if (!r.datasetArn) throw new AppError('internal', 'No dataset after creating it.');
  return { datasetGroupArn: r.datasetGroupArn, datasetArn: r.datasetArn, created: r.created, ...(leftOut ? { leftOut } : {}) };
}

/**
 * On a terminal without --create: a missing group or dataset is said and offered (`confirm` shows
 * `what` and asks `question`); true = create it, false = nothing missing. A no is the usage error
 * naming --create, as without a terminal.
 */
export async function offerCreate(
  api: CreateApi,
  want: { groupName: string; datasetType: DatasetType },
  confirm: (question: string, what: string) => Promise<boolean>,
): Promise<boolean> {
  const name = want.groupName;
  const groups = await api.listDatasetGroups();
  const group = groups.find((g) => g.name === name || g.arn === name);
  const datasets = group ? await api.listDatasets(group.arn) : undefined;
  const d = decideCreate({ ...want, create: true }, groups, datasets);
  if (d.kind === 'ready') return false;
  const what = d.needGroup
    ? `There is no dataset group named ${name} here: it can be created (Custom) with its ${want.datasetType} dataset.`
    : `Dataset group ${group!.name} has no ${want.datasetType} dataset: it can be created.`;
  if (await confirm(d.needGroup ? `Create dataset group ${name} and its ${want.datasetType} dataset?` : `Create the ${want.datasetType} dataset in ${group!.name}?`, what)) return true;
  // no: the same usage error as without a terminal, naming --create
  decideCreate({ ...want, create: false }, groups, datasets);
  return false;
}

// personalize-import fix: writes an importable copy of a CSV — header names, encoding, separator,
// quoting, line ends, dates and millisecond epochs, booleans, spaces — and sets aside the rows that
// cannot be fixed without guessing. The input is never modified. Exit 0 fixed and valid · 1 rows
// rejected or still invalid · 2 usage. --json prints exactly one document on stdout.
import { writeFitted } from '../core/fit.js';
import { EXIT } from '../core/exit-codes.js';
import { AppError, fsReason, isAppError, usageError } from '../core/errors.js';
import type { CommandContext } from '../cli/context.js';
import { AWS_OPTIONS, COMMON_OPTIONS, dateOrder, decimalMark, keyValues, parse } from '../cli/args.js';
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';
import type { CsvSource, SchemaModel } from '../validate/index.js';
import { checkExportType, checkItemIdShape, EXPORT_OPTIONS, exportChoices } from './export-flags.js';
import { withCommas } from '../core/with-commas.js';

export const help = `personalize-import fix — write an importable copy of a CSV, showing every change

Usage
  personalize-import fix <file.csv | s3://bucket/key.csv>
      (--schema <schema.json> | --dataset-arn <arn> | --dataset-group <name|arn>)
      [-o <out.csv>] [--rejects <rejects.csv>] [--map <column=FIELD> …] [--dates <order>]
      [--event-type <value>] [--event-names <old=New> …] [--decimal comma|point] [--drop-duplicates] [--drop-returns]
      [--keep-unknown | --drop-unknown] [--overwrite] [--dataset-type <t>] [--domain <d>]
      [--user-id-from <column>] [--item-id-from <column.key>] [--mode full|incremental] [--json]

What it fixes
  header       case (user_id → USER_ID), spellings (userId, "User ID") and known aliases
               (customer_id → USER_ID, product_id → ITEM_ID, event → EVENT_TYPE, …), the schema's
               column order, quotes around names, a byte-order mark
  encoding     UTF-16 (LE or BE) and Windows-1252 lines → UTF-8
  layout       ; tab | separators → commas, values re-quoted with \\" and \\\\; RFC 4180 "" quotes;
               old-Mac CR line ends → LF (CRLF is kept); a quoted value over several lines (a shop's
               description) joined into one record, each line break written as a space;
               with --event-type, an EVENT_TYPE column the file lacks added (one value in every row)
  values       TIMESTAMP, CREATION_TIMESTAMP: ISO 8601 or common date text → epoch seconds (UTC
               when the value names no zone: the summary says so), millisecond epochs → seconds;
               day and month in numbers (01.11.2026 10:00) only with --dates
               numbers with a decimal comma (a German or French export: "12,50", "1.234,50",
               "1 234,50", in a ; file 12,50) → 12.50, 1234.50; thousands separators
               ("1,234.50") and currency symbols ("42,19 €", $61.75) removed; "1,234" (1.234 or
               1234?) only when the column's other values say (12,50) or with --decimal
               booleans TRUE/True/1/0 → true/false; spaces around IDs and numbers
               IDs written as decimals (13085.0: a float column from pandas or Excel) → 13085,
               when every value of the column is so (13085.5 or 1.0e5 anywhere: left as they are)
               EVENT_TYPE, with --domain (interactions): the domain's event types in another letter
               case written as its recommenders count them (view → View, purchase → Purchase,
               watch → Watch); other names only with --event-names (transaction=Purchase)
  rows         --drop-duplicates drops exact-duplicate rows; --drop-returns sets aside an order
               export's returns and cancellations (a negative Quantity, an Invoice starting with C)
  exports      --user-id-from: a Segment export's visitors who never signed in (no user_id) under
               their anonymous_id; --item-id-from: a Mixpanel export's ITEM_ID out of its JSON
A row that cannot be fixed without guessing (an ID over 256 characters, a word in a number column,
a broken quote, a date we cannot read) is not written: with --rejects it goes to that file with its
line number and reason; without it, nothing is written and the lines are named (exit 1).

Flags
  -o, --output <file>    the fixed copy (default: <name>.fixed.csv beside the input; for s3://
                         input, in the current folder). Never the input itself.
  --rejects <file>       write the rows that cannot be fixed there (line,reason,record) and the
                         rest to the output
  --map <column=FIELD>   name a column's schema field yourself (repeatable): --map cust=USER_ID
  --dates <order>        day-first or month-first: how to read dates in numbers only, D.M.Y D/M/Y
                         D-M-Y (or M/D/Y) with a 4-digit year and an optional time (01.11.2026 10:00
                         is 1 November with day-first, 11 January with month-first). Without it such
                         dates are rejected, not guessed; 2-digit years are never read
  --event-type <value>   the schema has EVENT_TYPE and the file no column for it (an order export:
                         every row a purchase): add the column with this value in every row
  --event-names <old=New>
                         write the EVENT_TYPE old as New (repeatable, exact match): e.g.
                         transaction=Purchase, which an ECOMMERCE group's Best sellers count
  --decimal <mark>       comma or point: the file's decimal mark, for numbers that read two ways
                         ("1,234" is 1.234 with comma, 1234 with point; in a ; file or a column
                         with decimal commas 1.234 is 1234 with comma). Without it such a number
                         is read only when its column's other values prove a decimal comma (12,50)
                         — else its row is rejected, not guessed
  --drop-duplicates      drop rows identical to an earlier row (after fixing)
  --drop-returns         interactions: set aside rows that are returns or cancellations (a negative
                         quantity; an invoice number C489449, the UCI Online Retail convention) — they
                         go to --rejects with their reason; without it they are kept (a warning)
  --user-id-from <column>
                         interactions, a Segment export (user_id, anonymous_id): the rows whose
                         user_id is empty — visitors who never signed in — take this column's value
                         as USER_ID: --user-id-from anonymous_id. Each is then a user of its own (one
                         who signs in later is two users). Without it those rows are rejected
  --item-id-from <column.key>
                         interactions, a Mixpanel export (the item inside each event's properties
                         JSON): the copy gets an ITEM_ID column with that key's value from that
                         column: --item-id-from properties.product_id. A row without the key is
                         rejected (ITEM_ID empty); a file with an ITEM_ID column already exits 2.
                         Both read a local file's rows, not s3:// input
  --keep-unknown         keep columns the schema does not have (the default)
  --drop-unknown         drop them
  --overwrite            replace an existing output or rejects file
  --schema <file>        the Avro schema JSON, or the output of \`aws personalize describe-schema\`
  --dataset-arn <arn>    fetch the schema, dataset type and domain from the dataset
  --dataset-group <g>    the same from the group's dataset of --dataset-type (or its only dataset)
  --dataset-type <t>     interactions|items|users|actions|action-interactions (default: from the schema)
  --domain <d>           ECOMMERCE or VIDEO_ON_DEMAND (adds its required columns)
  --mode <m>             full (default) or incremental: how the output is validated
  --json                 one JSON document on stdout: {fixed, output, summary, rejects, report}, and
                         userIdFrom / itemIdFrom as chosen (e.g. "itemIdFrom": "properties.product_id")
  --region, --aws-profile, --sandbox, --debug   where s3:// input and the dataset are read

The output is validated as the validate command would, and the summary lists each kind of change
with how many rows and values changed and a before → after example.

Examples
  personalize-import fix events.csv --schema interactions-schema.json
  personalize-import fix export.tsv --schema schema.json -o events.csv --rejects events.rejects.csv
  personalize-import fix s3://my-bucket/raw/events.csv --dataset-arn arn:aws:personalize:us-east-1:123456789012:dataset/shop/INTERACTIONS
  personalize-import fix users.csv --schema users.json --map cust_no=USER_ID --drop-unknown
  personalize-import fix export.csv --schema schema.json --map Zeitpunkt=TIMESTAMP --dates day-first
  personalize-import fix orders_export.csv --schema orders-schema.json --event-type purchase --drop-unknown
  personalize-import fix artikel.csv --schema items.json --decimal comma
  personalize-import fix events.csv --schema schema.json --domain ECOMMERCE --event-names transaction=Purchase
  personalize-import fix tracks.csv --schema schema.json --user-id-from anonymous_id
  personalize-import fix mixpanel-export.csv --schema schema.json --item-id-from properties.product_id --drop-unknown

Exit codes: 0 fixed and valid · 1 rows rejected, a column missing, or the output still invalid · 2 usage (bad flags, no such file, output would overwrite the input) · 130 interrupted
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...AWS_OPTIONS,
  schema: { type: 'string' },
  'dataset-arn': { type: 'string' },
  'dataset-group': { type: 'string' },
  'dataset-type': { type: 'string' },
  domain: { type: 'string' },
  mode: { type: 'string' },
  output: { type: 'string', short: 'o' },
  rejects: { type: 'string' },
  map: { type: 'string', multiple: true },
  dates: { type: 'string' },
  'event-type': { type: 'string' },
  'event-names': { type: 'string', multiple: true },
  decimal: { type: 'string' },
  'drop-duplicates': { type: 'boolean' },
  'drop-returns': { type: 'boolean' },
  'keep-unknown': { type: 'boolean' },
  'drop-unknown': { type: 'boolean' },
  overwrite: { type: 'boolean' },
  ...EXPORT_OPTIONS,
} as const;

const PROGRESS_MIN_BYTES = 16 * 1024 * 1024;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const json = argv.includes('--json');
  try {
    return await fixCommand(argv, ctx);
  } catch (e) {
    if (json && isAppError(e)) {
      ctx.io.stdout.write(`${JSON.stringify({ fixed: false, error: { kind: e.kind, message: e.message, ...(e.hint ? { hint: e.hint } : {}) } }, null, 2)}\n`);
      writeFitted(ctx.io.stderr, `${e.message}${e.hint ? `\n  → ${e.hint}` : ''}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

async function fixCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const { values, positionals } = parse('fix', argv, OPTIONS, 1);
  const input = positionals[0];
  if (!input) throw usageError('fix: which CSV? Pass a file or s3://bucket/key.', 'Example: personalize-import fix events.csv --schema schema.json');
  if ([values.schema, values['dataset-arn'], values['dataset-group']].filter(Boolean).length > 1) throw usageError('fix: pass one of --schema, --dataset-arn and --dataset-group.');
  // Someone with no dataset yet has no schema to pass: the way forward is named with their file. The
  // schema is not inferred here on its own: the copy is shaped for the dataset it goes into (its
  // header, its types, the columns it drops), and one inferred out of sight may not be the one the
  // dataset gets — `schema infer` shows each decision and its reason, and saves what is then created.
  if (!values.schema && !values['dataset-arn'] && !values['dataset-group']) {
    const { shellWord } = await import('../core/sanitize.js');
    const file = shellWord(input);
    throw usageError(
      'fix: no schema. Pass --schema <schema.json>, --dataset-arn <arn> or --dataset-group <g> --dataset-type <t>.',
      `The fixer needs the schema to know the column names and types. No dataset yet? Infer one from the file (each field with why), then fix against it:\n      personalize-import schema infer ${file} > schema.json\n      personalize-import fix ${file} --schema schema.json --drop-unknown\n    or create the dataset and import the fixed file in one go: personalize-import import --create --dataset-group <name> --csv ${file} --fix`,
    );
  }
  if (values['keep-unknown'] && values['drop-unknown']) throw usageError('fix: pass --keep-unknown or --drop-unknown, not both.');
  if (values['drop-returns'] && !values.rejects) throw usageError('fix: --drop-returns sets the returns and cancellations aside: pass --rejects <file> for them.', 'Example: personalize-import fix orders.csv --schema schema.json --drop-returns --rejects orders.rejects.csv');
  const map = keyValues('--map', values.map);
  const dates = dateOrder('fix', values.dates);
  const { eventTypeFlag, eventNamesFlag } = await import('../schema/usable.js');
  const eventType = eventTypeFlag('fix', values['event-type']);
  const eventNames = eventNamesFlag('fix', values['event-names']);
  const decimal = decimalMark('fix', values.decimal);
  checkItemIdShape('fix', values['item-id-from']);
  const { parseDatasetType } = await import('../validate/schema.js');
  const { datasetInGroup, lazyDeps, loadSchema, parseDomain, parseMode } = await import('../cli/csv-command.js');
  let datasetType: DatasetType | undefined = values['dataset-type'] ? parseDatasetType(values['dataset-type']) : undefined;
  let domain: Domain | undefined = parseDomain(values.domain);
  const mode: ImportMode = parseMode(values.mode);
  const { isS3Text, s3ObjectOf } = await import('../core/s3-uri.js');
  const isS3 = isS3Text(input);
  // (they read a local file's rows: with s3:// input a usage error before any AWS call)
  if (isS3) await exportChoices('fix', values, { s3: input });
  const path = await import('node:path');
  const fs = await import('node:fs/promises');
  const deps = lazyDeps(values, io);
  const getDeps = deps.get;
  try {
    // the input (checked before the schema is fetched: a typo in the path is the commonest mistake)
    let source: CsvSource;
    let output: string;
    if (isS3) {
      const { bucket, key } = s3ObjectOf('fix', input);
      const { s3 } = await getDeps();
      const head = await s3.head(bucket, key);
      if (!head) {
        const { missingObject } = await import('../flow/s3-missing.js');
        const m = await missingObject(s3, bucket, key);
        throw usageError(m.message, m.hint);
      }
      source = { name: input, size: head.size, open: () => s3.read(bucket, key) };
      output = values.output ?? `${path.basename(key).replace(/\.(csv|tsv|txt)$/i, '')}.fixed.csv`;
    } else {
      let size: number;
      try {
        const st = await fs.stat(input);
        if (st.isDirectory()) throw usageError(`${input} is a directory.`, 'Pass a CSV file.');
        size = st.size;
      } catch (e) {
        if (isAppError(e)) throw e;
        throw usageError(`${input}: ${fsReason(e)}`, 'Pass the path of a CSV file, or an s3:// object.');
      }
      const { createReadStream } = await import('node:fs');
      source = { name: input, path: input, size, open: () => createReadStream(input, { highWaterMark: 1 << 20 }) };
      output = values.output ?? fixedCopyOf(input, path);
    }
    for (const [flag, file] of [['-o', output], ['--rejects', values.rejects]] as const) {
      if (!file) continue;
      const st = await fs.stat(file).catch(() => undefined);
      if (st?.isDirectory()) throw usageError(`${flag} ${file} is a directory.`, 'Name a file.');
      if (st && !isS3 && (await sameFile(input, file))) throw usageError(`${flag} ${file} is the input file: the input is never overwritten.`, `Name another file with ${flag}.`);
      // the default copy (no -o given) is named as such, not as if -o had been passed
      if (st && !values.overwrite) throw flag === '-o' && !values.output ? usageError(`${file} (the copy fix writes by default) already exists.`, 'Name another file with -o <file>, or pass --overwrite to replace it.') : usageError(`${flag} ${file} already exists.`, `Name another file, or pass --overwrite to replace it.`);
      const dir = await fs.stat(path.dirname(path.resolve(file))).catch(() => undefined);
      if (!dir?.isDirectory()) throw usageError(`${flag} ${file}: the folder ${path.dirname(file)} does not exist.`, 'Create it or name another file.');
    }
    // --user-id-from / --item-id-from: checked against the file's header and first rows (export-flags.ts)
    const exported = await exportChoices('fix', values, isS3 ? { s3: input } : { abs: input, name: input });

    // the schema (--dataset-group: its dataset of --dataset-type, as import takes them)
    if (values['dataset-group']) values['dataset-arn'] = await datasetInGroup('fix', values['dataset-group'], datasetType, (await getDeps()).personalize);
    const loaded = await loadSchema(values, getDeps, !domain);
    const schema: SchemaModel = loaded.schema;
    datasetType ??= loaded.dataset?.datasetType;
    domain ??= loaded.dataset?.domain;
    if (!datasetType && !schema.inferredDatasetType) {
      throw usageError(`fix: cannot tell the dataset type from the schema's record name '${schema.recordName}'.`, 'Pass --dataset-type interactions|items|users|actions|action-interactions.');
    }
    checkExportType('fix', exported, datasetType ?? schema.inferredDatasetType);

    // run
    const [{ renderSummary }, { fixFilled }] = await Promise.all([import('../fix/index.js'), import('../fix/fill-down.js')]);
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    const stderrTty = Boolean((io.stderr as NodeJS.WriteStream).isTTY);
    const bar = stderrTty && (source.size ?? 0) >= PROGRESS_MIN_BYTES ? progressBar(io.stderr, source.size!) : undefined;
    let result;
    try {
      const { availableParallelism } = await import('node:os');
      // a Shopify products export's later variant rows get their product's Title, Type … first
      result = await fixFilled(source, schema, {
        output, rejects: values.rejects, map, dates, decimal, dropDuplicates: values['drop-duplicates'], dropReturns: values['drop-returns'], dropUnknown: values['drop-unknown'], ...(eventType !== undefined ? { add: { EVENT_TYPE: eventType } } : {}), ...(eventNames ? { eventNames } : {}),
        // a Segment export's anonymous visitors, a Mixpanel export's ITEM_ID from its JSON (fill-down.ts)
        ...(exported.anonymousIds ? { anonymousIds: true } : {}), ...(exported.jsonItem ? { jsonItem: exported.jsonItem } : {}),
        datasetType, domain, mode, signal: controller.signal, workers: Math.min(2, availableParallelism()),
        // the default copy (no -o given): its folder is the input's; -o names another
        ...(values.output ? {} : { writeHint: { output: 'Name a file in a folder you can write to with -o <file>.' } }),
      }, bar?.update);
    } finally {
      process.removeListener('SIGINT', onSigint);
      bar?.done();
    }
    // --overwrite replaces what this run writes (the copy is renamed over the old one), nothing before:
    // a run that writes nothing (rows it cannot fix, no --rejects) leaves the earlier copy as it was. A
    // copy written with no rows set aside takes the earlier run's rejects file with it (it is not this copy's)
    if (values.overwrite && values.rejects && result.output && !result.rejects.file) await fs.rm(values.rejects, { force: true });
    // the choices of --user-id-from / --item-id-from, as given (the summary's changes count their rows)
    if (values.json) io.stdout.write(`${JSON.stringify({ ...result, ...exported.report }, null, 2)}\n`);
    else writeFitted(io.stdout, renderSummary(result));
    return result.fixed ? EXIT.OK : EXIT.FAILED;
  } finally {
    await deps.close();
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  if (resolve(a) === resolve(b)) return true;
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return Boolean(x && y && x.ino === y.ino && x.dev === y.dev);
}

function progressBar(out: NodeJS.WritableStream, total: number) {
  const cols = (out as NodeJS.WriteStream).columns || 80;
  let last = 0;
  return {
    update: (bytes: number, rows: number) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const f = Math.min(1, bytes / total);
      const text = `fixing [${'#'.repeat(Math.round(f * 24)).padEnd(24, '-')}] ${(f * 100).toFixed(0).padStart(3)}%  ${withCommas(rows)} rows`;
      out.write(`\r${text.slice(0, Math.max(10, cols - 1))}\x1b[K`);
    },
    done: () => out.write('\r\x1b[2K'),
  };
}

/** where `fix` writes a local file's copy by default: <name>.fixed.csv beside it (validate names it too) */
export function fixedCopyOf(input: string, path: typeof import('node:path')): string {
  return path.join(path.dirname(input), `${path.basename(input).replace(/\.(csv|tsv|txt)$/i, '')}.fixed.csv`);
}

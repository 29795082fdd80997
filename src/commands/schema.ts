// `personalize-import schema infer`: propose the Avro schema a CSV needs (core: src/schema/). The
// schema JSON goes to stdout (pipe it to a file, to `aws personalize create-schema`), the explanation
// to stderr; --json prints one document with both.
import { writeFitted } from '../core/fit.js';
import { EXIT } from '../core/exit-codes.js';
import { isAppError, usageError } from '../core/errors.js';
import { visible } from '../core/sanitize.js';
import type { CommandContext } from '../cli/context.js';
import { AWS_OPTIONS, COMMON_OPTIONS, keyValues, parse } from '../cli/args.js';
import type { DatasetType, Domain } from '../core/resources.js';
import type { InferResult } from '../schema/infer.js';
import { withCommas } from '../core/with-commas.js';

export const words = ['infer'] as const;

export const help = `personalize-import schema — work out the Avro schema a CSV needs

Usage
  personalize-import schema infer <file.csv | s3://bucket/key.csv>
      [--dataset-type interactions|items|users|actions|action-interactions]
      [--domain ECOMMERCE|VIDEO_ON_DEMAND] [--map <column=FIELD> …] [--event-type <value>]
      [--keep <column> …] [--json]

Reads the header and a sample (the first 64 MiB, or the whole file when smaller) and proposes a
schema: exact Personalize names kept, other spellings (user_id, customerId, sku, ts, created_at …)
mapped to the Personalize name, types from the values (long, float, double, boolean, string),
optional fields where values are empty, categorical for |-separated values and few distinct values,
textual for long free text (Items, one field). Every decision says why; problems (dates or
milliseconds where epoch seconds belong, missing required columns, a domain's required fields) are
named with the fix. Columns Personalize cannot use are left out, each with why: e-mail addresses
(personal data), in interactions a different value in every row (an order number), one value in
every row, a Segment export's anonymous_id (an identifier, no use as metadata). The CSV is not
changed.

Output
  stdout   the Avro schema JSON (e.g. > schema.json, then create-schema --schema file://schema.json)
  stderr   the mapping column → field, each field's type and reason, and the problems
  --json   one document on stdout: {schema, datasetType, domain, fields: [{name, column, type,
           nullable, categorical, textual, reason}], problems, renames, sample, leftOut: [{column,
           field, kind, reason}]}

Flags
  --dataset-type <t>     default: guessed from the columns (USER_ID + ITEM_ID → interactions, …)
  --domain <d>           the dataset group's domain: its required fields are checked
  --map <column=FIELD>   name a column's field yourself (repeatable), as fix --map does: an export in
                         another language (--map Kunde=USER_ID --map Artikel=ITEM_ID); listed as a
                         header rename. A column the header lacks is a usage error (exit 2)
  --event-type <value>   interactions with no EVENT_TYPE column (an order export: purchase): the
                         schema gets EVENT_TYPE; fix --event-type adds the column to the copy
  --keep <column>        keep a column the schema would leave out (repeatable)
  --json                 one JSON document on stdout
  --region, --aws-profile, --sandbox, --debug   where an s3:// input is read

Examples
  personalize-import schema infer events.csv > events-schema.json
  personalize-import schema infer products.csv --dataset-type items --domain ECOMMERCE
  personalize-import schema infer bestellungen.csv --map Kunde=USER_ID --map Artikel=ITEM_ID --map Zeitpunkt=TIMESTAMP
  personalize-import schema infer s3://my-personalize-bucket/users.csv --json | jq '.fields[] | {column, name, type}'
  personalize-import schema infer events.csv > s.json && aws personalize create-schema --name events --schema file://s.json

Exit codes: 0 schema proposed, no problem that blocks it · 1 proposed, but the file has problems
(listed) that would fail CreateSchema or the import · 2 unusable input (no such file, unknown
dataset type, bad flags)
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...AWS_OPTIONS,
  'dataset-type': { type: 'string' },
  domain: { type: 'string' },
  map: { type: 'string', multiple: true },
  'event-type': { type: 'string' },
  keep: { type: 'string', multiple: true },
} as const;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const json = argv.includes('--json');
  try {
    return await schemaCommand(argv, ctx);
  } catch (e) {
    if (json && isAppError(e)) {
      ctx.io.stdout.write(`${JSON.stringify({ error: { kind: e.kind, message: e.message, ...(e.hint ? { hint: e.hint } : {}) } }, null, 2)}\n`);
      writeFitted(ctx.io.stderr, `${e.message}${e.hint ? `\n  → ${e.hint}` : ''}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

export function parseDomain(v: string | undefined): Domain | undefined {
  if (v === undefined) return undefined;
  const d = v.toUpperCase().replace(/-/g, '_');
  if (d !== 'ECOMMERCE' && d !== 'VIDEO_ON_DEMAND') throw usageError(`--domain '${v}' is not a domain`, 'Use ECOMMERCE or VIDEO_ON_DEMAND (leave it out for a Custom dataset group).');
  return d;
}

async function schemaCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const { values, positionals } = parse('schema', argv, OPTIONS, 2);
  const sub = positionals[0];
  if (sub !== 'infer') {
    throw usageError(sub ? `schema: unknown subcommand '${sub}'` : 'schema: which subcommand? Only `infer` exists.', 'Example: personalize-import schema infer events.csv');
  }
  const input = positionals[1];
  if (!input) throw usageError('schema infer: which CSV? Pass a file or s3://bucket/key.csv.', 'Example: personalize-import schema infer events.csv > schema.json');
  const { parseDatasetType } = await import('../validate/schema.js');
  const datasetType: DatasetType | undefined = values['dataset-type'] ? parseDatasetType(values['dataset-type']) : undefined;
  const domain = parseDomain(values.domain);
  const map = keyValues('--map', values.map);
  const opened = await openCsvInput(input, { io, region: values.region, awsProfile: values['aws-profile'], sandbox: values.sandbox, debug: values.debug });
  try {
    const { inferSchema, DatasetTypeUnknown } = await import('../schema/infer.js');
    // 0 bytes, blank lines, a byte-order mark alone: said as such, not as columns it lacks
    const emptyFile = () => usageError(`schema infer: ${visible(input)} is empty: no header line and no records.`, 'Pass the CSV itself: its first line names the columns (e.g. USER_ID,ITEM_ID,TIMESTAMP), each line after it is a record.');
    let result: InferResult;
    const filled: import('../fix/fill-down.js').FillDown = { rows: 0, values: 0 };
    try {
      const eventType = (await import('../schema/usable.js')).eventTypeFlag('schema infer', values['event-type']);
      // a Shopify products export is read as `fix` writes it: its later variants with their product's columns
      const { fillDown } = await import('../fix/fill-down.js');
      result = await inferSchema(fillDown(await opened.open(), filled), { datasetType, domain, map, leaveOut: 'proposed', ...(values.keep ? { keep: values.keep } : {}), ...(eventType !== undefined ? { eventType } : {}) });
      // a Magento export's store-view rows were left out of what was read: say why
      result.problems.unshift(...(await import('../fix/store-views.js')).magentoProblems(filled.magento));
      if (filled.rows && !values.json) io.stderr.write(`Read as fix writes it: a product's values filled in on its other variants' rows (${withCommas(filled.rows)} rows; Shopify writes them on a product's first row only, WooCommerce on a variable product's own row).\n`);
    } catch (e) {
      if (e instanceof DatasetTypeUnknown && e.empty) throw emptyFile();
      if (e instanceof DatasetTypeUnknown) {
        const { printable } = await import('../schema/printable.js');
        throw usageError(
          `schema infer: ${input}: cannot tell the dataset type from the columns (${e.header.length ? e.header.map(printable).join(', ') : 'no header'}).`,
          'Pass --dataset-type interactions|items|users|actions|action-interactions (no column is USER_ID, ITEM_ID or ACTION_ID, or a common spelling of them).',
        );
      }
      throw e;
    }
    // (with --dataset-type nothing is guessed, and an empty file gave a schema of no fields)
    if (!result.fields.length && !result.sample.rows) throw emptyFile();
    const { explain: explained } = await import('../schema/explain.js');
    // required columns under names this tool cannot know (an export in another language): --map names them
    const explain = (r: InferResult, name: string) => `${explained(r, name)}${r.problems.some((p) => p.code === 'MISSING_REQUIRED') ? 'Columns under names this tool does not know: name them with --map <column>=FIELD (repeatable), e.g. --map Kunde=USER_ID, and run this again.\n' : ''}`;
    if (values.json) {
      const { renames, sample, datasetTypeReason, ...rest } = result;
      // (a column's place in the header is the flow's, for leaving out one of two columns of one name: not in the document)
      const unplaced = <T extends { at?: number; twice?: boolean }>({ at: _a, twice: _t, ...x }: T) => x;
      const doc = { schema: rest.schema, datasetType: rest.datasetType, domain: rest.domain ?? null, fields: rest.fields.map(unplaced), problems: rest.problems, renames, datasetTypeReason, sample, leftOut: rest.leftOut.map(unplaced), input };
      io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
      writeFitted(io.stderr, explain(result, input));
    } else {
      io.stdout.write(`${JSON.stringify(result.schema, null, 2)}\n`);
      writeFitted(io.stderr, explain(result, input));
    }
    return result.problems.some((p) => p.severity === 'error') ? EXIT.FAILED : EXIT.OK;
  } finally {
    await opened.close();
  }
}

export interface OpenedCsv {
  /** bytes when known */
  size?: number;
  open(): Promise<AsyncIterable<Uint8Array>>;
  close(): Promise<void>;
}

/** A local file or one S3 object, opened lazily; a missing file is a usage error naming it. */
export async function openCsvInput(input: string, o: { io: CommandContext['io']; region?: string; awsProfile?: string; sandbox?: boolean; debug?: boolean }): Promise<OpenedCsv> {
  const { isS3Text, s3ObjectOf } = await import('../core/s3-uri.js');
  if (isS3Text(input)) {
    const { bucket, key } = s3ObjectOf('schema', input);
    const { createDeps } = await import('../aws/deps.js');
    const deps = await createDeps({ region: o.region, awsProfile: o.awsProfile, sandbox: o.sandbox, debug: o.debug, io: o.io });
    try {
      const head = await deps.s3.head(bucket, key);
      if (!head) {
        const { missingObject } = await import('../flow/s3-missing.js');
        const m = await missingObject(deps.s3, bucket, key);
        throw usageError(m.message, m.hint);
      }
      return { size: head.size, open: () => deps.s3.read(bucket, key), close: () => deps.close() };
    } catch (e) {
      await deps.close();
      throw e;
    }
  }
  const { stat } = await import('node:fs/promises');
  const { createReadStream } = await import('node:fs');
  let size: number;
  try {
    const st = await stat(input);
    if (st.isDirectory()) throw usageError(`${input} is a directory.`, 'Pass a CSV file.');
    size = st.size;
  } catch (e) {
    if (isAppError(e)) throw e;
    const code = (e as NodeJS.ErrnoException)?.code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : ((e as Error)?.message ?? String(e));
    throw usageError(`${input}: ${why}`, 'Pass the path of a CSV file, or an s3:// location.');
  }
  return {
    size,
    open: async () => {
      const s = createReadStream(input, { highWaterMark: 1 << 20 });
      // a permission problem shows on open: make it the same usage error
      await new Promise<void>((resolve, reject) => {
        s.once('open', () => resolve());
        s.once('error', (e: NodeJS.ErrnoException) => reject(usageError(`${input}: ${e.code === 'EACCES' ? 'permission denied' : e.message}`, 'Check the file can be read.')));
      });
      return s;
    },
    close: async () => {},
  };
}

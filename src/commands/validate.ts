// personalize-import validate: check a CSV (local, or S3 objects streamed) against a dataset's
// schema before importing it. Exit 0 valid · 1 invalid · 2 unusable input (no such file, bad schema,
// bad flags). --json prints exactly one document on stdout. An s3:// input starts its worker thread
// before it loads the SDK (EarlyWorkers: it boots while the main thread loads it and asks for the
// object) and asks for the object's first bytes (the split's first probe), whose GET says its size.
import { writeFitted } from '../core/fit.js';
import { shellWord, visible } from '../core/sanitize.js';
import { EXIT } from '../core/exit-codes.js';
import { isS3Text, parseS3Uri } from '../core/s3-uri.js';
import { AppError, asAppError, errnoCode, fileError, fsReason, isAppError, usageError } from '../core/errors.js';
import type { CommandContext } from '../cli/context.js';
import { AWS_OPTIONS, COMMON_OPTIONS, parse } from '../cli/args.js';
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';
import type { CsvSource, ValidateOptions, ValidationReport } from '../validate/engine.js';
import { fmtInt, renderReport } from './validate-report.js';
import type { SchemaModel } from '../validate/schema.js';
import { graceful } from '../core/signals.js';

export const help = `personalize-import validate — check a CSV against a dataset's schema before importing it

Usage
  personalize-import validate <file.csv | s3://bucket/key | s3://bucket/prefix/>
      (--schema <schema.json> | --dataset-arn <arn> | --dataset-group <name|arn>)
      [--dataset-type interactions|items|users|actions|action-interactions]
      [--domain ECOMMERCE|VIDEO_ON_DEMAND] [--mode full|incremental] [--json]
  personalize-import validate <interactions.csv> --with <items.csv> --with <users.csv>
      [--dataset-group <name|arn> | --dataset-arn <arn> | --schema <file>]
      [--event-type <value>] [--keep <column>] [--json]

Flags
  --schema <file>        the Avro schema JSON, or the output of \`aws personalize describe-schema\`
  --dataset-arn <arn>    fetch the schema, dataset type and domain from the dataset
  --dataset-group <g>    the same from the group's dataset of --dataset-type (or its only dataset),
                         as import takes them; with --with: the schemas of the group's datasets
  --dataset-type <t>     default: from the schema's record name (Interactions, Items, Users, …)
  --domain <d>           the dataset group's domain (adds its required columns)
  --mode <m>             full (default) or incremental: the import mode you will use
  --json                 one JSON document on stdout: {valid, rows, errors, warnings, stats}
                         (with --with: {valid, files: [{file, datasetType, …report}], crossFile})

Several files of one dataset group
  --with [TYPE=]<file>   repeatable: another CSV of the group (items, users, …; a folder: its .csv
                         files). Each file's dataset type comes from its columns (or TYPE=); each is
                         validated against its dataset's schema (--dataset-group, or the group of
                         --dataset-arn), --schema (the first file), or else the schema inferred from
                         it. Then the files are checked against each other: interactions whose
                         ITEM_ID / USER_ID the items / users file lacks (with the first lines), items
                         and users no interaction names, and an ID written differently in two files
                         (case, a prefix like sku-, leading zeros) named as the likely cause with the
                         interactions it would recover. These are warnings: the exit code follows
                         the files' validity. A schema inferred from a file leaves out the columns
                         Personalize cannot use or should not get (personal data: e-mail addresses,
                         names, phones, street addresses, notes; one value in every row; in
                         interactions a different value in every row), each said with why
  --event-type <value>   with --with: the interactions file's inferred schema gets EVENT_TYPE with this
                         value in every row (an order export: purchase), as import --event-type does
  --keep <column>        with --with, repeatable: keep a column the inferred schemas would leave out
  --region, --aws-profile, --sandbox, --debug   where s3:// inputs and the dataset are read

Every problem has a stable code, the line (1 = the header) and the column. The first 20 of each
code are listed; the rest are counted.

A stream works (… | personalize-import validate /dev/stdin); a named pipe (FIFO), a device or a
folder is refused. Ctrl-C, SIGTERM and SIGHUP stop it (exit 130).

Examples
  personalize-import validate events.csv --schema interactions-schema.json
  personalize-import validate s3://my-personalize-bucket/events/ --dataset-arn arn:aws:personalize:us-east-1:123456789012:dataset/shop/INTERACTIONS
  personalize-import validate events.csv --dataset-group shop --dataset-type interactions
  personalize-import validate items.csv --schema items.json --domain ECOMMERCE --json
  personalize-import validate interactions.csv --with items.csv --with users.csv
  personalize-import validate orders_export.csv --with products_export.csv --with customers_export.csv --domain ECOMMERCE --event-type purchase

Exit codes: 0 valid · 1 invalid · 2 unusable input (no such file, unreadable schema, bad flags) · 130 interrupted
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...AWS_OPTIONS,
  schema: { type: 'string' },
  'dataset-arn': { type: 'string' },
  'dataset-type': { type: 'string' },
  domain: { type: 'string' },
  mode: { type: 'string' },
  with: { type: 'string', multiple: true },
  'dataset-group': { type: 'string' },
  'event-type': { type: 'string' },
  keep: { type: 'string', multiple: true },
} as const;

/** for the completion scripts (src/commands/completion.ts) */
export const options = OPTIONS;

/** progress bar only for inputs at least this big */
const PROGRESS_MIN_BYTES = 16 * 1024 * 1024;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const json = argv.includes('--json');
  // Ctrl-C (and SIGTERM / SIGHUP) at any moment: the validation is aborted; whatever the command
  // is waiting on (a slow S3 read, the schema fetch) gets a moment to end, then the process exits 130.
  const stop = new AbortController();
  const onSignal = graceful(() => {
    if (stop.signal.aborted) process.exit(EXIT.INTERRUPTED);
    stop.abort();
    setTimeout(() => {
      ctx.io.stderr.write('Stopped.\n');
      process.exit(EXIT.INTERRUPTED);
    }, 1500).unref();
  });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const sig of signals) process.on(sig, onSignal);
  try {
    return await validateCommand(argv, ctx, stop.signal);
  } catch (raw) {
    const e = asAppError(raw) ?? raw;
    if (stop.signal.aborted && !isAppError(e)) throw new AppError('interrupted', 'Stopped.');
    if (!json && isAppError(e)) throw e;
    if (json && isAppError(e)) {
      ctx.io.stdout.write(`${JSON.stringify({ valid: false, error: { kind: e.kind, message: e.message, ...(e.hint ? { hint: e.hint } : {}) } }, null, 2)}\n`);
      writeFitted(ctx.io.stderr, `${e.message}${e.hint ? `\n  → ${e.hint}` : ''}\n`);
      return e.exitCode;
    }
    throw e;
  } finally {
    for (const sig of signals) process.removeListener(sig, onSignal);
  }
}

async function validateCommand(argv: string[], ctx: CommandContext, signal: AbortSignal): Promise<number> {
  const { io } = ctx;
  const { values, positionals } = parse('validate', argv, OPTIONS, 1);
  const input = positionals[0];
  if (!input) throw usageError('validate: which CSV? Pass a file, s3://bucket/key or s3://bucket/prefix/.', 'Example: personalize-import validate events.csv --schema schema.json');
  if (values.schema && values['dataset-arn']) throw usageError('validate: pass --schema or --dataset-arn, not both.');
  if (values.with?.length) return withFiles(values, input, ctx, signal);
  for (const flag of ['event-type', 'keep'] as const) {
    if (values[flag] !== undefined) throw usageError(`validate: --${flag} goes with --with (the schemas inferred from several files); one file is checked against the schema you give.`, `To shape one file's schema: personalize-import schema infer <file> --${flag} …`);
  }
  if (values['dataset-group'] && (values.schema || values['dataset-arn'])) throw usageError(`validate: pass one of --schema, --dataset-arn and --dataset-group.`);
  if (!values.schema && !values['dataset-arn'] && !values['dataset-group']) throw usageError('validate: no schema. Pass --schema <schema.json> or --dataset-arn <arn>.', 'The schema file may hold the Avro JSON or the output of `aws personalize describe-schema`.');
  // big local files and S3 objects are split at newlines and checked on two threads
  const { availableParallelism } = await import('node:os');
  const workers = Math.min(2, availableParallelism());
  // an S3 object split for two threads: the main thread checks its first part (from the bytes its
  // sockets read, as it checks a local file's first part), a worker thread the other; that worker
  // boots now (≈ 80 ms of CPU, on the core the main thread leaves free), while the object is asked
  // for, rather than once it is split; ended unused when the object is small or the command fails
  const early = isS3Text(input) && workers > 1 ? new (await import('../validate/engine.js')).EarlyWorkers(workers - 1) : undefined;
  try {
    return await validateOne(values, input, ctx, signal, workers, early);
  } finally {
    early?.close();
  }
}

async function validateOne(values: ReturnType<typeof parse<typeof OPTIONS>>['values'], input: string, ctx: CommandContext, signal: AbortSignal, workers: number, early: ValidateOptions['early']): Promise<number> {
  const { io } = ctx;
  // the flags that name the schema and where it is read, as given (--dataset-group becomes --dataset-arn below)
  const schemaFlags = fixFlags(values);
  const { parseDatasetType } = await import('../validate/schema.js');
  const { datasetInGroup, lazyDeps, loadSchema, parseDomain, parseMode } = await import('../cli/csv-command.js');
  let datasetType: DatasetType | undefined = values['dataset-type'] ? parseDatasetType(values['dataset-type']) : undefined;
  let domain: Domain | undefined = parseDomain(values.domain);
  const mode: ImportMode = parseMode(values.mode);
  const isS3 = isS3Text(input);
  // a local file that is missing or cannot be read is named first: before the schema is looked for
  // (--dataset-group without --dataset-type asked which dataset before saying nope.csv does not exist)
  const local = isS3 ? undefined : await (await import('../core/input-file.js')).checkInputFile(input, 'validate:');
  const deps = lazyDeps(values, io);
  const getDeps = deps.get;
  const notes: string[] = [];
  // one S3 object with the threads started early: its first bytes are asked for now, before the
  // schema is read and compiled (~20 ms of this thread's CPU), which then overlaps their round trip
  const s3Url = isS3 ? parseS3Uri(input) : undefined;
  const oneObject = s3Url && s3Url.key !== '' && !s3Url.key.endsWith('/') ? s3Url : undefined;
  const probe = new AbortController();
  const abortProbe = () => probe.abort();
  signal.addEventListener('abort', abortProbe, { once: true });
  let firstBytes: Promise<{ bytes: Uint8Array; size: number; etag?: string } | undefined> | undefined;
  try {
    if (oneObject && early) {
      const s3 = await deps.objectS3(oneObject.bucket);
      if (s3.readStart) {
        const { PROBE_BYTES } = await import('../validate/engine.js');
        firstBytes = s3.readStart(oneObject.bucket, oneObject.key, PROBE_BYTES, probe.signal).catch(() => undefined);
      }
    }
    // the schema: --dataset-group (as `import` takes it) names the dataset of --dataset-type in it
    if (values['dataset-group']) values['dataset-arn'] = await datasetInGroup('validate', values['dataset-group'], datasetType, (await getDeps()).personalize);
    const loaded = await loadSchema(values, getDeps, !domain);
    const schema: SchemaModel = loaded.schema;
    if (loaded.dataset) {
      const ds = loaded.dataset;
      if (!datasetType) {
        datasetType = ds.datasetType;
        notes.push(`Dataset type ${datasetType}, from the dataset.`);
      } else if (datasetType !== ds.datasetType) {
        notes.push(`--dataset-type ${datasetType} overrides the dataset's own type ${ds.datasetType}.`);
      }
      if (!domain && ds.domain) {
        domain = ds.domain;
        notes.push(`Domain ${domain}, from the dataset group.`);
      }
    }
    if (!datasetType) {
      if (!schema.inferredDatasetType) {
        throw usageError(`validate: cannot tell the dataset type from the schema's record name '${schema.recordName}'.`, 'Pass --dataset-type interactions|items|users|actions|action-interactions.');
      }
      datasetType = schema.inferredDatasetType;
      notes.push(`Dataset type ${datasetType}, inferred from the schema's record name "${schema.recordName}" (pass --dataset-type to override).`);
    }

    // the input
    const sources: CsvSource[] = [];
    if (isS3) {
      if (!s3Url) throw usageError(`'${input}' is not an S3 location`, 'Write it as s3://bucket/key.csv or s3://bucket/prefix/.');
      const { bucket, key } = s3Url;
      const folder = key === '' || key.endsWith('/');
      const s3 = folder ? await deps.s3() : await deps.objectS3(bucket);
      if (folder) {
        const listed = (await s3.list(bucket, key).catch(async (e: unknown) => {
          // NoSuchBucket: named as such ("Not found … the ARN or name and the region" was Personalize's wording)
          if (isAppError(e) && e.kind === 'not-found') {
            const { missingBucket } = await import('../flow/s3-missing.js');
            const m = missingBucket(bucket);
            throw usageError(m.message, m.hint);
          }
          throw e;
        })).filter((o) => !o.key.endsWith('/') && o.size > 0);
        const objects = listed.filter((o) => /\.csv$/i.test(o.key));
        if (objects.length === 0) throw usageError(`No CSV objects under ${input}.`, 'Check the bucket and prefix (a folder ends in /); objects must end in .csv.');
        const skipped = listed.length - objects.length;
        if (skipped > 0) notes.push(`Skipped ${skipped} object${skipped === 1 ? '' : 's'} under the prefix that do${skipped === 1 ? 'es' : ''} not end in .csv.`);
        for (const o of objects) sources.push({ name: `s3://${bucket}/${o.key}`, size: o.size, open: () => s3.read(bucket, o.key), ranges: rangesOf(s3, bucket, o.key, o.etag) });
      } else {
        // the object's first bytes (the split's first probe) are asked for first, without HeadObject:
        // their GET's Content-Range and ETag say the object's size and version as HeadObject would
        // (one request and round trip fewer before the first range: the request's CPU is on the
        // thread that then starts the checking). Any failure of that GET (no such object, an empty
        // object's 416, access denied…) asks HeadObject as before, so every error is as before
        const first = firstBytes ? await firstBytes : undefined;
        const head = first ?? (await s3.head(bucket, key));
        if (!head) {
          // which: the bucket, or the key (and what is there instead)
          const { missingObject } = await import('../flow/s3-missing.js');
          const m = await missingObject(await deps.s3(), bucket, key);
          throw usageError(m.message, m.hint);
        }
        const { size, etag } = head;
        const start = first ? Promise.resolve(first.bytes) : undefined;
        sources.push({ name: input, size, open: () => s3.read(bucket, key), ranges: rangesOf(s3, bucket, key, etag, start) });
      }
    } else {
      const { createReadStream } = await import('node:fs');
      // a regular file or a pipe handed by the shell; a FIFO, a device, a folder, an unreadable
      // file was refused above, naming it (exit 2)
      const info = local!;
      if (info.stdinSocket) sources.push({ name: input, open: () => process.stdin });
      else if (info.stream) sources.push({ name: input, open: () => createReadStream(input, { highWaterMark: 1 << 20 }) });
      else sources.push({ name: input, path: input, size: info.size, open: () => createReadStream(input, { highWaterMark: 1 << 20 }) });
    }

    // run
    const totalBytes = sources.reduce((a, s) => a + (s.size ?? 0), 0);
    const { validateCsv } = await import('../validate/engine.js');
    const stderrTty = Boolean((io.stderr as NodeJS.WriteStream).isTTY);
    const bar = stderrTty && totalBytes >= PROGRESS_MIN_BYTES ? progressBar(io.stderr, totalBytes) : undefined;
    let report: ValidationReport;
    try {
      report = await validateCsv(sources, { schema, datasetType, domain, mode, totalBytes, signal, onProgress: bar?.update, workers, early });
    } catch (e) {
      // EIO / EACCES while reading (a failing disk, a file whose permissions changed): name the file
      if (!isAppError(e) && errnoCode(e)) throw fileError(e, sources.length === 1 ? sources[0].name : input, 'validate: reading');
      throw e;
    } finally {
      bar?.done();
    }
    if (values.json) {
      const doc = { ...report, input, sources: sources.map((s) => s.name), notes };
      io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    } else {
      writeFitted(io.stdout, renderReport(report, input, notes));
      // a local file whose every error the fixer repairs: the command that writes the fixed copy
      const file = sources.length === 1 ? sources[0].path : undefined;
      if (!report.valid && file) {
        const [{ isFixable }, { headerLineOf }, { fixedCopyOf }, path] = await Promise.all([import('../fix/index.js'), import('../flow/machine/header-line.js'), import('./fix.js'), import('node:path')]);
        if (isFixable(report, schema, headerLineOf({ kind: 'local', path: file }))) {
          const out = fixedCopyOf(file, path);
          // (a file this engine could not read — ';' separated, UTF-16 — was not checked past that: the fix
          // reads it, checks the rest and says what else it needs, e.g. --dates for 01/11/2026)
          const unread = report.errors.some((e) => UNREAD_CODES.has(e.code));
          const what = unread ? 'The fixer repairs this and checks the rest of the file' : 'The fixer repairs every error here';
          writeFitted(io.stdout, `→ ${what}, into a copy (${visible(out)}; ${visible(file)} stays as it is), showing each change${unread ? ' and what else it needs' : ''}:\n  ${['personalize-import', 'fix', file, ...schemaFlags].map(shellWord).join(' ')}\n`);
        }
      }
    }
    return report.valid ? EXIT.OK : EXIT.FAILED;
  } finally {
    // (a schema that failed: the first bytes' GET is not waited for)
    probe.abort();
    signal.removeEventListener('abort', abortProbe);
    await deps.close();
  }
}

/** `--with`: several files of one dataset group, then the cross-file checks (validate-group.ts) */
async function withFiles(values: ReturnType<typeof parse<typeof OPTIONS>>['values'], input: string, ctx: CommandContext, signal: AbortSignal): Promise<number> {
  if (isS3Text(input)) throw usageError('validate --with: the files are local files for now (the cross-file checks read each one more than once).', 'Download the S3 objects first, or validate them one by one.');
  const { parseDomain } = await import('./schema.js');
  const { lazyDeps, parseMode } = await import('../cli/csv-command.js');
  const mode: ImportMode = parseMode(values.mode);
  const deps = lazyDeps(values, ctx.io);
  try {
    const { validateGroup } = await import('./validate-group.js');
    return await validateGroup(values, input, {
      ctx, signal, mode, domain: parseDomain(values.domain),
      getPersonalize: async () => (await deps.get()).personalize,
    });
  } finally {
    await deps.close();
  }
}

function progressBar(out: NodeJS.WritableStream, total: number) {
  const cols = (out as NodeJS.WriteStream).columns || 80;
  const t0 = Date.now();
  let last = 0;
  return {
    update: (bytes: number, rows: number) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const f = Math.min(1, bytes / total);
      const width = 24;
      const filled = Math.round(f * width);
      const secs = (now - t0) / 1000;
      const rate = secs > 0 ? rows / secs : 0;
      const eta = f > 0 && secs > 0.5 ? Math.max(0, (secs / f) * (1 - f)) : undefined;
      const text = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(f * 100).toFixed(0).padStart(3)}%  ${mb(bytes)}/${mb(total)}  ${fmtInt(Math.round(rate))} rows/s  ETA ${eta === undefined ? '…' : `${Math.ceil(eta)}s`}`;
      // one screen line, or \r would redraw only the last of the lines it wrapped onto
      out.write(`\r${text.slice(0, Math.max(10, cols - 1))}\x1b[K`);
    },
    done: () => out.write('\r\x1b[2K'),
  };
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** an object read by ranged GETs (several in flight, split across the workers: validate/remote.ts) */
function rangesOf(s3: import('../core/ports.js').StorageApi, bucket: string, key: string, etag?: string, first?: Promise<Uint8Array | undefined>): CsvSource['ranges'] {
  const readRange = s3.readRange?.bind(s3);
  return readRange ? { read: (start, end, signal, into) => readRange(bucket, key, start, end, { etag, signal, into }), start: first } : undefined;
}

/** findings that end the check at line 1: the rest of the file is not read (totals.unreadable) */
const UNREAD_CODES = new Set(['NOT_CSV', 'FILE_IS_UTF16', 'WRONG_SEPARATOR', 'NO_HEADER']);

/** `validate`'s flags that name the schema and where it is read, for the `fix` command it suggests */
function fixFlags(values: ReturnType<typeof parse<typeof OPTIONS>>['values']): string[] {
  const out: string[] = [];
  if (values.schema) out.push('--schema', values.schema);
  if (values['dataset-arn']) out.push('--dataset-arn', values['dataset-arn']);
  if (values['dataset-group']) out.push('--dataset-group', values['dataset-group']);
  if (values['dataset-type']) out.push('--dataset-type', values['dataset-type']);
  if (values.domain) out.push('--domain', values.domain);
  if (values.mode) out.push('--mode', values.mode);
  if (values.sandbox) out.push('--sandbox');
  if (values.region) out.push('--region', values.region);
  if (values['aws-profile']) out.push('--aws-profile', values['aws-profile']);
  return out;
}


// `personalize-import import`: the whole import from flags — for scripts, CI and tickets. It answers
// the step machine of src/flow/machine from flags, the saved profile and the defaults; a step nothing
// answers is asked on a terminal (numbered line prompts) or is the usage error naming its flag (the
// ones knowable from flags alone are decided before the AWS SDK is even loaded). Uploads wait until
// every question is answered; --dry-run stops at the review with the request it would send.
import { writeFitted } from '../core/fit.js';
import { EXIT } from '../core/exit-codes.js';
import { asAppError, errnoCode, fileError, isAppError, usageError } from '../core/errors.js';
import type { CommandContext } from '../cli/context.js';
import { parse } from '../cli/args.js';
import type { Answers } from '../flow/plan.js';
import { answersFromFlags, checkFlagShapes, createFlags, envSandbox, importMode, intervalMs, missingFlags, OPTIONS, type Values } from './import-flags.js';
import { HELP as RECORDS_HELP } from '../records/help.js';
import path from 'node:path';
import { visible } from '../core/sanitize.js';

export const help = `personalize-import import — the whole import from flags, no questions (scripts, CI, tickets)

Validates the CSV against the dataset's schema, uploads it to S3, checks that Personalize may read
it (preflight), creates the dataset import job and waits until it is ACTIVE or CREATE FAILED.
Without a terminal every answer must come from flags (or --profile); a missing one exits 2 at once,
naming the flag. On a terminal, a missing answer is asked.

Usage
  personalize-import import (--dataset-arn <arn> | --dataset-group <name|arn> [--dataset-type <type>])
      (--csv <file> [--bucket <name>] [--prefix <folder/>] | --data-location s3://bucket/key)
      [--role-arn <arn>] [--mode full|incremental] [--job-name <name>] [--tag key=value]…
      [--publish-attribution-metrics] [--profile <saved>] [--fix [--fix-rejects] [--drop-returns]]
      [--map <column=FIELD>]… [--dates day-first|month-first] [--decimal comma|point]
      [--user-id-from <column>] [--item-id-from <column.key>]
      [--event-type <value>] [--event-names <old=New>]… [--yes] [--no-wait] [--dry-run] [--json]
      [--create [--domain ECOMMERCE|VIDEO_ON_DEMAND] [--schema <file>] [--kms-key-arn <arn>]
        [--keep <column>]…]
  personalize-import import --dataset-group <name|arn> --csv TYPE=<file> --csv TYPE=<file>…
      [--bucket <name>] [--role-arn <arn>] [--create] [--fix [--fix-rejects]]
      [--mode full|incremental [--yes]] [--json]

What to import
  --dataset-arn <arn>        the dataset to import into
  --dataset-group <name|arn> the dataset group, with --dataset-type
  --dataset-type <type>      interactions | items | users | actions | action-interactions (with
                             --csv it may be left out: the columns tell it, e.g. USER_ID and
                             ITEM_ID → interactions, and a line on stderr says so)
  --csv <file>               a local CSV: validated, then uploaded to --bucket (+ --prefix)
  --bucket <name>            the S3 bucket to upload to (the sandbox's bucket by default there);
                             s3://bucket/folder/ names the folder too, as --prefix would
  --prefix <folder/>         key prefix for the upload (default: none; the key is prefix + file name)
  --data-location <s3://…>   data already in S3: s3://bucket/key.csv or s3://bucket/folder/ (validated in place)

A whole dataset group at once
  --csv TYPE=<file>          repeatable (TYPE: interactions, items, users, …), or --csv <folder> (its
                             .csv files, each typed by its columns): each file validated against its
                             dataset's schema, the files checked against each other (IDs absent from
                             the items / users file, unused items and users, IDs written differently:
                             warnings), missing datasets created with --create, the files uploaded
                             together, the jobs created as the 5-running-jobs limit allows (counted
                             with the account's other jobs) and each followed to its end. One summary
                             lists every job ARN (--json: "jobs": [...]). Exit 1 when a file is invalid
                             (nothing uploaded) or any job fails (the others still run and are listed).
                             --fix: a fixed copy of each invalid file the fixer repairs (--fix-rejects:
                             rows it cannot repair set aside), written and named as for one file, its
                             summary on stderr; the copies checked again (each, and across them) and
                             imported ("validation": [{…, "fix": {…}}]). A file the fixer cannot repair,
                             or rows to set aside without --fix-rejects: exit 1 naming the file and why,
                             before anything is created or uploaded

Create what is missing (a brand-new account)
  --create                   create the --dataset-group when there is none of that name and its
                             --dataset-type dataset when the group has none, each followed to ACTIVE;
                             the schema from --schema, or inferred from the CSV (printed on stderr:
                             a header to rename or a value problem creates nothing — unless --fix
                             repairs it, or --fix-rejects sets its rows aside). Without a
                             terminal and without --create, a missing group or dataset exits 2;
                             on a terminal it is offered (Create it / Stop)
  --domain <d>               with --create: a Domain dataset group (ECOMMERCE or VIDEO_ON_DEMAND;
                             default Custom); its required fields are checked in the inferred schema
  --schema <file>            with --create: the new dataset's Avro schema JSON (e.g. from schema infer)
  --kms-key-arn <arn>        with --create: the new dataset group's KMS key
  --keep <column>            with --create, repeatable: keep a column the inferred schema leaves out
                             (personal data: e-mail addresses, and by the column's name a person's
                             name, phones, street addresses, notes; in interactions a different value
                             in every row, e.g. an order number; one value in every row). Left out,
                             it is listed with why and --fix drops it from the copy. With several
                             files, whichever file holds it. A name the header holds twice takes
                             its place, counted from 1: --keep color@5

How
  --role-arn <arn>           the IAM role Personalize assumes to read the data
                             (default: the saved profile's, the dataset group's, or the sandbox's)
  --mode full|incremental    default: FULL when the dataset has no bulk data yet; otherwise required
  --yes                      confirm a FULL import over existing bulk data (required without a
                             terminal: the message says which import it would replace)
  --job-name <name>          default: <dataset>-<yyyymmdd-hhmmss> (UTC)
  --tag key=value            repeatable; at most 50 (a resource carries no more)
  --publish-attribution-metrics   publish this import's metrics to S3 (needs a metric attribution)
  --profile <name>           start from a saved profile (group, dataset, bucket, prefix, role, region);
                             flags win over it
  --skip-validation          do not check the file first (loudly noted; a bad file then fails the job
                             after the wait)
  --fix                      when every validation error is one the fixer repairs (lower-case header,
                             ISO dates, ms epochs, ';' separated, UTF-16 …): write <name>.fixed.csv
                             beside the CSV (a temp folder for S3 input), print what changed, and
                             import the fixed copy; without it such a file exits 1, naming --fix
  --fix-rejects              with --fix: rows that cannot be fixed go to <name>.rejects.csv (with
                             their line numbers) and the rest is imported; without it they exit 1
  --drop-returns             with --fix --fix-rejects, interactions: an order export's returns and
                             cancellations (a negative Quantity, an Invoice C489449) are set aside
                             with those rows instead of imported as purchases (a warning otherwise)
  --user-id-from <column>    with --fix, one file, a Segment export (user_id and anonymous_id): the rows
                             whose user_id is empty — visitors who never signed in — get this column's
                             value as USER_ID in the copy: --user-id-from anonymous_id (the wizard's
                             "Fix and continue, anonymous visitors by their anonymous_id"; a visitor
                             who signs in later is then two users). Without it those rows cannot be
                             fixed: --fix-rejects sets them aside
  --item-id-from <column.key>
                             with --fix, one file, a Mixpanel export (the item inside each event's
                             properties JSON): the copy gets an ITEM_ID column with that key's value,
                             and the schema --create infers has ITEM_ID: --item-id-from
                             properties.product_id (the wizard's "Take ITEM_ID from product_id in
                             properties"). The key must be in the column's first 1,000 rows, and
                             the file must have no ITEM_ID column (or a spelling of it) already.
                             With either, --dataset-type defaults to interactions; both read the
                             local --csv (not --data-location), said first and in --json as
                             "userIdFrom" / "itemIdFrom"
  --map <column=FIELD>       repeatable, one file: name a column's field yourself, as fix --map does —
                             an export in another language: --map Kunde=USER_ID --map Artikel=ITEM_ID
                             --map Zeitpunkt=TIMESTAMP. The schema --create infers uses those names,
                             and --fix writes the copy with that header; without --fix such a file
                             exits 1 naming --fix
  --dates <order>            day-first or month-first, one file: how the fix step reads dates in
                             numbers only (01.11.2026 10:00: 1 November day-first, 11 January
                             month-first; a 4-digit year). Without it they are not converted: the
                             order would be a guess
  --event-type <value>       one file with no EVENT_TYPE column (an order export: every row a
                             purchase): --fix adds the column with this value in every row, and the
                             schema --create infers has the field (a Domain group's interactions
                             need it). With several files: the interactions file's (a shop's
                             orders_export.csv beside its products and customers exports)
  --event-names <old=New>    repeatable: the fix step writes the EVENT_TYPE old as New (exact
                             match): --event-names transaction=Purchase, which an ECOMMERCE group's
                             Best sellers count. In a Domain group --fix writes view as View (the
                             domain's types in another letter case) without being asked
  --decimal <mark>           comma or point: the file's decimal mark, with which the fix step reads
                             a number written two ways ("1,234": 1.234 with comma, 1234 with point).
                             Without it such a number is read only when its column has a value
                             that says (12,50: a German or French export); else its row is rejected

${RECORDS_HELP}
Output
  --dry-run                  every step short of the side effects (validation, preflight, the plan):
                             prints the CreateDatasetImportJob request it would send, uploads and creates
                             nothing; exits 0/1/2/3 as the real run would ({"dryRun": true, "request": {…}}
                             with --json). With --create: the file checked, the schema inferred, and
                             what would be created said ({"wouldCreate": {…}}); nothing is created
  --no-wait                  print the job ARN once it is created and exit 0
  --interval <s>             poll the job every <s> seconds (default 2 s, slowing to 30 s)
  --json                     exactly one JSON document on stdout; every log line goes to stderr:
                             {"datasetImportJobArn","status","failureReason"?,"importMode","dataLocation",
                              "validation":{…},"upload":{…},"preflight":{"ok","checks"}, "error"?,
                              "created"?:{"datasetGroupArn"?,"schemaArn"?,"datasetArn"?} (with --create),
                              "userIdFrom"?, "itemIdFrom"? (as chosen)}
  --plain                    accepted for symmetry with the wizard (import's questions are always plain)

Where
  --region <r>, --aws-profile <p>   (a dataset ARN's region is used when neither says one)
  --sandbox                  an embedded local sandbox, for this run only (its role and bucket are the
                             defaults). A sandbox that stays: eval "$(personalize-import sandbox --print-env
                             --data-dir DIR)" exports its endpoints, PERSONALIZE_SANDBOX_ROLE_ARN and _BUCKET,
                             which are then the defaults too
  --debug                    log every AWS request and response to stderr (secrets redacted)

Before the job is created a preflight checks the data exists, the bucket's region, the bucket
policy, the role (trust, S3 access), KMS and the running-jobs limit. A FAIL stops the import with
the fix; CAN'T CHECK (e.g. no IAM access) is shown but does not block.

Ctrl-C: during the upload it is aborted (no parts are left in S3), exit 130; while waiting the job
keeps running in AWS and the command to follow it is printed, exit 130.

Exit codes
  0   the job is ACTIVE (or created, with --no-wait)
  1   the job is CREATE FAILED (cause and fix printed), the data is invalid (report printed, nothing
      uploaded, no job), or preflight found a data/limit problem (data missing, wrong region,
      5 jobs running)
  2   usage: a missing or bad flag, FULL over existing data without --yes, an unknown dataset
  3   credentials or permissions: no credentials, access denied, or preflight found a permission
      problem (bucket policy, role trust / S3 access, KMS) — the statement to add is printed
  130 interrupted (Ctrl-C)

Examples
  personalize-import import --dataset-arn arn:aws:personalize:us-east-1:123456789012:dataset/shop/INTERACTIONS \\
      --csv events.csv --bucket my-personalize-data --prefix imports/ \\
      --role-arn arn:aws:iam::123456789012:role/PersonalizeS3Access --mode incremental
  personalize-import import --dataset-group shop --dataset-type items \\
      --data-location s3://my-personalize-data/items/ --mode full --yes --json > result.json
  personalize-import import --profile shop-events --csv events-2026-11-23.csv --no-wait
  personalize-import import --sandbox --dataset-group sandbox-shop --dataset-type interactions --csv samples/interactions.csv
  personalize-import import --dataset-group shop --create --bucket my-personalize-data --role-arn arn:aws:iam::123456789012:role/PersonalizeS3Access \\
      --csv interactions=events.csv --csv items=catalog.csv --csv users=customers.csv --json
  personalize-import import --sandbox --dataset-group site --create --fix --csv tracks.csv --user-id-from anonymous_id
  personalize-import import --sandbox --dataset-group app --create --fix --csv mixpanel-export.csv \\
      --item-id-from properties.product_id
`;

/** for the completion scripts (src/commands/completion.ts) */
export const options = OPTIONS;
export { missingFlags };

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const json = argv.includes('--json');
  const doc: Record<string, unknown> = {};
  try {
    return await importCommand(argv, ctx, doc);
  } catch (raw) {
    // a read error of the CSV (EIO from a failing disk) carries no path: name the --csv file
    const csv = argv.find((a, i) => argv[i - 1] === '--csv') ?? argv.find((a) => a.startsWith('--csv='))?.slice(6);
    const e = asAppError(raw) ?? (errnoCode(raw) && csv ? fileError(raw, csv, 'import: reading --csv') : raw);
    if (json && isAppError(e)) {
      ctx.io.stdout.write(`${JSON.stringify({ ...doc, error: { kind: e.kind, message: e.message, ...(e.hint ? { hint: e.hint } : {}) } }, null, 2)}\n`);
      writeFitted(ctx.io.stderr, `${e.message}${e.hint ? `\n  → ${e.hint}` : ''}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

async function importCommand(argv: string[], ctx: CommandContext, doc: Record<string, unknown>): Promise<number> {
  const { io } = ctx;
  const parsed = parse('import', argv, OPTIONS, 0);
  // a value whose shape is wrong is said now, not after the file was read (or a job was asked for)
  checkFlagShapes(parsed.values);
  const csvList = parsed.values.csv ?? [];
  const group = await import('./import-group.js');
  // several files of one dataset group (TYPE=FILE, or a folder): their own flow
  if (await group.isGroupSpec(csvList, io.cwd)) {
    for (const f of ['user-id-from', 'item-id-from'] as const) {
      if (parsed.values[f] !== undefined) throw usageError(`import: --${f} names a column of one file; with several files their headers differ.`, `Import that export on its own: personalize-import import --csv <file> … --fix --${f} ${f === 'user-id-from' ? 'anonymous_id' : 'properties.product_id'}`);
    }
    if (parsed.values.map) throw usageError('import: --map names the columns of one file at a time; with several files their headers differ.', 'Import that file on its own (import --csv <file> --map column=FIELD …), or rename its header cells, e.g. with personalize-import fix <file> --schema <schema.json> --map column=FIELD.');
    return group.importGroupCommand(parsed.values, ctx, doc, { importMode, intervalMs });
  }
  const values: Values = { ...parsed.values, csv: csvList[0] };
  const { answers, presetFrom, profileRole, notice } = await answersFromFlags(values, io.env);
  if (notice) io.stderr.write(`${notice}\n`);
  if (answers.headerMap && answers.source?.kind === 'local') await (await import('./group-files.js')).checkMapColumns(path.resolve(io.cwd, answers.source.path), answers.headerMap);
  // --user-id-from / --item-id-from: checked against the file (export-flags.ts); the fix step then writes the copy with them
  const { checkExportType, exportChoices } = await import('./export-flags.js');
  const src0 = answers.source;
  const exported = src0 ? await exportChoices('import', values, src0.kind === 'local' ? { abs: path.resolve(io.cwd, src0.path), name: src0.path } : { s3: `s3://${src0.bucket}/${src0.key ?? ''}` }) : { report: {}, lines: [] };
  if (exported.anonymousIds) answers.anonymousIds = true;
  if (exported.jsonItem) answers.itemFromJson = exported.jsonItem;
  Object.assign(doc, exported.report);
  // --dataset-group without --dataset-type: the CSV's columns say which dataset, as in the wizard
  let typeReason: string | undefined;
  if ((answers.datasetGroupName || answers.datasetGroupArn) && !answers.datasetType && !answers.datasetArn && (exported.anonymousIds || exported.jsonItem)) {
    // (an analytics export is events: its columns alone may not say so, ITEM_ID being inside its JSON)
    const flag = exported.jsonItem ? '--item-id-from' : '--user-id-from';
    answers.datasetType = 'INTERACTIONS';
    typeReason = `${flag}: an event export's interactions`;
    presetFrom.dataset = flag;
    io.stderr.write(`Dataset type interactions: ${flag} is for an event export (--dataset-type chooses another).\n`);
  }
  checkExportType('import', exported, answers.datasetType ?? /:dataset\/[^/]+\/([A-Z_]+)$/.exec(answers.datasetArn ?? '')?.[1]);
  if ((answers.datasetGroupName || answers.datasetGroupArn) && !answers.datasetType && !answers.datasetArn && answers.source?.kind === 'local') {
    const guess = await (await import('./group-files.js')).typeOfColumns(path.resolve(io.cwd, answers.source.path), answers.source.path, answers.headerMap);
    if (guess) {
      answers.datasetType = guess.type;
      typeReason = `guessed from the columns: ${guess.reason}`;
      presetFrom.dataset = 'the CSV\'s columns';
      io.stderr.write(`Dataset type ${guess.type.toLowerCase()}, from the columns of ${visible(answers.source.path)}: ${visible(guess.reason)} (--dataset-type chooses another).\n`);
    }
  }
  const createWith = await createFlags(values, answers);
  if (values['skip-unknown'] && !values.resume) throw usageError('import: --skip-unknown goes with --resume <report>: it leaves out the records a stopped run left with an unknown outcome.', 'Add --resume <report>, or leave out --skip-unknown.');
  if (values.individually || values.resume) {
    if (values['dry-run']) throw usageError('import: --dry-run is for a bulk import job; record by record (--individually) sends as it goes.');
    if (values.dates) throw usageError('import: --dates is for a bulk import, whose fix step converts the dates; record by record sends the file as it is.', 'Write a fixed copy first: personalize-import fix <file> --schema <schema.json> --dates day-first.');
    if (values['drop-returns']) throw usageError('import: --drop-returns is for a bulk import, whose fix step sets the returns aside; record by record sends the file as it is.', 'Write a copy without them first: personalize-import fix <file> --schema <schema.json> --drop-returns --rejects <file>.');
    if (values.decimal) throw usageError('import: --decimal is for a bulk import, whose fix step writes the numbers with a point; record by record sends the file as it is.', 'Write a fixed copy first: personalize-import fix <file> --schema <schema.json> --decimal comma.');
    if (values.map) throw usageError('import: --map is for a bulk import, whose fix step renames the header; record by record sends the file as it is.', 'Write a renamed copy first: personalize-import fix <file> --schema <schema.json> --map column=FIELD.');
    for (const f of ['user-id-from', 'item-id-from'] as const) {
      if (values[f] !== undefined) throw usageError(`import: --${f} is for a bulk import, whose fix step writes the copy; record by record sends the file as it is.`, `Write the copy first: personalize-import fix <file> --schema <schema.json> --${f} ${f === 'user-id-from' ? 'anonymous_id' : 'properties.product_id'}.`);
    }
    // record by record: PutUsers / PutItems / PutEvents, no S3, no job (a saved profile fills the dataset and where)
    const [{ runIndividually }, { createDeps }] = await Promise.all([import('../records/cli.js'), import('../aws/deps.js')]);
    const where = { region: answers.region, 'aws-profile': answers.awsProfile, sandbox: answers.sandbox, 'dataset-arn': values['dataset-arn'] ?? (values['dataset-group'] || createWith ? undefined : answers.datasetArn) };
    // --create: the group and type named (by flags or the profile), as the bulk path creates them
    const create = createWith && { ...createWith, groupName: answers.datasetGroupArn ?? answers.datasetGroupName!, datasetType: answers.datasetType!, ...(typeReason ? { typeReason } : {}) };
    return runIndividually({ ...values, ...where }, io, (o) => createDeps(o), { create });
  }
  const interval = intervalMs(values.interval);
  const sandbox = Boolean(answers.sandbox);
  const fromEnv = sandbox ? undefined : envSandbox(io.env);
  const interactive = io.isTTY;

  // Without a terminal nothing can be asked: say every missing flag now, before the SDK loads.
  const missing = missingFlags(answers, sandbox || Boolean(fromEnv?.bucket));
  if (missing.length && !interactive) {
    throw usageError(`import: missing ${missing.join(', ')}.`, 'There is no terminal to ask on, so pass them as flags (or --profile <saved profile>). See personalize-import import --help.');
  }

  const [{ createDeps }, { createAccess }, { runPreflight }, machine, { flowLinePrinter }, { lineAsker }] = await Promise.all([
    import('../aws/deps.js'), import('../aws/access.js'), import('../diagnose/preflight.js'), import('../flow/machine/index.js'),
    import('../cli/flow-lines.js'), import('../cli/line-face.js'),
  ]);
  const arnRegion = /^arn:[^:]+:personalize:([a-z0-9-]+):/.exec(answers.datasetArn ?? answers.datasetGroupArn ?? '')?.[1];
  const region = answers.region ?? (sandbox ? undefined : io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION ? undefined : arnRegion);
  const jobSecondsEnv = values['sandbox-job-seconds'] ?? io.env.PERSONALIZE_SANDBOX_JOB_SECONDS;
  if (jobSecondsEnv !== undefined && !(Number(jobSecondsEnv) >= 0)) throw usageError(`import: --sandbox-job-seconds '${jobSecondsEnv}' is not a number of seconds.`);
  const deps = await createDeps({
    io, region, awsProfile: answers.awsProfile, sandbox, debug: values.debug,
    ...(sandbox && jobSecondsEnv !== undefined && jobSecondsEnv.trim() !== '' ? { sandboxJobSeconds: Number(jobSecondsEnv) } : {}),
  });
  const { access, close } = createAccess({ deps, io, region: deps.context.region, awsProfile: answers.awsProfile, debug: values.debug });
  const out = values.json ? io.stderr : io.stdout;
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  const printer = flowLinePrinter({ io, out, headings: false, interactive: false });
  const asker = interactive ? lineAsker(io, out, controller.signal) : undefined;
  // what --user-id-from / --item-id-from ask of the fix step, said first (a dry run too)
  for (const l of exported.lines) printer.line(l);
  try {
    if (deps.context.region && !answers.region) answers.region = deps.context.region;
    let create = createWith;
    let prepared: import('../validate/prepared.js').PreparedReport | undefined;
    if (!create && asker && answers.datasetType && !answers.datasetArn && (answers.datasetGroupName || answers.datasetGroupArn) && answers.source) {
      // on a terminal a missing group or dataset is offered, not an error (nothing is created without a yes)
      const { offerCreate } = await import('./create-missing.js');
      const offered = await offerCreate(deps.personalize, { groupName: answers.datasetGroupArn ?? answers.datasetGroupName!, datasetType: answers.datasetType }, async (question, what) => {
        printer.line();
        printer.line(what);
        const m = { ...machine.frame('create', 'dataset', 'choose', question), choices: [{ value: 'create', label: 'Create it (the schema inferred from the CSV, shown first)' }, { value: 'stop', label: 'Stop: nothing is created' }], default: 'create' };
        for (;;) {
          const ans = await asker.ask(m);
          if ('value' in ans) return ans.value === 'create';
        }
      });
      if (offered) create = {};
    }
    if (create) {
      const createWith = create;
      // no terminal to ask for the role on: a role must be known before anything is created (the
      // role step would stop the run after the group, schema and dataset exist)
      if (!asker && !answers.roleArn) {
        const [{ defaultRole }, { visible }] = await Promise.all([import('../flow/queries.js'), import('../core/sanitize.js')]);
        const groupName = answers.datasetGroupArn ?? answers.datasetGroupName;
        const existing = (await deps.personalize.listDatasetGroups()).find((g) => g.name === groupName || g.arn === groupName);
        const groupRole = existing ? (await deps.personalize.describeDatasetGroup(existing.arn)).roleArn : undefined;
        const sandboxRole = sandbox ? deps.context.roleArn : fromEnv?.roleArn;
        if (!defaultRole({ profileRole, group: groupRole ? { ...existing!, roleArn: groupRole } : undefined, sandboxRole })) {
          const bucket = answers.bucket ?? (answers.source?.kind === 's3' ? answers.source.bucket : undefined);
          throw usageError(
            'import: which IAM role may Personalize use to read the data? Pass --role-arn arn:aws:iam::ACCOUNT:role/NAME; nothing was created.',
            `personalize-import access setup --bucket ${bucket ? visible(bucket) : 'BUCKET'} --yes creates a role Personalize may use (and the bucket policy) and prints its ARN.`,
          );
        }
      }
      // before the machine: it then finds the group and dataset by name, as if they had been there
      const { ensureForImport } = await import('./create-missing.js');
      const { systemClock } = await import('../job/clock.js');
      const src = answers.source!;
      // a local file is checked against the schema before anything is created (create-check.ts)
      // (its report goes to the flow's validate step, which then need not read the file again)
      const INVALID = Symbol('invalid');
      let checkedReport: import('../validate/index.js').ValidationReport | undefined;
      const checkFirst = src.kind === 'local' && !values['skip-validation']
        ? async (avro: import('../core/resources.js').AvroRecordSchema) => {
          const { checkBeforeCreate } = await import('./create-check.js');
          const { go, prepared: checked, report: seen } = await checkBeforeCreate({
            abs: path.resolve(io.cwd, src.path), name: src.path, avro, datasetType: answers.datasetType!, domain: createWith.domain,
            groupName: answers.datasetGroupName ?? answers.datasetGroupArn!, fix: Boolean(values.fix || values['fix-rejects']), fixRejects: Boolean(values['fix-rejects']),
            map: answers.headerMap, dates: answers.dateOrder, eventType: answers.eventType, decimal: answers.decimalMark,
            ...(exported.anonymousIds ? { anonymousIds: true } : {}), ...(exported.jsonItem ? { jsonItem: exported.jsonItem } : {}), say: (l) => printer.err(l), signal: controller.signal, doc,
          });
          if (!go) throw INVALID;
          prepared = checked;
          checkedReport = seen;
        }
        : undefined;
      const r = await ensureForImport({
        ...(checkFirst ? { beforeCreate: checkFirst } : {}), ...(values['dry-run'] ? { dryRun: true } : {}),
        personalize: deps.personalize, out, clock: systemClock, signal: controller.signal, create: true,
        groupName: answers.datasetGroupArn ?? answers.datasetGroupName!, datasetType: answers.datasetType!, ...(typeReason ? { typeReason } : {}),
        domain: createWith.domain, kmsKeyArn: createWith.kmsKeyArn, schemaFile: createWith.schemaFile,
        fix: Boolean(values.fix || values['fix-rejects']), fixRejects: Boolean(values['fix-rejects']), map: answers.headerMap, mapFlag: true,
        // a column the schema names from its values (t_dat, the only dates: TIMESTAMP): the fix step renames it as by --map
        onNamed: (named) => { answers.headerMap = { ...named, ...answers.headerMap }; },
        onDates: (order) => { answers.dateOrder = order; }, ...(answers.dateOrder ? { dates: answers.dateOrder } : {}),
        ...(answers.eventType !== undefined ? { eventType: answers.eventType } : {}), ...(values.keep ? { keep: values.keep } : {}),
        ...(exported.anonymousIds ? { anonymousIds: true } : {}), ...(exported.jsonItem ? { jsonItem: exported.jsonItem } : {}),
        csv: src.kind === 'local'
          ? { name: src.path, open: async () => (await import('node:fs')).createReadStream((await import('node:path')).resolve(io.cwd, src.path), { highWaterMark: 1 << 20 }) }
          : src.key && !src.key.endsWith('/') ? { name: `s3://${src.bucket}/${src.key}`, open: () => deps.s3.read(src.bucket, src.key!) } : undefined,
      }).catch((e: unknown) => {
        if (e === INVALID) return undefined;
        throw e;
      });
      if (!r) {
        if (values.json) io.stdout.write(`${JSON.stringify(orderDoc(doc), null, 2)}\n`);
        return EXIT.FAILED;
      }
      if (r.dryRun) {
        // --dry-run --create: checked and inferred; what would be created said (stderr), nothing created
        // (a file with errors got here only as one --fix repairs, tried on a copy: `fixable`)
        const plan = r.dryRun;
        const report = checkedReport;
        doc.dryRun = true;
        if (report && !('validation' in doc)) doc.validation = { valid: report.valid, rows: report.rows, errors: report.errors.length, warnings: report.warnings.length, ...(!report.valid ? { fixable: true } : {}) };
        doc.wouldCreate = {
          ...(plan.group.create ? { datasetGroup: { name: plan.group.name, domain: plan.group.domain ?? null } } : {}),
          ...(plan.schema?.create ? { schema: { name: plan.schema.name } } : {}),
          dataset: { name: plan.dataset!.name, type: plan.dataset!.type, datasetGroup: plan.group.name, ...(plan.schema && !plan.schema.create ? { schema: plan.schema.name } : {}) },
        };
        if (values.json) io.stdout.write(`${JSON.stringify(orderDoc(doc), null, 2)}\n`);
        return EXIT.OK;
      }
      doc.created = r.created;
      // the columns the schema left out (an e-mail, an order number …): the fix step drops them from the copy
      if (r.leftOut) answers.leaveOut = r.leftOut;
    }
    const state = machine.newState(answers, presetFrom);
    state.doc = doc;
    if (prepared) state.loaded.prepared = prepared;
    const ports: import('../flow/machine/index.js').FlowPorts = {
      personalize: deps.personalize, s3: deps.s3, context: deps.context, cwd: io.cwd,
      preflight: (o) => runPreflight({ personalize: deps.personalize, s3: deps.s3, access }, o),
      sandboxDefaults: sandbox ? { roleArn: deps.context.roleArn, bucket: deps.context.bucket } : fromEnv,
      profileRole, now: () => new Date(),
      yes: values.yes, skipValidation: values['skip-validation'], noWait: values['no-wait'], dryRun: values['dry-run'],
      ...(interval !== undefined ? { watch: { initialMs: interval, maxMs: interval } } : {}),
    };
    // `import` answers every step from flags, the profile and the defaults; a step nothing answers
    // is asked on a terminal, or is the usage error naming its flag
    const end = await machine.drive(state, ports, {
      event: (e) => printer.event(e),
      async ask(m) {
        const u = m.unattended;
        if (!u) return { value: m.default ?? '' };
        if ('value' in u) {
          if (u.note) printer.line(`  ${u.note}`, 'dim');
          return { value: u.value };
        }
        if (!asker) throw usageError(u.error, u.hint);
        printer.line();
        for (const l of m.lines) printer.line(l.text, l.tone);
        const ans = await asker.ask(m);
        // no step to go back to in a one-shot command: "<" asks again
        return 'back' in ans ? this.ask(m, state) : ans;
      },
    }, { deferSideEffects: true, signal: controller.signal });
    for (const l of end.lines) (end.exitCode === 0 ? printer.line(l) : printer.err(l));
    if (end.reason === 'stopped') doc.interrupted = true;
    if (values.json) io.stdout.write(`${JSON.stringify(orderDoc(doc), null, 2)}\n`);
    return end.exitCode;
  } finally {
    process.removeListener('SIGINT', onSigint);
    asker?.close();
    close();
    await deps.close();
  }
}

/** The documented keys first, in their order. */
function orderDoc(doc: Record<string, unknown>): Record<string, unknown> {
  const keys = ['datasetImportJobArn', 'status', 'failureReason', 'importMode', 'dataLocation', 'validation', 'upload', 'preflight'];
  const outDoc: Record<string, unknown> = {};
  for (const k of keys) if (k in doc) outDoc[k] = doc[k];
  for (const [k, v] of Object.entries(doc)) if (!(k in outDoc)) outDoc[k] = v;
  return outDoc;
}

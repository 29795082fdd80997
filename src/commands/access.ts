// `personalize-import access setup`: give Amazon Personalize what it needs to read import data —
// the bucket (created on request), the bucket policy statement (merged, nothing removed) and the
// service role (created, or completed with an inline policy) — after showing every change and
// getting a yes. The plan and the changes are src/access (core); this file is flags and output.
import { writeFitted } from '../core/fit.js';
import { EXIT } from '../core/exit-codes.js';
import { AppError, usageError } from '../core/errors.js';
import type { CommandContext } from '../cli/context.js';
import { withJsonErrors } from '../cli/json-errors.js';
import { errorJson } from '../job/json.js';
import type { DatasetGroup } from '../core/resources.js';
import type { Change } from '../access/plan.js';
import { AWS_OPTIONS, COMMON_OPTIONS, parse } from '../cli/args.js';
import { bucketOfFlag, looksLikeObject } from '../core/s3-uri.js';

export const help = `personalize-import access setup --bucket <bucket> [flags]
Set up what Amazon Personalize needs to read your import data, least privilege, with your consent:
  · the bucket — created with --create-bucket when it does not exist (in the dataset group's
    region, public access blocked, encrypted by default with SSE-S3)
  · the bucket policy — a statement letting personalize.amazonaws.com s3:GetObject the prefix's
    objects and s3:ListBucket the bucket, added to the policy; every existing statement is kept
    as it is (the whole policy is shown as a diff before it is written)
  · the service role — created (default name PersonalizeImport-<dataset group>) trusting
    personalize.amazonaws.com for your account only (aws:SourceAccount), with an inline policy
    that reads that bucket and prefix and nothing else; or, for an existing role, that inline
    policy added (its other policies are left alone)
  · a customer managed KMS key on the bucket — the role gets the key use it needs, and the key
    policy the statements for Personalize and the role (merged, shown as a diff), applied when
    the key policy lets you change it; otherwise the whole policy and the aws kms put-key-policy
    command are printed for the key's owner, and it exits 3
Every change is listed with its JSON document and the equivalent aws command, then applied only
after you say yes (or with --yes). Afterwards the same checks as \`diagnose\` run again.

Flags
  --bucket <name>          the bucket Personalize reads (also s3://bucket/prefix/, or a data
                           location s3://bucket/prefix/file.csv: its folder is the prefix)
  --prefix <folder/>       the folder under it (default: the whole bucket)
  --dataset-group <name|arn>  the group: its region, account, KMS key, and role if it has one
  --role-name <name>       create (or complete) this role
  --role-arn <arn>         use this existing role (the inline policy is added to it when needed)
  --create-bucket          create the bucket when it does not exist
  --dry-run                print every change, document and aws command; change nothing
  --yes                    apply without asking (needed without a terminal)
  --json                   one JSON document on stdout: {changes, roleArn, preflight, …}
  --region <r>             AWS region (default: the dataset group's, else AWS_REGION / profile)
  --aws-profile <p>        AWS named profile
  --sandbox                use an embedded local sandbox instead of AWS
  --debug                  log every AWS request and response to stderr (secrets redacted)
  -h, --help               this help

Permissions this needs (your identity)
  s3:GetBucketLocation, s3:ListBucket, s3:GetBucketPolicy, s3:PutBucketPolicy,
  s3:GetEncryptionConfiguration; with --create-bucket also s3:CreateBucket,
  s3:PutBucketPublicAccessBlock, s3:PutEncryptionConfiguration; iam:GetRole,
  iam:ListRolePolicies, iam:GetRolePolicy, iam:ListAttachedRolePolicies, iam:GetPolicy,
  iam:GetPolicyVersion, iam:CreateRole, iam:PutRolePolicy; personalize:DescribeDatasetGroup,
  personalize:ListDatasetGroups; for a bucket encrypted with a customer managed KMS key also
  kms:DescribeKey, kms:GetKeyPolicy and (to add the statements yourself) kms:PutKeyPolicy.
  iam:SimulatePrincipalPolicy on yourself lets it check that you may pass the role (iam:PassRole,
  which importing with the role needs); without it that check says "not checked".

Exit codes
  0 everything Personalize needs is in place afterwards (checked again), or --dry-run printed
  2 usage: a bad flag, no --yes without a terminal, a bucket that does not exist (without
    --create-bucket), a bucket in another region, a --role-arn that does not exist
  3 one of your permissions stopped it (the message names the IAM action): also a key policy
    only the key's owner may change (kms:PutKeyPolicy; the policy to hand over is printed), or
    iam:PassRole on the role, which you need to import with it
  1 something else stands in the way: a Deny in the bucket policy, a role whose trust policy
    does not trust Personalize, a policy over S3's 20 KB limit (the message says which); or you
    answered no

Examples
  personalize-import access setup --bucket my-data --prefix imports/ --dataset-group shop --dry-run
  personalize-import access setup --bucket my-data --dataset-group shop --yes
  personalize-import access setup --bucket new-data --create-bucket --role-name pi --yes --json
`;

const OPTIONS = {
  ...AWS_OPTIONS,
  ...COMMON_OPTIONS,
  bucket: { type: 'string' },
  prefix: { type: 'string' },
  'dataset-group': { type: 'string' },
  'role-name': { type: 'string' },
  'role-arn': { type: 'string' },
  'create-bucket': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean' },
} as const;
/** for the completion scripts (src/commands/completion.ts) */
export const options = OPTIONS;
export const words = ['setup'] as const;

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const GROUP_ARN = /^arn:(aws[a-z-]*):personalize:([a-z0-9-]+):(\d{12}):dataset-group\/([a-zA-Z0-9][a-zA-Z0-9\-_]*)$/;

/** S3's naming rules for general purpose buckets. */
export function bucketNameProblem(b: string): string | undefined {
  if (b.length < 3 || b.length > 63) return 'a bucket name has 3 to 63 characters';
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(b)) return 'a bucket name uses lowercase letters, digits, dots and hyphens, and starts and ends with a letter or digit';
  if (b.includes('..')) return 'a bucket name has no two dots in a row';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(b)) return 'a bucket name is not an IP address';
  return undefined;
}

export function parseSetupArgs(argv: string[]) {
  const { values, positionals } = parse('access', argv, OPTIONS, 1);
  const sub = positionals[0];
  if (sub !== 'setup') {
    throw usageError(sub ? `access: unknown subcommand '${sub}'.` : 'access: missing the subcommand.', 'Run: personalize-import access setup --bucket <bucket> (see personalize-import access --help).');
  }
  let bucket = values.bucket?.trim();
  let prefix = values.prefix;
  if (!bucket) throw usageError('access setup: missing --bucket.', 'Name the bucket Personalize reads: --bucket my-data (optionally --prefix imports/).');
  // a name, or s3://bucket[/folder/] (the scheme in any case), read as import's --bucket reads it
  const uri = bucketOfFlag(bucket);
  if (uri) {
    if (prefix !== undefined && uri.prefix) throw usageError('access setup: the prefix is given twice (in --bucket s3://… and --prefix).', 'Pass --bucket NAME --prefix FOLDER/, or only --bucket s3://NAME/FOLDER/.');
    bucket = uri.bucket;
    // s3://bucket/folder/file.csv (a data location): its folder is the prefix
    const key = uri.prefix;
    prefix = prefix ?? (looksLikeObject(key) ? key.slice(0, key.lastIndexOf('/') + 1) : key || undefined);
  }
  const problem = bucketNameProblem(bucket);
  if (problem) throw usageError(`access setup: --bucket '${bucket}' is not a valid bucket name: ${problem}.`, 'Pass the bucket name alone (e.g. --bucket my-data), the folder with --prefix.');
  if (values['role-name'] !== undefined && values['role-arn'] !== undefined) throw usageError('access setup: pass --role-name or --role-arn, not both.', '--role-name creates (or completes) a role by name; --role-arn uses an existing one.');
  const roleName = values['role-name']?.trim();
  if (roleName !== undefined && !/^[\w+=,.@-]{1,64}$/.test(roleName)) throw usageError(`access setup: --role-name '${roleName}' is not a valid role name.`, 'A role name has 1 to 64 letters, digits and + = , . @ _ - characters.');
  const roleArn = values['role-arn']?.trim();
  if (roleArn !== undefined && !ROLE_ARN.test(roleArn)) throw usageError(`access setup: --role-arn '${roleArn}' is not an IAM role ARN.`, 'It looks like arn:aws:iam::123456789012:role/PersonalizeImport.');
  const group = values['dataset-group']?.trim();
  if (group !== undefined && group === '') throw usageError('access setup: --dataset-group is empty.', 'Pass the dataset group name or ARN.');
  if (values['dry-run'] && values.yes) throw usageError('access setup: --dry-run and --yes contradict each other.', 'Use --dry-run to see the changes, --yes to apply them.');
  return { values, bucket, prefix: prefix ?? '', roleName, roleArn, group };
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  // --json: a failure before the document (a bad flag, no --yes without a terminal, a refused change)
  // is the one document on stdout too; one after it (a blocked plan) leaves that document alone
  return withJsonErrors(argv, ctx, (wrote) => setupCommand(argv, ctx, wrote));
}

async function setupCommand(argv: string[], ctx: CommandContext, wrote: () => void): Promise<number> {
  const { io } = ctx;
  const a = parseSetupArgs(argv);
  const { values } = a;
  const json = Boolean(values.json);
  const out = json ? io.stderr : io.stdout;
  const say = (text: string) => writeFitted(out, text.endsWith('\n') ? text : `${text}\n`);
  // one document; DEL and C1 controls (which JSON.stringify leaves raw) escaped too
  const writeJson = (doc: unknown) => {
    wrote();
    io.stdout.write(`${JSON.stringify(doc, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`);
  };

  const [{ createDeps }, { createAccess }, { createSetup }, { planAccess }, { applyChanges }, render, docs, { runPreflight }] = await Promise.all([
    import('../aws/deps.js'), import('../aws/access.js'), import('../aws/setup.js'), import('../access/plan.js'), import('../access/apply.js'),
    import('../access/render.js'), import('../access/documents.js'), import('../diagnose/preflight.js'),
  ]);
  const prefix = docs.normalizePrefix(a.prefix);
  if (docs.prefixLooksLikeAPath(prefix)) {
    writeFitted(io.stderr, `Note: --prefix '${render.visible(prefix)}' has "." or ".." segments. S3 keys are plain strings: this is the folder literally named so, not a relative path.\n`);
  }
  const groupArnMatch = a.group ? GROUP_ARN.exec(a.group) : null;
  const deps = await createDeps({ io, region: values.region ?? groupArnMatch?.[2], awsProfile: values['aws-profile'], sandbox: values.sandbox, debug: values.debug });
  const made = createAccess({ deps, io, region: values.region ?? groupArnMatch?.[2] ?? deps.context.region, awsProfile: values['aws-profile'], debug: values.debug });
  try {
    // the dataset group: by ARN or by name
    let group: DatasetGroup | undefined;
    if (a.group) {
      if (groupArnMatch) {
        try {
          group = await deps.personalize.describeDatasetGroup(a.group);
        } catch (e) {
          if (e instanceof AppError && e.kind === 'not-found') throw usageError(`access setup: no dataset group ${a.group}.`, 'Check --dataset-group (name or ARN) and the region.');
          throw e;
        }
      } else {
        const all = await deps.personalize.listDatasetGroups();
        const hit = all.find((g) => g.name === a.group);
        if (!hit) throw usageError(`access setup: no dataset group named '${a.group}' in ${deps.context.region ?? 'this region'}.`, `${all.length ? `Groups here: ${all.slice(0, 8).map((g) => g.name).join(', ')}${all.length > 8 ? ', …' : ''}.` : 'There is none in this region: check --region.'} Before the group exists, leave out --dataset-group (the role is then named PersonalizeImport-${a.bucket}, or pass --role-name).`);
        group = await deps.personalize.describeDatasetGroup(hit.arn);
      }
    }
    const region = group ? /^arn:[^:]+:personalize:([^:]+):/.exec(group.arn)?.[1] ?? deps.context.region : deps.context.region;
    if (!region) throw new AppError('region-missing', 'No AWS region is configured.', { hint: 'Pass --region or --dataset-group (its ARN names the region).' });
    let accountId = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(group?.arn ?? a.roleArn ?? '')?.[1] ?? deps.context.accountId;
    if (!accountId) {
      const any = (await deps.personalize.listDatasetGroups().catch(() => []))[0];
      accountId = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(any?.arn ?? '')?.[1];
    }
    // a brand-new account has no group to read it from: STS says who is calling (allowed to everyone)
    if (!accountId) accountId = (await made.access.callerIdentity?.().catch(() => undefined))?.account || undefined;

    const ports = { personalize: deps.personalize, s3: deps.s3, access: made.access, setup: createSetup({ deps, iam: made.iam, iamUnavailable: made.access.iamUnavailable }) };
    const plan = await planAccess(ports, { bucket: a.bucket, prefix, region, accountId, datasetGroup: group, roleName: a.roleName, roleArn: a.roleArn, createBucket: values['create-bucket'] });

    say(`Access for Amazon Personalize to s3://${a.bucket}/${prefix}${plan.roleName ? ` with the role ${plan.roleName}` : ''}${group ? ` (dataset group ${group.name}, ${region})` : ` (${region})`}`);
    say(render.checkLines(plan));
    const toApply = plan.changes.filter((c) => !c.manual);
    if (plan.changes.length) say(`\n${toApply.length ? `${toApply.length} change${toApply.length === 1 ? '' : 's'} to make` : 'Nothing this tool can change'}:\n\n${render.changesText(plan)}\n`);

    const jsonDoc = (extra: Record<string, unknown>) => ({
      changes: plan.changes.map((c) => ({ resource: c.resource, action: c.action, document: c.document ?? null, permission: c.permission, summary: c.summary, command: render.awsCommand(c), ...(c.manual ? { manual: c.manual } : {}) })),
      roleArn: plan.roleArn ?? null,
      checks: plan.checks,
      ...extra,
    });

    if (plan.blocked) {
      const first = plan.checks.find((c) => c.state === 'BLOCKED' || (c.state === 'CANT_CHECK' && c.id !== 'encryption'))!;
      const v = render.visible;
      const denied = plan.checks.find((c) => c.deniedAction && c.id !== 'encryption' && c.id !== 'key-policy');
      const usage = plan.checks.find((c) => c.state === 'BLOCKED' && c.usage);
      const why = denied
        ? new AppError('access-denied', `access setup: nothing was changed — not allowed ${denied.deniedAction}: ${v(denied.detail)}`, { action: denied.deniedAction, hint: `Allow ${denied.deniedAction} for your identity (the permissions are listed in --help), then run again.` })
        : usage ? usageError(`access setup: nothing was changed — ${v(usage.detail)}`)
          : new AppError('internal', `access setup: nothing was changed — ${v(first.detail)}`, { hint: 'Fix that by hand (or choose another bucket / role), then run again.' });
      // the one document says why too, as a failure before it would (withJsonErrors): {…, "error": {kind, message, hint?}}
      if (json) writeJson(jsonDoc({ applied: false, preflight: null, ...errorJson(why) }));
      throw why;
    }

    if (values['dry-run']) {
      const pre = await runPreflight(ports, { dataLocation: `s3://${a.bucket}/${prefix}`, roleArn: plan.roleArn, datasetGroup: group ?? undefined, region, purpose: 'create' }).catch(() => undefined);
      say(toApply.length ? 'Dry run: nothing was changed. Run again with --yes (or answer yes on a terminal) to apply.' : 'Dry run: nothing needs changing.');
      if (json) writeJson(jsonDoc({ applied: false, dryRun: true, preflight: pre ? { ok: pre.ok, checks: pre.checks } : null }));
      return EXIT.OK;
    }

    let appliedRole: string | undefined;
    let keyRefused: { change: Change; error: AppError } | undefined;
    if (toApply.length) {
      if (!values.yes) {
        if (!io.isTTY) throw usageError(`access setup: ${toApply.length} change${toApply.length === 1 ? '' : 's'} to make, and no terminal to ask for consent — nothing was changed.`, 'Read them with --dry-run, then pass --yes to apply them.');
        const { confirmLine } = await import('../cli/line-face.js');
        const ok = await confirmLine(io, out, `Apply ${toApply.length === 1 ? 'this change' : `these ${toApply.length} changes`}?`, false);
        if (!ok) {
          say('Nothing was changed.');
          if (json) writeJson(jsonDoc({ applied: false, declined: true, preflight: null }));
          return EXIT.FAILED;
        }
      }
      let failedKey: Change | undefined;
      try {
        const res = await applyChanges(ports, plan.changes, (e) => {
          if (e.type === 'done') say(`  ✔ ${e.change.summary}`);
          else if (e.type === 'failed') {
            say(`  ✖ ${e.change.summary}`);
            if (e.change.action === 'PutKeyPolicy') failedKey = e.change;
          } else if (e.type === 'manual') say(`  ! ${e.change.summary} — for the key's owner (below)`);
        });
        appliedRole = res.roleArn;
      } catch (e) {
        // KMS refused the key policy (the last change): the rest is in place; the policy goes to the key's owner
        if (!failedKey || !(e instanceof AppError) || e.kind !== 'access-denied') throw e;
        keyRefused = { change: failedKey, error: e };
      }
    }

    // Checked again, as an import would be. IAM is eventually consistent: a role just created or
    // changed may read as missing for some seconds, so the role checks are retried with backoff.
    const roleArn = appliedRole ?? plan.roleArn;
    const recheck = () => runPreflight(ports, { dataLocation: `s3://${a.bucket}/${prefix}`, roleArn, datasetGroup: group ?? undefined, region, purpose: 'create' });
    const needed = (r: Awaited<ReturnType<typeof recheck>>) => r.checks.filter((c) => c.status === 'FAIL' && c.id !== 'data-exists' && c.id !== 'running-jobs');
    let pre = await recheck();
    const roleChanged = toApply.some((c) => c.action === 'CreateRole' || c.action === 'PutRolePolicy');
    for (let wait = 1000, waited = 0; roleChanged && needed(pre).some((c) => c.id === 'role-trust' || c.id === 'role-s3-access') && waited < 30_000; waited += wait, wait *= 2) {
      say(`  … waiting ${wait / 1000} s for IAM to take the change into account`);
      await new Promise((r) => setTimeout(r, wait));
      pre = await recheck();
    }
    const still = needed(pre);
    // no data yet, or 5 jobs running, is not about access: shown as a note, not a failure
    const label = (c: (typeof pre.checks)[number]) => (c.status === 'PASS' ? 'PASS' : c.status === 'CANT_CHECK' ? "CAN'T CHECK" : c.id === 'data-exists' || c.id === 'running-jobs' ? 'NOTE' : 'FAIL');
    say(`\nChecked again:\n${pre.checks.map((c) => `  ${label(c)}  ${c.title}${c.status === 'PASS' ? '' : ` — ${render.visible(c.detail)}`}`).join('\n')}`);
    // a key policy this tool did not change (not allowed, or another account's key): handed over, exit 3
    const handOff = keyRefused?.change ?? plan.changes.find((c) => c.manual && c.action === 'PutKeyPolicy');
    const handOffDoc = handOff ? { keyArn: handOff.resource, document: handOff.document ?? null, command: render.awsCommand(handOff) } : undefined;
    // a key policy left to its owner, or a role the caller may not pass: the failure, in the document too
    const keyCheck = plan.checks.find((c) => c.id === 'key-policy');
    const keyAction = keyRefused ? keyRefused.error.action ?? 'kms:PutKeyPolicy' : keyCheck?.deniedAction ?? 'kms:PutKeyPolicy';
    const failure = handOff
      ? new AppError('access-denied', `access setup: the key policy of ${handOff.resource} was not changed — ${keyRefused ? `not allowed ${keyAction} (KMS refused it)` : render.visible(handOff.manual ?? '').replace(/\.$/, '')}. Personalize cannot read the bucket's objects until the key's owner applies the policy printed above.`, { action: keyAction, hint: `Hand the JSON above to the key's owner, or run again as an identity allowed ${keyAction} on the key.` })
      : still.length === 1 && still[0].id === 'pass-role'
        // Personalize can read; it is the caller who may not hand it the role: their permission, exit 3
        ? new AppError('access-denied', `access setup: Personalize can read s3://${a.bucket}/${prefix}, but you may not pass ${roleArn ?? 'the role'} to it (iam:PassRole): an import job would be refused.`, { action: 'iam:PassRole', hint: 'Add the statement above to the policy of the user or role that runs personalize-import, or import as an identity that has it.' })
        : undefined;
    // something the changes did not cover (a Deny in a policy, a permissions boundary …): exit 1, its
    // reason and the next step in the document too, as for a run that stops (README: `access setup`)
    const again = `personalize-import access setup --bucket ${a.bucket}${prefix ? ` --prefix ${render.shellQuote(prefix)}` : ''}${roleArn ? ` --role-arn ${roleArn}` : ''}${group ? ` --dataset-group ${render.shellQuote(group.name)}` : ''}`;
    const missing = !failure && still.length
      ? new AppError('internal', `access setup: Personalize still cannot read s3://${a.bucket}/${prefix} — still missing: ${still.map((c) => `${c.title.toLowerCase()} (${render.visible(c.detail).replace(/\.$/, '')})`).join('; ')}.`, {
        hint: `That is not something access setup changes (a Deny in a policy, a permissions boundary …): change it by hand, then check again: ${again}`,
      })
      : undefined;
    const stopped = failure ?? missing;
    if (json) writeJson(jsonDoc({ applied: toApply.length > 0, roleArn: roleArn ?? null, preflight: { ok: still.length === 0, checks: pre.checks }, ...(handOffDoc ? { handOff: handOffDoc } : {}), ...(stopped ? errorJson(stopped) : {}) }));
    if (handOff) say(`\nFor the key's owner:\n${render.handOffText(handOff)}`);
    else if (failure && pre.statements) say(`\nFor your identity, to create import jobs with this role:\n${render.visible(JSON.stringify(pre.statements.passRolePolicy, null, 2))}`);
    if (failure) throw failure;
    if (missing) {
      say(`\nStill missing: ${still.map((c) => c.title.toLowerCase()).join('; ')}.\n  → ${missing.hint}`);
      return EXIT.FAILED;
    }
    say(`\nPersonalize can read s3://${a.bucket}/${prefix}${roleArn ? ` with ${roleArn}` : ''}.${roleArn ? `\n  → Import with (FILE your CSV, ${group ? '' : 'GROUP the dataset group to create, '}TYPE its dataset type): personalize-import import --csv FILE ${group ? `--dataset-group ${render.shellQuote(group.name)} --dataset-type TYPE` : '--dataset-group GROUP --dataset-type TYPE --create'} --bucket ${a.bucket}${prefix ? ` --prefix ${render.shellQuote(prefix)}` : ''} --role-arn ${roleArn}` : ''}`);
    return EXIT.OK;
  } finally {
    made.close();
    await deps.close();
  }
}

// Renderers for a Diagnosis: the terminal summary, the customer-readable Markdown report and the
// --json document. Also `formatChecks()` for the wizard / import to print preflight results.
import type { Diagnosis } from './diagnose.js';
import type { CheckStatus, PreflightCheck, PreflightResult } from './preflight.js';
import { mergedBucketPolicy, type PolicyDocument, type PolicyStatement } from './policy.js';
import { safeLine, safeText } from './escape.js';
import type { Paint } from './paint.js';
import { accessSetupCommand, factsOfJob } from './known.js';

export type { Paint } from './paint.js';

const plain: Paint = { bold: (s) => s, red: (s) => s, green: (s) => s, yellow: (s) => s, dim: (s) => s };
const sgr = (a: number, b: number) => (s: string) => `\x1b[${a}m${s}\x1b[${b}m`;
export const ansi: Paint = { bold: sgr(1, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), dim: sgr(2, 22) };

/** NO_COLOR wins, then FORCE_COLOR, then "is it a terminal". */
export function paintFor(env: Record<string, string | undefined>, isTTY: boolean): Paint {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return plain;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return ansi;
  return isTTY && env.TERM !== 'dumb' ? ansi : plain;
}

export const STATUS_LABEL: Record<CheckStatus, string> = { PASS: 'PASS', FAIL: 'FAIL', CANT_CHECK: "CAN'T CHECK" };

function label(s: CheckStatus, p: Paint): string {
  const t = STATUS_LABEL[s].padEnd(11);
  return s === 'PASS' ? p.green(t) : s === 'FAIL' ? p.red(t) : p.yellow(t);
}

function indent(text: string, pad: string): string {
  return text.split('\n').map((l) => (l ? pad + l : l)).join('\n');
}

/** Checks as terminal lines: status, title, then the detail and the fix indented beneath. */
export function formatChecks(checks: PreflightCheck[], p: Paint = plain): string {
  return checks.map((c) => {
    const lines = [`  ${label(c.status, p)} ${c.title}`, `  ${' '.repeat(12)}${p.dim(safeText(c.detail))}`];
    if (c.fix && c.status !== 'PASS') lines.push(`  ${' '.repeat(12)}→ ${safeText(c.fix)}`);
    return lines.join('\n');
  }).join('\n');
}

// ---- which statements to show ----------------------------------------------------------------------

export interface StatementBlock {
  id: 'bucket-policy' | 'role-policy' | 'trust-policy' | 'pass-role' | 'kms-key-policy' | 'kms-role-policy';
  title: string;
  /** where it goes and how to apply it */
  howTo: string;
  json: PolicyStatement | PolicyDocument | PolicyStatement[];
  /** for the bucket policy: the whole policy to PUT (current statements + the new one) */
  merged?: PolicyDocument;
}

function status(d: { checks: PreflightCheck[] }, id: string): CheckStatus | undefined {
  return d.checks.find((c) => c.id === id)?.status;
}

/** The JSON statements the reader should add, given what failed (or could not be checked). */
export function statementBlocks(checks: PreflightCheck[], pre: PreflightResult, matchId: string, roleArn?: string): StatementBlock[] {
  const st = pre.statements;
  if (!st || !pre.bucket) return [];
  const d = { checks };
  const s3Match = matchId === 's3-insufficient-privileges';
  const out: StatementBlock[] = [];
  const bucketPolicy = status(d, 'bucket-policy');
  if (bucketPolicy === 'FAIL' || (s3Match && bucketPolicy === 'CANT_CHECK')) {
    out.push({
      id: 'bucket-policy',
      title: `Bucket policy statement for ${pre.bucket}`,
      howTo: `Add this statement to the bucket policy of ${pre.bucket} (S3 console → bucket → Permissions → Bucket policy). put-bucket-policy replaces the whole policy, so with the CLI put the merged policy: aws s3api put-bucket-policy --bucket ${pre.bucket} --policy file://bucket-policy.json`,
      json: st.bucketPolicyStatement,
      merged: mergedBucketPolicy(pre.currentBucketPolicy, st.bucketPolicyStatement),
    });
  }
  const role = roleArn ?? 'the service role';
  const roleName = /role\/(?:.*\/)?([^/]+)$/.exec(roleArn ?? '')?.[1] ?? 'ROLE_NAME';
  const roleS3 = status(d, 'role-s3-access');
  if (roleS3 === 'FAIL' || (s3Match && roleS3 === 'CANT_CHECK')) {
    const unchecked = roleS3 === 'CANT_CHECK' ? 'The role\'s permissions could not be checked; if it lacks these actions, attach' : 'Attach';
    out.push({ id: 'role-policy', title: `Role policy for ${role}`, howTo: `${unchecked} it to the role as an inline policy: aws iam put-role-policy --role-name ${roleName} --policy-name PersonalizeS3Read --policy-document file://role-policy.json`, json: st.rolePolicy });
  }
  if (status(d, 'role-trust') === 'FAIL') {
    out.push({ id: 'trust-policy', title: `Trust policy for ${role}`, howTo: `Set it as the role's trust policy: aws iam update-assume-role-policy --role-name ${roleName} --policy-document file://trust-policy.json`, json: st.trustPolicy });
  }
  if (matchId === 'passrole-denied' || status(d, 'pass-role') === 'FAIL') {
    out.push({ id: 'pass-role', title: 'iam:PassRole for the identity that creates the job', howTo: 'Add it to the policy of the user or role that runs personalize-import.', json: st.passRolePolicy });
  }
  const kms = status(d, 'kms');
  if (st.kms && (kms === 'FAIL' || kms === 'CANT_CHECK')) {
    out.push({ id: 'kms-key-policy', title: 'KMS key policy statements', howTo: 'Add these to the key policy of the bucket\'s KMS key (KMS console → key → Key policy).', json: st.kms.keyPolicyStatements });
    out.push({ id: 'kms-role-policy', title: `Role policy statement for the KMS key (${role})`, howTo: 'Add it to a policy of the service role.', json: st.kms.rolePolicyStatement });
  }
  return out;
}

// ---- terminal -----------------------------------------------------------------------------------

type IssueLike = { message: string; line?: number; file?: string; count?: number };
function issueText(i: IssueLike, code: (s: string) => string = (x) => x): string {
  const where = `${i.file ? `${code(i.file)} ` : ''}${i.line && !new RegExp(`\\bline ${i.line}\\b`, 'i').test(i.message) ? `line ${i.line}: ` : ''}`;
  return safeLine(`${where}${i.message}${i.count ? ` (${i.count} in all)` : ''}`);
}

function date(d: Date | undefined): string {
  return d ? d.toISOString().replace('.000Z', 'Z') : '—';
}

function facts(dg: Diagnosis): [string, string][] {
  const j = dg.job;
  return [
    ['Job', j.name],
    ['ARN', j.arn],
    ['Status', j.status],
    ...(j.failureReason ? [['Failure reason', j.failureReason] as [string, string]] : []),
    ['Dataset', `${j.datasetArn ?? '—'}${dg.dataset ? ` (${dg.dataset.datasetType})` : ''}`],
    ['Dataset group', dg.datasetGroup ? `${dg.datasetGroup.arn} (${dg.datasetGroup.domain ?? 'Custom'})` : dg.dataset?.datasetGroupArn ?? '—'],
    ['Data location', j.dataLocation ?? '—'],
    ['Role', j.roleArn ?? '—'],
    ['Import mode', j.importMode ?? '—'],
    ['Region', dg.region],
    ['Created', date(j.createdAt)],
    ['Last updated', date(j.updatedAt)],
  ];
}

const SHORT: Record<string, string> = {
  'data-exists': 'Data location', 'bucket-region': 'Bucket region', 'bucket-policy': 'Bucket policy', 'role-trust': 'Role trust policy',
  'role-s3-access': 'Role permissions', kms: 'KMS key', 'running-jobs': 'Running jobs', 'data-valid': 'The data', 'pass-role': 'Passing the role',
};

function whatToChange(dg: Diagnosis): string[] {
  const out: string[] = [];
  const fails = dg.checks.filter((c) => c.status === 'FAIL' && c.fix);
  for (const c of fails) out.push(`${SHORT[c.id] ?? c.title}: ${c.fix}`);
  if (dg.match.known && (!fails.length || dg.match.checks.every((id) => !fails.some((f) => f.id === id)))) out.unshift(dg.match.fix);
  if (!dg.match.known && !fails.length) out.push(dg.match.fix);
  const setup = accessSetupFor(dg, fails);
  if (setup) out.push(`Or let personalize-import make these changes — it shows each one and asks first (--dry-run only prints them and the aws commands): ${setup}`);
  if (dg.job.status === 'CREATE FAILED') out.push('Then create a new import job (a failed job cannot be restarted; give it a new name).');
  return out;
}

// what `access setup` changes for you: the bucket policy, the role's read access, the KMS key policy
const SETUP_FIXES = new Set(['bucket-policy', 'role-s3-access', 'kms']);

/** `access setup` filled in with the job's bucket, folder, group, role and region, when a FAIL is one it fixes. */
function accessSetupFor(dg: Diagnosis, fails: PreflightCheck[]): string | undefined {
  if (!fails.some((c) => SETUP_FIXES.has(c.id))) return undefined;
  return accessSetupCommand(factsOfJob(dg.job, { datasetGroup: dg.datasetGroup?.name, region: dg.region }));
}

export function renderText(dg: Diagnosis, p: Paint = plain): string {
  const w = Math.max(...facts(dg).map(([k]) => k.length));
  const lines: string[] = [];
  lines.push(p.bold(`Import job ${safeLine(dg.job.name)} — ${dg.job.status}`));
  for (const [k, v] of facts(dg)) lines.push(`  ${k.padEnd(w)}  ${safeLine(v)}`);
  lines.push('');
  const m = dg.match;
  lines.push(p.bold(m.known || m.id === 'not-failed' ? `Diagnosis: ${m.title}` : `Diagnosis: ${m.title} (not in the catalogue)`));
  lines.push(indent(`Cause: ${safeText(m.cause)}`, '  '));
  lines.push(indent(`Fix: ${safeText(m.fix)}`, '  '));
  if (m.known && m.docs) lines.push(`  Docs: ${m.docs}`);
  lines.push('');
  lines.push(p.bold('Checks'));
  lines.push(formatChecks(dg.checks, p));
  if (dg.validation && (dg.validation.errors.length || dg.validation.warnings.length)) {
    lines.push('');
    lines.push(p.bold(`Data validation (${dg.validation.rows} rows)`));
    for (const i of dg.validation.errors) lines.push(`  ${p.red('error')}   ${issueText(i)}`);
    for (const i of dg.validation.warnings) lines.push(`  ${p.yellow('warning')} ${issueText(i)}`);
  }
  const change = whatToChange(dg);
  if (change.length) {
    lines.push('');
    lines.push(p.bold('What to change'));
    change.forEach((c, i) => lines.push(indent(`${i + 1}. ${safeText(c)}`, '  ')));
  }
  for (const b of statementBlocks(dg.checks, dg.preflight, dg.match.id, dg.job.roleArn)) {
    lines.push('');
    lines.push(p.bold(`${b.title}:`));
    lines.push(indent(JSON.stringify(b.json, null, 2), '  '));
    lines.push(`  ${b.howTo}`);
  }
  if (dg.notes.length) {
    lines.push('');
    for (const n of dg.notes) lines.push(p.dim(`Note: ${n}`));
  }
  return `${lines.join('\n')}\n`;
}

// ---- Markdown ------------------------------------------------------------------------------------

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}

export function renderMarkdown(dg: Diagnosis, now: Date = new Date()): string {
  const m = dg.match;
  const out: string[] = [];
  out.push(`# Amazon Personalize import job diagnosis: ${dg.job.name}`, '');
  out.push(`Generated by personalize-import on ${now.toISOString()}.`, '');
  out.push('## The job', '', '| | |', '|---|---|');
  for (const [k, v] of facts(dg)) out.push(`| ${k} | ${mdCell(k === 'Failure reason' || k === 'Status' || v === '—' ? safeLine(v) : safeLine(v).replace(/^(\S+)/, '`$1`'))} |`);
  out.push('');
  out.push('## What happened', '');
  out.push(m.known || m.id === 'not-failed' ? `**${m.title}.** ${m.cause}` : `**The failure reason is not one we recognise**, so no cause is guessed: \`${m.message || '(none)'}\`.`);
  if (m.known && m.docs) out.push('', `AWS documentation: ${m.docs}`);
  out.push('');
  out.push('## What to change', '');
  whatToChange(dg).forEach((c, i) => out.push(`${i + 1}. ${c}`));
  out.push('');
  const blocks = statementBlocks(dg.checks, dg.preflight, m.id, dg.job.roleArn);
  if (blocks.length) {
    out.push('## Policy statements to add', '');
    for (const b of blocks) {
      out.push(`### ${b.title}`, '', b.howTo, '', '```json', JSON.stringify(b.json, null, 2), '```', '');
      if (b.merged) out.push(`The whole bucket policy to put (your current statements plus this one), \`bucket-policy.json\`:`, '', '```json', JSON.stringify(b.merged, null, 2), '```', '');
    }
  }
  out.push('## Checks', '', '| Check | Result | Details |', '|---|---|---|');
  for (const c of dg.checks) out.push(`| ${mdCell(c.title)} | ${c.status === 'PASS' ? '✅ PASS' : c.status === 'FAIL' ? '❌ FAIL' : "⚠️ CAN'T CHECK"} | ${mdCell(c.detail + (c.fix && c.status !== 'PASS' ? ` **Fix:** ${c.fix}` : ''))} |`);
  out.push('');
  if (dg.validation) {
    const v = dg.validation;
    out.push('## The data', '', `${v.rows} rows in ${v.files} file(s) were checked against the dataset's schema (${v.datasetType}): ${v.valid ? 'no errors.' : `${v.errors.length} kind(s) of error.`}`, '');
    for (const i of v.errors) out.push(`- **Error** ${issueText(i, (x) => `\`${x}\``)}`);
    for (const i of v.warnings) out.push(`- Warning ${issueText(i, (x) => `\`${x}\``)}`);
    out.push('');
  }
  if (dg.notes.length) {
    out.push('## Notes', '');
    for (const n of dg.notes) out.push(`- ${n}`);
    out.push('');
  }
  out.push("_CAN'T CHECK means the tool was not allowed to read that setting (the IAM action is named) or the environment cannot answer it; check it by hand._", '');
  // the report is pasted into tickets and e-mails and read with `cat`: control characters from the
  // service (a failure reason quoting a value: ESC, CR, BEL) are escaped as on the terminal
  return safeText(out.join('\n'));
}

// ---- JSON ----------------------------------------------------------------------------------------

export function toJson(dg: Diagnosis): unknown {
  const blocks = statementBlocks(dg.checks, dg.preflight, dg.match.id, dg.job.roleArn);
  return {
    job: dg.job,
    region: dg.region,
    dataset: dg.dataset,
    datasetGroup: dg.datasetGroup,
    match: dg.match,
    ...(dg.parsed ? { parsed: { name: dg.parsed.name ?? null, operation: dg.parsed.operation ?? null, status: dg.parsed.status ?? null, requestId: dg.parsed.requestId ?? null, message: dg.parsed.message } } : {}),
    checks: dg.checks,
    validation: dg.validation,
    statementsToAdd: Object.fromEntries(blocks.map((b) => [b.id, b.json])),
    ...(blocks.find((b) => b.merged) ? { mergedBucketPolicy: blocks.find((b) => b.merged)!.merged } : {}),
    whatToChange: whatToChange(dg),
    notes: dg.notes,
  };
}

// ---- preflight before a create (wizard / import) ----------------------------------------------------

/**
 * Preflight results for the wizard / `import`: every check (or only the non-PASS ones), then the
 * JSON statements that would fix the FAILs, filled in. Plain text; pass `ansi` for colour.
 */
export function renderPreflight(pre: PreflightResult, opts: { roleArn?: string; paint?: Paint; onlyProblems?: boolean } = {}): string {
  const p = opts.paint ?? plain;
  const shown = opts.onlyProblems ? pre.checks.filter((c) => c.status !== 'PASS') : pre.checks;
  const lines: string[] = [];
  if (shown.length) lines.push(formatChecks(shown, p));
  for (const b of statementBlocks(pre.checks, pre, '', opts.roleArn)) {
    lines.push('', p.bold(`${b.title}:`), indent(JSON.stringify(b.json, null, 2), '  '), `  ${b.howTo}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Preflight as plain data for a --json document: checks plus the statements to add. */
export function preflightJson(pre: PreflightResult, roleArn?: string): { ok: boolean; checks: PreflightCheck[]; statementsToAdd: Record<string, unknown> } {
  const blocks = statementBlocks(pre.checks, pre, '', roleArn);
  return { ok: pre.ok, checks: pre.checks, statementsToAdd: Object.fromEntries(blocks.map((b) => [b.id, b.merged ?? b.json])) };
}

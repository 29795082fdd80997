// `diagnose --message`: the summary and the --json document for pasted error text (no job, no AWS
// call). Everything that came from the paste is shown with control characters escaped. Core module.
import type { MatchResult } from './catalogue.js';
import { safeLine, safeRecord, safeText } from './escape.js';
import type { ParsedError, Wrapper } from './parse.js';
import { CHECK_TITLES } from './preflight.js';
import type { Paint } from './paint.js';
import { withCommas } from '../core/with-commas.js';

export const WRAPPER_LABEL: Record<Wrapper, string> = {
  'aws-cli': 'AWS CLI',
  botocore: 'boto3 / botocore',
  'js-sdk': 'AWS SDK for JavaScript',
  'java-sdk': 'AWS SDK for Java',
  'dotnet-sdk': 'AWS SDK for .NET',
  'go-sdk': 'AWS SDK for Go',
  powershell: 'AWS Tools for PowerShell',
  cloudformation: 'CloudFormation',
  'step-functions': 'Step Functions',
  cloudtrail: 'CloudTrail event',
  console: 'console banner',
  plain: 'plain message',
};

const id = (s: string) => s;
const noPaint: Paint = { bold: id, red: id, green: id, yellow: id, dim: id };

function indent(text: string, pad: string): string {
  return text.split('\n').map((l) => (l ? pad + l : l)).join('\n');
}

/** "1 Dec 2026 09:00:12 UTC → 09:04:51 (4 min 39 s)": a pasted job's times as one row, or undefined */
function jobTimes(created?: string, updated?: string): string | undefined {
  const c = created ? new Date(created) : undefined;
  const u = updated ? new Date(updated) : undefined;
  const ok = (d?: Date) => d !== undefined && !Number.isNaN(d.getTime());
  if (!ok(c)) return created && updated ? `${created} → ${updated}` : created;
  const at = (d: Date) => d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  if (!ok(u)) return at(c!);
  const s = Math.round((u!.getTime() - c!.getTime()) / 1000);
  const took = s < 0 ? '' : s < 60 ? ` (${s} s)` : s < 3600 ? ` (${Math.floor(s / 60)} min ${s % 60} s)` : ` (${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min)`;
  return `${at(c!)} → ${at(u!)}${took}`;
}

/** The parsed facts, one per line, escaped. A pasted import job: its own facts, not the empty error rows. */
export function parsedLines(p: ParsedError): [string, string][] {
  const j = p.job;
  const errorRows: [string, string][] = [
    ['Exception', p.name ?? '—'],
    ['Operation', p.operation ?? '—'],
    ['HTTP status', p.status !== undefined ? String(p.status) : '—'],
    ['Request id', p.requestId ?? '—'],
  ];
  const times = j ? jobTimes(j.created, j.updated) : undefined;
  return [
    ...(j ? [
      ...(j.name ? [['Job', j.name]] : []), ...(j.arn ? [['Job ARN', j.arn]] : []), ...(j.status ? [['Status', j.status]] : []),
      ...(j.mode ? [['Mode', j.mode]] : []), ...(j.dataLocation ? [['Data', j.dataLocation]] : []), ...(j.roleArn ? [['Role', j.roleArn]] : []),
      ...(times ? [['Ran', times]] : []),
    ] as [string, string][] : []),
    ...(j ? errorRows.filter(([, v]) => v !== '—') : errorRows),
    ...(p.service ? [['Service', p.service] as [string, string]] : []),
    ...(p.resourceType ? [['Resource type', p.resourceType] as [string, string]] : []),
    ['Message', p.message ? clip(p.message) : '(none)'],
    ...(p.unwrapped ? [['Line breaks', `taken out where a terminal ${p.unwrapped} columns wide broke the text (its broken lines are all ${p.unwrapped} characters long)`] as [string, string]] : []),
    ...(p.respelled?.length ? [['Read as', `${p.respelled.map((f) => `${f.from} → ${f.to}`).join(', ')} (${p.respelled.length === 1 ? 'a slip' : 'slips'} read as the catalogue's words: as written, the text matches ${p.asWritten ? `only the broader entry "${p.asWritten}"` : 'no entry'})`] as [string, string]] : []),
  ].map(([k, v]) => [k, safeLine(v)] as [string, string]);
}

/** A pasted blob can be huge: the summary shows its first 2,000 characters (--json has it all). */
function clip(s: string, max = 2000): string {
  return s.length > max ? `${s.slice(0, max)}… (${withCommas(s.length - max)} more characters; --json has them all)` : s;
}

export function renderMessageText(parsed: ParsedError, match: MatchResult, p: Paint = noPaint): string {
  const lines: string[] = [];
  lines.push(p.bold(parsed.job ? 'Pasted import job (describe-dataset-import-job)' : `Pasted error (${WRAPPER_LABEL[parsed.wrapper]})`));
  const facts = parsedLines(parsed);
  const w = Math.max(...facts.map(([k]) => k.length));
  for (const [k, v] of facts) lines.push(`  ${k.padEnd(w)}  ${v}`);
  lines.push('');
  lines.push(p.bold(match.known ? `Diagnosis: ${safeLine(match.title)}` : `Diagnosis: ${safeLine(match.title)} (not in the catalogue)`));
  lines.push(indent(`Cause: ${safeText(match.cause)}`, '  '));
  lines.push(indent(`Fix: ${safeText(match.fix)}`, '  '));
  if (match.known && match.docs) lines.push(`  Docs: ${match.docs}`);
  const captured = safeRecord(match.captured ?? {});
  if (Object.keys(captured).length) lines.push(`  Captured: ${Object.entries(captured).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  if (match.checks.length) {
    lines.push('');
    lines.push(p.bold('Checks that would confirm it'));
    for (const c of match.checks) lines.push(`  · ${CHECK_TITLES[c]}`);
    // the pasted job's ARN: the command runs as printed (its region is in the ARN)
    const arn = parsed.job?.arn && /^arn:aws[a-z-]*:personalize:[a-z0-9-]+:\d{12}:dataset-import-job\/[A-Za-z0-9_.-]+$/.test(parsed.job.arn) ? parsed.job.arn : undefined;
    lines.push(p.dim(arn ? `  With access to the account: personalize-import diagnose ${arn} runs them.` : '  With the job: personalize-import diagnose <job-arn-or-name> runs them.'));
  }
  return `${lines.join('\n')}\n`;
}

/** The --json document: `match` has the shape `diagnose <arn> --json` uses, plus what was parsed. */
export function messageJson(parsed: ParsedError, match: MatchResult, extra: Record<string, unknown> = {}): unknown {
  return {
    parsed: {
      name: parsed.name ?? null,
      operation: parsed.operation ?? null,
      status: parsed.status ?? null,
      requestId: parsed.requestId ?? null,
      message: parsed.message,
      wrapper: parsed.wrapper,
      ...(parsed.service ? { service: parsed.service } : {}),
      ...(parsed.resourceType ? { resourceType: parsed.resourceType } : {}),
      ...(parsed.unwrapped ? { unwrapped: parsed.unwrapped } : {}),
      ...(parsed.respelled?.length ? { respelled: parsed.respelled, asWritten: parsed.asWritten ?? null } : {}),
      ...(parsed.job ? { job: parsed.job } : {}),
    },
    match: {
      known: match.known,
      id: match.id,
      title: match.title,
      cause: match.cause,
      fix: match.fix,
      docs: match.known ? match.docs ?? null : null,
      captured: match.captured ?? {},
      checks: match.checks,
    },
    ...extra,
  };
}

/** The first line of a CSV (as bytes read from its start) → its column names; undefined when none. */
export function headerOf(start: string): string[] | undefined {
  const line = start.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0];
  if (!line || !line.trim()) return undefined;
  return line.split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
}

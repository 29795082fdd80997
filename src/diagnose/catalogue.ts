// The failure catalogue: a job's failureReason, an error thrown at create time, or any pasted error
// text → what caused it, what to change, where the docs are, and which preflight checks to look at
// first. Everything goes through one parser (src/diagnose/parse.ts), so the exception name, the
// operation and the status a wrapper carries are matched on as well as the message. Patterns are
// loose about case, punctuation and "S3" vs "Amazon S3", because the service's wording drifts;
// anything that matches no entry is reported as unknown, with the parsed facts — never guessed.
// Core module: no SDK, no React.
import type { CatalogueEntry, CheckId, Ctx, Rule } from './entry.js';
import { parsePasted, type ParsedError } from './parse.js';
import { DATA_RULES } from './rules-data.js';
import { ACCESS_RULES } from './rules-access.js';
import { RESOURCE_RULES } from './rules-resources.js';
import { respell, vocabularyOf } from './spelling.js';
import { INVALID_INPUT_FALLBACK, INVALID_INPUT_RULES } from './invalid-input.js';
import { unwrapTerminal } from './unwrap.js';
import { diagnoseCommand, factsInText, validateCommand, type JobFacts } from './known.js';

export type { CatalogueEntry, CheckId } from './entry.js';
export { parseValidationErrors, type ValidationProblem } from './invalid-input.js';

export interface CatalogueMatch extends CatalogueEntry {
  known: true;
  /** the text that was matched (the service's message, out of its wrapper) */
  message: string;
  /** values pulled from the message (column names, limits, event type, bucket, …) */
  captured: Record<string, string>;
}

export interface UnknownMatch {
  known: false;
  /** 'not-failed': the job has no failure (ACTIVE or still running) — nothing to match */
  id: 'unknown' | 'not-failed';
  title: string;
  message: string;
  cause: string;
  fix: string;
  checks: CheckId[];
  /** what the parser found (name, operation, status, request id), for an unknown message */
  captured?: Record<string, string>;
}

export type MatchResult = CatalogueMatch | UnknownMatch;

const genericNextSteps = (k: JobFacts) =>
  `Run \`${diagnoseCommand(k)}\` for the permission and data checks, validate the file with \`${validateCommand(k)}\`, ` +
  'and if nothing stands out, send the job ARN (or the request id) and this message to AWS Support.';

const THROTTLED = RESOURCE_RULES.filter((r) => r.id === 'throttled');

/** Most specific first: placeholders and the validation shape, throttling, data, access, resources, any other invalid input. */
const RULES: Rule[] = [
  ...INVALID_INPUT_RULES,
  ...THROTTLED,
  ...DATA_RULES,
  ...ACCESS_RULES,
  ...RESOURCE_RULES.filter((r) => r.id !== 'throttled'),
  INVALID_INPUT_FALLBACK,
];

function factsOf(p: ParsedError): Record<string, string> {
  const f: Record<string, string> = {};
  if (p.name) f.exception = p.name;
  if (p.operation) f.operation = p.operation;
  if (p.status !== undefined) f.status = String(p.status);
  if (p.requestId) f.requestId = p.requestId;
  return f;
}

/** Parsed facts → the catalogue entry they match, or an explicit unknown. The first matching rule wins. */
export function matchParsed(parsed: ParsedError, known: JobFacts = {}): MatchResult {
  const msg = parsed.message;
  const c: Ctx = { parsed, msg, name: parsed.name ?? '', op: parsed.operation ?? '', known };
  if (!msg && !c.name) {
    return {
      known: false, id: 'unknown', title: 'No failure reason', message: msg,
      cause: 'There is no message to match (the job carries no failureReason, or the text was empty).',
      fix: genericNextSteps(known),
      checks: ['data-exists', 'bucket-policy', 'role-trust', 'role-s3-access', 'data-valid'],
    };
  }
  for (const r of RULES) {
    let hit: RegExpExecArray | boolean | null | undefined;
    try {
      hit = r.test(c);
    } catch {
      hit = false;
    }
    if (!hit) continue;
    const b = r.build(c, hit === true ? undefined : hit);
    return { known: true, id: r.id, title: b.title ?? r.title, cause: b.cause, fix: b.fix, ...(b.docs ? { docs: b.docs } : {}), checks: b.checks, message: msg, captured: b.captured ?? {} };
  }
  const facts = factsOf(parsed);
  const said = [parsed.name && `the exception ${parsed.name}`, parsed.operation && `from ${parsed.operation}`, parsed.status !== undefined && `HTTP ${parsed.status}`, parsed.requestId && `request id ${parsed.requestId}`].filter(Boolean).join(', ');
  return {
    known: false, id: 'unknown', title: 'Unrecognised failure reason', message: msg,
    cause: `This message is not in the catalogue, so no cause is guessed${msg ? `: "${msg.length > 500 ? `${msg.slice(0, 500)}…` : msg}"` : ''}.${said ? ` What the text does say: ${said}.` : ''}`,
    fix: genericNextSteps(known),
    checks: ['data-exists', 'bucket-region', 'bucket-policy', 'role-trust', 'role-s3-access', 'kms', 'data-valid'],
    captured: facts,
  };
}

/** Pasted error text (any wrapper) → its parsed facts and the entry they match. Never throws. */
export function diagnoseText(input: unknown): { parsed: ParsedError; match: MatchResult } {
  let text = input;
  // (what the text says itself — a location, a dataset ARN — fills in the fix's commands; the rest stay placeholders)
  const unwrapped = typeof text === 'string' ? unwrapTerminal(text) : undefined;
  const known = typeof text === 'string' ? factsInText(unwrapped?.text ?? text) : {};
  let parsed = parsePasted(text);
  let match = matchParsed(parsed, known);
  // a text copied out of a terminal that hard-wrapped it at its width (a line break in the middle of
  // an operation name, an ARN, a bucket): read with those breaks taken out, unless that matches
  // nothing where the text as written did (rank is no guide here: as written, a log's cut first
  // error may not be read at all, and its second error match a more specific entry)
  if (unwrapped) {
    const joined = parsePasted(unwrapped.text);
    const other = matchParsed(joined, known);
    if (other.known || !match.known) {
      text = unwrapped.text;
      parsed = { ...joined, unwrapped: unwrapped.width };
      match = other;
    }
  }
  // a message copied from a terminal that hard-wrapped it is cut mid-word ("… at least 2 inter" /
  // "actions each."): read with such breaks closed too, and take that reading when it matches a more
  // specific entry (a break between two words closed instead only ever reads worse)
  if (typeof text === 'string' && MID_WORD_BREAK.test(text)) {
    const joined = parsePasted(text.replace(new RegExp(MID_WORD_BREAK.source, 'g'), '$1$2'));
    const other = matchParsed(joined, known);
    if (other.known && rank(other) < rank(match)) return { parsed: { ...joined, ...(parsed.unwrapped ? { unwrapped: parsed.unwrapped } : {}) }, match: other };
  }
  // a retyped text: read with its slips respelled, taken when that finds a more specific entry
  if (typeof text === 'string' && rank(match) > 0) {
    const other = respelledReading(text, parsed, known);
    if (other && rank(other.match) < rank(match)) return { ...other, parsed: { ...other.parsed, ...(match.known ? { asWritten: match.title } : {}), ...(parsed.unwrapped ? { unwrapped: parsed.unwrapped } : {}) } };
  }
  return { parsed, match };
}

let vocabulary: Set<string> | undefined;

/**
 * A text read with its slips respelled (spelling.ts): a retyped message ("Insufficent privileges …")
 * that matched nothing, or only a broader entry, as written then finds its own. A respelled word that ends up
 * in a value the entry captures (an event type, a bucket) is kept as written and the text read
 * again: the value is the customer's, not a slip.
 */
function respelledReading(text: string, asWritten: ParsedError, known: JobFacts): { parsed: ParsedError; match: MatchResult } | undefined {
  vocabulary ??= vocabularyOf(RULES.flatMap((r) => r.examples));
  const keep = new Set<string>();
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = respell(text, vocabulary, keep);
    if (!r.fixes.length) return undefined;
    const parsed = parsePasted(r.text);
    const match = matchParsed(parsed, known);
    if (!match.known) return undefined;
    // (a slip in a word the entry looks at, in a text that matched a less specific one as written)
    const values = Object.values(match.captured).join('\n');
    const inValues = r.fixes.filter((f) => new RegExp(`\\b${f.to}\\b`).test(values));
    // (the message shown is the one pasted; the words read otherwise are listed beside it)
    if (!inValues.length) return { parsed: { ...parsed, message: asWritten.message, respelled: r.fixes }, match: { ...match, message: asWritten.message } };
    for (const f of inValues) keep.add(f.from.toLowerCase());
  }
  return undefined;
}

const MID_WORD_BREAK = /([a-z])\r?\n([a-z])/;
const rank = (m: MatchResult) => (m.known ? RULES.findIndex((r) => r.id === m.id) : RULES.length);

/**
 * A job's failureReason (or any service message) → the catalogue entry it matches, or an
 * explicit unknown. The same parser as for pasted text: a reason that carries a wrapper is read too.
 * `known`: the job's facts (factsOfJob), which fill in the fix's commands.
 */
export function matchFailure(reason: string | undefined, known: JobFacts = {}): MatchResult {
  return matchParsed(parsePasted(reason ?? '', true), known);
}

// ---- errors thrown synchronously by CreateDatasetImportJob (or another call) -----------------------

export interface CreateErrorLike {
  /** AWS error name ("LimitExceededException"); AppError.awsName or an SDK error's name */
  name?: string;
  awsName?: string;
  message?: string;
  /** the denied IAM action, when known (AppError.action) */
  action?: string;
}

/** An error from a create call (SDK error or the AppError src/aws made of it) → catalogue entry. */
export function matchCreateError(e: CreateErrorLike | unknown, operation = 'CreateDatasetImportJob'): MatchResult {
  const err = (e ?? {}) as CreateErrorLike;
  const rawName = err.awsName ?? (err.name && err.name !== 'AppError' && err.name !== 'Error' ? err.name : undefined);
  const inner = parsePasted(String(err.message ?? ''));
  const action = err.action && !/not\s+authorized\s+to\s+perform/i.test(inner.message) ? ` (not authorized to perform: ${err.action})` : '';
  return matchParsed({ ...inner, name: rawName ?? inner.name, operation: inner.operation ?? operation, message: `${inner.message}${action}` });
}

// ---- the header a failure can be checked against ---------------------------------------------------

/**
 * "Input CSV is missing the following columns: [USER_ID, …]" read against the file's header: when a
 * missing column is in the header with other case, say so — that, not "add the column", is the fix.
 */
export function withHeader(match: MatchResult, header: string[] | undefined): MatchResult {
  if (!match.known || match.id !== 'missing-columns' || !header?.length) return match;
  const missing = (match.captured.columns ?? '').split(',').filter(Boolean);
  const names = header.map((h) => h.replace(/^\uFEFF/, '').trim().replace(/^"|"$/g, ''));
  const pairs = missing.map((m) => [m, names.find((h) => h !== m && h.toLowerCase() === m.toLowerCase())] as const).filter((p): p is readonly [string, string] => Boolean(p[1]));
  if (pairs.length) {
    const renames = pairs.map(([want, got]) => `${got} → ${want}`).join(', ');
    const rest = missing.filter((m) => !pairs.some(([w]) => w === m));
    return {
      ...match,
      id: 'missing-columns',
      title: 'The CSV header names differ only in case',
      cause: `The header names differ only in case: the file has ${pairs.map(([, got]) => got).join(', ')} where the schema says ${pairs.map(([w]) => w).join(', ')}. Header names must match the schema exactly, case included, so the service reports them as missing.` +
        (rest.length ? ` ${rest.join(', ')} ${rest.length === 1 ? 'is' : 'are'} really absent.` : ''),
      fix: `Rename the header (${renames})${rest.length ? ` and add ${rest.join(', ')}` : ''} — only the first line changes; the data stays as it is. Then upload the file again and create a new import job.`,
      captured: { ...match.captured, caseOnly: pairs.map(([want, got]) => `${got}=${want}`).join(','), header: names.join(',') },
    };
  }
  const present = missing.filter((m) => names.includes(m));
  return {
    ...match,
    cause: `The file's header (${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}) has no column ${missing.filter((m) => !present.includes(m)).join(', ') || missing.join(', ')}, not even with other case. ` +
      'The column is missing, or a byte-order mark / different delimiter hides it.',
    fix: `Add ${missing.join(', ')} to the header (and the values to every row), or import into a dataset whose schema matches the file.`,
    captured: { ...match.captured, header: names.join(',') },
  };
}

// ---- listings for docs and tests ------------------------------------------------------------------

/** Every catalogue entry id, for docs and tests. */
export const CATALOGUE_IDS: readonly string[] = RULES.map((r) => r.id);

/** Real-looking pasted texts per entry (docs, tests): each matches its own entry. */
export const CATALOGUE_EXAMPLES: readonly { id: string; example: string }[] = RULES.flatMap((r) => r.examples.map((example) => ({ id: r.id, example })));

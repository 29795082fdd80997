// When record-by-record import is offered, and what the user is told about it (PERSONALIZE-FACTS.md,
// "Importing individual records" and "After an import").
import type { DatasetType, Domain } from '../core/resources.js';
import type { ValidationReport } from '../validate/engine.js';
import { isSupportedType } from './convert.js';
import { DEFAULT_RATES } from './send.js';
import type { UnknownResume } from './run.js';

/**
 * "Small file": at most 1000 records. Why 1000:
 * - time: 1000 users or items are 100 PutUsers/PutItems calls, about 13 s at our 8 calls/s, while a
 *   bulk job needs an S3 upload, a role and minutes of waiting (10+ is common); at 10,000 records the
 *   individual path takes ~2 min and the bulk job is the simpler one to audit and repeat;
 * - interactions: a bulk import of fewer than 1000 interactions fails (the service's minimum), so
 *   below it record-by-record is the only way in;
 * - the report: a per-record results file stays readable at this size.
 * Always offered (whatever the size) for a dataset that already holds bulk data: there the choice is
 * between adding to it and replacing it (FULL), and individual records add without replacing.
 */
export const SMALL_FILE_RECORDS = 1000;

export interface OfferInput {
  datasetType: DatasetType;
  /** records in the file (validation's row count) */
  records: number;
  /** the dataset already holds bulk data (a bulk import finished) */
  hasBulkData: boolean;
  /** interactions: distinct users (PutEvents takes one user's session a call, so at least one call each) */
  users?: number;
}

export function offerIndividually(x: OfferInput): { offer: boolean; why: string } {
  if (!isSupportedType(x.datasetType)) return { offer: false, why: `${x.datasetType} datasets take bulk imports only here (PutActions / PutActionInteractions are not supported yet).` };
  if (x.records <= SMALL_FILE_RECORDS) return { offer: true, why: `${x.records} record${x.records === 1 ? '' : 's'}: small enough to send record by record in ${describeDuration(x.datasetType, x.records, x.users)}${trackerFirst(x.datasetType)}.` };
  if (x.hasBulkData) return { offer: true, why: `The dataset already holds bulk data: individual records add to it (${describeDuration(x.datasetType, x.records, x.users)}${trackerFirst(x.datasetType)}).` };
  return { offer: false, why: `${x.records} records: more than ${SMALL_FILE_RECORDS}, a bulk import job is the better way in.` };
}

/**
 * How long the sending takes, roughly. Interactions: one user's session a PutEvents call, so at
 * least one call per user; the event tracker found or created first is said apart (trackerFirst):
 * "about 1 s" took several when the tracker had to be created (#16 item 13).
 */
export function describeDuration(type: DatasetType, records: number, users?: number): string {
  if (!isSupportedType(type)) return '';
  const calls = Math.max(Math.ceil(records / 10), type === 'INTERACTIONS' ? (users ?? 0) : 0);
  const s = Math.max(1, Math.ceil(calls / DEFAULT_RATES[type].callsPerSecond));
  return s < 90 ? `about ${s} s` : `about ${Math.round(s / 60)} min`;
}

/** Interactions go through an event tracker, found or created before the sending starts. */
function trackerFirst(type: DatasetType): string {
  return type === 'INTERACTIONS' ? ' of sending, once the event tracker is found or created (creating one takes longer than that)' : '';
}

/** One line for a menu choice. */
export const CHOICE_LABEL = 'Import record by record (PutUsers / PutItems / PutEvents, no S3, seconds)';

/** What is different from a bulk import: shown before sending (`domain`: the dataset group's, when it has one). */
export function differenceText(type: DatasetType, domain?: Domain): string[] {
  const api = type === 'USERS' ? 'PutUsers' : type === 'ITEMS' ? 'PutItems' : 'PutEvents';
  return [
    `Record by record: ${api} calls of up to 10 records each, straight into the dataset — no S3 upload, no role, no import job.`,
    `Records imported this way are never replaced by a later FULL bulk import (a FULL import replaces only bulk data); ${type === 'INTERACTIONS'
      ? 'an event sent again is added, not replaced (events with the same EVENT_ID, or the same timestamp and properties, count once in training).'
      : `${type === 'USERS' ? 'a user' : 'an item'} with the same ID sent again replaces the earlier one.`}`,
    'Filters see the new records within about 15–20 minutes.',
    influenceText(type, domain),
  ];
}

/**
 * When the records count. A Domain group (ECOMMERCE, VIDEO_ON_DEMAND) has recommenders, which
 * Personalize retrains by itself on all the data every 7 days — no recipe, no solution version to
 * train (src/flow/next.ts says the same after a bulk import); "other recipes need a new solution
 * version" was said to such a group too.
 */
export function influenceText(type: DatasetType, domain?: Domain): string {
  if (domain) {
    const weekly = `(Personalize retrains your ${domain} recommenders on all the data every 7 days; no solution version to train)`;
    if (type === 'INTERACTIONS') return `Events for items the recommenders already know are used for recommendations right away; they learn from them fully (and from new items) at their next automatic retraining ${weekly}.`;
    if (type === 'ITEMS') return `New items: Top picks for you and Recommended for you add them within two hours; the other recommenders at their next automatic retraining ${weekly}.`;
    return `New users get popular items until they have interactions; their metadata is used at the recommenders' next automatic retraining ${weekly}.`;
  }
  if (type === 'INTERACTIONS') return 'Events for items the model already knows are used for recommendations right away; to learn from them fully (and for new items), train a new solution version.';
  if (type === 'ITEMS') return 'New items: User-Personalization picks them up in its update every two hours; other recipes need a new solution version.';
  return 'New users get popular items until they have interactions; their metadata is used once a new solution version is trained.';
}

export const TRACKER_TEXT = [
  'Interactions go in through an event tracker: a dataset group has one, and its tracking ID is what PutEvents takes.',
  'This dataset group has none yet, so one will be created (CreateEventTracker). It stays, for your application to send live events through later.',
];

/** Validation codes about bulk jobs only: they do not stop a record-by-record import. */
export const BULK_ONLY_CODES = new Set(['TOO_FEW_INTERACTIONS', 'TOO_FEW_ACTIVE_USERS', 'SIZE_LIMIT', 'FEW_INTERACTIONS_FOR_QUALITY']);

/**
 * Is the record-by-record choice offered for this validated local file (the wizard, plain mode)?
 * Only for small files (≤ 1000 records, SMALL_FILE_RECORDS) and files only the bulk minimums
 * reject: a bigger file over existing bulk data would put a choice in front of every repeat import
 * (a saved profile's few keys); `import --individually` takes any size.
 */
export function recordsOffered(p: { datasetType?: DatasetType; report?: ValidationReport; hasBulkData?: boolean; local: boolean; available: boolean }): boolean {
  if (!p.available || !p.local || !p.datasetType || !p.report || !isSupportedType(p.datasetType)) return false;
  if (p.report.errors.some((e) => !BULK_ONLY_CODES.has(e.code))) return false;
  return p.report.rows <= SMALL_FILE_RECORDS;
}

/** Why the earlier run left records unknown, as the resume's lines say it. */
export function lastTimeText(cause: UnknownResume['cause']): string {
  if (cause === 'no-answer') return 'left without an answer last time';
  if (cause === 'both') return 'in flight at the last Ctrl-C or left without an answer';
  return 'in flight at the last Ctrl-C';
}

/**
 * What a resume does with the records whose outcome was unknown (in flight at the earlier run's
 * Ctrl-C, or its calls ended without an answer: a dropped connection, a 5xx). Sent again by default: users and items are replaced by ID; an event with an EVENT_ID is
 * trained on once; two events with the same timestamp and identical properties are kept once (the
 * service's documented rule, PERSONALIZE-FACTS.md "Duplicates") — and a resent event is the same CSV
 * line sent the same way. What is left (the service not treating them as identical) is said with its
 * bound: at most that many events twice. --skip-unknown leaves them out instead.
 */
export function unknownResumeText(type: DatasetType, u: UnknownResume, resumeCmd: string): string[] {
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  const are = (k: number) => (k === 1 ? 'is' : 'are');
  const what = type === 'USERS' ? 'user' : type === 'ITEMS' ? 'item' : 'event';
  const out: string[] = [];
  const why = lastTimeText(u.cause);
  if (u.heldBack) {
    out.push(`${n(u.heldBack, what)} ${why} (outcome unknown: may have gone in) ${are(u.heldBack)} left out (--skip-unknown): any that did not go in is still missing; the report keeps ${u.heldBack === 1 ? 'it' : 'them'} as unknown.`);
    return out;
  }
  if (!u.resent) return out;
  if (type !== 'INTERACTIONS') {
    out.push(`${n(u.resent, what)} ${why} (outcome unknown) ${are(u.resent)} sent again: harmless, ${type === 'USERS' ? 'PutUsers' : 'PutItems'} replaces a record with the same ID.`);
    return out;
  }
  const withId = u.resent - u.mayDuplicate;
  if (withId) out.push(`${n(withId, 'event')} ${why} (outcome unknown) ${are(withId)} sent again: harmless, ${withId === 1 ? 'it carries' : 'they carry'} an EVENT_ID and Personalize trains on the first event with an ID only.`);
  if (u.mayDuplicate) {
    const k = u.mayDuplicate;
    out.push(`${n(k, 'event')} ${why} (outcome unknown: may have gone in) ${are(k)} sent again, the same CSV line${k === 1 ? '' : 's'} sent the same way. Personalize keeps one of two events with the same timestamp and properties, so none should be in twice; if ${k === 1 ? 'it were' : 'they were'} not treated as identical, at most ${n(k, 'event')} would be duplicated (no API removes one).`);
    out.push(`To leave them out instead (they stay unknown in the report): ${resumeCmd} --skip-unknown`);
  }
  return out;
}

/** Under the "n records' outcome unknown" line of a run: what a --resume will do with them. */
export function unknownAdvice(type: DatasetType): string {
  return type === 'INTERACTIONS'
    ? 'A --resume sends them again: Personalize keeps one of two identical events (same timestamp and properties); --skip-unknown leaves them out.'
    : 'A --resume sends them again: harmless, a record with the same ID replaces the earlier one.';
}

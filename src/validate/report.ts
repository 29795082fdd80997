// The report: the file-wide checks made once every source is read (too few interactions or active
// users, too many event types, sparse columns, one timestamp for all), the stats, and what is
// approximate and why.
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';
import { domainEventFinding } from './domain-events.js';
import type { IssueCollector } from './issues.js';
import { activeUsersFinding } from './modes.js';
import { MAX_EVENT_TYPES_TRACKED, type Totals } from './totals.js';
import type { ValidationReport, ValidationStats } from './types.js';
import { iso } from './values.js';
import { SKETCH_ERROR, sketchEstimate } from './sketch.js';
import { dotZeroMessage, returnsMessage } from './returns.js';
import { paddedMessage } from './padded-ids.js';
import { serialMessage } from './serial-dates.js';
import { scientificMessage } from './scientific-ids.js';
import { withCommas } from '../core/with-commas.js';

/** what the run over the sources gives the report besides the totals */
export interface RunSummary {
  type: DatasetType;
  mode: ImportMode;
  files: number;
  bytes: number;
  rows: number;
  /** when the run started (Date.now()) */
  t0: number;
  /** the Domain group's domain (its recommenders' event types are checked) */
  domain?: Domain;
}

/** the report of a run: the file-wide checks added to `iss`, then errors, warnings and stats */
export function buildReport(totals: Totals, iss: IssueCollector, run: RunSummary): ValidationReport {
  const { type, mode, rows, bytes, t0 } = run;
  // file-wide checks
  const active = { users: 0, active: 0, min: 0, median: 0, max: 0 };
  if (totals.hasUsers) Object.assign(active, countSummary(totals.users));
  // an overflowed users table holds only some users: its counts are lower bounds, not verdicts
  const lowerBound = totals.hasUsers && totals.users.saturated;
  // an unreadable file's only finding is why (counting its records short would only add noise)
  if (type === 'INTERACTIONS' && !totals.unreadable) {
    if (rows < 1000) {
      // numbers written one way everywhere ("1,200 rows", not "1200 interactions": #16 item 19)
      iss.report('TOO_FEW_INTERACTIONS', `The file has ${withCommas(rows)} interaction record${rows === 1 ? '' : 's'}; every import job into an Interactions dataset needs at least 1,000. Add more interactions before importing.`);
    } else if (totals.hasUsers && (rows < 50000 || active.users < 1000)) {
      iss.report('FEW_INTERACTIONS_FOR_QUALITY', `The data has ${withCommas(rows)} interactions from ${withCommas(active.users)} users; Personalize's data insights recommend at least 50,000 interactions and 1,000 users for good recommendations.`);
    }
    if (totals.hasUsers && active.active < 25 && rows > 0) {
      const f = activeUsersFinding(active.active, mode, lowerBound)!;
      iss.report(f.code, f.message, undefined, f.column, f.severity);
    }
    const nTypes = totals.eventTypes.length;
    const nMeta = totals.metadataColumns.size;
    if (nTypes + nMeta > 10) {
      iss.report('TOO_MANY_EVENT_TYPES', `The data has ${totals.eventTypesOverflow ? `more than ${nTypes}` : nTypes} distinct event types and ${nMeta} optional metadata column${nMeta === 1 ? '' : 's'}; Personalize allows at most 10 together. Merge event types or drop columns.`, undefined, 'EVENT_TYPE');
    }
    // (an overflowed list may lack a type only because it was not counted)
    const byDomain = totals.eventTypesOverflow ? undefined : domainEventFinding(run.domain, [...totals.eventTypes].sort((a, b) => b.count - a.count));
    if (byDomain) iss.report(byDomain.code, byDomain.message, undefined, 'EVENT_TYPE');
  }
  // data insights
  const columns: ValidationStats['columns'] = [];
  for (const [name, col] of totals.columns) {
    const completeness = col.rows > 0 ? col.nonEmpty / col.rows : 1;
    columns.push({ name, nonEmpty: col.nonEmpty, completeness: Math.round(completeness * 10000) / 10000 });
    if (col.rows === 0) continue;
    if (col.textual && completeness < 0.85) {
      iss.report('SPARSE_TEXTUAL', `Column ${name} is filled in ${pct(completeness)} of records; Personalize recommends textual fields at least 85 % complete. Fill in more descriptions.`, undefined, name);
    } else if (completeness < 0.7) {
      iss.report('SPARSE_COLUMN', `Column ${name} is filled in ${pct(completeness)} of records; Personalize's data insights flag columns under 70 % complete. Fill it in or drop it.`, undefined, name);
    }
  }
  // IDs written as decimals (13085.0) in every value of a column; returns and cancellations given as interactions
  for (const [name, col] of totals.columns) {
    const dz = col.dotZero;
    if (dz?.first && dz.count === col.nonEmpty) inFile(iss, dz.first.file, () => iss.report('ID_DECIMAL', dotZeroMessage(name, col.idRole ?? 'record', dz as Required<typeof dz>), dz.first!.line, name));
    // " 123" beside "123": IDs with spaces around them (padded-ids.ts)
    const pd = col.padded;
    if (pd?.first) inFile(iss, pd.first.file, () => iss.report('ID_SPACES', paddedMessage(name, col.idRole ?? 'record', pd as Required<typeof pd>), pd.first!.line, name));
    // 45000.5208: a spreadsheet's dates in every value of a timestamp column (serial-dates.ts)
    // 1.00001E+11: IDs a spreadsheet rounded (scientific-ids.ts)
    const sc = col.scientific;
    if (sc?.first) inFile(iss, sc.first.file, () => iss.report('ID_SCIENTIFIC', scientificMessage(name, col.idRole ?? 'record', sc as Required<typeof sc>), sc.first!.line, name));
    const sd = col.serial;
    if (sd?.first && sd.count === col.nonEmpty) inFile(iss, sd.first.file, () => iss.report('TIMESTAMP_SERIAL', serialMessage(name, sd as Required<typeof sd>), sd.first!.line, name));
  }
  const ret = totals.returns;
  // (an EVENT_TYPE column with several values may already tell them apart)
  if (ret.rows > 0 && ret.first && totals.eventTypes.length <= 1) inFile(iss, ret.first.file, () => iss.report('ORDERS_NOT_BOUGHT', returnsMessage(ret), ret.first!.line, ret.negative ? ret.quantityColumn : ret.invoiceColumn));
  if (rows >= 2 && totals.tsMin === totals.tsMax && totals.tsMin !== Infinity && !totals.unreadable) {
    iss.report('SAME_TIMESTAMP', `Every record has the same timestamp (${totals.tsMin}, ${iso(totals.tsMin)}). Personalize learns from the order of events: use the time each event happened.`, undefined, type === 'INTERACTIONS' || type === 'ACTION_INTERACTIONS' ? 'TIMESTAMP' : undefined);
  }

  const { errors, warnings } = iss.result();
  const stats: ValidationStats = {
    files: run.files,
    bytes,
    rows,
    blankLines: totals.blankLines,
    columns,
    issueCounts: iss.totals(),
    elapsedMs: Date.now() - t0,
  };
  if (totals.hasUsers) {
    // beyond the table: the HyperLogLog estimate of every user counted (never under what the table holds)
    stats.uniqueUsers = lowerBound ? Math.max(active.users, Math.round(sketchEstimate(totals.users.sketch))) : active.users;
    if (type === 'INTERACTIONS' || type === 'ACTION_INTERACTIONS') {
      stats.usersWithAtLeast2Interactions = active.active;
      if (lowerBound) stats.activeUsersLowerBound = true;
      stats.interactionsPerUser = { min: active.min, median: active.median, max: active.max };
    }
  }
  const itemsFull = totals.hasItems && totals.items.saturated;
  if (totals.hasItems) stats.uniqueItems = itemsFull ? Math.max(totals.items.size, Math.round(sketchEstimate(totals.items.sketch))) : totals.items.size;
  if (totals.eventTypes.length > 0) stats.eventTypes = totals.eventTypes.map((e) => ({ name: e.name, count: e.count })).sort((a, b) => b.count - a.count);
  if (totals.tsMin !== Infinity) stats.timestamp = { min: totals.tsMin, max: totals.tsMax, minIso: iso(totals.tsMin), maxIso: iso(totals.tsMax) };
  const reasons: string[] = [];
  const err = `±${(SKETCH_ERROR * 100).toFixed(1)} % (one standard error; ±${(SKETCH_ERROR * 300).toFixed(1)} % at three)`;
  if (lowerBound) reasons.push(`More distinct users than the users table holds (${withCommas(totals.users.size)}): the user count is a HyperLogLog estimate, ${err}; users with 2 or more interactions and interactions per user count only the users in the table (a lower bound).`);
  if (itemsFull) reasons.push(`More distinct items than the items table holds (${withCommas(totals.items.size)}): the item count is a HyperLogLog estimate, ${err}.`);
  if (totals.duplicatesSaturated) reasons.push('Duplicates are checked among the first records only (about 12.5 million, 6 million a thread): repeats of later records are not found.');
  if (totals.duplicatesAcrossParts > 0) reasons.push('The file was checked in two parts at once: repeats of a line of the other part are counted, not located.');
  if (totals.eventTypesOverflow) reasons.push(`More than ${MAX_EVENT_TYPES_TRACKED} event types: only the first ${MAX_EVENT_TYPES_TRACKED} are counted.`);
  if (reasons.length) {
    stats.approximate = true;
    stats.approximateReasons = reasons;
  }
  return { valid: errors.length === 0, rows, datasetType: type, mode, errors, warnings, stats };
}

/**
 * Users, users with 2 or more rows, and min / median / max rows a user, from the users table:
 * counts below 4096 are tallied (no sort of 200 k numbers), larger ones sorted.
 */
export function countSummary(users: { forEachCount(fn: (n: number) => void): void }): { users: number; active: number; min: number; median: number; max: number } {
  const SMALL = 4096;
  const tally = new Float64Array(SMALL);
  const big: number[] = [];
  let n = 0;
  users.forEachCount((c) => {
    n++;
    if (c < SMALL) tally[c]++;
    else big.push(c);
  });
  if (n === 0) return { users: 0, active: 0, min: 0, median: 0, max: 0 };
  big.sort((a, b) => a - b);
  /** the k-th smallest count (0-based) */
  const nth = (k: number): number => {
    for (let c = 0; c < SMALL; c++) {
      if (k < tally[c]) return c;
      k -= tally[c];
    }
    return big[k];
  };
  const mid = n >> 1;
  return {
    users: n,
    active: n - tally[0] - tally[1],
    min: nth(0),
    max: big.length > 0 ? big[big.length - 1] : nth(n - 1),
    median: n % 2 ? nth(mid) : (nth(mid - 1) + nth(mid)) / 2,
  };
}

/** reports as of `file` (several sources: the one the finding's line is in) */
function inFile(iss: IssueCollector, file: string | undefined, report: () => void): void {
  const was = iss.file;
  if (file !== undefined) iss.file = file;
  report();
  iss.file = was;
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10} %`;
}


// Errors and warnings as one list a face can show (issue #16 item 3): each error grouped by code,
// with the warning that explains it right under it (a header column `event` that is not in the
// schema beside the missing EVENT_TYPE), then the other warnings. Collapsed, the list fits a few
// lines and says what it leaves out; expanded, every finding is there. No React, no terminal: the
// Ink wizard, plain mode and `validate` all use it.
import { visibleText } from '../core/sanitize.js';
import type { Issue } from './issues.js';
import { aliasRank } from './aliases.js';
import { withCommas } from '../core/with-commas.js';

/** An error and the warnings that explain it. */
export interface FindingPair {
  error: Issue;
  related: { warning: Issue; why: string }[];
}

/** Upper case, letters and digits only: `event-type`, `Event Type` and `EVENT_TYPE` read the same. */
function squash(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

/** Whether a column the schema does not have is likely the missing one under another name. */
export function looksLike(extra: string, missing: string): boolean {
  const x = squash(extra);
  const m = squash(missing);
  if (!x || !m) return false;
  if (x === m) return true;
  // a name exports give the field (customer_id for USER_ID, event_name for EVENT_TYPE): the fixer renames it
  if (aliasRank(extra, missing.toUpperCase()) >= 0) return true;
  // `event` for EVENT_TYPE, `user` for USER_ID, `ts` is too short to say
  if (x.length >= 3 && (m.startsWith(x) || x.startsWith(m) || m.includes(x) || x.includes(m))) return true;
  return Math.min(x.length, m.length) >= 4 && distance(x, m) <= 2;
}

/** Each error with the warnings that explain it; the warnings left over are returned apart. */
export function pairFindings(errors: Issue[], warnings: Issue[]): { pairs: FindingPair[]; rest: Issue[] } {
  const used = new Set<Issue>();
  const pairs = errors.map((error) => {
    const related: FindingPair['related'] = [];
    if (error.code === 'HEADER_MISSING_COLUMN' && error.column) {
      // the likeliest one only (two columns that both spell TIMESTAMP: "rename each" would be wrong
      // advice): a known alias by its rank (event_timestamp before event_date), then a look-alike
      const field = error.column;
      // (its own name first: "Lineitem name" for LINEITEM_NAME, not "Name" before it; then the nearest)
      const rank = (c: string) => (squash(c) === squash(field) ? 0 : aliasRank(c, field.toUpperCase()) + 1 || 1000 + distance(squash(c), squash(field)));
      const best = warnings
        .filter((w) => !used.has(w) && w.code === 'HEADER_UNKNOWN_COLUMN' && w.column && looksLike(w.column, field))
        .sort((a, b) => rank(a.column!) - rank(b.column!))[0];
      if (best) {
        used.add(best);
        related.push({ warning: best, why: `probably ${field} under another name: rename the column ${best.column} to ${field}` });
      }
    }
    return { error, related };
  });
  return { pairs, rest: warnings.filter((w) => !used.has(w)) };
}

/** One line of the findings list. */
export interface FindingLine {
  text: string;
  tone: 'error' | 'warn' | 'related' | 'dim';
  /** columns to indent it by (its wrapped lines too): a related warning sits under its error */
  indent: number;
}

/**
 * Whether an issue's message names its column already ("Column EVENT_VALUE is filled in 19.5 % …",
 * "Line 1: column title is not in the schema …"): a "column X:" put before it said the column twice.
 */
export function namesColumn(i: Pick<Issue, 'column' | 'message'>): boolean {
  return !!i.column && new RegExp(`\\bcolumn ${i.column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'i').test(i.message);
}

function where(i: Issue): string {
  const bits = [i.file ? i.file.split('/').pop() : undefined, i.line !== undefined ? `line ${i.line}` : undefined, i.column && !namesColumn(i) ? `column ${i.column}` : undefined].filter(Boolean).join(', ');
  // the engine's messages often name the line already
  const named = i.line !== undefined && new RegExp(`\\bline ${i.line}\\b`, 'i').test(i.message);
  return bits && !named ? `${bits}: ` : '';
}

/** An issue as one readable line (control characters from the file escaped). */
export function issueText(i: Issue): string {
  return visibleText(`${where(i)}${i.message}`);
}

/** Per code: the first occurrence in full, the lines of the others, and the count in all. */
/** codes reported once a column, the count and the first line in the message (13085.0 IDs, IDs with spaces around them): each column's finding shown whole, not as another's "Also line N" */
export const PER_COLUMN: ReadonlySet<string> = new Set(['ID_DECIMAL', 'ID_SPACES', 'ID_SCIENTIFIC', 'TIMESTAMP_SERIAL']);

function grouped(list: Issue[]): { first: Issue; text: string }[] {
  const byCode = new Map<string, Issue[]>();
  for (const i of list) {
    const key = PER_COLUMN.has(i.code) ? `${i.code} ${i.column}` : i.code;
    byCode.set(key, [...(byCode.get(key) ?? []), i]);
  }
  return [...byCode.values()].map((same) => {
    const first = same[0];
    const others = same.slice(1).filter((i) => i.line !== undefined && i.line !== first.line).map((i) => i.line as number);
    const distinct = [...new Set(others)];
    const total = Math.max(first.count ?? same.length, same.length);
    // header findings are all on line 1: the other columns, not "Also lines 1, 1, 1" (#16 item 19)
    const cols = [...new Set(same.slice(1).filter((i) => i.line === first.line && i.column && i.column !== first.column).map((i) => visibleText(i.column!)))];
    const also = distinct.length
      ? ` Also line${distinct.length > 1 ? 's' : ''} ${distinct.slice(0, 6).join(', ')}${distinct.length > 6 ? ', …' : '.'}`
      : cols.length ? ` Also column${cols.length > 1 ? 's' : ''} ${cols.slice(0, 6).join(', ')}${cols.length > 6 ? ', …' : '.'}` : '';
    return { first, text: `${issueText(first)}${also}${total > 1 ? ` (${withCommas(total)} in all)` : ''}` };
  });
}

/**
 * The findings as lines: errors (each with its related warnings under it), then the other
 * warnings. `limit` keeps that many entries (an error with its related warnings is one entry) and
 * ends with what was left out; without it, everything.
 */
export function findingLines(errors: Issue[], warnings: Issue[], opts: { limit?: number } = {}): { lines: FindingLine[]; hidden: number } {
  const { pairs, rest } = pairFindings(errors, warnings);
  const entries: FindingLine[][] = [];
  // an error a warning explains is an entry of its own (grouped with others of its code, the
  // warning would sit under another column's error)
  const explained = pairs.filter((p) => p.related.length);
  const alone = new Set(explained.map((p) => p.error));
  for (const g of grouped(errors.filter((e) => !alone.has(e)))) entries.push([{ text: `✗ ${g.text}`, tone: 'error', indent: 0 }]);
  for (const p of explained) {
    entries.push([{ text: `✗ ${issueText(p.error)}`, tone: 'error', indent: 0 }, ...p.related.map((r) => ({ text: `↳ ! ${issueText(r.warning)} — ${r.why}.`, tone: 'related' as const, indent: 2 }))]);
  }
  // the explained errors first: they are the ones the related warning makes plain
  entries.sort((a, b) => Number(b.length > 1) - Number(a.length > 1));
  for (const g of grouped(rest)) entries.push([{ text: `! ${g.text}`, tone: 'warn', indent: 0 }]);
  const limit = opts.limit ?? entries.length;
  const shown = entries.slice(0, limit);
  const left = entries.slice(limit);
  const lines = shown.flat();
  if (left.length) {
    const e = left.filter((x) => x[0].tone === 'error').length;
    const w = left.length - e;
    const parts = [e ? `${e} more kind${e > 1 ? 's' : ''} of error` : '', w ? `${w}${e ? '' : ' more'} warning${w > 1 ? 's' : ''}` : ''].filter(Boolean);
    lines.push({ text: `… and ${parts.join(' and ')} not shown`, tone: 'dim', indent: 0 });
  }
  return { lines, hidden: left.length };
}

// The validation report as text (validate, validate --with, import and the plain face's lines):
// its own file so validate-group.ts and src/cli/flow-lines.ts need not import the validate command
// (validate.ts loads validate-group.ts, which imported this from it: an import circle).
import { visible } from '../core/sanitize.js';
import type { ValidationReport } from '../validate/engine.js';
import { issueTotal, type Issue } from '../validate/issues.js';
import { PER_COLUMN, namesColumn, pairFindings } from '../validate/findings.js';
import { withCommas } from '../core/with-commas.js';

export function fmtInt(n: number): string {
  return withCommas(n);
}

/**
 * The readable report: summary first, then each problem with the line to fix. `jsonHint` false: no
 * "--json lists …" (the wizard has no --json).
 */
export function renderReport(r: ValidationReport, input: string, notes: string[] = [], o: { jsonHint?: boolean } = {}): string {
  const lines: string[] = [];
  const count = (list: Issue[]) => issueTotal(list, r.stats.issueCounts);
  const nErr = count(r.errors);
  const nWarn = count(r.warnings);
  // everything from the file (header names, values in messages, event types, file names) is shown
  // with its control characters escaped
  lines.push(`${r.valid ? '✓ valid' : '✗ invalid'}: ${visible(input)} — ${fmtInt(r.rows)} rows, ${fmtInt(nErr)} error${nErr === 1 ? '' : 's'}, ${fmtInt(nWarn)} warning${nWarn === 1 ? '' : 's'} (${r.datasetType}, ${r.mode})`);
  for (const n of notes) lines.push(`  ${visible(n)}`);
  const s = r.stats;
  const facts: string[] = [];
  if (s.uniqueUsers !== undefined) facts.push(`${fmtInt(s.uniqueUsers)} users${s.usersWithAtLeast2Interactions !== undefined ? ` (${fmtInt(s.usersWithAtLeast2Interactions)} with ≥ 2 interactions)` : ''}`);
  if (s.uniqueItems !== undefined) facts.push(`${fmtInt(s.uniqueItems)} items`);
  if (s.interactionsPerUser) facts.push(`interactions per user min ${s.interactionsPerUser.min} / median ${s.interactionsPerUser.median} / max ${s.interactionsPerUser.max}`);
  if (facts.length) lines.push(`  ${facts.join(' · ')}`);
  if (s.timestamp) lines.push(`  timestamps ${s.timestamp.minIso} … ${s.timestamp.maxIso}`);
  if (s.eventTypes?.length) lines.push(`  event types: ${s.eventTypes.slice(0, 10).map((x) => `${visible(x.name)} ${fmtInt(x.count)}`).join(', ')}${s.eventTypes.length > 10 ? ', …' : ''}`);
  for (const why of s.approximateReasons ?? []) lines.push(`  approximate: ${visible(why)}`);
  // a warning that explains an error goes beside it, not in the list below (issue #16 item 3)
  const { pairs, rest } = pairFindings(r.errors, r.warnings);
  const related = new Map(pairs.map((x) => [x.error, x.related]));
  const one = (i: Issue) => {
    // the location is already in the prefix: don't repeat it
    const msg = i.line !== undefined ? i.message.replace(/^Line \d+(?: \(the header\))?(?:, column [^:]+)?: /, '') : i.message;
    // nor the column in the prefix when the message names it ("SPARSE_COLUMN (EVENT_VALUE): Column EVENT_VALUE is …")
    const where = visible([i.file, i.line !== undefined ? `line ${i.line}` : undefined, namesColumn({ column: i.column, message: msg }) ? undefined : i.column].filter(Boolean).join(', '));
    return `${i.code}${where ? ` (${where})` : ''}: ${visible(msg)}`;
  };
  const section = (title: string, list: Issue[]) => {
    if (!list.length) return;
    lines.push('', title);
    // per code: the first occurrence in full (and any others on its line: the header's columns),
    // the rest as their line numbers — not 20 lines saying the same thing (#16 item 19); --json lists each
    const codes = [...new Set(list.map((i) => i.code))];
    for (const code of codes) {
      const same = list.filter((i) => i.code === code);
      const first = same[0];
      // (a finding a column — 13085.0 IDs, IDs with spaces around them — each in full: findings.ts)
      const full = same.filter((i) => i === first || (i.line !== undefined && i.line === first.line) || related.get(i)?.length || PER_COLUMN.has(code));
      const rest = same.filter((i) => !full.includes(i));
      for (const i of full) {
        lines.push(`  ${one(i)}`);
        for (const x of related.get(i) ?? []) lines.push(`    ↳ warning ${one(x.warning)} — ${x.why}.`);
      }
      const total = Math.max(first.count ?? same.length, same.length);
      const at = rest.filter((i) => i.line !== undefined).map((i) => fmtInt(i.line!));
      const listed = at.slice(0, 12);
      const more = total - full.length - listed.length;
      if (at.length) lines.push(`    also line${at.length > 1 ? 's' : ''} ${listed.join(', ')}${more > 0 ? ` and ${fmtInt(more)} more (${fmtInt(total)} in all${o.jsonHint === false ? '' : `; --json lists the first ${fmtInt(same.length)}`})` : ''}`);
      else if (total > full.length) lines.push(`    … ${fmtInt(total - full.length)} more ${code} not listed (${fmtInt(total)} in all)`);
    }
  };
  section('Errors', r.errors);
  section('Warnings', rest);
  return `${lines.join('\n')}\n`;
}

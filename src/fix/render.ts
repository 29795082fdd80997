// The fix summary as text (the CLI prints it; the wizard can show it as is): what was written, each
// kind of change with how many rows/values and one before → after example, the rejects, the
// validation of the output. Text from the file is escaped already (values.ts `shown`).
import type { FixResult } from './fix.js';
import { KEPT_FLAGS, shown } from './values.js';
import { storeViewGroup } from './store-views.js';
import { idRole } from '../validate/returns.js';
import { withCommas } from '../core/with-commas.js';

const n = (x: number) => withCommas(x);
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

/** a value whose edges are spaces (or that is empty) is shown in quotes, so the spaces can be seen */
/** changes counted in whole lines, the header's included */
const WHOLE_LINES = new Set(['header', 'bom', 'encoding', 'windows-1252', 'line-ends', 'separator']);

const edge = (v: string) => (v === '' || /^\s|\s$/.test(v) ? `"${v}"` : v);

/** `flow`: for the wizard and `import` (their next step asks or says what happens to the columns kept): no `fix` flags named */
export function renderSummary(r: FixResult, o: { flow?: boolean } = {}): string {
  const s = r.summary;
  const lines: string[] = [];
  if (r.problem) {
    lines.push(`✗ not fixed: ${shown(s.input, 200)} — ${r.problem}`);
    lines.push(/no column for/.test(r.problem) ? '  → Name the column with --map column=FIELD (e.g. --map customer=USER_ID). Nothing was written.' : '  Nothing was written.');
    return `${lines.join('\n')}\n`;
  }
  if (!r.output) {
    lines.push(`✗ not fixed: ${shown(s.input, 200)} — ${plural(s.rejected, 'row')} cannot be fixed without guessing; nothing was written.`);
  } else {
    const valid = r.report?.valid;
    lines.push(`${r.fixed ? '✓ fixed' : valid ? '✓ written' : '✗ written but still invalid'}: ${shown(s.output, 200)} — ${plural(s.written, 'row')} from ${plural(s.rows, 'row')} of ${shown(s.input, 200)}${r.report ? `, ${valid ? 'valid' : `${plural(r.report.errors.length, 'error')} left`}` : ''}`);
  }
  lines.push(`  read as ${s.encoding}, separated by ${s.separator === 'tab' ? 'tabs' : `"${s.separator}"`}`);
  if (s.changes.length === 0) lines.push('  no changes: the file was already in Personalize’s format');
  else lines.push('', 'Changes');
  for (const c of s.changes) {
    // a change of whole lines counts the header line too: "lines", not "rows" (1,298 lines of a file of 1,297 rows)
    const counts = c.values ? `${plural(c.values, 'value')} in ${plural(c.rows, 'row')}` : plural(c.rows, WHOLE_LINES.has(c.kind) ? 'line' : 'row');
    // one column's missing-value markers: "PRICE: 122 missing-value markers (NULL, n/a, N/A) written empty"
    if (c.kind === 'empty-rows' || c.kind === 'blank-lines') lines.push(`  ${plural(c.rows, c.kind === 'blank-lines' ? 'blank line' : 'empty row')}${c.kind === 'empty-rows' ? ' (only separators)' : ''} left out`);
    else if (c.kind === 'missing-marker') lines.push(`  ${shown(c.column ?? '', 60)}: ${n(c.values)} ${c.values === 1 ? c.label.replace('markers', 'marker') : c.label}`);
    else lines.push(`  ${c.label}: ${counts}`);
    // an ID trimmed: what it would have been to Personalize (" 123" and 123: two users)
    const role = c.kind === 'trimmed' && c.example?.column ? idRole(c.example.column) : undefined;
    if (c.example) lines.push(`    e.g. ${c.example.lines ? `lines ${c.example.line}–${c.example.line + c.example.lines - 1}` : `line ${c.example.line}`}${c.example.column ? `, ${c.example.column}` : ''}: ${edge(c.example.before)} → ${edge(c.example.after)}${role ? ` (imported as written, ${edge(c.example.before)} would have been another ${role} than ${c.example.after})` : ''}`);
  }
  if (s.assumedUtc) {
    const ex = s.assumedUtc.example;
    lines.push('', `Assumed: ${plural(s.assumedUtc.values, 'date')} named no time zone and were read as UTC${ex ? ` (line ${ex.line}: ${ex.before} → ${ex.after})` : ''}. If they are local times, convert them yourself first.`);
  }
  for (const note of s.notes.filter((x) => !/read as UTC/.test(x))) lines.push(`  ${o.flow ? note.replace(KEPT_FLAGS, '') : note}`);
  if (s.rejected > 0) {
    lines.push('', `Rejected: ${plural(s.rejected, 'row')}${r.rejects.file ? `, written to ${shown(r.rejects.file, 200)} with their line numbers` : ''}`);
    const { lines: listed, rows } = rejectLines(r.rejects.listed, 20);
    lines.push(...listed);
    if (s.rejected > rows) lines.push(`  … ${n(s.rejected - rows)} more`);
    if (!r.rejects.file) lines.push('  → Fix those lines, or pass --rejects rejects.csv to write the other rows and set these aside.');
  }
  if (r.report && !r.report.valid) {
    lines.push('', 'Still invalid (line numbers are the input’s):');
    for (const i of r.report.errors.slice(0, 20)) lines.push(`  ${i.code}${i.line !== undefined ? ` (line ${i.line})` : ''}: ${shown(i.message.replace(/^Line \d+(?: \(the header\))?(?:, column [^:]+)?: /, ''), 300)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The rejects listed, at most `max` lines: rows rejected for the same reason share one line ("lines
 * 2, 39, 76, 113, 150 and 33 more: USER_ID is empty, …" — an order export's guest checkouts were 20
 * lines of one sentence), in the order their first row comes. `rows`: how many rows the lines cover.
 */
export function rejectLines(listed: readonly { line: number; reason: string }[], max: number): { lines: string[]; rows: number } {
  // (a Magento export's store-view rows: one reason each — the sku, its default row — grouped by their view)
  const groups = new Map<string, { at: number[]; reason: string; label?: (lines: number) => string }>();
  for (const x of listed) {
    const view = storeViewGroup(x.reason);
    const key = view?.key ?? x.reason;
    const g = groups.get(key);
    if (g) g.at.push(x.line);
    else groups.set(key, { at: [x.line], reason: x.reason, ...(view ? { label: view.label } : {}) });
  }
  const out: string[] = [];
  let rows = 0;
  for (const { at, reason, label } of groups.values()) {
    if (out.length === max) break;
    rows += at.length;
    const first = at.slice(0, 5).join(', ');
    const where = at.length === 1 ? `line ${first}` : at.length <= 5 ? `lines ${first}` : `lines ${first} and ${n(at.length - 5)} more`;
    out.push(`  ${where}: ${shown(label ? label(at.length) : reason, 200)}`);
  }
  return { lines: out, rows };
}
